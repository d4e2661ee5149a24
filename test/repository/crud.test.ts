import assert from 'node:assert/strict';
import {describe, it} from 'node:test';
import {describeForEachConnector} from '../support/connectors';
import {Customer} from '../support/models';
import {useRepositories} from '../support/repository-fixture';

describeForEachConnector('DefaultCrudRepository', setup => {
  const fx = useRepositories(setup);


  describe('create and read', () => {
    it('creates with a generated id and returns an entity instance', async () => {
      const c = await fx.repos.customers.create({name: 'c1', secret: 's'});
      assert.ok(c instanceof Customer);
      assert.equal(c.id, 1);
      assert.deepEqual(c.toJSON(), {id: 1, name: 'c1'});
      assert.deepEqual(c.toObject(), {id: 1, name: 'c1', secret: 's'});
      const c2 = await fx.repos.customers.create(new Customer({name: 'c2'}));
      assert.equal(c2.id, 2);
    });

    it('keeps hidden properties in storage but not in JSON', async () => {
      const c = await fx.repos.customers.create({name: 'c1', secret: 's'});
      const found = await fx.repos.customers.findById(c.id!);
      assert.equal(found.secret, 's');
      assert.equal(JSON.stringify(found), '{"id":1,"name":"c1"}');
    });

    it('createAll creates every item and rejects all on one invalid item', async () => {
      const created = await fx.repos.customers.createAll([{name: 'a'}, {name: 'b'}]);
      assert.deepEqual(created.map(c => c.id), [1, 2]);
      await assert.rejects(fx.repos.customers.createAll([{name: 'c'}, {bogus: 1} as never]), {name: 'ValidationError'});
      assert.equal((await fx.repos.customers.count()).count, 2);
    });

    it('find, findOne, findById, count and exists', async () => {
      await fx.repos.customers.createAll([{name: 'b'}, {name: 'a'}, {name: 'c'}]);
      assert.deepEqual((await fx.repos.customers.find()).map(c => c.name), ['b', 'a', 'c']);
      assert.deepEqual((await fx.repos.customers.find({order: ['name DESC']})).map(c => c.name), ['c', 'b', 'a']);
      assert.equal((await fx.repos.customers.findOne({where: {name: 'a'}}))?.id, 2);
      assert.equal(await fx.repos.customers.findOne({where: {name: 'zzz'}}), null);
      assert.equal((await fx.repos.customers.findById(3)).name, 'c');
      assert.deepEqual(await fx.repos.customers.count({name: {inq: ['a', 'b']}}), {count: 2});
      assert.equal(await fx.repos.customers.exists(1), true);
      assert.equal(await fx.repos.customers.exists(99), false);
    });

    it('findById of a missing id fails with EntityNotFoundError', async () => {
      await assert.rejects(fx.repos.customers.findById(999), (err: Error & {code: string; statusCode: number}) => {
        assert.equal(err.message, 'Entity not found: Customer with id 999');
        assert.equal(err.code, 'ENTITY_NOT_FOUND');
        assert.equal(err.statusCode, 404);
        return true;
      });
    });

    it('returns copies: mutating a result never changes stored data', async () => {
      const c = await fx.repos.customers.create({name: 'c1'});
      c.name = 'changed';
      const found = await fx.repos.customers.findById(c.id!);
      assert.equal(found.name, 'c1');
      found.name = 'changed again';
      assert.equal((await fx.repos.customers.findById(c.id!)).name, 'c1');
    });
  });

  describe('update and delete', () => {
    it('updateById patches; missing id → 404; empty data → InvalidBodyError', async () => {
      const c = await fx.repos.customers.create({name: 'c1', secret: 's'});
      await fx.repos.customers.updateById(c.id!, {name: 'c1b'});
      const found = await fx.repos.customers.findById(c.id!);
      assert.equal(found.name, 'c1b');
      assert.equal(found.secret, 's');
      await assert.rejects(fx.repos.customers.updateById(999, {name: 'x'}), {code: 'ENTITY_NOT_FOUND'});
      await assert.rejects(fx.repos.customers.updateById(c.id!, {}), {
        message: 'Data is required for the patch request', code: 'INVALID_BODY_DEFINITION', statusCode: 400,
      });
    });

    it('replaceById replaces every property', async () => {
      const c = await fx.repos.customers.create({name: 'c1', secret: 's'});
      await fx.repos.customers.replaceById(c.id!, {name: 'r'});
      const found = await fx.repos.customers.findById(c.id!);
      assert.equal(found.name, 'r');
      assert.equal(found.secret, undefined);
      await assert.rejects(fx.repos.customers.replaceById(999, {name: 'x'}), {code: 'ENTITY_NOT_FOUND'});
    });

    it('save creates without id and replaces with id; update patches by the entity id', async () => {
      const saved = await fx.repos.customers.save(new Customer({name: 's1'}));
      assert.equal(saved.id, 1);
      saved.name = 's2';
      await fx.repos.customers.save(saved);
      assert.equal((await fx.repos.customers.findById(1)).name, 's2');
      saved.name = 's3';
      await fx.repos.customers.update(saved);
      assert.equal((await fx.repos.customers.findById(1)).name, 's3');
    });

    it('updateAll and deleteAll with where return counts', async () => {
      await fx.repos.customers.createAll([{name: 'a'}, {name: 'b'}, {name: 'c'}]);
      assert.deepEqual(await fx.repos.customers.updateAll({secret: 'x'}, {name: {neq: 'a'}}), {count: 2});
      assert.deepEqual((await fx.repos.customers.find({where: {secret: 'x'}})).map(c => c.name), ['b', 'c']);
      assert.deepEqual(await fx.repos.customers.deleteAll({name: 'a'}), {count: 1});
      assert.deepEqual(await fx.repos.customers.deleteAll(), {count: 2});
      assert.deepEqual(await fx.repos.customers.count(), {count: 0});
    });

    it('deleteById and delete; missing id → 404', async () => {
      const a = await fx.repos.customers.create({name: 'a'});
      const b = await fx.repos.customers.create({name: 'b'});
      await fx.repos.customers.deleteById(a.id!);
      await fx.repos.customers.delete(b);
      assert.deepEqual(await fx.repos.customers.count(), {count: 0});
      await assert.rejects(fx.repos.customers.deleteById(a.id!), {code: 'ENTITY_NOT_FOUND', statusCode: 404});
    });
  });

  describe('bad data', () => {
    it('rejects unknown properties on a strict model with a 422 ValidationError', async () => {
      await assert.rejects(fx.repos.customers.create({name: 'x', bogus: 1} as never), (err: Error & {statusCode: number; details: {codes: object}}) => {
        assert.equal(err.name, 'ValidationError');
        assert.equal(err.statusCode, 422);
        assert.match(err.message, /`bogus` is not defined in the model/);
        assert.deepEqual(err.details.codes, {bogus: ['unknown-property']});
        return true;
      });
      assert.deepEqual(await fx.repos.customers.count(), {count: 0});
    });

    it('rejects a missing required property', async () => {
      await assert.rejects(fx.repos.customers.create({} as never), (err: Error & {statusCode: number}) => {
        assert.equal(err.statusCode, 422);
        assert.match(err.message, /`name` can't be blank/);
        return true;
      });
    });

    it('rejects values of the wrong type without storing anything', async () => {
      await assert.rejects(fx.repos.orders.create({description: 'd', total: 'lots' as never}), {statusCode: 422});
      assert.deepEqual(await fx.repos.orders.count(), {count: 0});
    });

    it('rejects navigational properties with LoopBack\'s message', async () => {
      const msg = 'Navigational properties are not allowed in model data (model "Customer" property "orders"), please remove it.';
      await assert.rejects(fx.repos.customers.create({name: 'x', orders: []} as never), {message: msg});
      const c = await fx.repos.customers.create({name: 'c'});
      await assert.rejects(fx.repos.customers.updateById(c.id!, {orders: undefined} as never), {message: msg});
      await assert.rejects(fx.repos.customers.updateAll({orders: []} as never), {message: msg});
      const withOrders = await fx.repos.customers.findById(c.id!, {include: ['orders']});
      await assert.rejects(fx.repos.customers.update(withOrders), {message: msg});
    });

    it('rejects invalid filters with 400 errors naming the problem', async () => {
      await assert.rejects(fx.repos.customers.find({where: 'x'} as never), {statusCode: 400, message: 'The where clause "x" is not an object'});
      await assert.rejects(fx.repos.customers.find({limit: -1}), {statusCode: 400, message: 'The limit parameter -1 is not valid'});
      await assert.rejects(fx.repos.customers.find({where: {bogus: 1}} as never), (err: Error & {statusCode: number}) => {
        assert.equal(err.statusCode, 400);
        assert.match(err.message, /bogus/);
        return true;
      });
      await assert.rejects(fx.repos.customers.find({where: {name: {foo: 1}}} as never), (err: Error & {statusCode: number}) => {
        assert.equal(err.statusCode, 400);
        assert.match(err.message, /foo/);
        return true;
      });
    });

    it('execute runs native statements on SQL and reports that memory has none', async () => {
      if (setup.connector === 'memory') {
        await assert.rejects(fx.repos.customers.execute('SELECT 1'), {code: 'NOT_SUPPORTED'});
        return;
      }
      const placeholder = setup.connector === 'postgresql' ? '$1' : '?';
      assert.deepEqual(await fx.repos.customers.execute(`SELECT ${placeholder} + 1 AS two`, [1]), [{two: 2}]);
    });
  });
});
