import {describe, it} from 'node:test';
import assert from 'node:assert/strict';
// The package entry registers every LoopBack 3 relation type.
import 'relata';
import {describeForEachConnector} from '../support/connectors';
import {viaCallback} from './support/lb3-helpers';

type AnyObject = {[key: string]: any};
// LoopBack 3 models are dynamic (accessors and properties come from definitions).
type Model = any;

describeForEachConnector('LoopBack 3 include', setup => {
  async function seed() {
    const ds = setup.createDataSource();
    const Customer = ds.createModel('IncCustomer', {name: String}) as Model;
    const Order = ds.createModel('IncOrder', {description: String, total: Number}) as Model;
    const Item = ds.createModel('IncItem', {label: String}) as Model;
    const Product = ds.createModel('IncProduct', {title: String}) as Model;
    const Address = ds.createModel('IncAddress', {street: String}) as Model;
    Customer.hasMany(Order, {as: 'orders', foreignKey: 'customerId'});
    Customer.hasMany(Order, {as: 'bigOrders', foreignKey: 'customerId', scope: {where: {total: {gte: 100}}}});
    Customer.hasOne(Address, {as: 'address', foreignKey: 'customerId'});
    Order.belongsTo(Customer, {as: 'customer', foreignKey: 'customerId'});
    Order.hasMany(Item, {as: 'items', foreignKey: 'orderId'});
    Item.belongsTo(Product, {as: 'product', foreignKey: 'productId'});
    await ds.automigrate(['IncCustomer', 'IncOrder', 'IncItem', 'IncProduct', 'IncAddress']);

    const ann = await Customer.create({name: 'Ann'});
    const bob = await Customer.create({name: 'Bob'});
    await ann.address.create({street: 'Main st'});
    const o1 = await ann.orders.create({description: 'o1', total: 10});
    const o2 = await ann.orders.create({description: 'o2', total: 200});
    await Order.create({description: 'orphan', total: 1});
    await Order.create({description: 'dangling', total: 2, customerId: 999});
    const hammer = await Product.create({title: 'hammer'});
    await o1.items.create([{label: 'i1', productId: hammer.id}, {label: 'i2'}]);
    return {ds, Customer, Order, Item, Product, Address, ann, bob, o1, o2};
  }

  const orderNames = (c: AnyObject) => c.toJSON().orders.map((o: AnyObject) => o.description);

  describe('forms', () => {
    it('a name: results cached on each instance, in toJSON(), the accessor still a function; [] without targets', async () => {
      const {Customer, Order} = await seed();
      const [ann, bob] = await Customer.find({include: 'orders', order: 'name ASC'});
      assert.equal(typeof ann.orders, 'function');
      assert.deepEqual(ann.orders().map((o: AnyObject) => o.description), ['o1', 'o2']);
      assert.ok(ann.orders().every((o: AnyObject) => o instanceof Order));
      assert.equal(ann.__cachedRelations.orders, ann.orders());
      assert.deepEqual(orderNames(ann), ['o1', 'o2']);
      assert.deepEqual(bob.orders(), []);
      assert.deepEqual(bob.toJSON().orders, []);
      assert.deepEqual(JSON.parse(JSON.stringify(bob)), {id: bob.id, name: 'Bob', orders: []});
    });

    it('a list of names (callback)', async () => {
      const {Customer} = await seed();
      const found = await viaCallback(cb => Customer.find({include: ['orders', 'address'], order: 'name ASC'}, cb));
      assert.equal(found[0].address().street, 'Main st');
      assert.equal(found[0].toJSON().address.street, 'Main st');
      assert.equal('address' in found[1].toJSON(), false);
      assert.deepEqual(found[1].toJSON().orders, []);
    });

    it('{relation: nested} and {relation: [nested, ...]}, three levels, [] at every level', async () => {
      const {Customer} = await seed();
      const [ann, bob] = await Customer.find({include: {orders: 'items'}, order: 'name ASC'});
      const [o1, o2] = ann.orders();
      assert.deepEqual(o1.items().map((i: AnyObject) => i.label).sort(), ['i1', 'i2']);
      assert.deepEqual(o2.items(), []);
      assert.deepEqual(bob.orders(), []);
      const deep = await Customer.findOne({where: {name: 'Ann'}, include: {orders: [{items: 'product'}, 'customer']}});
      const first = deep.orders().find((o: AnyObject) => o.description === 'o1');
      assert.equal(first.customer().name, 'Ann');
      const labels = first.items().map((i: AnyObject) => [i.label, i.product()?.title]).sort();
      assert.deepEqual(labels, [['i1', 'hammer'], ['i2', undefined]]);
      const json = deep.toJSON();
      assert.equal(json.orders.find((o: AnyObject) => o.description === 'o1').items.find((i: AnyObject) => i.label === 'i1').product.title, 'hammer');
      assert.deepEqual(json.orders.find((o: AnyObject) => o.description === 'o2').items, []);
    });

    it('{relation, scope} (also `rel` and `true`): where, order, per-parent limit', async () => {
      const {Customer, ann} = await seed();
      await ann.orders.create({description: 'o3', total: 50});
      const bob = await Customer.findOne({where: {name: 'Bob'}});
      await bob.orders.create([{description: 'b1', total: 5}, {description: 'b2', total: 6}]);
      const top = await Customer.find({include: {relation: 'orders', scope: {order: 'total DESC', limit: 1}}, order: 'name ASC'});
      assert.deepEqual(top.map(orderNames), [['o2'], ['b2']]);
      const cheap = await Customer.find({include: {rel: 'orders', scope: {where: {total: {lt: 20}}}}, order: 'name ASC'});
      assert.deepEqual(cheap.map((c: AnyObject) => orderNames(c).sort()), [['o1'], ['b1', 'b2']]);
      const all = await Customer.find({include: {orders: true}, order: 'name ASC'});
      assert.equal(all[0].orders().length, 3);
      const mixed = await Customer.find({include: ['address', {relation: 'orders', scope: {include: 'items', where: {total: 10}}}]});
      const annMixed = mixed.find((c: AnyObject) => c.name === 'Ann');
      assert.equal(annMixed.orders()[0].items().length, 2);
      assert.equal(annMixed.address().street, 'Main st');
    });

    it('findOne and findById take include (promise and callback)', async () => {
      const {Customer, ann} = await seed();
      const one = await Customer.findById(ann.id, {include: 'orders'});
      assert.equal(one.orders().length, 2);
      const viaCb = await viaCallback(cb => Customer.findById(ann.id, {include: ['address']}, cb));
      assert.equal(viaCb.address().street, 'Main st');
      const first = await viaCallback(cb => Customer.findOne({where: {name: 'Bob'}, include: 'orders'}, cb));
      assert.deepEqual(first.orders(), []);
    });
  });

  describe('to-one relations', () => {
    it('belongsTo: absent without a key or with a key that points nowhere', async () => {
      const {Order} = await seed();
      const orders = await Order.find({include: 'customer', order: 'description ASC'});
      const byDescription = Object.fromEntries(orders.map((o: AnyObject) => [o.description, o.toJSON()]));
      assert.equal(byDescription.o1.customer.name, 'Ann');
      assert.equal('customer' in byDescription.orphan, false);
      assert.equal('customer' in byDescription.dangling, false);
      const dangling = orders.find((o: AnyObject) => o.description === 'dangling');
      assert.equal(dangling.customer(), undefined);
    });

    it('hasOne: absent when there is no target', async () => {
      const {Customer} = await seed();
      const found = await Customer.find({include: 'address', order: 'name ASC'});
      assert.equal(found[0].address().street, 'Main st');
      assert.equal(found[1].address(), undefined);
      assert.equal('address' in found[1].toJSON(), false);
    });
  });

  describe('scopes and fields', () => {
    it('the relation\'s own scope applies to its include', async () => {
      const {Customer} = await seed();
      const found = await Customer.find({include: 'bigOrders', order: 'name ASC'});
      assert.deepEqual(found[0].toJSON().bigOrders.map((o: AnyObject) => o.description), ['o2']);
      assert.deepEqual(found[1].toJSON().bigOrders, []);
      const narrowed = await Customer.find({include: {relation: 'bigOrders', scope: {where: {total: {lt: 150}}}}});
      assert.ok(narrowed.every((c: AnyObject) => c.bigOrders().length === 0));
    });

    it('scope fields keep the join keys (the target key and the keys of nested relations)', async () => {
      const {Customer, Order, ann} = await seed();
      const [withOrders] = await Customer.find({where: {id: ann.id}, include: {relation: 'orders', scope: {fields: ['description']}}});
      const orders = withOrders.toJSON().orders;
      assert.deepEqual(orders.map((o: AnyObject) => Object.keys(o).sort()), [['customerId', 'description'], ['customerId', 'description']]);
      const withCustomer = await Order.find({where: {description: 'o1'}, include: {relation: 'customer', scope: {fields: ['name']}}});
      assert.deepEqual(withCustomer[0].toJSON().customer, {id: ann.id, name: 'Ann'});
      const nested = await Customer.find({
        where: {id: ann.id},
        include: {relation: 'orders', scope: {fields: ['description'], include: {relation: 'items', scope: {fields: ['label']}}}},
      });
      const o1 = nested[0].orders().find((o: AnyObject) => o.description === 'o1');
      assert.ok(o1.id !== undefined);
      assert.deepEqual(o1.items().map((i: AnyObject) => Object.keys(i.toJSON()).sort()), [['label', 'orderId'], ['label', 'orderId']]);
    });

    it('an include through a relation accessor works the same', async () => {
      const {ann, Customer} = await seed();
      const fresh = await Customer.findById(ann.id);
      const orders = await fresh.orders({include: 'items', order: 'description ASC'});
      assert.equal(orders[0].items().length, 2);
      assert.deepEqual(orders[1].items(), []);
      const found = await viaCallback(cb => fresh.orders.findById(orders[1].id, {include: ['items', 'customer']}, cb));
      assert.deepEqual(found.items(), []);
      assert.equal(found.customer().name, 'Ann');
    });
  });

  describe('errors', () => {
    it('an unknown relation fails with LoopBack 3\'s message, at any level (promise and callback)', async () => {
      const {Customer} = await seed();
      await assert.rejects(Customer.find({include: 'nope'}), (err: AnyObject) => {
        assert.equal(err.message, 'Relation "nope" is not defined for IncCustomer model');
        assert.equal(err.statusCode, 400);
        assert.equal(err.code, 'INVALID_INCLUSION_FILTER');
        return true;
      });
      await assert.rejects(viaCallback(cb => Customer.find({include: ['orders', {orders: 'nope'}]}, cb)),
        {message: 'Relation "nope" is not defined for IncOrder model'});
      await assert.rejects(Customer.findOne({include: {relation: 'orders', scope: {include: {items: 'missing'}}}}),
        {message: 'Relation "missing" is not defined for IncItem model'});
    });
  });

  describe('Model.include(instances, include)', () => {
    it('loads related data onto instances in hand (promise), as find({include}) would', async () => {
      const {Customer} = await seed();
      const list = await Customer.find({order: 'name ASC'});
      const same = await Customer.include(list, {orders: 'items'});
      assert.equal(same[0], list[0]);
      assert.deepEqual(list[0].orders().map((o: AnyObject) => o.description), ['o1', 'o2']);
      assert.deepEqual(list[0].orders()[0].items().map((i: AnyObject) => i.label).sort(), ['i1', 'i2']);
      assert.deepEqual(list[1].toJSON().orders, []);
    });

    it('takes a callback, and plain objects become instances', async () => {
      const {Customer, ann} = await seed();
      const [one] = await viaCallback(cb => Customer.include([{id: ann.id, name: 'Ann'}], 'address', cb));
      assert.equal(one.address().street, 'Main st');
    });

    it('rejects an unknown relation and a non-array', async () => {
      const {Customer} = await seed();
      const list = await Customer.find();
      await assert.rejects(Customer.include(list, 'nope'), /Relation "nope" is not defined for IncCustomer model/);
      await assert.rejects(Customer.include('x', 'orders'), (e: AnyObject) => e.statusCode === 400);
    });
  });
});
