import {describe, it} from 'node:test';
import assert from 'node:assert/strict';
import {juggler} from 'relata';
import {describeForEachConnector, itWhen} from '../support/connectors';
import {viaCallback} from './support/lb3-helpers';

type AnyObject = {[key: string]: any};
// LoopBack 3 models are dynamic (accessors and properties come from definitions).
type Model = any;

describe('LoopBack 3 DataSource constructor forms', () => {
  it('new DataSource(connectorName)', () => {
    const ds = new juggler.DataSource('memory');
    assert.equal(ds.name, 'memory');
    assert.equal(ds.connector.name, 'memory');
  });

  it('new DataSource(settings) and new DataSource({connector}) named after the connector', () => {
    const named = new juggler.DataSource({name: 'db', connector: 'memory'});
    assert.equal(named.name, 'db');
    assert.equal(named.settings.connector, 'memory');
    const unnamed = new juggler.DataSource({connector: 'sqlite', file: ':memory:'});
    assert.equal(unnamed.name, 'sqlite');
    assert.equal(unnamed.connector.name, 'sqlite');
  });

  it('new DataSource(name, settings): the name, and the connector from the settings', () => {
    const ds = new juggler.DataSource('db', {connector: 'sqlite', file: ':memory:'});
    assert.equal(ds.name, 'db');
    assert.equal(ds.connector.name, 'sqlite');
  });

  it('new DataSource(connectorName, settings without connector): the name is the connector (juggler)', () => {
    const ds = new juggler.DataSource('sqlite', {file: ':memory:'});
    assert.equal(ds.connector.name, 'sqlite');
    assert.equal(ds.settings.file, ':memory:');
    const aliased = new juggler.DataSource('db', {adapter: 'memory'});
    assert.equal(aliased.connector.name, 'memory');
  });

  it('new DataSource(url) parses the URL into settings', () => {
    const ds = new juggler.DataSource('postgresql://ann:secret@127.0.0.1:5432/test?schema=app');
    assert.equal(ds.connector.name, 'postgresql');
    assert.equal(ds.settings.host, '127.0.0.1');
    assert.equal(ds.settings.port, 5432);
    assert.equal(ds.settings.user, 'ann');
    assert.equal(ds.settings.password, 'secret');
    assert.equal(ds.settings.database, 'test');
    assert.equal(ds.settings.schema, 'app');
  });

  it('new DataSource(connectorModule, settings): a connector module names the connector', () => {
    const module = {name: 'memory', initialize() {
      return undefined;
    }};
    const ds = new juggler.DataSource(module as never, {name: 'mem'});
    assert.equal(ds.connector.name, 'memory');
    assert.equal(ds.name, 'mem');
  });

  it('an unknown connector name is a clear error', () => {
    assert.throws(() => new juggler.DataSource('nosuchdb', {}), /Connector "nosuchdb" is not supported/);
  });

  it('takes a ModelBuilder as third argument, and Schema is an alias', () => {
    const builder = new juggler.ModelBuilder();
    const ds = new juggler.Schema('memory', undefined, builder);
    assert.ok(ds instanceof juggler.DataSource);
    assert.equal(ds.modelBuilder, builder);
    const Thing = ds.createModel('Thing', {name: String});
    assert.equal(builder.models.Thing, Thing);
    assert.equal(ds.models.Thing, Thing);
  });

  it('createDataSource(settings) and memory()', () => {
    assert.equal(juggler.createDataSource({connector: 'memory'}).connector.name, 'memory');
    assert.equal(juggler.createDataSource('db', {connector: 'memory'}).name, 'db');
    assert.equal(juggler.memory().connector.name, 'memory');
  });
});

describe('LoopBack 3 property shorthands', () => {
  it('bare types, type names, arrays, anonymous objects and full definitions', () => {
    const ds = new juggler.DataSource('memory');
    const M = ds.createModel('Shapes', {
      name: String, age: Number, vip: Boolean, born: Date, meta: Object, tags: [String], scores: [Number],
      kind: 'string', notes: 'Text', address: {street: String, city: String},
      code: {type: String, required: true, default: 'x', index: true},
      items: {type: [Number]}, nested: {type: {a: String}},
    }) as Model;
    const p = M.definition.properties;
    assert.equal(p.name.type, 'string');
    assert.equal(p.age.type, 'number');
    assert.equal(p.vip.type, 'boolean');
    assert.equal(p.born.type, 'date');
    assert.equal(p.meta.type, 'object');
    assert.deepEqual([p.tags.type, p.tags.itemType], ['array', 'string']);
    assert.deepEqual([p.scores.type, p.scores.itemType], ['array', 'number']);
    assert.equal(p.kind.type, 'string');
    assert.equal(p.notes.type, 'string');
    assert.equal(p.address.type, 'object');
    assert.deepEqual({...p.code}, {type: 'string', required: true, default: 'x', index: true});
    assert.deepEqual([p.items.type, p.items.itemType], ['array', 'number']);
    assert.equal(p.nested.type, 'object');
    assert.deepEqual(Object.keys(p).slice(-1), ['id'], 'the injected id comes after the declared properties');
  });

  it('applies defaults (values, functions, $now, defaultFn) when building an instance', () => {
    const ds = new juggler.DataSource('memory');
    const M = ds.createModel('Defaults', {
      status: {type: String, default: 'new'}, tags: {type: [String], default: []},
      created: {type: Date, default: '$now'}, stamp: {type: Date, default: Date},
      token: {type: String, defaultFn: 'uuidv4'}, computed: {type: Number, default: () => 42},
    }) as Model;
    const a = new M();
    const b = new M({status: 'old'});
    assert.equal(a.status, 'new');
    assert.equal(b.status, 'old');
    assert.deepEqual(a.tags, []);
    assert.notEqual(a.tags, new M().tags, 'object defaults are copied per instance');
    assert.ok(a.created instanceof Date);
    assert.ok(a.stamp instanceof Date);
    assert.match(a.token, /^[0-9a-f-]{36}$/);
    assert.equal(a.computed, 42);
  });

  it('rejects dotted property names and non-object property maps', () => {
    const ds = new juggler.DataSource('memory');
    assert.throws(() => ds.createModel('Dotted', {'a.b': String}), /containing dot/);
    assert.throws(() => ds.createModel('Bad', 'name' as never), /properties must be an object/);
  });
});

describeForEachConnector('LoopBack 3 data sources and model definitions', setup => {
  const relational = setup.connector !== 'memory';

  describe('ids', () => {
    it('injects a generated numeric id, with forceId on: a client-set id fails validation', async () => {
      const ds = setup.createDataSource();
      const Note = ds.createModel('DsNote', {title: String}) as Model;
      await ds.automigrate(['DsNote']);
      assert.deepEqual({...Note.definition.properties.id}, {type: 'number', id: true, generated: true, useDefaultIdType: false, updateOnly: true});
      assert.equal(Note.settings.forceId, 'auto');
      const created = await Note.create({title: 'a'});
      assert.equal(typeof created.id, 'number');
      const err: AnyObject = await Note.create({id: 99, title: 'b'}).then(() => assert.fail('expected an error'), (e: unknown) => e);
      assert.equal(err.name, 'ValidationError');
      assert.equal(err.statusCode, 422);
      assert.deepEqual(err.details, {context: 'DsNote', codes: {id: ['absence']}, messages: {id: ["can't be set"]}});
      assert.equal(await Note.count(), 1, 'nothing was written');
    });

    it('forceId: false lets a client choose the id', async () => {
      const ds = setup.createDataSource();
      const Note = ds.createModel('DsFreeNote', {title: String}, {forceId: false}) as Model;
      await ds.automigrate(['DsFreeNote']);
      assert.equal(Note.settings.forceId, false);
      const created = await Note.create({id: 7, title: 'seven'});
      assert.equal(created.id, 7);
      assert.equal((await Note.findById(7)).title, 'seven');
    });

    it('idInjection: false with a declared id; a non-generated id is not forced', async () => {
      const ds = setup.createDataSource();
      const Code = ds.createModel('DsCode', {code: {type: String, id: true}, label: String}, {idInjection: false}) as Model;
      await ds.automigrate(['DsCode']);
      assert.deepEqual(Object.keys(Code.definition.properties), ['code', 'label']);
      assert.equal(Code.settings.forceId, undefined);
      const c = await Code.create({code: 'A', label: 'first'});
      assert.equal(c.getId(), 'A');
      assert.equal(c.id, 'A', 'instances have `id` whatever the id property is called');
      assert.equal(Code.getIdName(), 'code');
      assert.equal(Code.definition.idName(), 'code');
    });

    it('idInjection: false without any id property defines no id', () => {
      const builder = new juggler.ModelBuilder();
      const Value = builder.define('DsValue', {amount: Number}, {idInjection: false}) as Model;
      assert.deepEqual(Object.keys(Value.definition.properties), ['amount']);
      assert.equal(Value.definition.hasPK(), false);
    });
  });

  describe('strict', () => {
    it('defaults to strict on relational stores and loose on memory', () => {
      const ds = setup.createDataSource();
      const M = ds.createModel('DsDefaultStrict', {name: String}) as Model;
      assert.equal(M.settings.strict, relational);
    });

    it('strict: true rejects unknown properties with a ValidationError and writes nothing', async () => {
      const ds = setup.createDataSource();
      const M = ds.createModel('DsStrict', {name: String}, {strict: true}) as Model;
      await ds.automigrate(['DsStrict']);
      const err: AnyObject = await M.create({name: 'a', bogus: 1}).catch((e: unknown) => e);
      assert.equal(err.name, 'ValidationError');
      assert.deepEqual(err.details.codes, {bogus: ['unknown-property']});
      assert.deepEqual(err.details.messages, {bogus: ['is not defined in the model']});
      assert.equal(await M.count(), 0);
      const inst = new M({name: 'b', other: 2});
      assert.equal(inst.other, undefined, 'unknown values are not set on a strict instance');
      assert.equal(inst.isValid(), false);
      assert.deepEqual(inst.errors.other, ['is not defined in the model']);
    });

    it("strict: 'filter' drops unknown properties silently", async () => {
      const ds = setup.createDataSource();
      const M = ds.createModel('DsFilter', {name: String}, {strict: 'filter'}) as Model;
      await ds.automigrate(['DsFilter']);
      const created = await M.create({name: 'a', bogus: 1});
      assert.equal(created.bogus, undefined);
      assert.deepEqual((await M.findById(created.id)).toJSON(), {name: 'a', id: created.id});
    });

    itWhen(!relational)('strict: false keeps unknown properties on memory', async () => {
      const ds = setup.createDataSource();
      const M = ds.createModel('DsLoose', {name: String}, {strict: false}) as Model;
      const created = await M.create({name: 'a', extra: {deep: true}});
      assert.deepEqual((await M.findById(created.id)).toJSON(), {name: 'a', id: created.id, extra: {deep: true}});
    });

    itWhen(relational)('strict: false on a relational store refuses undeclared properties with a clear 422', async () => {
      const ds = setup.createDataSource();
      const M = ds.createModel('DsLooseSql', {name: String}, {strict: false}) as Model;
      await ds.automigrate(['DsLooseSql']);
      const err: AnyObject = await M.create({name: 'a', extra: 1}).catch((e: unknown) => e);
      assert.equal(err.statusCode, 422);
      assert.deepEqual(err.details.codes, {extra: ['unknown-property']});
    });
  });

  it('hidden properties are stored but left out of toJSON()', async () => {
    const ds = setup.createDataSource();
    const User = ds.createModel('DsUser', {email: String, password: String}, {hidden: ['password']}) as Model;
    await ds.automigrate(['DsUser']);
    const u = await User.create({email: 'a@x', password: 'secret'});
    assert.deepEqual(u.toJSON(), {email: 'a@x', id: u.id});
    const found = await User.findById(u.id);
    assert.equal(found.password, 'secret');
    assert.equal(found.toObject().password, 'secret');
    assert.equal(JSON.stringify(found), JSON.stringify({email: 'a@x', id: u.id}));
  });

  it('plural: the setting, else the English plural', () => {
    const ds = setup.createDataSource();
    assert.equal((ds.createModel('DsPerson', {}) as Model).pluralModelName, 'DsPeople');
    assert.equal((ds.createModel('DsMouse', {}, {plural: 'DsMice'}) as Model).pluralModelName, 'DsMice');
  });

  describe('base', () => {
    it('inherits properties and settings (deep merge, hidden lists joined), and the class', async () => {
      const ds = setup.createDataSource();
      const Animal = ds.createModel('DsAnimal', {name: String, legs: {type: Number, default: 4}},
        {hidden: ['secret'], strict: true, custom: {a: 1, b: 2}, plural: 'DsAnimalia'}) as Model;
      const Dog = ds.createModel('DsDog', {breed: String, secret: String, legs: {type: Number, default: 3}},
        {base: 'DsAnimal', hidden: ['breed'], custom: {b: 3}}) as Model;
      await ds.automigrate(['DsAnimal', 'DsDog']);
      assert.ok(Dog.prototype instanceof Animal);
      assert.deepEqual(Object.keys(Dog.definition.properties).sort(), ['breed', 'id', 'legs', 'name', 'secret']);
      assert.equal(Dog.definition.properties.legs.default, 3);
      assert.equal(Dog.settings.base, 'DsAnimal');
      assert.equal(Dog.settings.strict, true);
      assert.deepEqual(Dog.settings.hidden, ['secret', 'breed']);
      assert.deepEqual(Dog.settings.custom, {a: 1, b: 3});
      assert.equal(Dog.pluralModelName, 'DsDogs', 'plural is not inherited');
      const rex = await Dog.create({name: 'Rex', breed: 'lab', secret: 's'});
      assert.deepEqual(rex.toJSON(), {name: 'Rex', legs: 3, id: rex.id});
      assert.equal((await Dog.findById(rex.id)).breed, 'lab');
    });

    it('takes the base as a class; a child id replaces the base id; null removes a base property', () => {
      const ds = setup.createDataSource();
      const Base = ds.createModel('DsBase', {name: String, obsolete: String}) as Model;
      const Child = ds.createModel('DsChild', {code: {type: String, id: true}, obsolete: null}, {base: Base}) as Model;
      assert.deepEqual(Object.keys(Child.definition.properties), ['name', 'code']);
      assert.equal(Child.getIdName(), 'code');
      assert.equal(Child.settings.forceId, false, 'a non-generated id turns the inherited forceId off');
      assert.throws(() => ds.createModel('DsOrphan', {}, {base: 'DsNoSuchModel'}), /Base model is not found: DsNoSuchModel/);
    });

    it('Model.extend(name, properties, settings)', () => {
      const ds = setup.createDataSource();
      const Base = ds.createModel('DsExtBase', {name: String}) as Model;
      const Sub = Base.extend('DsExtSub', {rank: Number}, {strict: 'filter'});
      assert.ok(Sub.prototype instanceof Base);
      assert.deepEqual(Object.keys(Sub.definition.properties).sort(), ['id', 'name', 'rank']);
      assert.equal(Sub.settings.strict, 'filter');
      assert.equal(ds.modelBuilder.models.DsExtSub, Sub);
    });
  });

  it('a shared ModelBuilder relates models on two data sources by name', async () => {
    const builder = new juggler.ModelBuilder();
    const primary = new juggler.DataSource({...setup.createDataSource().settings}, undefined, builder);
    const secondary = new juggler.DataSource('memory', undefined, builder);
    try {
      const Customer = primary.createModel('DsShCustomer', {name: String}) as Model;
      const Order = secondary.createModel('DsShOrder', {total: Number}) as Model;
      Customer.hasMany('DsShOrder', {as: 'orders', foreignKey: 'customerId'});
      Order.belongsTo('DsShCustomer', {as: 'customer', foreignKey: 'customerId'});
      await primary.automigrate(['DsShCustomer']);
      assert.equal(primary.models.DsShOrder, Order, 'data sources sharing a builder share its models');
      const ann = await Customer.create({name: 'Ann'});
      await ann.orders.create({total: 5});
      await viaCallback(cb => ann.orders.create({total: 7}, cb));
      assert.deepEqual((await Order.find({order: 'total'})).map((o: Model) => [o.total, o.customerId]), [[5, ann.id], [7, ann.id]]);
      const [found] = await Customer.find({include: 'orders'});
      assert.deepEqual(found.toJSON().orders.map((o: AnyObject) => o.total).sort(), [5, 7]);
      const order = await Order.findOne();
      assert.equal((await order.customer.get()).name, 'Ann');
    } finally {
      await primary.disconnect();
    }
  });

  it('ds.attach(Model) attaches a ModelBuilder-defined model, relations defined before still work', async () => {
    const ds = setup.createDataSource();
    const builder = new juggler.ModelBuilder();
    const Author = builder.define('DsAuthor', {name: String}) as Model;
    const Book = builder.define('DsBook', {title: String}) as Model;
    Author.hasMany(Book, {as: 'books', foreignKey: 'authorId'});
    await assert.rejects(Author.find(), /DsAuthor is not attached to a data source/);
    assert.equal(ds.attach(Author), Author);
    Book.attachTo(ds);
    assert.equal(Author.dataSource, ds);
    assert.equal(ds.getModel('dsauthor'), Author, 'found by name, case-insensitively');
    assert.equal(ds.models.DsBook, Book);
    await ds.automigrate(['DsAuthor', 'DsBook']);
    const a = await Author.create({name: 'Le Guin'});
    await a.books.create({title: 'Earthsea'});
    const [withBooks] = await Author.find({include: 'books'});
    assert.deepEqual(withBooks.toJSON().books.map((b: AnyObject) => b.title), ['Earthsea']);
  });

  it('automigrate and autoupdate take a callback or return a promise', async () => {
    const ds = setup.createDataSource();
    const Item = ds.createModel('DsItem', {name: String}) as Model;
    await viaCallback(cb => ds.automigrate('DsItem', cb));
    await Item.create({name: 'a'});
    await ds.automigrate(['DsItem']);
    assert.equal(await Item.count(), 0, 'automigrate drops the data');
    await Item.create({name: 'b'});
    Item.defineProperty('price', {type: Number});
    await viaCallback(cb => ds.autoupdate(['DsItem'], cb));
    await ds.autoupdate('DsItem');
    const withPrice = await Item.create({name: 'c', price: 3});
    assert.equal((await Item.findById(withPrice.id)).price, 3);
    assert.equal(await Item.count(), 2, 'autoupdate keeps the data');
  });

  describe('relations and scopes in the settings', () => {
    it('createModel(name, props, {relations, scopes}) defines them as the JSON format does', async () => {
      const ds = setup.createDataSource();
      const Author = ds.createModel('DsSetAuthor', {name: String, age: Number}, {
        relations: {posts: {type: 'hasMany', model: 'DsSetPost', foreignKey: 'authorId'}},
        scopes: {young: {where: {age: {lt: 30}}}},
      }) as Model;
      const Post = ds.createModel('DsSetPost', {title: String}, {
        relations: {author: {type: 'belongsTo', model: 'DsSetAuthor', foreignKey: 'authorId'}},
      }) as Model;
      await ds.automigrate(['DsSetAuthor', 'DsSetPost']);
      const ann = await Author.create({name: 'Ann', age: 20});
      await Author.create({name: 'Old', age: 80});
      const post = await ann.posts.create({title: 'Hello'});
      assert.equal((await post.author.get()).name, 'Ann');
      assert.deepEqual((await Author.young.find()).map((a: AnyObject) => a.name), ['Ann']);
      assert.equal(Author.relations.posts.toJSON().modelTo, 'DsSetPost');
      assert.equal('relations' in Author.settings, false);
      assert.ok(Post.relations.author);
    });
  });
});
