// Seed 000 (LoopBack 3 "HasMany relations"): its samples run with require('relata')
// in place of LoopBack, on every connector. The JSON model file is the seed's text
// (with its `// optional` comment; relata reads JSON with comments), closed where
// the page cuts it off; Order is seed 002's order.json.
import assert from 'node:assert/strict';
import {mkdtempSync, mkdirSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {it} from 'node:test';
import {juggler} from 'relata';
import {describeForEachConnector} from '../support/connectors';
import {freshDataSources, viaCallback} from '../juggler/support/lb3-helpers';

// Models and instances carry what relations and scripts add at run time.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyObject = any;

const CUSTOMER_JSON = `{
  "name": "Customer",
  "base": "PersistedModel",
  "relations": {
    "orders": {
      "type": "hasMany",
      "model": "Order",
      "foreignKey": "customerId",
      "primaryKey": "id" // optional
    }
  }
}`;

const ORDER_JSON = `{
  "name": "Order",
  "base": "PersistedModel",
  "relations": {
    "customer": {
      "type": "belongsTo",
      "model": "Customer",
      "foreignKey": "",
      "primaryKey": "id" // optional
    }
  }
}`;

describeForEachConnector('seed 000: LoopBack 3 hasMany', setup => {
  const freshDataSource = freshDataSources(setup);

  async function jsonModels(): Promise<{db: juggler.DataSource; Customer: AnyObject; Order: AnyObject}> {
    const db = freshDataSource();
    const Customer = juggler.createModelFromJSON(db, juggler.parseJSONWithComments(CUSTOMER_JSON, 'customer.json') as never) as AnyObject;
    const Order = juggler.createModelFromJSON(db, juggler.parseJSONWithComments(ORDER_JSON, 'order.json') as never) as AnyObject;
    await db.automigrate(['Customer', 'Order']);
    return {db, Customer, Order};
  }

  it('common/models/customer.json: Customer hasMany orders with foreignKey customerId', async () => {
    const {Customer, Order} = await jsonModels();
    assert.deepEqual(Customer.relations.orders.toJSON(), {
      name: 'orders', type: 'hasMany', modelFrom: 'Customer', keyFrom: 'id', modelTo: 'Order', keyTo: 'customerId', multiple: true,
    });
    // "The target model, Order, has a property, customerId, as the foreign key"
    assert.equal(Order.definition.properties.customerId.type, 'number');
    const customer = await Customer.create({});
    const order = await customer.orders.create({});
    assert.equal(order.customerId, customer.id);
    assert.deepEqual((await Order.find()).map((o: AnyObject) => o.customerId), [customer.id]);
  });

  it('the JSON files load as the relation generator writes them, with boot()', async () => {
    const root = mkdtempSync(join(tmpdir(), 'relata-seed-000-'));
    try {
      mkdirSync(join(root, 'server'));
      mkdirSync(join(root, 'common', 'models'), {recursive: true});
      writeFileSync(join(root, 'server', 'datasources.json'), JSON.stringify({db: {name: 'db', connector: 'memory'}}));
      writeFileSync(join(root, 'server', 'model-config.json'),
        JSON.stringify({Customer: {dataSource: 'db', public: true}, Order: {dataSource: 'db', public: true}}));
      writeFileSync(join(root, 'common', 'models', 'customer.json'), CUSTOMER_JSON);
      writeFileSync(join(root, 'common', 'models', 'order.json'), ORDER_JSON);
      const db = freshDataSource();
      const app = await juggler.boot(root, {dataSources: {db}});
      const {Customer, Order} = app.models as AnyObject;
      await db.automigrate(['Customer', 'Order']);
      const ann = await Customer.create({});
      await ann.orders.create({});
      const [withOrders] = await Customer.find({include: 'orders'});
      assert.equal(withOrders.toJSON().orders.length, 1);
      assert.equal(Order.relations.customer.modelTo, Customer);
    } finally {
      rmSync(root, {recursive: true, force: true});
    }
  });

  it('Customer.hasMany(Review, {as: \'reviews\', foreignKey: \'authorId\'}) in code', async () => {
    const db = freshDataSource();
    const Customer = db.createModel('Customer', {name: String}) as AnyObject;
    const Review = db.createModel('Review', {product: String, star: Number}) as AnyObject;

    Customer.hasMany(Review, {as: 'reviews', foreignKey: 'authorId'});

    await db.automigrate(['Customer', 'Review']);
    assert.deepEqual(Customer.relations.reviews.toJSON(), {
      name: 'reviews', type: 'hasMany', modelFrom: 'Customer', keyFrom: 'id', modelTo: 'Review', keyTo: 'authorId', multiple: true,
    });
    assert.equal(Review.definition.properties.authorId.type, 'number');
    const ann = await Customer.create({name: 'Ann'});
    const bob = await Customer.create({name: 'Bob'});
    await ann.reviews.create({product: 'shoes', star: 5});
    await bob.reviews.create({product: 'hat', star: 2});
    const reviews = await viaCallback<AnyObject[]>(cb => ann.reviews(cb));
    assert.deepEqual(reviews.map(r => [r.product, r.authorId]), [['shoes', ann.id]]);
  });

  it('derives the relation name (orders) and foreign key (customerId) when not given', async () => {
    const db = freshDataSource();
    const Customer = db.createModel('Customer', {name: String}) as AnyObject;
    const Order = db.createModel('Order', {description: String}) as AnyObject;
    Customer.hasMany(Order);
    assert.equal(Customer.relations.orders.keyTo, 'customerId');
    assert.ok(Order.definition.properties.customerId);
    await db.automigrate(['Customer', 'Order']);
    const ann = await Customer.create({name: 'Ann'});
    assert.equal((await ann.orders.create({description: 'x'})).customerId, ann.id);
  });

  it('customer.orders([filter], function(err, orders) {...})', async () => {
    const {Customer} = await jsonModels();
    const ann = await Customer.create({});
    const bob = await Customer.create({});
    const o1 = await ann.orders.create({});
    const o2 = await ann.orders.create({});
    await bob.orders.create({});
    const all = await viaCallback<AnyObject[]>(cb => ann.orders(cb));
    assert.deepEqual(all.map(o => o.id), [o1.id, o2.id]);
    const filtered = await viaCallback<AnyObject[]>(cb => ann.orders({where: {id: o2.id}}, cb));
    assert.deepEqual(filtered.map(o => o.id), [o2.id]);
    // after a fetch, the synchronous form reads the cached orders
    assert.deepEqual(ann.orders().map((o: AnyObject) => o.id), [o1.id, o2.id]);
  });

  it('var order = customer.orders.build(data); or equivalently new Order({customerId: customer.id, ...})', async () => {
    const {Customer, Order} = await jsonModels();
    const customer = await Customer.create({});
    const order = customer.orders.build({});
    assert.ok(order instanceof Order);
    assert.equal(order.customerId, customer.id);
    assert.equal(order.id, undefined, 'no persistence is involved');
    const same = new Order({customerId: customer.id});
    assert.deepEqual(order.toJSON(), same.toJSON());
    assert.equal(await Order.count(), 0);
  });

  it('customer.orders.create(data, function(err, order) {...}); or Order.create({customerId: customer.id, ...}, ...)', async () => {
    const {Customer, Order} = await jsonModels();
    const customer = await Customer.create({});
    const viaRelation = await viaCallback<AnyObject>(cb => customer.orders.create({}, cb));
    const viaModel = await viaCallback<AnyObject>(cb => Order.create({customerId: customer.id}, cb));
    assert.equal(viaRelation.customerId, customer.id);
    assert.equal(viaModel.customerId, customer.id);
    assert.deepEqual((await customer.orders.find()).map((o: AnyObject) => o.id), [viaRelation.id, viaModel.id]);
  });

  it('customer.orders.destroyAll(function(err) {...}) removes the customer\'s orders only', async () => {
    const {Customer, Order} = await jsonModels();
    const ann = await Customer.create({});
    const bob = await Customer.create({});
    await ann.orders.create({});
    await ann.orders.create({});
    const kept = await bob.orders.create({});
    await viaCallback(cb => ann.orders.destroyAll(cb));
    assert.deepEqual((await Order.find()).map((o: AnyObject) => o.id), [kept.id]);
  });

  it('customer.orders.findById(orderId, function(err, order) {...})', async () => {
    const {Customer} = await jsonModels();
    const ann = await Customer.create({});
    const bob = await Customer.create({});
    const order = await ann.orders.create({});
    const other = await bob.orders.create({});
    const found = await viaCallback<AnyObject>(cb => ann.orders.findById(order.id, cb));
    assert.equal(found.id, order.id);
    // another customer's order is not found through this customer
    await assert.rejects(viaCallback(cb => ann.orders.findById(other.id, cb)),
      {statusCode: 404, message: `No instance with id ${other.id} found for Order`});
  });

  it('customer.orders.destroy(orderId, function(err) {...})', async () => {
    const {Customer, Order} = await jsonModels();
    const ann = await Customer.create({});
    const o1 = await ann.orders.create({});
    const o2 = await ann.orders.create({});
    await viaCallback(cb => ann.orders.destroy(o1.id, cb));
    assert.deepEqual((await Order.find()).map((o: AnyObject) => o.id), [o2.id]);
  });

  it('customer.orders.find().then(function(orders) { ... })', async () => {
    const {Customer} = await jsonModels();
    const ann = await Customer.create({});
    const order = await ann.orders.create({});
    const ids = await ann.orders.find().then(function (orders: AnyObject[]) {
      return orders.map(o => o.id);
    });
    assert.deepEqual(ids, [order.id]);
  });
});
