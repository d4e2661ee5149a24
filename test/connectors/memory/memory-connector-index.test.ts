import assert from 'node:assert/strict';
import {describe, it} from 'node:test';
import {MemoryConnector} from '../../../src/connectors/memory';
import {AnyObject} from '../../../src/common/types';
import {compileWhere} from '../../../src/filter/where-matcher';
import {ModelDefinition} from '../../../src/model/model-definition';
import {newConnector} from './fixtures';

async function manyOrders(n: number): Promise<MemoryConnector> {
  const db = newConnector();
  const rows: AnyObject[] = [];
  for (let i = 0; i < n; i++) rows.push({customerId: i % 10, total: i, status: i % 2 ? 'open' : 'done'});
  await db.createAll('Order', rows);
  return db;
}

/** Rows examined by the query `run` performs. */
async function examined(db: MemoryConnector, run: () => Promise<unknown>): Promise<number> {
  const before = db.stats('Order').rowsExamined;
  await run();
  return db.stats('Order').rowsExamined - before;
}

describe('MemoryConnector indexes', () => {
  it('finds by id through the primary map', async () => {
    const db = await manyOrders(1000);
    assert.equal(await examined(db, () => db.find('Order', {where: {id: 500}})), 1);
    assert.equal(await examined(db, () => db.find('Order', {where: {id: {inq: [3, 4, 5000]}}})), 2);
    assert.deepEqual((await db.find('Order', {where: {id: {inq: [4, 3]}}})).map(r => r.id), [3, 4]);
    assert.deepEqual(db.stats('Order').indexes, []);
  });

  it('builds a hash index on first equality use and reads only its rows', async () => {
    const db = await manyOrders(1000);
    assert.equal(await examined(db, () => db.find('Order', {where: {customerId: 3}})), 100);
    assert.deepEqual(db.stats('Order').indexes, ['customerId']);
    const rows = await db.find('Order', {where: {customerId: {inq: [3, 4]}}});
    assert.equal(rows.length, 200);
    assert.deepEqual(rows.slice(0, 3).map(r => r.id), [4, 5, 14]);
    // inside a top-level and, combined with other conditions
    const n = await examined(db, () => db.find('Order', {where: {and: [{customerId: 3}, {total: {gt: 500}}]}}));
    assert.equal(n, 100);
    assert.equal(await db.count('Order', {and: [{customerId: 3}, {total: {gt: 500}}]}), 50);
    // the smaller candidate set wins
    assert.equal(await examined(db, () => db.count('Order', {status: 'open', customerId: 1})), 100);
  });

  it('scans everything for or / range conditions', async () => {
    const db = await manyOrders(100);
    assert.equal(await examined(db, () => db.find('Order', {where: {or: [{customerId: 1}, {customerId: 2}]}})), 100);
    assert.equal(await examined(db, () => db.find('Order', {where: {total: {gt: 5}}})), 100);
  });

  it('stops a default-order scan once the page is full', async () => {
    const db = await manyOrders(100);
    assert.equal(await examined(db, () => db.find('Order', {limit: 1})), 1);
    assert.equal(await examined(db, () => db.find('Order', {where: {total: {gte: 10}}, skip: 2, limit: 3})), 15);
  });

  it('keeps the index right after updates that change the indexed value', async () => {
    const db = await manyOrders(20);
    assert.equal(await db.count('Order', {customerId: 1}), 2); // builds the index
    assert.equal(await db.updateAll('Order', {id: 2}, {customerId: 7}), 1);
    assert.deepEqual((await db.find('Order', {where: {customerId: 1}})).map(r => r.id), [12]);
    assert.deepEqual((await db.find('Order', {where: {customerId: 7}})).map(r => r.id), [2, 8, 18]);
    assert.equal(await db.replaceById('Order', 12, {customerId: 9}), true);
    assert.deepEqual((await db.find('Order', {where: {customerId: 1}})).map(r => r.id), []);
    assert.deepEqual((await db.find('Order', {where: {customerId: {inq: [9]}}})).map(r => r.id), [10, 12, 20]);
    await db.updateAll('Order', {customerId: 9}, {customerId: undefined});
    assert.deepEqual((await db.find('Order', {where: {customerId: null}})).map(r => r.id), [10, 12, 20]);
  });

  it('keeps the index right after deletes and creates', async () => {
    const db = await manyOrders(20);
    assert.equal(await db.count('Order', {customerId: 5}), 2);
    assert.equal(await db.deleteAll('Order', {total: 5}), 1);
    assert.deepEqual((await db.find('Order', {where: {customerId: 5}})).map(r => r.id), [16]);
    await db.create('Order', {id: 1, customerId: 5}).catch(() => undefined); // duplicate: no change
    await db.create('Order', {customerId: 5});
    assert.deepEqual((await db.find('Order', {where: {customerId: 5}})).map(r => r.id), [16, 21]);
    await db.deleteAll('Order', undefined);
    assert.deepEqual(await db.find('Order', {where: {customerId: 5}}), []);
    await db.create('Order', {customerId: 5});
    assert.deepEqual((await db.find('Order', {where: {customerId: 5}})).map(r => r.id), [22]);
  });

  it('agrees with the where matcher on mixed types, arrays, dates and nulls', async () => {
    const db = new MemoryConnector({});
    db.define(new ModelDefinition({name: 'T', properties: {id: {type: 'any', id: true}, v: 'any'}}));
    const t0 = new Date('2020-01-01T00:00:00Z');
    const values: unknown[] = [
      5, '5', ' 5', '5.0', 0, '', '0', true, false, 'true', 'false', 1, '1', null, undefined,
      t0, new Date(t0.getTime()), t0.getTime(), '2020-01-01T00:00:00Z', '2020-01-01', 'abc', 'Customer 1',
      [], [5], ['5', 6], [null], [t0], [true, 'x'], {a: 1}, -0, NaN,
    ];
    const examples: unknown[] = [
      5, '5', '5.0', 0, '', 'abc', true, false, 'true', 1, null, t0, '2020-01-01T00:00:00Z',
      t0.getTime(), 6, 'x', '1', 'Customer 1', -0,
    ];
    let id = 0;
    for (const v of values) await db.create('T', {id: ++id, v});
    // string ids as well, to cover the id index
    for (const v of values.slice(0, 8)) await db.create('T', {id: `s${++id}`, v});

    const all = await db.find('T', {});
    const check = async (where: AnyObject): Promise<void> => {
      const expected = all.filter(compileWhere(where)).map(r => r.id);
      const actual = (await db.find('T', {where})).map(r => r.id);
      assert.deepEqual(actual, expected, `where ${String(JSON.stringify(where))}`);
      assert.equal(await db.count('T', where), expected.length);
    };
    for (const e of examples) {
      await check({v: e});
      await check({v: {inq: [e, 'abc']}});
      await check({id: e});
    }
    await check({id: {inq: [1, '2', 's35', 's36']}});
    await check({v: {inq: examples}});
    await check({and: [{v: 5}, {id: {inq: [1, 2, 3]}}]});
    assert.ok(db.stats('T').indexes.includes('v'));
  });

  it('agrees with the where matcher through random writes', async () => {
    const db = newConnector();
    let seed = 42;
    const rnd = (n: number): number => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % n;
    };
    const choices: unknown[] = [1, 2, 3, '2', null, [1, 3], [], undefined, '7', true, 0, ''];
    for (let i = 4; i < 30; i++) choices.push(i);
    const pick = (): unknown => choices[rnd(choices.length)];
    for (let i = 0; i < 200; i++) await db.create('Order', {customerId: pick(), status: ['a', 'b'][rnd(2)]});
    for (let round = 0; round < 200; round++) {
      const op = rnd(4);
      if (op === 0) await db.updateAll('Order', {id: rnd(220)}, {customerId: pick()});
      else if (op === 1) await db.deleteAll('Order', {id: rnd(220)});
      else if (op === 2) await db.create('Order', {customerId: pick()});
      else await db.updateAll('Order', {customerId: pick(), status: 'a'}, {status: 'b', customerId: pick()});
      const where = rnd(2) ? {customerId: pick() ?? null} : {customerId: {inq: [pick() ?? null, pick() ?? 3]}};
      const expected = (await db.find('Order', {})).filter(compileWhere(where)).map(r => r.id);
      assert.deepEqual((await db.find('Order', {where})).map(r => r.id), expected);
      assert.equal(await db.count('Order', where), expected.length);
    }
    assert.ok(db.stats('Order').indexedQueries > 300, `indexed ${db.stats('Order').indexedQueries}`);
  });
});
