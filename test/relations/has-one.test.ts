import assert from 'node:assert/strict';
import {beforeEach, it} from 'node:test';
import {describeForEachConnector} from '../support/connectors';
import {useRepositories} from '../support/repository-fixture';

describeForEachConnector('hasOne constrained repository', setup => {
  const fx = useRepositories(setup);
  let c1: number;
  let c2: number;

  beforeEach(async () => {
    c1 = (await fx.repos.customers.create({name: 'c1'})).id!;
    c2 = (await fx.repos.customers.create({name: 'c2'})).id!;
  });

  it('create sets the foreign key; get returns the target', async () => {
    const a = await fx.repos.customers.address(c1).create({street: 'Main'});
    assert.equal(a.customerId, c1);
    const got = await fx.repos.customers.address(c1).get();
    assert.deepEqual(got.toJSON(), {id: a.id, street: 'Main', customerId: c1});
  });

  it('refuses a second target for the same source', async () => {
    await fx.repos.customers.address(c1).create({street: 'Main'});
    await assert.rejects(fx.repos.customers.address(c1).create({street: 'Other'}), (err: Error & {statusCode: number}) => {
      assert.equal(err.message, 'HasOne relation cannot create more than one instance of Address');
      assert.equal(err.statusCode, 409);
      return true;
    });
    assert.deepEqual(await fx.repos.addresses.count(), {count: 1});
  });

  it('get without a target fails with EntityNotFoundError naming the constraint', async () => {
    await assert.rejects(fx.repos.customers.address(c2).get(), (err: Error & {code: string}) => {
      assert.equal(err.message, 'Entity not found: Address with id "constraint {\\"customerId\\":2}"');
      assert.equal(err.code, 'ENTITY_NOT_FOUND');
      return true;
    });
  });

  it('get accepts fields and a where that is ANDed', async () => {
    await fx.repos.customers.address(c1).create({street: 'Main', city: 'X'});
    const got = await fx.repos.customers.address(c1).get({fields: ['street']});
    assert.deepEqual(got.toJSON(), {street: 'Main'});
    await assert.rejects(fx.repos.customers.address(c1).get({where: {city: 'Y'}} as never), {code: 'ENTITY_NOT_FOUND'});
  });

  it('patch and delete; the foreign key cannot change', async () => {
    await fx.repos.customers.address(c1).create({street: 'Main'});
    await fx.repos.customers.address(c2).create({street: 'Second'});
    assert.deepEqual(await fx.repos.customers.address(c1).patch({city: 'Z'}), {count: 1});
    assert.equal((await fx.repos.customers.address(c1).get()).city, 'Z');
    await assert.rejects(fx.repos.customers.address(c1).patch({customerId: c2}), {message: 'Property "customerId" cannot be changed!', statusCode: 400});
    assert.deepEqual(await fx.repos.customers.address(c1).delete(), {count: 1});
    assert.deepEqual((await fx.repos.addresses.find()).map(a => a.street), ['Second']);
  });
});
