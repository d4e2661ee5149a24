import assert from 'node:assert/strict';
import {describe, it} from 'node:test';
import {cloneRow, cloneValue, toStoredRow} from '../../../src/connectors/memory/clone-value';
import {HashIndex} from '../../../src/connectors/memory/hash-index';
import {NULL_KEY, compareIds, equalityKey} from '../../../src/connectors/memory/value-key';

describe('cloneValue / cloneRow / toStoredRow', () => {
  it('returns primitives as they are', () => {
    for (const v of [1, 'a', true, null, undefined, 10n]) assert.equal(cloneValue(v), v);
  });

  it('copies Dates, Buffers, arrays and plain objects deeply', () => {
    const src = {d: new Date(5), b: Buffer.from('ab'), a: [1, {x: [2]}], o: {p: {q: 1}}, u: new Uint8Array([1])};
    const copy = cloneValue(src);
    assert.deepEqual(copy, src);
    assert.notEqual(copy.d, src.d);
    assert.ok(copy.d instanceof Date);
    assert.notEqual(copy.b, src.b);
    assert.ok(Buffer.isBuffer(copy.b));
    assert.notEqual(copy.a[1], src.a[1]);
    assert.notEqual((copy.a[1] as {x: number[]}).x, (src.a[1] as {x: number[]}).x);
    assert.notEqual(copy.o.p, src.o.p);
    assert.notEqual(copy.u, src.u);
  });

  it('turns class instances into plain data', () => {
    class Point {
      constructor(public x: number, public y: number) {}
      norm(): number {
        return Math.hypot(this.x, this.y);
      }
    }
    const copy = cloneValue({p: new Point(1, 2)});
    assert.deepEqual(copy, {p: {x: 1, y: 2}});
  });

  it('cloneRow copies a flat row into one new object with the same keys', () => {
    const row = {id: 1, name: 'a', n: null};
    const copy = cloneRow(row);
    assert.deepEqual(copy, row);
    assert.notEqual(copy, row);
    assert.deepEqual(Object.keys(copy), ['id', 'name', 'n']);
  });

  it('toStoredRow drops undefined and functions', () => {
    assert.deepEqual(toStoredRow({a: 1, b: undefined, c: () => 1, d: null, e: [undefined]}), {a: 1, d: null, e: [undefined]});
  });
});

describe('equality keys and id order', () => {
  it('gives loosely equal values one key', () => {
    assert.equal(equalityKey('5'), equalityKey(5));
    assert.equal(equalityKey(true), equalityKey('true'));
    assert.equal(equalityKey(new Date(7)), equalityKey(new Date(7)));
    assert.equal(equalityKey(null), NULL_KEY);
    assert.equal(equalityKey(undefined), NULL_KEY);
    assert.notEqual(equalityKey('a'), equalityKey('b'));
  });

  it('orders ids: numbers and integer strings numerically, then other strings', () => {
    assert.deepEqual([10, 'b', '9', 2, 'a', '10'].sort(compareIds), [2, '9', 10, '10', 'a', 'b']);
  });
});

describe('HashIndex', () => {
  it('files array values under each element and empties under null', () => {
    const index = new HashIndex('v');
    index.add(1, [1, '2']);
    index.add(2, []);
    index.add(3, 2);
    const keys = (k: number | string | typeof NULL_KEY): unknown[] => {
      const out: Array<string | number> = [];
      index.collect(k, out);
      return out;
    };
    assert.deepEqual(keys(2), [1, 3]);
    assert.deepEqual(keys(NULL_KEY), [2]);
    assert.equal(index.hasMultiKeyRows, true);
    assert.equal(index.numbersOnly, false);
    index.remove(1, [1, '2']);
    index.remove(2, []);
    assert.deepEqual(keys(2), [3]);
    assert.deepEqual(keys(1), []);
    assert.equal(index.hasMultiKeyRows, false);
    assert.equal(index.numbersOnly, true);
  });
});
