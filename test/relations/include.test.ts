import assert from 'node:assert/strict';
import {beforeEach, describe, it} from 'node:test';
import {countQueries, describeForEachConnector} from '../support/connectors';
import {useRepositories} from '../support/repository-fixture';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
function json(value: unknown): any {
  return JSON.parse(JSON.stringify(value));
}

describeForEachConnector('include', setup => {
  const fx = useRepositories(setup);

  beforeEach(async () => {
    const c1 = await fx.repos.customers.create({name: 'c1'});
    const c2 = await fx.repos.customers.create({name: 'c2'});
    await fx.repos.customers.create({name: 'c3'});
    const o1 = await fx.repos.customers.orders(c1.id!).create({description: 'a', total: 1});
    const o2 = await fx.repos.customers.orders(c1.id!).create({description: 'b', total: 3});
    await fx.repos.customers.orders(c1.id!).create({description: 'c', total: 2});
    await fx.repos.customers.orders(c2.id!).create({description: 'd', total: 5});
    await fx.repos.orders.create({description: 'orphan'});
    await fx.repos.orders.create({description: 'dangling', customerId: 999});
    await fx.repos.orders.manufacturers(o1.id!).create({name: 'm1'});
    await fx.repos.orders.manufacturers(o1.id!).create({name: 'm2'});
    await fx.repos.orders.manufacturers(o2.id!).create({name: 'm3'});
    await fx.repos.customers.address(c2.id!).create({street: 'Main', city: 'X'});
  });

  describe('hasMany', () => {
    it('includes targets; sources without targets get no property', async () => {
      const found = await fx.repos.customers.find({include: ['orders']});
      assert.deepEqual(json(found), [
        {id: 1, name: 'c1', orders: [
          {id: 1, description: 'a', total: 1, customerId: 1},
          {id: 2, description: 'b', total: 3, customerId: 1},
          {id: 3, description: 'c', total: 2, customerId: 1},
        ]},
        {id: 2, name: 'c2', orders: [{id: 4, description: 'd', total: 5, customerId: 2}]},
        {id: 3, name: 'c3'},
      ]);
    });

    it('applies scope limit and order per parent in one query', async () => {
      const q = countQueries(fx.ds);
      const found = await fx.repos.customers.find({
        include: [{relation: 'orders', scope: {limit: 1, order: ['total DESC']}}],
      });
      assert.deepEqual(json(found).map((c: {orders?: {description: string}[]}) => c.orders?.map(o => o.description)),
        [['b'], ['d'], undefined]);
      // The root query and at most one more, never one per parent.
      if (setup.connector === 'memory') assert.equal(q.finds, 2);
      else assert.ok(q.finds >= 1 && q.finds <= 2, `${q.finds} round trips`);
    });

    it('applies scope skip per parent', async () => {
      const found = await fx.repos.customers.find({include: [{relation: 'orders', scope: {skip: 1, limit: 1}}]});
      assert.deepEqual(found.map(c => c.orders?.map(o => o.description)), [['b'], undefined, undefined]);
    });

    it('keeps totalLimit as one global limit', async () => {
      const found = await fx.repos.customers.find({include: [{relation: 'orders', scope: {totalLimit: 2}}]});
      assert.deepEqual(found.map(c => c.orders?.map(o => o.description)), [['a', 'b'], undefined, undefined]);
    });

    it('applies scope where and fields; a fields list without the foreign key still matches', async () => {
      const found = await fx.repos.customers.find({
        include: [{relation: 'orders', scope: {where: {total: {gte: 2}}, fields: ['description']}}],
      });
      assert.deepEqual(json(found.map(c => c.orders)), [[{description: 'b'}, {description: 'c'}], [{description: 'd'}], null]);
    });
  });

  describe('belongsTo', () => {
    it('includes the target; no or dangling key → no property', async () => {
      const found = await fx.repos.orders.find({include: ['customer'], where: {description: {inq: ['a', 'orphan', 'dangling']}}});
      assert.deepEqual(json(found), [
        {id: 1, description: 'a', total: 1, customerId: 1, customer: {id: 1, name: 'c1'}},
        {id: 5, description: 'orphan'},
        {id: 6, description: 'dangling', customerId: 999},
      ]);
    });

    it('adds the target key to scope fields and removes it again', async () => {
      const found = await fx.repos.orders.find({where: {id: 1}, include: [{relation: 'customer', scope: {fields: ['name']}}]});
      assert.deepEqual(json(found[0].customer), {name: 'c1'});
    });

    it('loads each distinct target once', async () => {
      const q = countQueries(fx.ds);
      await fx.repos.orders.find({include: ['customer']});
      if (setup.connector === 'memory') {
        assert.equal(q.finds, 2);
        assert.deepEqual(q.log[1].filter.where, {id: {inq: [1, 2, 999]}});
      } else {
        assert.ok(q.finds >= 1 && q.finds <= 2, `${q.finds} round trips`);
      }
    });
  });

  describe('hasOne', () => {
    it('includes the target', async () => {
      const found = await fx.repos.customers.find({include: ['address']});
      assert.deepEqual(json(found.map(c => c.address)), [null, {id: 1, street: 'Main', city: 'X', customerId: 2}, null]);
    });
  });

  describe('forms and nesting', () => {
    it('accepts a string, an object and arrays mixing both', async () => {
      const expected = json(await fx.repos.customers.find({include: ['orders', 'address']}));
      assert.deepEqual(json(await fx.repos.customers.find({include: 'orders'} as never)).map((c: {orders?: unknown}) => c.orders),
        (expected as {orders?: unknown}[]).map(c => c.orders));
      assert.deepEqual(json(await fx.repos.customers.find({include: {relation: 'orders'}} as never)).map((c: {orders?: unknown}) => c.orders),
        (expected as {orders?: unknown}[]).map(c => c.orders));
      assert.deepEqual(json(await fx.repos.customers.find({include: ['orders', {relation: 'address'}]})), expected);
    });

    it('resolves nested includes with one query per relation per level', async () => {
      const q = countQueries(fx.ds);
      const found = await fx.repos.customers.find({
        where: {id: {inq: [1, 2]}},
        include: [{relation: 'orders', scope: {include: ['manufacturers', 'customer'], order: ['id ASC']}}, 'address'],
      });
      // One query per relation per level at most (the batched plan); SQL plans may merge levels.
      if (setup.connector === 'memory') assert.equal(q.finds, 5);
      else assert.ok(q.finds >= 1 && q.finds <= 5, `${q.finds} round trips`);
      const c1 = json(found[0]) as {orders: {description: string; manufacturers?: {name: string}[]; customer: {name: string}}[]};
      assert.deepEqual(c1.orders.map(o => [o.description, o.manufacturers?.map(m => m.name), o.customer.name]),
        [['a', ['m1', 'm2'], 'c1'], ['b', ['m3'], 'c1'], ['c', undefined, 'c1']]);
    });

    it('works with findById and findOne', async () => {
      const c = await fx.repos.customers.findById(1, {include: [{relation: 'orders', scope: {include: ['manufacturers']}}]});
      assert.equal(c.orders?.length, 3);
      assert.deepEqual(c.orders?.[0].manufacturers?.map(m => m.name), ['m1', 'm2']);
      const one = await fx.repos.customers.findOne({where: {name: 'c2'}, include: ['address']});
      assert.equal(one?.address?.street, 'Main');
    });

    it('chunks long key lists to the store limit', async () => {
      fx.ds.settings.inqLimit = 2;
      try {
        const q = countQueries(fx.ds);
        const found = await fx.repos.customers.find({include: ['orders']});
        // The engine chunks its batched queries; SQL plans bind each key list as one parameter instead.
        if (setup.connector === 'memory') assert.equal(q.finds, 3);
        assert.deepEqual(found.map(c => c.orders?.length), [3, 1, undefined]);
        q.reset();
        const limited = await fx.repos.customers.find({include: [{relation: 'orders', scope: {totalLimit: 2, order: ['total DESC']}}]});
        assert.deepEqual(limited.map(c => c.orders?.map(o => o.description)), [['b'], ['d'], undefined]);
      } finally {
        delete fx.ds.settings.inqLimit;
      }
    });
  });

  describe('errors', () => {
    it('rejects unknown relations with INVALID_INCLUSION_FILTER', async () => {
      await assert.rejects(fx.repos.customers.find({include: ['nope', {relation: 'x'}]}), (err: Error & {code: string; statusCode: number}) => {
        assert.equal(err.message, 'Invalid "filter.include" entries: "nope"; {"relation":"x"}');
        assert.equal(err.code, 'INVALID_INCLUSION_FILTER');
        assert.equal(err.statusCode, 400);
        return true;
      });
    });

    it('rejects unknown relations in nested scopes', async () => {
      await assert.rejects(fx.repos.customers.find({include: [{relation: 'orders', scope: {include: ['nope']}}]}),
        {code: 'INVALID_INCLUSION_FILTER', message: 'Invalid "filter.include" entries: "nope"'});
    });

    it('a relation removed from inclusionResolvers cannot be included', async () => {
      fx.repos.customers.inclusionResolvers.delete('orders');
      await assert.rejects(fx.repos.customers.find({include: ['orders']}), {code: 'INVALID_INCLUSION_FILTER'});
      assert.equal((await fx.repos.customers.find({include: ['address']})).length, 3);
    });

    it('rejects an invalid scope with a 400 error', async () => {
      await assert.rejects(fx.repos.customers.find({include: [{relation: 'orders', scope: {limit: -2}}]}), {statusCode: 400});
      await assert.rejects(fx.repos.customers.find({include: [{relation: 'orders', scope: {where: {bogus: 1}}}]}), {statusCode: 400});
    });
  });
});
