import {describe, it} from 'node:test';
import assert from 'node:assert/strict';
import {juggler} from 'relata';
import {mergeQuery, scopeWhereValues} from '../../src/juggler/relations/relation-options';
import {describeForEachConnector} from '../support/connectors';

type AnyObject = {[key: string]: any};
// LoopBack 3 models are dynamic (accessors and properties come from definitions).
type Model = any;

describe('LoopBack 3 mergeQuery (relation scopes)', () => {
  it('ANDs where clauses, takes limit/skip/fields from the update, keeps the base order', () => {
    assert.deepEqual(mergeQuery({where: {a: 1}, order: 'a ASC', limit: 10}, {where: {b: 2}, order: 'b DESC', limit: 2, fields: ['a']}),
      {where: {and: [{a: 1}, {b: 2}]}, order: 'a ASC', limit: 2, fields: ['a']});
    assert.deepEqual(mergeQuery({}, {where: {b: 2}, order: 'b DESC', skip: 1}), {where: {b: 2}, order: 'b DESC', skip: 1});
    assert.deepEqual(mergeQuery({where: {a: 1}}, {where: {}}), {where: {a: 1}});
  });

  it('merges includes by relation name, the update winning', () => {
    const merged = mergeQuery({include: ['orders', {address: 'city'}]}, {include: {relation: 'orders', scope: {limit: 1}}});
    assert.deepEqual(merged.include, [
      {relation: 'orders', scope: {limit: 1}},
      {relation: 'address', scope: {include: 'city'}},
    ]);
  });

  it('scope where values: simple values of the top level and of `and` branches, declared properties only', () => {
    assert.deepEqual(scopeWhereValues({type: 'shoe', size: {gt: 3}, and: [{color: 'red'}, {or: [{a: 1}]}]}),
      {type: 'shoe', color: 'red'});
    assert.deepEqual(scopeWhereValues({type: 'shoe', other: 1}, {type: {}}), {type: 'shoe'});
  });
});

describeForEachConnector('LoopBack 3 relation definitions', setup => {
  it('Model.relations[name].toJSON() is LoopBack 3\'s for each type', async () => {
    const ds = setup.createDataSource();
    const Customer = ds.createModel('RdCustomer', {name: String}) as Model;
    const Order = ds.createModel('RdOrder', {description: String}) as Model;
    const Profile = ds.createModel('RdProfile', {bio: String}) as Model;
    Customer.hasMany(Order, {as: 'orders', foreignKey: 'customerId'});
    Customer.hasOne(Profile, {as: 'profile'});
    Order.belongsTo(Customer, {as: 'customer', foreignKey: 'customerId'});
    assert.deepEqual(JSON.parse(JSON.stringify(Customer.relations.orders)), {
      name: 'orders', type: 'hasMany', modelFrom: 'RdCustomer', keyFrom: 'id', modelTo: 'RdOrder', keyTo: 'customerId', multiple: true,
    });
    assert.deepEqual(Customer.relations.profile.toJSON(), {
      name: 'profile', type: 'hasOne', modelFrom: 'RdCustomer', keyFrom: 'id', modelTo: 'RdProfile', keyTo: 'rdCustomerId', multiple: false,
    });
    assert.deepEqual(Order.relations.customer.toJSON(), {
      name: 'customer', type: 'belongsTo', modelFrom: 'RdOrder', keyFrom: 'customerId', modelTo: 'RdCustomer', keyTo: 'id', multiple: false,
    });
    assert.ok(Customer.relations.orders instanceof juggler.RelationDefinition);
    assert.equal(Customer.relations.orders.modelTo, Order);
    await ds.automigrate(['RdCustomer', 'RdOrder', 'RdProfile']);
    const c = await Customer.create({name: 'c'});
    await c.orders.create({description: 'o'});
    assert.equal((await Order.findOne()).customerId, c.id);
  });

  it('a relation to a model defined later is defined when the model is', async () => {
    const ds = setup.createDataSource();
    const Order = ds.createModel('RdOrder', {description: String}) as Model;
    assert.equal(Order.belongsTo('customer', {model: 'RdLateCustomer'}), undefined);
    assert.equal(Order.relations.customer, undefined);
    const Late = ds.createModel('RdLateCustomer', {name: String}) as Model;
    assert.equal(Order.relations.customer.modelTo, Late);
    assert.ok(Order.definition.properties.customerId);
    Late.hasMany('rdOrders');
    assert.equal(Late.relations.rdOrders.modelTo, Order);
    await ds.automigrate(['RdOrder', 'RdLateCustomer']);
    const late = await Late.create({name: 'l'});
    const order = await late.rdOrders.create({description: 'o'});
    assert.equal(order.rdLateCustomerId, late.id);
  });

  it('a relation defined again under the same name replaces the earlier one (accessor and include)', async () => {
    const ds = setup.createDataSource();
    const Customer = ds.createModel('RdCustomer', {name: String}) as Model;
    const Order = ds.createModel('RdOrder', {description: String, buyerId: Number, payerId: Number}) as Model;
    Customer.hasMany(Order, {as: 'orders', foreignKey: 'buyerId'});
    Customer.hasMany(Order, {as: 'orders', foreignKey: 'payerId'});
    assert.equal(Customer.relations.orders.keyTo, 'payerId');
    await ds.automigrate(['RdCustomer', 'RdOrder']);
    const c = await Customer.create({name: 'c'});
    await Order.create({description: 'bought', buyerId: c.id});
    await Order.create({description: 'paid', payerId: c.id});
    assert.deepEqual((await c.orders(true)).map((o: AnyObject) => o.description), ['paid']);
    const [found] = await Customer.find({include: 'orders'});
    assert.deepEqual(found.toJSON().orders.map((o: AnyObject) => o.description), ['paid']);
  });

  it('applyScope() and applyProperties() are there for code that calls them', () => {
    const ds = setup.createDataSource();
    const Category = ds.createModel('RdCategory', {name: String, type: String}) as Model;
    const Product = ds.createModel('RdProduct', {name: String, type: String}) as Model;
    const relation = Category.hasMany(Product, {as: 'shoes', scope: {where: {type: 'shoe'}, limit: 5}, properties: {name: 'type'}});
    const category = new Category({name: 'boots'});
    assert.deepEqual(relation.applyScope(category, {where: {name: 'a'}, limit: 50}), {where: {and: [{name: 'a'}, {type: 'shoe'}]}, limit: 5});
    const target: AnyObject = {};
    relation.applyProperties(category, target);
    assert.deepEqual(target, {type: 'boots'});
  });

  it('refuses the relation name `trigger` and an unknown relation type', () => {
    const ds = setup.createDataSource();
    const A = ds.createModel('RdA', {name: String}) as Model;
    const B = ds.createModel('RdB', {name: String}) as Model;
    assert.throws(() => A.hasMany(B, {as: 'trigger'}), {message: 'Invalid relation name: trigger'});
    assert.throws(() => A.belongsTo(undefined), {code: 'BELONGS_TO_MISSING_MODEL'});
  });

  it('refuses a relation named like a property it references, for each type', () => {
    const ds = setup.createDataSource();
    const Customer = ds.createModel('RdCustomer', {name: String}) as Model;
    const Order = ds.createModel('RdOrder', {description: String, customerId: Number}) as Model;
    assert.throws(() => Order.belongsTo(Customer, {as: 'customerId'}), {code: 'RELATION_NAME_CONFLICT'});
    assert.throws(() => Customer.hasMany(Order, {as: 'name'}), {code: 'RELATION_NAME_CONFLICT'});
    assert.throws(() => Customer.hasOne(Order, {as: 'id'}), {code: 'RELATION_NAME_CONFLICT'});
    assert.throws(() => Order.belongsTo('ref', {polymorphic: {foreignKey: 'ref', discriminator: 'refType'}}),
      {code: 'RELATION_NAME_CONFLICT'});
    assert.deepEqual(Object.keys(Order.relations), []);
    assert.deepEqual(Object.keys(Customer.relations), []);
  });
});
