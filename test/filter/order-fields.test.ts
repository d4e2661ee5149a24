import assert from 'node:assert/strict';
import {describe, it} from 'node:test';
import {AnyObject} from '../../src/common/types';
import {pickFields} from '../../src/filter/fields';
import {normalizeFilter} from '../../src/filter/normalize-filter';
import {compareByOrder} from '../../src/filter/order';
import {OrderKey} from '../../src/filter/types';

function sortIds(data: AnyObject[], order: OrderKey[]): unknown[] {
  return [...data].sort(compareByOrder(order)).map(r => r.id);
}

const asc = (property: string): OrderKey => ({property, direction: 'ASC'});
const desc = (property: string): OrderKey => ({property, direction: 'DESC'});

describe('compareByOrder', () => {
  it('sorts numbers numerically', () => {
    const data = [{id: 1, n: 10}, {id: 2, n: 9}, {id: 3, n: 100}, {id: 4, n: -1}];
    assert.deepEqual(sortIds(data, [asc('n')]), [4, 2, 1, 3]);
    assert.deepEqual(sortIds(data, [desc('n')]), [3, 1, 2, 4]);
  });

  it('sorts strings by code unit', () => {
    const data = [{id: 1, s: 'b'}, {id: 2, s: 'B'}, {id: 3, s: 'a'}, {id: 4, s: 'ab'}];
    assert.deepEqual(sortIds(data, [asc('s')]), [2, 3, 4, 1]);
  });

  it('sorts Dates by time and booleans false first', () => {
    const data = [{id: 1, d: new Date(3000)}, {id: 2, d: new Date(1000)}, {id: 3, d: new Date(2000)}];
    assert.deepEqual(sortIds(data, [asc('d')]), [2, 3, 1]);
    const flags = [{id: 1, f: true}, {id: 2, f: false}];
    assert.deepEqual(sortIds(flags, [asc('f')]), [2, 1]);
  });

  it('puts undefined/null first in ASC and last in DESC', () => {
    const data = [{id: 1, n: 2}, {id: 2}, {id: 3, n: null}, {id: 4, n: 1}];
    assert.deepEqual(sortIds(data, [asc('n')]), [2, 3, 4, 1]);
    assert.deepEqual(sortIds(data, [desc('n')]), [1, 4, 2, 3]);
  });

  it('orders mixed types by a fixed rank', () => {
    const data = [{id: 1, v: 'x'}, {id: 2, v: 5}, {id: 3, v: new Date(0)}, {id: 4, v: true}, {id: 5, v: {}}];
    assert.deepEqual(sortIds(data, [asc('v')]), [4, 2, 1, 3, 5]);
  });

  it('uses later keys to break ties, and is stable', () => {
    const data = [
      {id: 1, a: 1, b: 'y'}, {id: 2, a: 0, b: 'z'}, {id: 3, a: 1, b: 'x'}, {id: 4, a: 1, b: 'x'}, {id: 5, a: 0, b: 'z'},
    ];
    assert.deepEqual(sortIds(data, [asc('a'), desc('b')]), [2, 5, 1, 3, 4]);
    assert.deepEqual(sortIds(data, [asc('a')]), [2, 5, 1, 3, 4]);
    assert.deepEqual(sortIds(data, []), [1, 2, 3, 4, 5]);
  });

  it('reads dotted properties', () => {
    const data = [{id: 1, a: {b: 2}}, {id: 2, a: {b: 1}}, {id: 3, a: null}];
    assert.deepEqual(sortIds(data, [asc('a.b')]), [3, 2, 1]);
  });

  it('sorts NaN before other numbers', () => {
    const data = [{id: 1, n: 1}, {id: 2, n: NaN}, {id: 3, n: 0}];
    assert.deepEqual(sortIds(data, [asc('n')]), [2, 3, 1]);
  });

  it('works with normalized orders', () => {
    const {order} = normalizeFilter({order: 'a DESC, b'});
    const data = [{id: 1, a: 1, b: 2}, {id: 2, a: 2, b: 1}, {id: 3, a: 1, b: 1}];
    assert.deepEqual(sortIds(data, order!), [2, 3, 1]);
  });
});

describe('pickFields', () => {
  it('returns a new object with the selected keys the record has', () => {
    const record = {id: 1, name: 'a', secret: 's', gone: undefined, nil: null};
    const out = pickFields(record, ['id', 'name', 'missing', 'gone', 'nil']);
    assert.deepEqual(out, {id: 1, name: 'a', nil: null});
    assert.notEqual(out, record);
    assert.deepEqual(Object.keys(out), ['id', 'name', 'nil']);
  });

  it('never copies __proto__ or methods', () => {
    const out = pickFields({a: 1, toString: () => 'x'}, ['__proto__', 'a', 'toString', 'constructor']);
    assert.deepEqual(out, {a: 1});
    assert.equal(Object.getPrototypeOf(out), Object.prototype);
  });
});
