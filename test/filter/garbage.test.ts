import assert from 'node:assert/strict';
import {describe, it} from 'node:test';
import {AnyObject} from '../../src/common/types';
import {InvalidFilterError} from '../../src/filter/invalid-filter-error';
import {normalizeFilter, normalizeWhere} from '../../src/filter/normalize-filter';
import {compareByOrder} from '../../src/filter/order';
import {compileWhere} from '../../src/filter/where-matcher';
import {customerDefinition} from './fixtures';

const def = customerDefinition();

const ATOMS: unknown[] = [
  undefined, null, 0, -1, 1.5, NaN, Infinity, '', 'x', '5', 'true', '2020-01-01', '/a/q', '(', true, false,
  10n, Symbol('s'), () => 1, new Date(NaN), new Date(0), /re/g, [], {}, Object.create(null), new Map(),
  Buffer.from('x'), new (class Foo {})(),
];
const KEYS = [
  'where', 'fields', 'order', 'limit', 'skip', 'offset', 'include', 'and', 'or', 'eq', 'neq', 'gt', 'inq', 'nin',
  'between', 'exists', 'like', 'ilike', 'regexp', 'options', 'relation', 'rel', 'scope', 'id', 'name', 'age',
  'active', 'born', 'address', 'tags', 'address.city', '$gt', '0', '1', 'constructor', 'toString', 'bogus',
];

/** A small deterministic PRNG (mulberry32). */
function rng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function garbage(rand: () => number, depth: number): unknown {
  const r = rand();
  if (depth <= 0 || r < 0.4) return ATOMS[Math.floor(rand() * ATOMS.length)];
  if (r < 0.6) {
    const n = Math.floor(rand() * 4);
    return Array.from({length: n}, () => garbage(rand, depth - 1));
  }
  const obj: AnyObject = {};
  const n = 1 + Math.floor(rand() * 4);
  for (let i = 0; i < n; i++) obj[KEYS[Math.floor(rand() * KEYS.length)]] = garbage(rand, depth - 1);
  return obj;
}

/** Runs fn; only InvalidFilterError may escape. */
function expectNoCrash(fn: () => unknown, input: unknown): unknown {
  try {
    return fn();
  } catch (e) {
    if (!(e instanceof InvalidFilterError)) {
      assert.fail(`unexpected ${String(e)} for input ${String((e as Error)?.stack)} ${safe(input)}`);
    }
    assert.equal(e.statusCode, 400);
    assert.equal(typeof e.code, 'string');
    return undefined;
  }
}

function safe(v: unknown): string {
  try {
    return JSON.stringify(v) ?? String(v);
  } catch {
    return '[unprintable]';
  }
}

const records: AnyObject[] = [
  {id: 1, name: 'a', age: 3, tags: ['x'], address: {city: 'P'}, born: new Date(0), active: true},
  {id: 2},
  Object.assign(Object.create(null), {id: 3, name: Object.create(null), age: [Object.create(null)]}),
  {id: 4, name: 10n, age: Symbol('s'), address: 'str', tags: [null, [1]], born: 'nope', active: 'yes'},
];

describe('garbage input', () => {
  it('never throws anything but InvalidFilterError from normalizeFilter/normalizeWhere', () => {
    for (const atom of ATOMS) {
      expectNoCrash(() => normalizeFilter(atom, def), atom);
      expectNoCrash(() => normalizeFilter(atom), atom);
      expectNoCrash(() => normalizeWhere(atom, def), atom);
      for (const key of KEYS) {
        expectNoCrash(() => normalizeFilter({[key]: atom}, def), {[key]: atom});
        expectNoCrash(() => normalizeWhere({[key]: atom}, def), {[key]: atom});
        expectNoCrash(() => normalizeWhere({[key]: atom}), {[key]: atom});
        expectNoCrash(() => normalizeWhere({age: {[key]: atom}}, def), {age: {[key]: atom}});
        expectNoCrash(() => normalizeWhere({name: {[key]: [atom, atom]}}), {name: {[key]: [atom]}});
      }
    }
  });

  it('survives random nested garbage, and compiled wheres survive garbage records', () => {
    const rand = rng(42);
    for (let i = 0; i < 3000; i++) {
      const input = garbage(rand, 5);
      const filter = i % 2 ? {where: input} : input;
      const normalized = expectNoCrash(() => normalizeFilter(filter, i % 3 ? def : undefined), filter) as
        AnyObject | undefined;
      if (normalized?.where) {
        const match = compileWhere(normalized.where);
        for (const r of records) assert.equal(typeof match(r), 'boolean');
      }
      if (normalized?.order) {
        const sorted = [...records].sort(compareByOrder(normalized.order));
        assert.equal(sorted.length, records.length);
      }
    }
  });

  it('compileWhere on raw garbage throws only InvalidFilterError', () => {
    const rand = rng(7);
    for (let i = 0; i < 2000; i++) {
      const where = garbage(rand, 4);
      const match = expectNoCrash(() => compileWhere(where as AnyObject), where) as ((r: AnyObject) => boolean) | undefined;
      if (match) for (const r of records) expectNoCrash(() => match(r), where);
    }
  });

  it('handles circular objects anywhere', () => {
    const a: AnyObject = {};
    a.self = a;
    const arr: unknown[] = [];
    arr.push(arr);
    for (const filter of [a, {where: a}, {where: {or: arr}}, {include: arr}, {fields: a}, {order: arr}]) {
      assert.throws(() => normalizeFilter(filter, def), {code: 'QUERY_OBJECT_IS_CIRCULAR', statusCode: 400,
        message: 'The query object is circular'});
    }
  });
});
