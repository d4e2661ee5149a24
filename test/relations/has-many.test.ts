import assert from 'node:assert/strict';
import {after, beforeEach, it} from 'node:test';
import {DataSource} from '../../src/datasource/datasource';
import {describeForEachConnector} from '../support/connectors';
import {createRepositories, Order, Repos} from '../support/models';

describeForEachConnector('hasMany constrained repository', setup => {
  let ds: DataSource;
  let repos: Repos;
  let c1: number;
  let c2: number;

  beforeEach(async () => {
    ds = setup.createDataSource();
    repos = createRepositories(ds);
    await ds.automigrate();
    c1 = (await repos.customers.create({name: 'c1'})).id!;
    c2 = (await repos.customers.create({name: 'c2'})).id!;
  });
  after(() => setup.cleanup());

  it('create sets the foreign key', async () => {
    const o = await repos.customers.orders(c1).create({description: 'a'});
    assert.ok(o instanceof Order);
    assert.equal(o.customerId, c1);
    assert.equal((await repos.orders.findById(o.id!)).customerId, c1);
  });

  it('create accepts the same foreign key and rejects another one', async () => {
    await repos.customers.orders(c1).create({description: 'a', customerId: c1});
    await assert.rejects(repos.customers.orders(c1).create({description: 'b', customerId: c2}),
      (err: Error & {statusCode: number; code: string}) => {
        assert.equal(err.message, 'Property "customerId" cannot be changed!');
        assert.equal(err.statusCode, 400);
        return true;
      });
    assert.deepEqual(await repos.orders.count(), {count: 1});
  });

  it('find returns only the source\'s targets, with filter clauses', async () => {
    await repos.customers.orders(c1).create({description: 'a', total: 3});
    await repos.customers.orders(c1).create({description: 'b', total: 1});
    await repos.customers.orders(c2).create({description: 'c', total: 2});
    assert.deepEqual((await repos.customers.orders(c1).find()).map(o => o.description), ['a', 'b']);
    assert.deepEqual((await repos.customers.orders(c1).find({order: ['total ASC']})).map(o => o.description), ['b', 'a']);
    assert.deepEqual((await repos.customers.orders(c1).find({where: {total: {gt: 1}}})).map(o => o.description), ['a']);
    assert.deepEqual((await repos.customers.orders(c1).find({limit: 1, skip: 1})).map(o => o.description), ['b']);
    assert.deepEqual(await repos.customers.orders(c1).find({where: {customerId: c2}}), []);
  });

  it('patch and delete touch only the source\'s targets', async () => {
    await repos.customers.orders(c1).create({description: 'a'});
    await repos.customers.orders(c1).create({description: 'b'});
    await repos.customers.orders(c2).create({description: 'c'});
    assert.deepEqual(await repos.customers.orders(c1).patch({total: 9}), {count: 2});
    assert.deepEqual(await repos.customers.orders(c1).patch({total: 10}, {description: 'a'}), {count: 1});
    assert.deepEqual((await repos.orders.find()).map(o => o.total), [10, 9, undefined]);
    await assert.rejects(repos.customers.orders(c1).patch({customerId: c2}), {message: 'Property "customerId" cannot be changed!'});
    assert.deepEqual(await repos.customers.orders(c1).delete({description: 'a'}), {count: 1});
    assert.deepEqual(await repos.customers.orders(c1).delete(), {count: 1});
    assert.deepEqual((await repos.orders.find()).map(o => o.description), ['c']);
  });
});
