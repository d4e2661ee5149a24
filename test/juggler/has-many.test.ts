import {describe, it} from 'node:test';
import assert from 'node:assert/strict';
// The package entry registers every LoopBack 3 relation type.
import 'relata';
import {describeForEachConnector} from '../support/connectors';
import {viaCallback} from './support/lb3-helpers';

type AnyObject = {[key: string]: any};
// LoopBack 3 models are dynamic (accessors and properties come from definitions).
type Model = any;

const names = (list: AnyObject[]) => list.map(i => i.description).sort();

describeForEachConnector('LoopBack 3 hasMany', setup => {
  async function define(params: AnyObject = {}) {
    const ds = setup.createDataSource();
    const Customer = ds.createModel('HmCustomer', {name: String}) as Model;
    const Order = ds.createModel('HmOrder', {description: String, total: Number}) as Model;
    Customer.hasMany(Order, {as: 'orders', ...params});
    await ds.automigrate(['HmCustomer', 'HmOrder']);
    return {ds, Customer, Order};
  }

  async function seed() {
    const models = await define();
    const {Customer} = models;
    const ann = await Customer.create({name: 'Ann'});
    const bob = await Customer.create({name: 'Bob'});
    await ann.orders.create([{description: 'a1', total: 10}, {description: 'a2', total: 20}, {description: 'a3', total: 30}]);
    await bob.orders.create({description: 'b1', total: 5});
    // Fresh instances: nothing cached.
    return {...models, ann: await Customer.findById(ann.id), bob: await Customer.findById(bob.id)};
  }

  describe('definition', () => {
    it('names the relation after the plural target and adds camelize(source + _id) to the target', async () => {
      const ds = setup.createDataSource();
      const Customer = ds.createModel('HmCustomer', {name: String}) as Model;
      const Order = ds.createModel('HmOrder', {description: String}) as Model;
      Customer.hasMany(Order);
      assert.deepEqual(Customer.relations.hmOrders.toJSON(), {
        name: 'hmOrders', type: 'hasMany', modelFrom: 'HmCustomer', keyFrom: 'id',
        modelTo: 'HmOrder', keyTo: 'hmCustomerId', multiple: true,
      });
      assert.equal(Order.definition.properties.hmCustomerId.type, 'number');
      assert.equal(typeof new Customer().hmOrders, 'function');
      assert.equal(Customer.prototype.hmOrders._targetClass, 'HmOrder');
    });

    it('uses the target plural setting, `as`, `foreignKey` and the string short form', async () => {
      const ds = setup.createDataSource();
      const Author = ds.createModel('HmAuthor', {name: String}) as Model;
      const Person = ds.createModel('HmPerson', {name: String}, {plural: 'HmPeople'}) as Model;
      const Reader = ds.createModel('HmReader', {name: String}) as Model;
      Author.hasMany(Person);
      Author.hasMany(Person, {as: 'fans', foreignKey: 'idolId'});
      Author.hasMany('hmReaders');
      assert.ok(Author.relations.hmPeople);
      assert.equal(Author.relations.fans.keyTo, 'idolId');
      assert.ok(Person.definition.properties.idolId);
      assert.equal(Author.relations.hmReaders.modelTo, Reader);
      assert.ok(Reader.definition.properties.hmAuthorId);
    });

    it('refuses a relation named like a property of the source', () => {
      const ds = setup.createDataSource();
      const Customer = ds.createModel('HmCustomer', {name: String}) as Model;
      const Order = ds.createModel('HmOrder', {description: String}) as Model;
      assert.throws(() => Customer.hasMany(Order, {as: 'name'}), (err: AnyObject) => {
        assert.equal(err.code, 'RELATION_NAME_CONFLICT');
        assert.match(err.message, /Relation "name" of model HmCustomer/);
        return true;
      });
      assert.equal(Order.definition.properties.hmCustomerId, undefined);
    });

    it('has LoopBack 3\'s prototype helpers for the REST layer', async () => {
      const {Customer} = await define();
      for (const op of ['findById', 'destroyById', 'updateById', 'exists', 'get', 'create', 'delete', 'update', 'findOne', 'count']) {
        assert.equal(typeof Customer.prototype[`__${op}__orders`], 'function', op);
      }
    });
  });

  describe('reading', () => {
    it('customer.orders(cb) loads and caches; customer.orders() reads the cache', async () => {
      const {ann, Order} = await seed();
      assert.equal(ann.orders(), undefined);
      const list = await viaCallback(cb => ann.orders(cb));
      assert.deepEqual(names(list), ['a1', 'a2', 'a3']);
      assert.ok(list.every((o: AnyObject) => o instanceof Order));
      assert.equal(ann.orders(), list);
      assert.deepEqual(names(ann.toJSON().orders), ['a1', 'a2', 'a3']);
      await Order.create({description: 'a4', hmCustomerId: ann.id});
      assert.equal((await viaCallback(cb => ann.orders(cb))).length, 3);
      assert.equal((await ann.orders(false)).length, 3);
      assert.equal((await ann.orders.find()).length, 3);
    });

    it('refresh = true reloads and caches (callback, promise, with options)', async () => {
      const {ann, Order} = await seed();
      await ann.orders(false);
      await Order.create({description: 'a4', hmCustomerId: ann.id});
      assert.equal((await viaCallback(cb => ann.orders(true, cb))).length, 4);
      await Order.create({description: 'a5', hmCustomerId: ann.id});
      assert.equal((await ann.orders(true)).length, 5);
      await Order.create({description: 'a6', hmCustomerId: ann.id});
      assert.equal((await viaCallback(cb => ann.orders(true, {}, cb))).length, 6);
      assert.equal(ann.orders().length, 6);
    });

    it('a filter reloads and its result is not cached (accessor and find, callback and promise)', async () => {
      const {ann} = await seed();
      const big = await viaCallback(cb => ann.orders({where: {total: {gt: 15}}, order: 'total DESC'}, cb));
      assert.deepEqual(big.map((o: AnyObject) => o.description), ['a3', 'a2']);
      assert.equal(ann.orders(), undefined);
      const one = await ann.orders.find({where: {description: 'a1'}});
      assert.deepEqual(names(one), ['a1']);
      const two = await viaCallback(cb => ann.orders.find({limit: 2, order: 'total ASC'}, cb));
      assert.deepEqual(two.map((o: AnyObject) => o.description), ['a1', 'a2']);
      assert.equal(ann.orders(), undefined);
      const all = await viaCallback(cb => ann.orders.find(cb));
      assert.equal(all.length, 3);
      assert.equal(ann.orders(), all);
      assert.equal((await ann.orders.getAsync()).length, 3);
    });

    it('gives [] for a source that has no key yet', async () => {
      const {Customer} = await seed();
      const fresh = new Customer({name: 'New'});
      assert.deepEqual(await fresh.orders(false), []);
      assert.equal(await fresh.orders.count(), 0);
      assert.deepEqual(await fresh.orders.destroyAll(), {count: 0});
    });

    it('findById() finds one of the source\'s targets (promise, callback, filter, options)', async () => {
      const {ann, bob, Order} = await seed();
      const a1 = await Order.findOne({where: {description: 'a1'}});
      assert.equal((await ann.orders.findById(a1.id)).description, 'a1');
      assert.equal((await viaCallback(cb => ann.orders.findById(a1.id, cb))).description, 'a1');
      const partial = await ann.orders.findById(a1.id, {fields: ['id', 'description']});
      assert.equal(partial.total, undefined);
      assert.equal((await viaCallback(cb => ann.orders.findById(a1.id, {}, cb))).description, 'a1');
      assert.equal((await viaCallback(cb => ann.orders.findById(String(a1.id), {}, {}, cb))).description, 'a1');
      await assert.rejects(bob.orders.findById(a1.id), (err: AnyObject) => {
        assert.equal(err.message, `No instance with id ${a1.id} found for HmOrder`);
        assert.equal(err.statusCode, 404);
        return true;
      });
      await assert.rejects(viaCallback(cb => ann.orders.findById(12345, cb)),
        {message: 'No instance with id 12345 found for HmOrder', statusCode: 404});
    });

    it('findOne(), count() and exists() stay within the source\'s targets', async () => {
      const {ann, bob, Order} = await seed();
      assert.equal((await ann.orders.findOne({where: {total: 20}})).description, 'a2');
      assert.equal(await bob.orders.findOne({where: {total: 20}}), null);
      assert.equal((await viaCallback(cb => ann.orders.findOne({order: 'total DESC'}, cb))).description, 'a3');
      assert.equal((await viaCallback(cb => bob.orders.findOne(cb))).description, 'b1');
      assert.equal(await ann.orders.count(), 3);
      assert.equal(await ann.orders.count({total: {lt: 25}}), 2);
      assert.equal(await viaCallback(cb => bob.orders.count(cb)), 1);
      assert.equal(await viaCallback(cb => ann.orders.count({description: 'a3'}, cb)), 1);
      const a1 = await Order.findOne({where: {description: 'a1'}});
      assert.equal(await ann.orders.exists(a1.id), true);
      assert.equal(await bob.orders.exists(a1.id), false);
      assert.equal(await viaCallback(cb => ann.orders.exists(a1.id, cb)), true);
      assert.equal(await viaCallback(cb => ann.orders.exists(9999, cb)), false);
    });

    it('takes a primaryKey other than the id', async () => {
      const ds = setup.createDataSource();
      const Boss = ds.createModel('HmBoss', {address: String, companyId: String}) as Model;
      const Employee = ds.createModel('HmEmployee', {name: String, companyId: String}) as Model;
      Boss.hasMany(Employee, {as: 'employees', primaryKey: 'companyId', foreignKey: 'companyId'});
      await ds.automigrate(['HmBoss', 'HmEmployee']);
      const boss = await Boss.create({address: 'Main st', companyId: 'C1'});
      const created = await boss.employees.create([{name: 'e1'}, {name: 'e2'}]);
      assert.deepEqual(created.map((e: AnyObject) => e.companyId), ['C1', 'C1']);
      await Employee.create({name: 'e3', companyId: 'C1'});
      await Employee.create({name: 'other', companyId: 'C2'});
      assert.equal((await boss.employees.find()).length, 3);
    });
  });

  describe('writing', () => {
    it('create() sets the key (object and array; promise and callback) and replaces a different key', async () => {
      const {Customer, Order} = await define();
      const ann = await Customer.create({name: 'Ann'});
      const one = await ann.orders.create({description: 'a1'});
      assert.ok(one instanceof Order);
      assert.equal(one.hmCustomerId, ann.id);
      const viaCb = await viaCallback(cb => ann.orders.create({description: 'a2', hmCustomerId: 999}, cb));
      assert.equal(viaCb.hmCustomerId, ann.id);
      const many = await viaCallback(cb => ann.orders.create([{description: 'a3'}, {description: 'a4'}], cb));
      assert.equal(many.length, 2);
      assert.ok(many.every((o: AnyObject) => o.hmCustomerId === ann.id));
      const empty = await viaCallback(cb => ann.orders.create(cb));
      assert.equal(empty.hmCustomerId, ann.id);
      assert.equal(await Order.count({hmCustomerId: ann.id}), 5);
    });

    it('create() and destroyById() keep a loaded cache up to date', async () => {
      const {ann, Order} = await seed();
      await ann.orders(false);
      const a4 = await ann.orders.create({description: 'a4'});
      assert.deepEqual(names(ann.orders()), ['a1', 'a2', 'a3', 'a4']);
      await ann.orders.destroyById(a4.id);
      assert.deepEqual(names(ann.orders()), ['a1', 'a2', 'a3']);
      assert.equal(await Order.findById(a4.id), null);
    });

    it('build() makes an unsaved target with the key', async () => {
      const {ann, Order} = await seed();
      const built = ann.orders.build({description: 'draft'});
      assert.ok(built instanceof Order);
      assert.equal(built.hmCustomerId, ann.id);
      assert.equal(built.isNewRecord(), true);
      await built.save();
      assert.equal(await ann.orders.count(), 4);
    });

    it('updateById() updates one target and refuses to move it (promise and callback)', async () => {
      const {ann, bob} = await seed();
      const [a1] = await ann.orders.find({where: {description: 'a1'}});
      const updated = await ann.orders.updateById(a1.id, {total: 11});
      assert.equal(updated.total, 11);
      const again = await viaCallback(cb => ann.orders.updateById(a1.id, {total: 12}, cb));
      assert.equal(again.total, 12);
      assert.equal((await viaCallback(cb => ann.orders.updateById(a1.id, {hmCustomerId: ann.id, total: 13}, cb))).total, 13);
      await assert.rejects(ann.orders.updateById(a1.id, {hmCustomerId: bob.id}), (err: AnyObject) => {
        assert.equal(err.message, `Cannot override foreign key hmCustomerId from ${ann.id} to ${bob.id}`);
        return true;
      });
      await assert.rejects(viaCallback(cb => bob.orders.updateById(a1.id, {total: 1}, cb)), {statusCode: 404});
    });

    it('destroyById() and destroy() delete one target of the source only', async () => {
      const {ann, bob, Order} = await seed();
      const [a1, a2] = await ann.orders.find({order: 'total ASC'});
      await assert.rejects(bob.orders.destroyById(a1.id), {statusCode: 404});
      await ann.orders.destroyById(a1.id);
      await viaCallback(cb => ann.orders.destroy(a2.id, cb));
      assert.deepEqual(names(await Order.find()), ['a3', 'b1']);
    });

    it('updateAll() updates the source\'s targets (where + data, data only; promise and callback)', async () => {
      const {ann, Order} = await seed();
      assert.deepEqual(await ann.orders.updateAll({total: {gt: 15}}, {total: 0}), {count: 2});
      assert.deepEqual(await viaCallback(cb => ann.orders.updateAll({description: 'x'}, cb)), {count: 3});
      assert.deepEqual(await viaCallback(cb => ann.orders.updateAll({total: 0}, {description: 'y'}, cb)), {count: 2});
      assert.equal((await Order.findOne({where: {description: 'b1'}})).total, 5);
      assert.equal(await Order.count({description: 'x'}), 1);
    });

    it('destroyAll() deletes the source\'s targets (all or where; promise and callback)', async () => {
      const {ann, bob, Order} = await seed();
      assert.deepEqual(await ann.orders.destroyAll({total: 10}), {count: 1});
      assert.deepEqual(await viaCallback(cb => ann.orders.destroyAll(cb)), {count: 2});
      await ann.orders(false);
      assert.deepEqual(await viaCallback(cb => bob.orders.destroyAll({total: 99}, cb)), {count: 0});
      assert.deepEqual(names(await Order.find()), ['b1']);
    });
  });

  describe('prototype helpers', () => {
    it('run the relation methods', async () => {
      const {ann, Order} = await seed();
      assert.equal((await ann.__get__orders()).length, 3);
      assert.equal((await viaCallback(cb => ann.__get__orders({where: {total: 10}}, cb))).length, 1);
      const created = await ann.__create__orders({description: 'a4'});
      assert.equal(created.hmCustomerId, ann.id);
      assert.equal((await ann.__findById__orders(created.id)).description, 'a4');
      assert.equal(await ann.__exists__orders(created.id), true);
      assert.equal(await ann.__count__orders(), 4);
      assert.equal((await ann.__findOne__orders({where: {total: 20}})).description, 'a2');
      assert.equal((await ann.__updateById__orders(created.id, {total: 40})).total, 40);
      await ann.__destroyById__orders(created.id);
      assert.deepEqual(await ann.__update__orders({total: 10}, {total: 1}), {count: 1});
      assert.deepEqual(await viaCallback(cb => ann.__delete__orders(cb)), {count: 3});
      assert.deepEqual(names(await Order.find()), ['b1']);
    });
  });
});
