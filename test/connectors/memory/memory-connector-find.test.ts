import assert from 'node:assert/strict';
import {before, describe, it} from 'node:test';
import {MemoryConnector} from '../../../src/connectors/memory';
import {AnyObject} from '../../../src/common/types';
import {newConnector} from './fixtures';

const ASC = 'ASC' as const;
const DESC = 'DESC' as const;

async function seeded(): Promise<MemoryConnector> {
  const db = newConnector();
  // inserted out of id order on purpose
  await db.createAll('Customer', [
    {id: 3, name: 'Carol', age: 41, vip: true, since: new Date('2021-03-01T00:00:00Z'), tags: ['a', 'b']},
    {id: 1, name: 'Alice', age: 30, vip: false, since: new Date('2020-01-01T00:00:00Z'), tags: ['b']},
    {id: 2, name: 'Bob', age: 25, vip: true, tags: []},
    {id: 10, name: 'dave', address: {city: 'Oslo'}},
    {id: 4, name: 'Eve', age: 30, vip: false, since: new Date('2022-05-01T00:00:00Z')},
  ]);
  return db;
}

const ids = (rows: AnyObject[]): unknown[] => rows.map(r => r.id);

describe('MemoryConnector.find', () => {
  let db: MemoryConnector;
  before(async () => {
    db = await seeded();
  });

  const findIds = async (where: AnyObject): Promise<unknown[]> => ids(await db.find('Customer', {where}));

  it('orders by id ascending (numerically) by default', async () => {
    assert.deepEqual(ids(await db.find('Customer', {})), [1, 2, 3, 4, 10]);
  });

  it('orders string ids with integer strings numerically', async () => {
    const n = newConnector();
    await n.createAll('Note', [{id: '10'}, {id: 'b'}, {id: '9'}, {id: 'a'}]);
    assert.deepEqual(ids(await n.find('Note', {})), ['9', '10', 'a', 'b']);
  });

  it('applies explicit order, ties in id order', async () => {
    const rows = await db.find('Customer', {order: [{property: 'age', direction: DESC}]});
    assert.deepEqual(ids(rows), [3, 1, 4, 2, 10]);
    const byTwo = await db.find('Customer', {
      order: [{property: 'vip', direction: ASC}, {property: 'name', direction: DESC}],
    });
    assert.deepEqual(ids(byTwo), [10, 4, 1, 3, 2]);
  });

  it('applies skip and limit after where and order', async () => {
    assert.deepEqual(ids(await db.find('Customer', {limit: 2})), [1, 2]);
    assert.deepEqual(ids(await db.find('Customer', {skip: 1, limit: 2})), [2, 3]);
    assert.deepEqual(ids(await db.find('Customer', {skip: 3})), [4, 10]);
    assert.deepEqual(ids(await db.find('Customer', {skip: 9})), []);
    assert.deepEqual(ids(await db.find('Customer', {
      where: {vip: false}, order: [{property: 'age', direction: DESC}], skip: 1, limit: 1,
    })), [4]);
  });

  it('selects fields', async () => {
    assert.deepEqual(await db.find('Customer', {where: {id: 1}, fields: ['name', 'age']}), [{name: 'Alice', age: 30}]);
    // missing values are left out
    assert.deepEqual(await db.find('Customer', {where: {id: 10}, fields: ['id', 'age']}), [{id: 10}]);
  });

  it('equality: plain values, eq, loose number/string, null', async () => {
    assert.deepEqual(await findIds({name: 'Bob'}), [2]);
    assert.deepEqual(await findIds({age: {eq: 30}}), [1, 4]);
    assert.deepEqual(await findIds({age: '30'}), [1, 4]);
    assert.deepEqual(await findIds({age: null}), [10]);
    assert.deepEqual(await findIds({vip: true}), [2, 3]);
    assert.deepEqual(await findIds({since: new Date('2020-01-01T00:00:00Z')}), [1]);
    assert.deepEqual(await findIds({tags: 'b'}), [1, 3]);
    assert.deepEqual(await findIds({'address.city': 'Oslo'}), [10]);
  });

  it('comparison operators', async () => {
    assert.deepEqual(await findIds({age: {gt: 30}}), [3]);
    assert.deepEqual(await findIds({age: {gte: 30}}), [1, 3, 4]);
    assert.deepEqual(await findIds({age: {lt: 30}}), [2]);
    assert.deepEqual(await findIds({age: {lte: 30}}), [1, 2, 4]);
    assert.deepEqual(await findIds({age: {between: [26, 40]}}), [1, 4]);
    assert.deepEqual(await findIds({age: {neq: 30}}), [2, 3, 10]);
    assert.deepEqual(await findIds({since: {gt: new Date('2021-01-01T00:00:00Z')}}), [3, 4]);
  });

  it('inq / nin', async () => {
    assert.deepEqual(await findIds({id: {inq: [10, 2, 99]}}), [2, 10]);
    assert.deepEqual(await findIds({name: {inq: ['Eve', 'Alice']}}), [1, 4]);
    assert.deepEqual(await findIds({age: {nin: [30, 25]}}), [3, 10]);
  });

  it('like / nlike / ilike / regexp / exists', async () => {
    assert.deepEqual(await findIds({name: {like: 'B%'}}), [2]);
    assert.deepEqual(await findIds({name: {nlike: '%e'}}), [2, 3]);
    assert.deepEqual(await findIds({name: {ilike: 'D%'}}), [10]);
    assert.deepEqual(await findIds({name: {regexp: /^[A-C]/}}), [1, 2, 3]);
    assert.deepEqual(await findIds({age: {exists: false}}), [10]);
  });

  it('and / or', async () => {
    assert.deepEqual(await findIds({or: [{name: 'Bob'}, {age: {gt: 40}}]}), [2, 3]);
    assert.deepEqual(await findIds({and: [{vip: false}, {age: 30}]}), [1, 4]);
    assert.deepEqual(await findIds({vip: false, or: [{name: 'Eve'}, {name: 'dave'}]}), [4]);
  });

  it('counts with every clause', async () => {
    assert.equal(await db.count('Customer', undefined), 5);
    assert.equal(await db.count('Customer', {}), 5);
    assert.equal(await db.count('Customer', {age: 30}), 2);
    assert.equal(await db.count('Customer', {id: {inq: [1, 2, 77]}}), 2);
    assert.equal(await db.count('Customer', {or: [{age: {lt: 26}}, {name: {like: '%v%'}}]}), 3);
  });

  it('rejects an invalid where clause', async () => {
    await assert.rejects(db.find('Customer', {where: {age: {gt: 1, foo: 1}}}), {statusCode: 400});
  });
});

describe('MemoryConnector.updateAll / deleteAll with clauses', () => {
  it('updateAll with operators, and/or', async () => {
    const db = await seeded();
    assert.equal(await db.updateAll('Customer', {age: {gte: 30}, vip: false}, {vip: true}), 2);
    assert.deepEqual(ids(await db.find('Customer', {where: {vip: true}})), [1, 2, 3, 4]);
    assert.equal(await db.updateAll('Customer', {or: [{id: 10}, {name: {like: 'B%'}}]}, {age: 1}), 2);
    assert.deepEqual(ids(await db.find('Customer', {where: {age: 1}})), [2, 10]);
  });

  it('deleteAll with operators', async () => {
    const db = await seeded();
    assert.equal(await db.deleteAll('Customer', {name: {inq: ['Alice', 'Bob']}}), 2);
    assert.equal(await db.deleteAll('Customer', {age: {gt: 35}}), 1);
    assert.deepEqual(ids(await db.find('Customer', {})), [4, 10]);
  });
});

describe('MemoryConnector.find with partitionBy', () => {
  async function orders(): Promise<MemoryConnector> {
    const db = newConnector();
    await db.createAll('Order', [
      {customerId: 1, total: 5},
      {customerId: 2, total: 50},
      {customerId: 1, total: 15},
      {customerId: 3, total: 7},
      {customerId: 1, total: 10},
      {customerId: 2, total: 40},
      {customerId: 2, total: 60},
    ]);
    return db;
  }

  it('applies order/skip/limit per group', async () => {
    const db = await orders();
    const rows = await db.find('Order', {
      where: {customerId: {inq: [1, 2, 3]}},
      order: [{property: 'total', direction: DESC}],
      limit: 2,
    }, {partitionBy: 'customerId'});
    assert.deepEqual(rows.map(r => [r.customerId, r.total]), [
      [2, 60], [2, 50],
      [1, 15], [1, 10],
      [3, 7],
    ]);
  });

  it('applies skip per group, default order by id', async () => {
    const db = await orders();
    const rows = await db.find('Order', {skip: 1, limit: 1}, {partitionBy: 'customerId'});
    assert.deepEqual(rows.map(r => r.id), [3, 6]);
  });

  it('without limit returns every matching row, grouped', async () => {
    const db = await orders();
    const rows = await db.find('Order', {where: {total: {gt: 6}}}, {partitionBy: 'customerId'});
    assert.deepEqual(rows.map(r => r.id), [2, 6, 7, 3, 5, 4]);
  });

  it('projects fields after partitioning', async () => {
    const db = await orders();
    const rows = await db.find('Order', {limit: 1, fields: ['total']}, {partitionBy: 'customerId'});
    assert.deepEqual(rows, [{total: 5}, {total: 50}, {total: 7}]);
  });
});

describe('MemoryConnector.find with unordered / readOnly (relation internals)', () => {
  it('unordered: the same rows, in any order; an order or a page keeps id order', async () => {
    const db = await seeded();
    const rows = await db.find('Customer', {where: {age: {inq: [30, 41, 25]}}}, {unordered: true});
    assert.deepEqual(ids(rows).sort(), [1, 2, 3, 4]);
    assert.deepEqual(ids(await db.find('Customer', {where: {age: {inq: [30, 41, 25]}}, limit: 2}, {unordered: true})), [1, 2]);
    assert.deepEqual(ids(await db.find('Customer', {order: [{property: 'id', direction: DESC}]}, {unordered: true})),
      [10, 4, 3, 2, 1]);
  });

  it('readOnly: every matching row with at least the asked fields; copies stay the default', async () => {
    const db = await seeded();
    const rows = await db.find('Customer', {where: {vip: true}, fields: ['id', 'name']}, {readOnly: true, unordered: true});
    assert.deepEqual(rows.map(r => [r.id, r.name]).sort(), [[2, 'Bob'], [3, 'Carol']]);
    const copy = (await db.find('Customer', {where: {id: 2}}))[0];
    copy.name = 'changed';
    assert.equal((await db.find('Customer', {where: {id: 2}}))[0].name, 'Bob');
  });
});
