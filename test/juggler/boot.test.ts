// The LoopBack 3 app loader: a project layout (server/datasources.json,
// server/model-config.json, common/models, server/models, model scripts)
// booted into data sources and related models.
import assert from 'node:assert/strict';
import {resolve} from 'node:path';
import {describe, it} from 'node:test';
import {juggler} from 'relata';
import {describeForEachConnector} from '../support/connectors';
import {freshDataSources} from './support/lb3-helpers';

const FIXTURES = resolve(__dirname, '../../../test/juggler/fixtures');
const SHOP = resolve(FIXTURES, 'shop');
const errorProject = (name: string) => resolve(FIXTURES, 'errors', name);

// Models and instances carry what relations and scripts add at run time.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyObject = any;
/** boot() with loosely typed models: the tests call what model scripts and scopes add. */
const bootAny = (dir: string, options?: juggler.BootOptions) => juggler.boot(dir, options) as Promise<AnyObject>;

describe('boot: the shop project on its own memory data source', () => {
  it('defines the configured models, attached as model-config.json says', async () => {
    const app = await juggler.boot(SHOP);
    assert.deepEqual(Object.keys(app.models).sort(), ['Address', 'Customer', 'Note', 'Order', 'Review', 'VipCustomer']);
    assert.deepEqual(Object.keys(app.dataSources), ['db']);
    const db = app.dataSources.db;
    assert.ok(db instanceof juggler.DataSource);
    assert.equal(db.connector.name, 'memory');
    for (const name of ['Order', 'Customer', 'VipCustomer', 'Review']) {
      assert.equal(app.models[name].dataSource, db, name);
      assert.equal(db.models[name], app.models[name]);
    }
    // `dataSource: null` and the transient data source: defined, not attached.
    assert.equal(app.models.Note.dataSource, undefined);
    assert.equal(app.models.Address.dataSource, undefined);
    await assert.rejects(async () => app.models.Note.create({text: 'x'}), /Model Note is not attached to a data source/);
    // LoopBack 3's own models have no definition here: left out and listed.
    assert.deepEqual(app.skippedModels, ['User', 'AccessToken']);
    assert.equal(app.modelBuilder, db.modelBuilder);
    assert.equal(app.modelBuilder.getModel('Customer'), app.models.Customer);
    assert.equal(app.modelConfig.Review.public, false);
    assert.equal(app.env, process.env.NODE_ENV ?? 'development');
    assert.equal(app.rootDir, SHOP);
    assert.equal(app.serverDir, resolve(SHOP, 'server'));
  });

  it('takes the server directory as LoopBack 3 appRootDir too, and calls a callback', async () => {
    const app = await new Promise<AnyObject>((ok, fail) => {
      juggler.boot(resolve(SHOP, 'server'), (err, booted) => (err ? fail(err) : ok(booted!)));
    });
    assert.equal(app.rootDir, SHOP);
    assert.ok(app.models.Customer);
  });

  it('applies the definition settings and the model-config options', async () => {
    const {models: {Customer, VipCustomer, Review}} = await juggler.boot(SHOP);
    assert.equal(Customer.pluralModelName, 'clients');
    assert.deepEqual(Customer.settings.description, ['A customer', 'who places orders']);
    assert.equal(Customer.settings.validateUpsert, true);
    assert.deepEqual(Customer.settings.hidden, ['secret']);
    assert.equal(Customer.settings.acls.length, 1);
    assert.deepEqual(Object.keys(Customer.definition.properties).sort(), ['age', 'id', 'name', 'secret', 'tags']);
    assert.equal(Customer.definition.properties.tags.type, 'array');
    assert.equal(Customer.definition.properties.name.required, true);
    // server/models/vip-customer.json: no "name" (taken from the file name), base Customer,
    // "plural" from model-config.json options.
    assert.equal(VipCustomer.pluralModelName, 'vips');
    assert.ok(VipCustomer.prototype instanceof Customer);
    assert.deepEqual(Object.keys(VipCustomer.definition.properties).sort(), ['age', 'id', 'level', 'name', 'secret', 'tags']);
    assert.equal(Review.definition.properties.authorId.type, 'number');
  });

  it('runs the model script next to a definition with the model class', async () => {
    const {models: {Customer, VipCustomer}} = await bootAny(SHOP);
    const ann = new Customer({name: 'Ann'});
    assert.equal(ann.greet(), 'Hello Ann');
    assert.equal(typeof Customer.adults, 'function');
    // a model extending a scripted one inherits what the script added
    assert.equal(new VipCustomer({name: 'Vic'}).greet(), 'Hello Vic');
  });

  it('resolves relations whatever the order of model-config.json (Order comes before Customer)', async () => {
    const {models: {Customer, Order, Review, VipCustomer}} = await juggler.boot(SHOP);
    assert.deepEqual(Order.relations.customer.toJSON(), {
      name: 'customer', type: 'belongsTo', modelFrom: 'Order', keyFrom: 'customerId',
      modelTo: 'Customer', keyTo: 'id', multiple: false,
    });
    assert.deepEqual(Customer.relations.orders.toJSON(), {
      name: 'orders', type: 'hasMany', modelFrom: 'Customer', keyFrom: 'id',
      modelTo: 'Order', keyTo: 'customerId', multiple: true,
    });
    assert.equal(Customer.relations.reviews.modelTo, Review);
    assert.equal(Review.relations.author.keyFrom, 'authorId');
    // LoopBack 3 models inherit the relations of their JSON base
    assert.equal(VipCustomer.relations.orders.modelFrom, VipCustomer);
    assert.deepEqual(VipCustomer.settings.relations, Customer.settings.relations);
  });
});

describeForEachConnector('boot: the shop project', setup => {
  const freshDataSource = freshDataSources(setup);

  async function bootShop(): Promise<AnyObject> {
    const db = freshDataSource();
    const app = await bootAny(SHOP, {dataSources: {db}});
    assert.equal(app.dataSources.db, db);
    assert.equal(app.modelBuilder, db.modelBuilder);
    await db.automigrate(['Customer', 'Order', 'Review', 'VipCustomer']);
    return app;
  }

  it('gives working models and relations on the configured data source', async () => {
    const {models: {Customer, Order, Review}} = await bootShop();
    const ann = await Customer.create({name: 'Ann', age: 20, secret: 's3cret'});
    const bob = await Customer.create({name: 'Bob', age: 40});
    const o1 = await ann.orders.create({description: 'shoes', total: 30});
    await ann.orders.create({description: 'socks'});
    await bob.orders.create({description: 'hat', total: 15});
    const review = await Review.create({product: 'shoes', star: 5, authorId: ann.id});

    assert.equal(o1.customerId, ann.id);
    assert.equal((await Order.findById(o1.id)).total, 30);
    const socks = await Order.findOne({where: {description: 'socks'}});
    assert.equal(socks.total, 0, 'the JSON default applies');
    assert.deepEqual((await ann.orders.find()).map((o: AnyObject) => o.description).sort(), ['shoes', 'socks']);
    const owner = await o1.customer.get();
    assert.equal(owner.name, 'Ann');
    const author = await new Promise<AnyObject>((ok, fail) => review.author((err: Error, c: AnyObject) => (err ? fail(err) : ok(c))));
    assert.equal(author.id, ann.id);

    const customers = await Customer.find({include: ['orders', 'reviews'], order: 'id ASC'});
    const json = customers.map((c: AnyObject) => c.toJSON());
    assert.equal(json[0].secret, undefined, 'hidden properties stay out of toJSON');
    assert.deepEqual(json[0].orders.map((o: AnyObject) => o.description).sort(), ['shoes', 'socks']);
    assert.deepEqual(json[0].reviews.map((r: AnyObject) => r.star), [5]);
    assert.deepEqual(json[1].orders.map((o: AnyObject) => o.description), ['hat']);
    assert.deepEqual(json[1].reviews, []);
    const adults = await Customer.adults();
    assert.deepEqual(adults.map((c: AnyObject) => c.name), ['Bob']);
  });

  it('defines the named scopes of the JSON definition', async () => {
    const {models: {Customer}} = await bootShop();
    await Customer.create([{name: 'Ann', age: 20}, {name: 'Bob', age: 40}, {name: 'Cid', age: 22}]);
    const young = await Customer.youngFolks({order: 'name ASC'});
    assert.deepEqual(young.map((c: AnyObject) => c.name), ['Ann', 'Cid']);
    assert.equal(await Customer.youngFolks.count(), 2);
  });

  it('keeps models on SQL strict, as LoopBack 3 does for relational data sources', async () => {
    const {models: {Customer}} = await bootShop();
    if (setup.connector === 'memory') {
      const ann = await Customer.create({name: 'Ann', nickname: 'annie'});
      assert.equal((await Customer.findById(ann.id)).nickname, 'annie');
    } else {
      assert.equal(Customer.settings.strict, true);
      await assert.rejects(Customer.create({name: 'Ann', nickname: 'annie'}), {name: 'ValidationError', statusCode: 422});
    }
  });
});

describeForEachConnector('boot: models on two data sources', setup => {
  const freshDataSource = freshDataSources(setup);

  it('relates models across data sources through the shared ModelBuilder', async () => {
    const db = freshDataSource();
    const app = await juggler.boot(resolve(FIXTURES, 'two-stores'), {dataSources: {db}});
    assert.equal(app.dataSources.archive.modelBuilder, db.modelBuilder);
    const {StoreCustomer, StoreInvoice} = app.models;
    assert.equal(StoreCustomer.dataSource, db);
    assert.equal(StoreInvoice.dataSource, app.dataSources.archive);
    assert.equal(app.dataSources.archive.connector.name, 'memory');
    assert.notEqual(app.dataSources.archive, db);
    await db.automigrate(['StoreCustomer']);

    const ann = await StoreCustomer.create({name: 'Ann'});
    const invoice = await ann.invoices.create({amount: 12});
    assert.equal(invoice.storeCustomerId, ann.id);
    assert.equal((await invoice.customer.get()).name, 'Ann');
    const [withInvoices] = await StoreCustomer.find({include: 'invoices'});
    assert.deepEqual(withInvoices.toJSON().invoices.map((i: AnyObject) => i.amount), [12]);
    const [withCustomer] = await StoreInvoice.find({include: 'customer'});
    assert.equal(withCustomer.toJSON().customer.name, 'Ann');
  });
});

describe('boot: environments', () => {
  const project = resolve(FIXTURES, 'environments');

  it('applies datasources.local.js, then datasources.<env>.json and model-config.<env>.json', async () => {
    const staging = await bootAny(project, {env: 'staging'});
    assert.equal(staging.env, 'staging');
    assert.equal(staging.dataSources.db.connector.name, 'sqlite');
    assert.equal(staging.dataSources.db.settings.inqLimit, 500);
    assert.equal(staging.modelConfig.Thing.public, false);
    assert.equal(staging.modelConfig.Thing.dataSource, 'db');
    assert.equal(staging.models.Thing.settings.strict, false, 'model-config options override the definition');
    await staging.dataSources.db.automigrate(['Thing']);
    const thing = await staging.models.Thing.create({label: 'on sqlite'});
    assert.equal((await staging.models.Thing.findById(thing.id)).label, 'on sqlite');
    await staging.dataSources.db.disconnect();

    const dev = await bootAny(project, {env: 'development'});
    assert.equal(dev.dataSources.db.connector.name, 'memory');
    assert.equal(dev.modelConfig.Thing.public, true);
    const loose = await dev.models.Thing.create({label: 'x', extra: 1});
    assert.equal((await dev.models.Thing.findById(loose.id)).extra, 1, 'memory models keep undeclared properties');
    // model-config.json may add relations to a definition
    assert.equal(dev.models.Thing.relations.parent.keyFrom, 'parentId');
    const root = await dev.models.Thing.create({label: 'root'});
    const leaf = await dev.models.Thing.create({label: 'leaf', parentId: root.id});
    assert.equal((await leaf.parent.get()).label, 'root');
  });

  it('resolves a relative data source file against the project root', async () => {
    const app = await juggler.boot(project, {env: 'production'});
    assert.equal(app.dataSources.db.settings.file, resolve(project, 'data/db.json'));
  });

  it('takes data source settings and model-config entries from the options', async () => {
    const app = await juggler.boot(project, {
      dataSources: {db: {name: 'db', connector: 'sqlite', file: ':memory:'}},
      models: {Thing: {dataSource: null}},
    });
    assert.equal(app.dataSources.db.connector.name, 'sqlite');
    assert.equal(app.models.Thing.dataSource, undefined);
  });
});

describe('boot: errors name the file at fault', () => {
  it('bad JSON: the file, line and column', async () => {
    await assert.rejects(juggler.boot(errorProject('bad-json')), (err: AnyObject) => {
      assert.ok(err instanceof juggler.BootError);
      assert.equal(err.code, 'INVALID_JSON');
      assert.equal(err.file, 'common/models/thing.json');
      assert.match(err.message, /^Invalid JSON in common\/models\/thing\.json \(line 5, column 3\): /);
      return true;
    });
  });

  it('a model-config entry naming an unknown data source', async () => {
    await assert.rejects(juggler.boot(errorProject('unknown-datasource')), {
      name: 'Error', code: 'DATASOURCE_NOT_FOUND', file: 'server/model-config.json',
      message: 'server/model-config.json: model "Thing" is referencing a dataSource that does not exist: "mongo"',
    });
  });

  it('an unknown base model', async () => {
    await assert.rejects(juggler.boot(errorProject('unknown-base')), {
      code: 'MODEL_BASE_NOT_FOUND', file: 'common/models/thing.json',
      message: 'common/models/thing.json: model "Thing": base model "Gadget" is not defined',
    });
  });

  it('a model-config entry without a definition file', async () => {
    await assert.rejects(juggler.boot(errorProject('missing-definition')), {
      code: 'MODEL_DEFINITION_NOT_FOUND', file: 'server/model-config.json',
      message: 'server/model-config.json: model "Widget" has no definition file ' +
        '(no JSON file with "name": "Widget" in ../common/models, ./models)',
    });
  });

  it('a relation to a model the project does not define', async () => {
    await assert.rejects(juggler.boot(errorProject('unknown-relation-model')), {
      code: 'RELATION_MODEL_NOT_FOUND', file: 'common/models/thing.json',
      message: 'common/models/thing.json: relation "owner" of model "Thing" refers to model "Ownr", ' +
        'which is not defined (not in model-config.json, or no definition file)',
    });
  });

  it('a relation to a LoopBack 3 built-in model', async () => {
    await assert.rejects(juggler.boot(errorProject('builtin-relation-model')), {
      code: 'RELATION_MODEL_NOT_FOUND',
      message: 'common/models/thing.json: relation "owner" of model "Thing" refers to model "User", ' +
        'a LoopBack 3 built-in model relata does not provide (add a definition file for it)',
    });
  });

  it('an invalid relation type', async () => {
    await assert.rejects(juggler.boot(errorProject('bad-relation-type')), {
      code: 'INVALID_RELATION_TYPE', file: 'common/models/thing.json',
      message: 'common/models/thing.json: relation "parts" of model "Thing": Invalid relation type: hasSome',
    });
  });

  it('a model script that throws', async () => {
    await assert.rejects(juggler.boot(errorProject('bad-script')), (err: AnyObject) => {
      assert.equal(err.file, 'common/models/thing.js');
      assert.match(err.message, /^common\/models\/thing\.js: Cannot read properties of undefined/);
      assert.ok(err.cause instanceof TypeError);
      return true;
    });
  });

  it('an unknown connector', async () => {
    await assert.rejects(juggler.boot(errorProject('unknown-connector')), {
      code: 'CONNECTOR_NOT_FOUND', file: 'server/datasources.json',
      message: /^server\/datasources\.json: data source "db": Connector "couchbase" is not supported/,
    });
  });

  it('a directory that is not a LoopBack 3 project', async () => {
    await assert.rejects(juggler.boot(errorProject('not-a-project')), {
      code: 'PROJECT_NOT_FOUND',
      message: `No LoopBack 3 project in ${errorProject('not-a-project')}: ` +
        'expected server/datasources.json or server/model-config.json',
    });
    await assert.rejects(juggler.boot(errorProject('nowhere')), {code: 'PROJECT_NOT_FOUND'});
  });

  it('data sources given with different ModelBuilders', async () => {
    const db = new juggler.DataSource('db', {connector: 'memory'});
    await assert.rejects(juggler.boot(SHOP, {dataSources: {db}, modelBuilder: new juggler.ModelBuilder()}), {
      code: 'MODEL_BUILDER_MISMATCH',
      message: 'The data sources given to boot() (and options.modelBuilder) must share one ModelBuilder, ' +
        'so that relations between their models resolve',
    });
  });

  it('reports errors to a callback too', async () => {
    const err = await new Promise<AnyObject>(ok => {
      juggler.boot(errorProject('unknown-base'), e => ok(e as AnyObject));
    });
    assert.equal(err.code, 'MODEL_BASE_NOT_FOUND');
  });
});
