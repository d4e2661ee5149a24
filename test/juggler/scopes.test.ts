import {describe, it} from 'node:test';
import assert from 'node:assert/strict';
import {juggler} from 'relata';
import {describeForEachConnector} from '../support/connectors';
import {viaCallback} from './support/lb3-helpers';

type AnyObject = {[key: string]: any};
// LoopBack 3 models are dynamic (accessors and properties come from definitions).
type Model = any;

const names = (list: Model[]) => list.map(i => i.name);

describeForEachConnector('LoopBack 3 named scopes', setup => {
  /** The models of seed 004's "Exposing REST APIs for related models" script. */
  async function seedModels() {
    const db = setup.createDataSource();
    const Customer = db.createModel('ScCustomer', {name: String, age: Number, vip: Boolean}) as Model;
    const Review = db.createModel('ScReview', {product: String, star: Number}) as Model;
    const Order = db.createModel('ScOrder', {description: String, total: Number}) as Model;
    Customer.scope('youngFolks', {where: {age: {lte: 22}}});
    Review.belongsTo(Customer, {foreignKey: 'authorId', as: 'author'});
    Customer.hasMany(Review, {foreignKey: 'authorId', as: 'reviews'});
    Customer.hasMany(Order, {foreignKey: 'customerId', as: 'orders'});
    Order.belongsTo(Customer, {foreignKey: 'customerId'});
    await db.automigrate(['ScCustomer', 'ScReview', 'ScOrder']);
    await Customer.create([
      {name: 'Ann', age: 20, vip: true}, {name: 'Bob', age: 22, vip: false},
      {name: 'Cid', age: 40, vip: true}, {name: 'Dee', age: 19, vip: false},
    ]);
    return {db, Customer, Review, Order};
  }

  it('seed 004: Customer.scope("youngFolks", {where: {age: {lte: 22}}}) (callback and promise)', async () => {
    const {Customer} = await seedModels();
    assert.deepEqual(names(await viaCallback(cb => Customer.youngFolks(cb))).sort(), ['Ann', 'Bob', 'Dee']);
    assert.deepEqual(names(await Customer.youngFolks({order: 'age ASC'})), ['Dee', 'Ann', 'Bob']);
    assert.deepEqual(names(await viaCallback(cb => Customer.youngFolks({where: {vip: true}}, cb))), ['Ann']);
    assert.deepEqual(names(await Customer.youngFolks({order: 'name'}, {})), ['Ann', 'Bob', 'Dee']);
    assert.equal(Customer.youngFolks(), undefined, 'zero arguments read the cache, which a static scope never fills');
    assert.ok(Customer.scopes.youngFolks);
    assert.deepEqual(Customer.scopes.youngFolks.params, {where: {age: {lte: 22}}});
  });

  it('.find / .findOne / .findById / .count (callback and promise)', async () => {
    const {Customer} = await seedModels();
    assert.deepEqual(names(await Customer.youngFolks.find({where: {name: {neq: 'Bob'}}, order: 'name'})), ['Ann', 'Dee']);
    assert.deepEqual(names(await viaCallback(cb => Customer.youngFolks.find(cb))).sort(), ['Ann', 'Bob', 'Dee']);
    assert.equal((await Customer.youngFolks.findOne({order: 'age DESC'})).name, 'Bob');
    assert.equal((await viaCallback(cb => Customer.youngFolks.findOne({where: {name: 'Cid'}}, cb))), null);
    const cid = await Customer.findOne({where: {name: 'Cid'}});
    const ann = await Customer.findOne({where: {name: 'Ann'}});
    assert.equal(await Customer.youngFolks.findById(cid.id), null, 'out of the scope');
    assert.equal((await viaCallback(cb => Customer.youngFolks.findById(ann.id, cb))).name, 'Ann');
    assert.equal(await Customer.youngFolks.count(), 3);
    assert.equal(await viaCallback(cb => Customer.youngFolks.count({vip: false}, cb)), 2);
  });

  it('mergeQuery: wheres AND-ed, the scope’s limit/fields win, the caller’s order wins', async () => {
    const {Customer} = await seedModels();
    Customer.scope('topTwo', {where: {age: {lt: 100}}, order: 'age DESC', limit: 2, fields: ['name', 'age']});
    assert.deepEqual((await Customer.topTwo({})).map((c: Model) => c.toJSON()), [{name: 'Cid', age: 40}, {name: 'Bob', age: 22}]);
    assert.deepEqual(names(await Customer.topTwo({order: 'age ASC', limit: 10})), ['Dee', 'Ann']);
    assert.deepEqual(names(await Customer.topTwo({where: {vip: true}})), ['Cid', 'Ann']);
  });

  it('.create / .build take the scope’s simple where values; .updateAll / .destroyAll stay in the scope', async () => {
    const {Customer} = await seedModels();
    Customer.scope('vips', {where: {vip: true}});
    const built = Customer.vips.build({name: 'Eve'});
    assert.ok(built instanceof Customer);
    assert.equal(built.vip, true);
    assert.equal(built.isNewRecord(), true);
    const created = await Customer.vips.create({name: 'Fay', vip: false});
    assert.equal(created.vip, true, 'the scope value wins');
    const viaCb = await viaCallback(cb => Customer.vips.create({name: 'Gus'}, cb));
    assert.equal((await Customer.findById(viaCb.id)).vip, true);
    assert.deepEqual(await Customer.vips.updateAll({age: {gt: 30}}, {age: 41}), {count: 1});
    assert.deepEqual(await viaCallback(cb => Customer.youngFolks.updateAll({vip: false}, {age: 21}, cb)), {count: 2});
    assert.equal(await Customer.count({age: 21}), 2);
    assert.deepEqual(await Customer.youngFolks.destroyAll({vip: false}), {count: 2});
    assert.deepEqual(await viaCallback(cb => Customer.vips.destroyAll({name: 'Fay'}, cb)), {count: 1});
    assert.deepEqual(names(await Customer.find({order: 'name'})), ['Ann', 'Cid', 'Gus']);
  });

  it('a function scope, a target class, custom methods and chaining', async () => {
    const {Customer, Order} = await seedModels();
    const ann = await Customer.findOne({where: {name: 'Ann'}});
    await ann.orders.create([{description: 'small', total: 5}, {description: 'big', total: 500}]);
    Customer.scope('bigOrders', function () {
      return {where: {total: {gt: 100}}};
    }, Order, {
      sum(this: Model) {
        return 'sum of ' + this.modelName;
      },
    });
    assert.deepEqual((await Customer.bigOrders({})).map((o: Model) => o.description), ['big']);
    assert.ok((await Customer.bigOrders.findOne()) instanceof Order);
    assert.equal(Customer.bigOrders.sum(), 'sum of ScCustomer');
    Customer.scope('vips', {where: {vip: true}});
    assert.deepEqual(names(await Customer.youngFolks.vips({})), ['Ann']);
    assert.deepEqual(names(await Customer.vips.youngFolks.find()), ['Ann']);
  });

  it('bad arguments are 400 errors', async () => {
    const {Customer} = await seedModels();
    await assert.rejects(Customer.youngFolks('x', {}), {statusCode: 400});
    await assert.rejects(Customer.youngFolks.count('x'), {statusCode: 400});
    await assert.rejects(Customer.youngFolks.findById(undefined), {statusCode: 400});
    await assert.rejects(Customer.youngFolks.find({where: {age: {gt: 'old'}}}), {statusCode: 400});
    assert.throws(() => Customer.scope('broken', 'filter'), /must be an object or a function/);
  });
});

describeForEachConnector('LoopBack 3 default scope (model setting `scope`)', setup => {
  it('create enforces the scope’s where values, on new instances too; reads only see the scope', async () => {
    const ds = setup.createDataSource();
    const Product = ds.createModel('ScProduct', {name: String, active: Boolean, price: Number}, {scope: {where: {active: true}}}) as Model;
    await ds.automigrate(['ScProduct']);
    const made = await Product.create({name: 'c', active: false, price: 9});
    assert.equal(made.active, true, 'the default scope value wins on create');
    assert.equal(new Product({name: 'd'}).active, true, 'and on new instances');
    const viaCb = await viaCallback(cb => Product.create({name: 'e', active: false}, cb));
    assert.equal(viaCb.active, true);
    await ds.connector.create('ScProduct', {name: 'hidden', active: false, price: 1});
    assert.equal(await Product.count(), 2);
    assert.deepEqual(names(await Product.find({order: 'name'})), ['c', 'e']);
    assert.deepEqual(names(await viaCallback(cb => Product.find(cb))).sort(), ['c', 'e']);
  });

  it('merges into every query: where AND-ed, the query’s order wins, the scope’s order when it has none', async () => {
    const ds = setup.createDataSource();
    const Item = ds.createModel('ScItem', {name: String, kind: String, rank: Number}, {scope: {where: {kind: 'book'}, order: 'rank DESC'}}) as Model;
    await ds.automigrate(['ScItem']);
    await Item.create([{name: 'b1', rank: 1}, {name: 'b2', rank: 2}]);
    await ds.connector.create('ScItem', {name: 'film', kind: 'film', rank: 3});
    assert.deepEqual(names(await Item.find()), ['b2', 'b1']);
    assert.deepEqual(names(await Item.find({order: 'rank ASC'})), ['b1', 'b2']);
    assert.deepEqual(names(await Item.find({where: {rank: {gt: 1}}})), ['b2']);
    const b1 = await Item.findOne({where: {name: 'b1'}});
    assert.equal(b1.kind, 'book');
    assert.equal((await Item.findById(b1.id)).name, 'b1');
    const [film] = await ds.connector.find('ScItem', {where: {name: 'film'}});
    assert.equal(await Item.findById(film.id), null, 'findById stays in the scope');
  });

  it('count, exists, updateAll and destroyAll stay inside the scope; updateAll enforces its values', async () => {
    const ds = setup.createDataSource();
    const Task = ds.createModel('ScTask', {title: String, done: Boolean}, {scope: {where: {done: false}}}) as Model;
    await ds.automigrate(['ScTask']);
    const open = await Task.create({title: 'open'});
    await ds.connector.create('ScTask', {title: 'closed', done: true});
    const [closed] = await ds.connector.find('ScTask', {where: {title: 'closed'}});
    assert.equal(await Task.count(), 1);
    assert.equal(await Task.exists(closed.id), false);
    assert.equal(await Task.exists(open.id), true);
    assert.deepEqual(await Task.updateAll({}, {title: 'renamed', done: true}), {count: 1});
    assert.equal((await Task.findById(open.id)).done, false, 'the scope value is kept on update');
    assert.deepEqual(await viaCallback(cb => Task.destroyAll(cb)), {count: 1});
    assert.equal(await Task.count(), 0);
    const rows = await ds.connector.find('ScTask', {});
    assert.deepEqual(rows.map((r: AnyObject) => [r.title, r.done]), [['closed', true]]);
  });

  it('a function default scope; relation reads and includes go through it', async () => {
    const ds = setup.createDataSource();
    const Shop = ds.createModel('ScFnShop', {name: String}) as Model;
    const Product = ds.createModel('ScFnProduct', {name: String, price: Number}, {
      scope: () => ({where: {price: {gt: 0}}}),
    }) as Model;
    Shop.hasMany(Product, {as: 'products', foreignKey: 'shopId'});
    await ds.automigrate(['ScFnShop', 'ScFnProduct']);
    const shop = await Shop.create({name: 'main'});
    await shop.products.create([{name: 'free', price: 0}, {name: 'paid', price: 5}]);
    assert.deepEqual(names(await Product.find()), ['paid']);
    assert.deepEqual(names(await shop.products.find()), ['paid']);
    const [withProducts] = await Shop.find({include: 'products'});
    assert.deepEqual(withProducts.toJSON().products.map((p: AnyObject) => p.name), ['paid']);
  });
});

describe('LoopBack 3 named scope definitions', () => {
  it('a scope needs a name and a filter', () => {
    const ds = new juggler.DataSource('memory');
    const M = ds.createModel('ScDefs', {name: String}) as Model;
    assert.throws(() => M.scope('', {}), /needs a name/);
    assert.throws(() => M.scope('nothing'), /must be an object or a function/);
    const def = M.scope('all', {});
    assert.equal(def.name, 'all');
    assert.equal(def.modelTo, M);
  });
});
