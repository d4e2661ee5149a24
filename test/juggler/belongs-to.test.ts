import {describe, it} from 'node:test';
import assert from 'node:assert/strict';
// The package entry registers every LoopBack 3 relation type.
import 'relata';
import {describeForEachConnector} from '../support/connectors';
import {viaCallback} from './support/lb3-helpers';

type AnyObject = {[key: string]: any};
// LoopBack 3 models are dynamic (accessors and properties come from definitions).
type Model = any;

describeForEachConnector('LoopBack 3 belongsTo', setup => {
  async function define(params: AnyObject = {as: 'customer'}) {
    const ds = setup.createDataSource();
    const Customer = ds.createModel('BtCustomer', {name: String, vip: Boolean}) as Model;
    const Order = ds.createModel('BtOrder', {description: String, notes: String}) as Model;
    const relation = Order.belongsTo(Customer, params);
    await ds.automigrate(['BtCustomer', 'BtOrder']);
    return {ds, Customer, Order, relation};
  }

  describe('definition', () => {
    it('names the relation after the target and adds <name>Id with the target id type', async () => {
      const {Order} = await define({});
      assert.ok(Order.relations.btCustomer);
      assert.deepEqual(Order.relations.btCustomer.toJSON(), {
        name: 'btCustomer', type: 'belongsTo', modelFrom: 'BtOrder', keyFrom: 'btCustomerId',
        modelTo: 'BtCustomer', keyTo: 'id', multiple: false,
      });
      assert.equal(Order.definition.properties.btCustomerId.type, 'number');
      assert.equal(typeof new Order().btCustomer, 'function');
    });

    it('types the foreign key as the target key (a string id gives a string key)', async () => {
      const ds = setup.createDataSource();
      const Account = ds.createModel('BtAccount', {code: {type: String, id: true}, label: String}) as Model;
      const Entry = ds.createModel('BtEntry', {amount: Number}) as Model;
      Entry.belongsTo(Account, {as: 'account'});
      assert.equal(Entry.definition.properties.accountId.type, 'string');
      assert.equal(Entry.relations.account.keyTo, 'code');
      await ds.automigrate(['BtAccount', 'BtEntry']);
      const account = await Account.create({code: 'A-1', label: 'cash'});
      const entry = await Entry.create({amount: 5, accountId: 'A-1'});
      assert.equal((await entry.account.get()).label, 'cash');
      assert.equal(account.code, 'A-1');
    });

    it('takes foreignKey and primaryKey', async () => {
      const ds = setup.createDataSource();
      const Boss = ds.createModel('BtBoss', {address: String, companyId: String}) as Model;
      const Employee = ds.createModel('BtEmployee', {name: String, companyId: String}) as Model;
      Employee.belongsTo(Boss, {as: 'boss', foreignKey: 'companyId', primaryKey: 'companyId'});
      await ds.automigrate(['BtBoss', 'BtEmployee']);
      const boss = await Boss.create({address: 'Main st', companyId: 'C1'});
      const employee = await Employee.create({name: 'a', companyId: 'C1'});
      const found = await employee.boss.get();
      assert.equal(found.id, boss.id);
    });

    it('names a relation declared with a string after that string and finds the model case-insensitively', async () => {
      const ds = setup.createDataSource();
      const Mind = ds.createModel('BtMind', {label: String}) as Model;
      const Fear = ds.createModel('BtFear', {label: String}) as Model;
      Fear.belongsTo('btMind');
      assert.equal(Fear.relations.btMind.modelTo, Mind);
      assert.ok(Fear.definition.properties.btMindId);
      assert.ok(new Fear().btMind.build() instanceof Mind);
    });

    it('refuses a relation named like a property it references', () => {
      const ds = setup.createDataSource();
      const Customer = ds.createModel('BtCustomer', {name: String}) as Model;
      const Order = ds.createModel('BtOrder', {description: String, customerId: Number}) as Model;
      assert.throws(() => Order.belongsTo(Customer, {as: 'customerId'}), (err: AnyObject) => {
        assert.equal(err.code, 'RELATION_NAME_CONFLICT');
        assert.match(err.message, /Relation "customerId" of model BtOrder has the same name as one of its properties/);
        return true;
      });
      assert.throws(() => Order.belongsTo(Customer, {as: 'owner', foreignKey: 'owner'}), /Relation "owner" of model BtOrder/);
      assert.equal(Order.relations.customerId, undefined);
      assert.equal(Order.definition.properties.owner, undefined);
    });
  });

  describe('reading', () => {
    it('loads the target with a callback, caches it, and answers order.customer() synchronously', async () => {
      const {Customer, Order} = await define();
      const ann = await Customer.create({name: 'Ann'});
      const order = await Order.create({description: 'o1', customerId: ann.id});
      assert.equal(order.customer(), undefined);
      const found = await viaCallback(cb => order.customer(cb));
      assert.ok(found instanceof Customer);
      assert.equal(found.name, 'Ann');
      assert.equal(order.customer(), found);
      assert.equal(order.toJSON().customer.name, 'Ann');
      // A later call answers from the cache.
      await Customer.updateAll({id: ann.id}, {name: 'Changed'});
      assert.equal((await viaCallback(cb => order.customer(cb))).name, 'Ann');
      assert.equal((await order.customer(false)).name, 'Ann');
    });

    it('reloads with refresh = true (callback, promise, with options)', async () => {
      const {Customer, Order} = await define();
      const ann = await Customer.create({name: 'Ann'});
      const order = await Order.create({description: 'o1', customerId: ann.id});
      await order.customer(false);
      assert.equal(order.customer().name, 'Ann');
      await Customer.updateAll({id: ann.id}, {name: 'Bea'});
      assert.equal((await viaCallback(cb => order.customer(true, cb))).name, 'Bea');
      await Customer.updateAll({id: ann.id}, {name: 'Cid'});
      assert.equal((await order.customer(true)).name, 'Cid');
      await Customer.updateAll({id: ann.id}, {name: 'Dee'});
      assert.equal((await viaCallback(cb => order.customer(true, {}, cb))).name, 'Dee');
      assert.equal(order.customer().name, 'Dee');
    });

    it('get() always reloads (promise and callback)', async () => {
      const {Customer, Order} = await define();
      const ann = await Customer.create({name: 'Ann'});
      const order = await Order.create({description: 'o1', customerId: ann.id});
      assert.equal((await order.customer.get()).name, 'Ann');
      await Customer.updateAll({id: ann.id}, {name: 'Bea'});
      assert.equal((await order.customer.get()).name, 'Bea');
      await Customer.updateAll({id: ann.id}, {name: 'Cid'});
      assert.equal((await viaCallback(cb => order.customer.get(cb))).name, 'Cid');
      assert.equal((await viaCallback(cb => order.customer.get({}, cb))).name, 'Cid');
      assert.equal(order.customer().name, 'Cid');
    });

    it('applies a filter without caching its result', async () => {
      const {Customer, Order} = await define();
      const ann = await Customer.create({name: 'Ann', vip: true});
      const order = await Order.create({description: 'o1', customerId: ann.id});
      const partial = await order.customer({fields: ['name']});
      assert.equal(partial.name, 'Ann');
      assert.equal(partial.vip, undefined);
      assert.equal(order.customer(), undefined);
      assert.equal(await order.customer({where: {vip: false}}), null);
    });

    it('gives undefined without a key and null for a key that points nowhere', async () => {
      const {Order} = await define();
      const orphan = await Order.create({description: 'orphan'});
      assert.equal(await orphan.customer(false), undefined);
      assert.equal(await viaCallback(cb => orphan.customer(cb)), undefined);
      const dangling = await Order.create({description: 'dangling', customerId: 999});
      assert.equal(await dangling.customer(false), null);
      assert.equal(await viaCallback(cb => dangling.customer.get(cb)), null);
    });

    it('has the prototype helper __get__<relation> for the REST layer', async () => {
      const {Customer, Order} = await define();
      const ann = await Customer.create({name: 'Ann'});
      const order = await Order.create({description: 'o1', customerId: ann.id});
      assert.equal(typeof Order.prototype.__get__customer, 'function');
      assert.equal((await order.__get__customer()).name, 'Ann');
      assert.equal((await order.__get__customer(undefined, {})).name, 'Ann');
      assert.equal((await viaCallback(cb => order.__get__customer(true, cb))).name, 'Ann');
    });

    it('exposes _targetClass on the accessor, also read on the prototype', async () => {
      const {Order} = await define();
      assert.equal(Order.prototype.customer._targetClass, 'BtCustomer');
      const a = new Order();
      const b = new Order();
      assert.notEqual(a.customer, b.customer);
      assert.equal(a.customer, a.customer);
    });
  });

  describe('setter', () => {
    it('order.customer(customer) sets the foreign key and the cache', async () => {
      const {Customer, Order} = await define();
      const ann = await Customer.create({name: 'Ann'});
      const order = new Order({description: 'o1'});
      order.customer(ann);
      assert.equal(order.customerId, ann.id);
      assert.equal(order.customer(), ann);
      await order.save();
      const stored = await Order.findById(order.id);
      assert.equal(stored.customerId, ann.id);
    });

    it('relation data given to the constructor sets the key and the cache', async () => {
      const {Customer, Order} = await define();
      const ann = await Customer.create({name: 'Ann'});
      const order = new Order({description: 'o1', customer: ann});
      assert.equal(order.customerId, ann.id);
      assert.equal(order.customer(), ann);
      assert.equal(order.toObject().customer.name, 'Ann');
    });
  });

  describe('create and build', () => {
    it('create() saves the target, sets the key and saves a stored source (promise)', async () => {
      const {Customer, Order} = await define();
      const order = await Order.create({description: 'o1'});
      const created = await order.customer.create({name: 'Zed'});
      assert.ok(created instanceof Customer);
      assert.equal(order.customerId, created.id);
      assert.equal(order.customer(), created);
      assert.equal((await Order.findById(order.id)).customerId, created.id);
    });

    it('create() leaves a new source unsaved (callback)', async () => {
      const {Customer, Order} = await define();
      const order = new Order({description: 'o1'});
      const created = await viaCallback(cb => order.customer.create({name: 'Zed'}, cb));
      assert.equal(order.customerId, created.id);
      assert.equal(await Order.count(), 0);
      assert.equal((await Customer.findById(created.id)).name, 'Zed');
    });

    it('build() makes an unsaved target', async () => {
      const {Customer, Order} = await define();
      const order = new Order({description: 'o1'});
      const built = order.customer.build({name: 'New'});
      assert.ok(built instanceof Customer);
      assert.equal(built.name, 'New');
      assert.equal(await Customer.count(), 0);
    });
  });

  describe('update and destroy', () => {
    it('update() changes the target (promise and callback)', async () => {
      const {Customer, Order} = await define();
      const ann = await Customer.create({name: 'Ann'});
      const order = await Order.create({description: 'o1', customerId: ann.id});
      const updated = await order.customer.update({name: 'Anna'});
      assert.equal(updated.name, 'Anna');
      assert.equal((await Customer.findById(ann.id)).name, 'Anna');
      const again = await viaCallback(cb => order.customer.update({name: 'Annie'}, cb));
      assert.equal(again.name, 'Annie');
      // The same id is not a change of key.
      assert.equal((await order.customer.update({id: ann.id, vip: true})).vip, true);
    });

    it('update() refuses to change the target key', async () => {
      const {Customer, Order} = await define();
      const ann = await Customer.create({name: 'Ann'});
      const order = await Order.create({description: 'o1', customerId: ann.id});
      await assert.rejects(order.customer.update({id: 999}), (err: AnyObject) => {
        assert.equal(err.message, `Cannot override foreign key id from ${ann.id} to 999`);
        assert.equal(err.statusCode, 400);
        return true;
      });
      await assert.rejects(viaCallback(cb => order.customer.update({id: 999}, cb)), /Cannot override foreign key id/);
    });

    it('update() and destroy() fail when the relation is empty', async () => {
      const {Order} = await define();
      const order = await Order.create({description: 'o1'});
      await assert.rejects(order.customer.update({name: 'x'}), {message: 'BelongsTo relation customer is empty'});
      await assert.rejects(viaCallback(cb => order.customer.destroy(cb)), {message: 'BelongsTo relation customer is empty'});
    });

    it('destroy() clears the key and saves the source; the target stays (promise and callback)', async () => {
      const {Customer, Order} = await define();
      const ann = await Customer.create({name: 'Ann'});
      const o1 = await Order.create({description: 'o1', customerId: ann.id});
      const o2 = await Order.create({description: 'o2', customerId: ann.id});
      await o1.customer.destroy();
      assert.equal(o1.customerId, null);
      assert.equal(o1.customer(), undefined);
      assert.equal((await Order.findById(o1.id)).customerId ?? null, null);
      await viaCallback(cb => o2.customer.destroy(cb));
      assert.equal((await Order.findById(o2.id)).customerId ?? null, null);
      assert.ok(await Customer.findById(ann.id));
      assert.equal(await (await Order.findById(o1.id)).customer(true), undefined);
    });
  });

  describe('custom methods', () => {
    it('adds `methods` and defineMethod() methods to the accessor', async () => {
      const ds = setup.createDataSource();
      ds.createModel('BtMind', {label: String});
      const Fear = ds.createModel('BtFear', {label: String}) as Model;
      Fear.belongsTo('btMind', {methods: {check() { return true; }}});
      const early = new Fear();
      assert.equal(typeof early.btMind.check, 'function');
      Fear.relations.btMind.defineMethod('other', function (this: AnyObject) {
        return this.name;
      });
      assert.equal(new Fear().btMind.check(), true);
      assert.equal(new Fear().btMind.other(), 'btMind');
      assert.equal(early.btMind.check(), true);
    });
  });
});
