import assert from 'node:assert/strict';
import {beforeEach, it} from 'node:test';
import {describeForEachConnector} from '../support/connectors';
import {Order} from '../support/models';
import {useRepositories} from '../support/repository-fixture';

describeForEachConnector('hasMany constrained repository', setup => {
  const fx = useRepositories(setup);
  let c1: number;
  let c2: number;

  beforeEach(async () => {
    c1 = (await fx.repos.customers.create({name: 'c1'})).id!;
    c2 = (await fx.repos.customers.create({name: 'c2'})).id!;
  });

  it('create sets the foreign key', async () => {
    const o = await fx.repos.customers.orders(c1).create({description: 'a'});
    assert.ok(o instanceof Order);
    assert.equal(o.customerId, c1);
    assert.equal((await fx.repos.orders.findById(o.id!)).customerId, c1);
  });

  it('create accepts the same foreign key and rejects another one', async () => {
    await fx.repos.customers.orders(c1).create({description: 'a', customerId: c1});
    await assert.rejects(fx.repos.customers.orders(c1).create({description: 'b', customerId: c2}),
      (err: Error & {statusCode: number; code: string}) => {
        assert.equal(err.message, 'Property "customerId" cannot be changed!');
        assert.equal(err.statusCode, 400);
        return true;
      });
    assert.deepEqual(await fx.repos.orders.count(), {count: 1});
  });

  it('find returns only the source\'s targets, with filter clauses', async () => {
    await fx.repos.customers.orders(c1).create({description: 'a', total: 3});
    await fx.repos.customers.orders(c1).create({description: 'b', total: 1});
    await fx.repos.customers.orders(c2).create({description: 'c', total: 2});
    assert.deepEqual((await fx.repos.customers.orders(c1).find()).map(o => o.description), ['a', 'b']);
    assert.deepEqual((await fx.repos.customers.orders(c1).find({order: ['total ASC']})).map(o => o.description), ['b', 'a']);
    assert.deepEqual((await fx.repos.customers.orders(c1).find({where: {total: {gt: 1}}})).map(o => o.description), ['a']);
    assert.deepEqual((await fx.repos.customers.orders(c1).find({limit: 1, skip: 1})).map(o => o.description), ['b']);
    assert.deepEqual(await fx.repos.customers.orders(c1).find({where: {customerId: c2}}), []);
  });

  it('patch and delete touch only the source\'s targets', async () => {
    await fx.repos.customers.orders(c1).create({description: 'a'});
    await fx.repos.customers.orders(c1).create({description: 'b'});
    await fx.repos.customers.orders(c2).create({description: 'c'});
    assert.deepEqual(await fx.repos.customers.orders(c1).patch({total: 9}), {count: 2});
    assert.deepEqual(await fx.repos.customers.orders(c1).patch({total: 10}, {description: 'a'}), {count: 1});
    assert.deepEqual((await fx.repos.orders.find()).map(o => o.total), [10, 9, undefined]);
    await assert.rejects(fx.repos.customers.orders(c1).patch({customerId: c2}), {message: 'Property "customerId" cannot be changed!'});
    assert.deepEqual(await fx.repos.customers.orders(c1).delete({description: 'a'}), {count: 1});
    assert.deepEqual(await fx.repos.customers.orders(c1).delete(), {count: 1});
    assert.deepEqual((await fx.repos.orders.find()).map(o => o.description), ['c']);
  });
});
