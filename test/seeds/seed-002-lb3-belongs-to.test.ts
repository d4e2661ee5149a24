// Seed 002 (LoopBack 3 "BelongsTo relations"): its samples run with require('relata')
// in place of LoopBack, on every connector. order.json is the seed's text (with its
// `// optional` comment and the `"foreignKey": ""` the relation generator writes),
// closed where the page cuts it off.
import assert from 'node:assert/strict';
import {it} from 'node:test';
import {juggler} from 'relata';
import {describeForEachConnector} from '../support/connectors';
import {freshDataSources, viaCallback} from '../juggler/support/lb3-helpers';

// Models and instances carry what relations and scripts add at run time.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyObject = any;

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

describeForEachConnector('seed 002: LoopBack 3 belongsTo', setup => {
  const freshDataSource = freshDataSources(setup);

  /** Customer in code, Order from the seed's order.json. */
  async function models(): Promise<{Customer: AnyObject; Order: AnyObject}> {
    const db = freshDataSource();
    const Customer = db.createModel('Customer', {name: String}) as AnyObject;
    const Order = juggler.createModelFromJSON(db, juggler.parseJSONWithComments(ORDER_JSON, 'order.json') as never) as AnyObject;
    await db.automigrate(['Customer', 'Order']);
    return {Customer, Order};
  }

  it('common/models/order.json: Order belongsTo customer; foreignKey "" means the default customerId', async () => {
    const {Customer, Order} = await models();
    assert.deepEqual(Order.relations.customer.toJSON(), {
      name: 'customer', type: 'belongsTo', modelFrom: 'Order', keyFrom: 'customerId', modelTo: 'Customer', keyTo: 'id', multiple: false,
    });
    // "If the declaring model doesn't have a foreign key property, LoopBack will add a property with the same name."
    assert.equal(Order.definition.properties.customerId.type, 'number');
    const ann = await Customer.create({name: 'Ann'});
    const order = await Order.create({customerId: ann.id});
    assert.equal((await order.customer.get()).name, 'Ann');
  });

  it('Order.belongsTo(Customer, {foreignKey: \'customerId\'}) in code', async () => {
    const db = freshDataSource();
    const Customer = db.createModel('Customer', {name: String}) as AnyObject;
    const Order = db.createModel('Order', {description: String}) as AnyObject;

    Order.belongsTo(Customer, {foreignKey: 'customerId'});

    await db.automigrate(['Customer', 'Order']);
    assert.equal(Order.relations.customer.keyFrom, 'customerId');
    const ann = await Customer.create({name: 'Ann'});
    const order = await Order.create({description: 'shoes', customerId: ann.id});
    assert.equal((await viaCallback<AnyObject>(cb => order.customer(cb))).id, ann.id);
  });

  it('adds the foreign key with the type of the target id', async () => {
    const db = freshDataSource();
    const Customer = db.createModel('Customer', {code: {type: String, id: true}, name: String}) as AnyObject;
    const Order = db.createModel('Order', {description: String}) as AnyObject;
    Order.belongsTo(Customer);
    assert.equal(Order.definition.properties.customerId.type, 'string');
    await db.automigrate(['Customer', 'Order']);
    await Customer.create({code: 'C-1', name: 'Ann'});
    const order = await Order.create({description: 'hat', customerId: 'C-1'});
    assert.equal((await order.customer.get()).name, 'Ann');
  });

  it('derives the relation name (customer) and foreign key (customerId) when not given', async () => {
    const db = freshDataSource();
    const Customer = db.createModel('Customer', {name: String}) as AnyObject;
    const Order = db.createModel('Order', {description: String}) as AnyObject;
    Order.belongsTo(Customer);
    assert.equal(Order.relations.customer.name, 'customer');
    assert.equal(Order.relations.customer.keyFrom, 'customerId');
  });

  it('order.customer([filter], function(err, customer) {...}) gets the customer asynchronously', async () => {
    const {Customer, Order} = await models();
    const ann = await Customer.create({name: 'Ann'});
    const order = await Order.create({customerId: ann.id});
    const customer = await viaCallback<AnyObject>(cb => order.customer(cb));
    assert.ok(customer instanceof Customer);
    assert.equal(customer.name, 'Ann');
    // `true` refreshes instead of reading the cache
    await Customer.updateAll({id: ann.id}, {name: 'Anna'});
    assert.equal((await viaCallback<AnyObject>(cb => order.customer(cb))).name, 'Ann', 'cached');
    assert.equal((await viaCallback<AnyObject>(cb => order.customer(true, cb))).name, 'Anna', 'refreshed');
    // an order without a customer has none (LoopBack 3 calls back with no value)
    const loose = await Order.create({});
    assert.equal(await viaCallback(cb => loose.customer(cb)) ?? null, null);
  });

  it('var customer = order.customer(); reads the result of a previous get synchronously', async () => {
    const {Customer, Order} = await models();
    const ann = await Customer.create({name: 'Ann'});
    const order = await Order.findById((await Order.create({customerId: ann.id})).id);
    assert.equal(order.customer(), undefined, 'nothing fetched yet');
    await viaCallback(cb => order.customer(cb));
    const customer = order.customer();
    assert.equal(customer.name, 'Ann');
  });

  it('order.customer(customer) sets the customer for the order', async () => {
    const {Customer, Order} = await models();
    const ann = await Customer.create({name: 'Ann'});
    const bob = await Customer.create({name: 'Bob'});
    const order = await Order.create({customerId: ann.id});
    order.customer(bob);
    assert.equal(order.customerId, bob.id);
    assert.equal(order.customer(), bob);
    await order.save();
    const reloaded = await Order.findById(order.id);
    assert.equal(reloaded.customerId, bob.id);
    assert.equal((await reloaded.customer.get()).name, 'Bob');
  });

  it('order.customer.get().then(function(customer) { ... })', async () => {
    const {Customer, Order} = await models();
    const ann = await Customer.create({name: 'Ann'});
    const order = await Order.create({customerId: ann.id});
    const name = await order.customer.get().then(function (customer: AnyObject) {
      return customer.name;
    });
    assert.equal(name, 'Ann');
  });

  it('one-to-one: Address belongsTo Customer, Customer hasOne Address', async () => {
    const db = freshDataSource();
    const Customer = db.createModel('Customer', {name: String}) as AnyObject;
    const Address = db.createModel('Address', {street: String}) as AnyObject;
    Address.belongsTo(Customer);
    Customer.hasOne(Address);
    await db.automigrate(['Customer', 'Address']);
    assert.equal(Customer.relations.address.keyTo, 'customerId');
    const ann = await Customer.create({name: 'Ann'});
    const address = await ann.address.create({street: 'Main St'});
    assert.equal(address.customerId, ann.id);
    assert.equal((await viaCallback<AnyObject>(cb => address.customer(cb))).name, 'Ann');
    assert.equal((await ann.address.get()).street, 'Main St');
    await assert.rejects(ann.address.create({street: 'Second St'}),
      {message: 'HasOne relation cannot create more than one instance of Address'});
  });
});
