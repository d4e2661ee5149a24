// Seed 004 (LoopBack 3 "Creating model relations"): relation options (scope,
// properties, invertProperties, scopeMethods), relations across data sources, the
// relation-name rule, and the 'Exposing REST APIs' script's models, relations and
// scope (HTTP endpoints are a later issue). Samples run with require('relata') in
// place of LoopBack; on every connector unless the sample itself names memory.
import assert from 'node:assert/strict';
import {describe, it, mock} from 'node:test';
import {juggler} from 'relata';
import {describeForEachConnector} from '../support/connectors';
import {freshDataSources, viaCallback} from '../juggler/support/lb3-helpers';

// Models and instances carry what relations and scripts add at run time.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyObject = any;
// eslint-disable-next-line @typescript-eslint/no-require-imports
const loopback = require('relata');

const names = (list: AnyObject[]) => list.map(x => x.name);

/**
 * The 'Exposing REST APIs for related models' script (/server/script.js),
 * from its second line on, exactly as the page writes it (its implicit
 * globals declared first); `db` is passed in.
 */
function exposingRestApisScript(db: AnyObject): {Customer: AnyObject; Review: AnyObject; Order: AnyObject} {
  let Customer: AnyObject, Review: AnyObject, Order: AnyObject;
  /* eslint-disable */
  Customer = db.createModel('customer', {
    name: String,
    age: Number
  });
  Review = db.createModel('review', {
    product: String,
    star: Number
  });
  Order = db.createModel('order', {
    description: String,
    total: Number
  });

  Customer.scope("youngFolks", {where: {age: {lte: 22}}});
  Review.belongsTo(Customer, {foreignKey: 'authorId', as: 'author'});
  Customer.hasMany(Review, {foreignKey: 'authorId', as: 'reviews'});
  Customer.hasMany(Order, {foreignKey: 'customerId', as: 'orders'});
  Order.belongsTo(Customer, {foreignKey: 'customerId'});
  /* eslint-enable */
  return {Customer, Review, Order};
}

async function checkExposingRestApisScript(db: AnyObject, models: {Customer: AnyObject; Review: AnyObject; Order: AnyObject}) {
  const {Customer, Review, Order} = models;
  assert.deepEqual(Review.relations.author.toJSON(), {
    name: 'author', type: 'belongsTo', modelFrom: 'review', keyFrom: 'authorId', modelTo: 'customer', keyTo: 'id', multiple: false,
  });
  assert.deepEqual(Customer.relations.reviews.toJSON(), {
    name: 'reviews', type: 'hasMany', modelFrom: 'customer', keyFrom: 'id', modelTo: 'review', keyTo: 'authorId', multiple: true,
  });
  assert.deepEqual(Customer.relations.orders.toJSON(), {
    name: 'orders', type: 'hasMany', modelFrom: 'customer', keyFrom: 'id', modelTo: 'order', keyTo: 'customerId', multiple: true,
  });
  assert.deepEqual(Order.relations.customer.toJSON(), {
    name: 'customer', type: 'belongsTo', modelFrom: 'order', keyFrom: 'customerId', modelTo: 'customer', keyTo: 'id', multiple: false,
  });
  assert.equal(db.models.customer, Customer);

  const ann = await Customer.create({name: 'Ann', age: 21});
  const bob = await Customer.create({name: 'Bob', age: 35});
  const cid = await Customer.create({name: 'Cid', age: 22});
  await ann.reviews.create({product: 'shoes', star: 5});
  const review = await bob.reviews.create({product: 'hat', star: 3});
  await ann.orders.create({description: 'shoes', total: 60});
  const order = await cid.orders.create({description: 'socks', total: 5});

  // the named scope
  assert.deepEqual(names(await Customer.youngFolks({order: 'name ASC'})), ['Ann', 'Cid']);
  assert.deepEqual(names(await viaCallback<AnyObject[]>(cb => Customer.youngFolks.find({where: {name: 'Cid'}}, cb))), ['Cid']);
  assert.equal(await Customer.youngFolks.count(), 2);
  const young = await Customer.youngFolks.find({include: 'orders', order: 'name ASC'});
  assert.deepEqual(young.map((c: AnyObject) => c.toJSON().orders.map((o: AnyObject) => o.description)), [['shoes'], ['socks']]);

  // the relations, both ways
  assert.equal((await review.author.get()).name, 'Bob');
  assert.equal((await viaCallback<AnyObject>(cb => order.customer(cb))).name, 'Cid');
  assert.deepEqual((await ann.reviews.find()).map((r: AnyObject) => r.product), ['shoes']);
  const all = await Customer.find({include: ['reviews', 'orders'], order: 'name ASC'});
  assert.deepEqual(all.map((c: AnyObject) => {
    const json = c.toJSON();
    return [json.name, json.reviews.length, json.orders.length];
  }), [['Ann', 1, 1], ['Bob', 1, 0], ['Cid', 0, 1]]);
  const reviews = await Review.find({include: 'author', order: 'star DESC'});
  assert.deepEqual(reviews.map((r: AnyObject) => r.toJSON().author.name), ['Ann', 'Bob']);
}

describe('seed 004: the Exposing REST APIs script, as written (memory)', () => {
  it('defines the models, relations and youngFolks scope on loopback.createDataSource({connector: \'memory\'})', async () => {
    var db = loopback.createDataSource({connector: 'memory'});
    assert.equal(db.connector.name, 'memory');
    await checkExposingRestApisScript(db, exposingRestApisScript(db));
  });
});

describeForEachConnector('seed 004: LoopBack 3 relations', setup => {
  const freshDataSource = freshDataSources(setup);

  it('the Exposing REST APIs script on this connector', async () => {
    const db = freshDataSource();
    const models = exposingRestApisScript(db);
    await db.automigrate(['customer', 'review', 'order']);
    await checkExposingRestApisScript(db, models);
  });

  it('scope as an object: only shoes, always including products', async () => {
    const db = freshDataSource();
    const Category = db.createModel('Category', {name: String, type: String}) as AnyObject;
    const Product = db.createModel('Product', {name: String, type: String}) as AnyObject;
    // The scope includes `products` of each product: the sample presumes such a
    // relation on Product (here: related products).
    Product.hasMany(Product, {as: 'products', foreignKey: 'parentId'});

    // only allow products of type: 'shoe', always include products
    Category.hasMany(Product, {
      as: 'shoes',
      scope: {
        where: {type: 'shoe'},
        include: 'products',
      },
    });

    await db.automigrate(['Category', 'Product']);
    const footwear = await Category.create({name: 'Footwear', type: 'shoe'});
    const boot = await footwear.shoes.create({name: 'boot'});
    assert.equal(boot.type, 'shoe', 'the scope where value is set on create');
    assert.equal(boot.categoryId, footwear.id);
    assert.equal(footwear.shoes.build({name: 'clog'}).type, 'shoe');
    await Product.create({name: 'slipper', type: 'slipper', categoryId: footwear.id});
    await Product.create({name: 'laces', type: 'accessory', parentId: boot.id});

    const shoes = await footwear.shoes.find();
    assert.deepEqual(names(shoes), ['boot']);
    assert.deepEqual(names(shoes[0].toJSON().products), ['laces'], 'the scope include applies');
    const again = await viaCallback<AnyObject[]>(cb => footwear.shoes({where: {name: 'boot'}}, cb));
    assert.deepEqual(names(again), ['boot']);
    assert.equal(await footwear.shoes.count(), 1);
    const [withShoes] = await Category.find({include: 'shoes'});
    assert.deepEqual(names(withShoes.toJSON().shoes), ['boot']);
  });

  it('scope as a function of the instance and the default filter', async () => {
    const db = freshDataSource();
    const Product = db.createModel('Product', {name: String, type: String}) as AnyObject;
    const Image = db.createModel('Image', {name: String, type: String}) as AnyObject;
    const seen: AnyObject[] = [];

    Product.hasMany(Image, {
      scope: function (inst: AnyObject, filter: AnyObject) {
        seen.push({inst, filter});
        return {type: inst.type};
      },
    });  // inst is a category - match category type with product type.

    await db.automigrate(['Product', 'Image']);
    const boot = await Product.create({name: 'boot', type: 'shoe'});
    await Image.create({name: 'front', type: 'shoe', productId: boot.id});
    await Image.create({name: 'thumbnail', type: 'icon', productId: boot.id});
    // The function returns a bare condition, which relata reads as a where
    // clause (LoopBack 3 would silently ignore it).
    assert.deepEqual(names(await boot.images.find()), ['front']);
    assert.equal(seen.at(-1)!.inst, boot);
    assert.equal(typeof seen.at(-1)!.filter, 'object');
  });

  it('properties as a mapping: type to type, category to categoryName', async () => {
    const db = freshDataSource();
    const Category = db.createModel('Category', {name: String, type: String, category: String}) as AnyObject;
    const Product = db.createModel('Product', {name: String, type: String, categoryName: String}) as AnyObject;

    Category.hasMany(Product, {
      as: 'shoes',
      properties: {
        type: 'type',
        category: 'categoryName',
      },
    });

    await db.automigrate(['Category', 'Product']);
    // The mapping's keys are the category's properties: `category` feeds `categoryName`.
    const cat = await Category.create({name: 'Shoes', type: 'shoe', category: 'Footwear'});
    const built = cat.shoes.build({name: 'clog'});
    assert.equal(built.type, 'shoe');
    assert.equal(built.categoryName, 'Footwear');
    const created = await cat.shoes.create({name: 'boot'});
    const stored = await Product.findById(created.id);
    assert.deepEqual([stored.type, stored.categoryName, stored.categoryId], ['shoe', 'Footwear', cat.id]);
  });

  it('properties as a function: the result is merged into the related model', async () => {
    const db = freshDataSource();
    const Product = db.createModel('Product', {name: String, type: String}) as AnyObject;
    const Image = db.createModel('Image', {name: String, type: String, categoryName: String}) as AnyObject;

    Product.hasMany(Image, {
      properties: function (inst: AnyObject) { // inst is a category
        return {type: inst.type, categoryName: inst.name};
      },
    });

    await db.automigrate(['Product', 'Image']);
    const boot = await Product.create({name: 'boot', type: 'shoe'});
    const image = await boot.images.create({name: 'front'});
    const stored = await Image.findById(image.id);
    assert.deepEqual([stored.type, stored.categoryName, stored.productId], ['shoe', 'boot', boot.id]);
  });

  it('invertProperties: properties flow from the related model to the instance (belongsTo)', async () => {
    const db = freshDataSource();
    const Author = db.createModel('Author', {name: String}) as AnyObject;
    const Link = db.createModel('Link', {name: String, notes: String}) as AnyObject;
    // The embedded-models page's link.json, in code: the link takes the name of what it links to.
    Link.belongsTo(Author, {as: 'linked', properties: {name: 'name'}, options: {invertProperties: true}});
    await db.automigrate(['Author', 'Link']);
    const author = await Author.create({name: 'Author 1'});
    const link = new Link({notes: 'Note 1'});
    link.linked(author);
    assert.equal(link.linkedId, author.id);
    assert.equal(link.name, 'Author 1');
    const saved = await Link.create(link.toObject());
    assert.equal((await Link.findById(saved.id)).name, 'Author 1');
  });

  it('invertProperties on the embedded-models page: a polymorphic link in an embedsMany', async () => {
    const db = freshDataSource();
    const Author = db.createModel('Author', {name: String}) as AnyObject;
    const Reader = db.createModel('Reader', {name: String}) as AnyObject;
    // link.json as the page writes it names a model for a polymorphic belongsTo,
    // which LoopBack 3 rejects; so does relata.
    const linkJson = {
      name: 'Link', base: 'Model', idInjection: true,
      properties: {id: {type: 'number', id: true}, name: {type: 'string'}, notes: {type: 'string'}},
      validations: [],
      relations: {
        linked: {
          type: 'belongsTo', model: 'Person', polymorphic: {idType: 'number'},
          properties: {name: 'name'}, options: {invertProperties: true},
        },
      },
      acls: [], methods: [],
    };
    assert.throws(() => juggler.createModelFromJSON(db.modelBuilder, linkJson as never),
      {message: 'polymorphic belongsTo relation: linked does not expect param `model`'});
    delete (linkJson.relations.linked as AnyObject).model;
    const Link = juggler.createModelFromJSON(db.modelBuilder, linkJson as never) as AnyObject;
    const Book = juggler.createModelFromJSON(db, {
      name: 'Book', base: 'PersistedModel', idInjection: true,
      properties: {name: {type: 'string'}},
      validations: [],
      relations: {people: {type: 'embedsMany', model: 'Link', scope: {include: 'linked'}}},
      acls: [], methods: [],
    } as never) as AnyObject;
    await db.automigrate(['Author', 'Reader', 'Book']);

    const author = await Author.create({name: 'Author 1'});
    const reader = await Reader.create({name: 'Reader 1'});
    const link = new Link({notes: 'Note 1'});
    link.linked(author);
    assert.deepEqual([link.linkedId, link.linkedType, link.name], [author.id, 'Author', 'Author 1']);

    const book = await Book.create({name: 'Book 1'});
    const first = book.people.build({notes: 'Note 1'});
    first.linked(author);
    const second = book.people.build({notes: 'Note 2'});
    second.linked(reader);
    await book.save();
    const stored = await Book.findById(book.id);
    // stored in `links`, as the page's sample instance shows
    assert.deepEqual(stored.toJSON().links.map((l: AnyObject) => [l.notes, l.linkedType, l.linkedId, l.name]),
      [['Note 1', 'Author', author.id, 'Author 1'], ['Note 2', 'Reader', reader.id, 'Reader 1']]);
    assert.deepEqual(stored.people().map((l: AnyObject) => l.name), ['Author 1', 'Reader 1']);
  });

  it('scopeMethods: the reorder example, with its remoting metadata kept', async () => {
    const db = freshDataSource();
    const Product = db.createModel('Product', {name: String}) as AnyObject;
    const Image = db.createModel('Image', {name: String}) as AnyObject;
    const log = mock.method(console, 'log', () => undefined);
    try {
      // The page's comment swallows the function's closing brace; this is the evident intent.
      var reorderFn = function (this: AnyObject, ids: number[], cb: (err: Error | null, ids?: number[]) => void) {
        console.log(this.name); // `this` refers to the RelationDefinition  - `images` (relation name)
        // Do some reordering here & save
        cb(null, [3, 2, 1]);
      } as AnyObject;
      // Manually declare remoting params
      reorderFn.shared = true;
      reorderFn.accepts = {arg: 'ids', type: 'array', http: {source: 'body'}};
      reorderFn.returns = {arg: 'ids', type: 'array', root: true};
      reorderFn.http = {verb: 'put', path: '/images/reorder'};
      Product.hasMany(Image, {scopeMethods: {reorder: reorderFn}});

      await db.automigrate(['Product', 'Image']);
      const product = await Product.create({name: 'boot'});
      const ids = await viaCallback<number[]>(cb => product.images.reorder([1, 2, 3], cb));
      assert.deepEqual(ids, [3, 2, 1]);
      assert.deepEqual(log.mock.calls.map(c => c.arguments), [['images']]);
      const method = product.images.reorder;
      assert.equal(method.shared, true);
      assert.deepEqual(method.accepts, {arg: 'ids', type: 'array', http: {source: 'body'}});
      assert.deepEqual(method.returns, {arg: 'ids', type: 'array', root: true});
      assert.deepEqual(method.http, {verb: 'put', path: '/images/reorder'});
    } finally {
      log.mock.restore();
    }
  });

  it('models backed by different data sources can have relations between them', async () => {
    const db = freshDataSource();
    const archive = new juggler.DataSource('archive', {connector: 'memory'}, db.modelBuilder);
    const Customer = db.createModel('Customer', {name: String}) as AnyObject;
    const Order = archive.createModel('Order', {description: String}) as AnyObject;
    Customer.hasMany(Order);
    Order.belongsTo(Customer);
    await db.automigrate(['Customer']);
    const ann = await Customer.create({name: 'Ann'});
    const order = await ann.orders.create({description: 'shoes'});
    assert.equal(Order.dataSource, archive);
    assert.equal((await order.customer.get()).name, 'Ann');
    const [json] = (await Customer.find({include: 'orders'})).map((c: AnyObject) => c.toJSON());
    assert.deepEqual(json.orders.map((o: AnyObject) => o.description), ['shoes']);
  });

  it('the name of the relation must be different than a property it references', () => {
    const db = freshDataSource();
    const Customer = db.createModel('Customer', {name: String}) as AnyObject;
    const Order = db.createModel('Order', {description: String, customerId: Number}) as AnyObject;
    assert.throws(() => Order.belongsTo(Customer, {as: 'customerId', foreignKey: 'customerId'}), {
      code: 'RELATION_NAME_CONFLICT',
      message: /^Relation "customerId" of model Order has the same name as one of its properties/,
    });
    assert.equal(Order.relations.customerId, undefined);
    assert.equal(Order.definition.properties.customerId.type, 'number');
  });
});
