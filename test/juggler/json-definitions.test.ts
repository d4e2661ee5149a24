// LoopBack 3 model definitions from JSON (common/models/<model>.json):
// properties, settings, relations of every type, scopes, and the errors
// LoopBack 3 raises for invalid relation definitions.
import assert from 'node:assert/strict';
import {resolve} from 'node:path';
import {describe, it} from 'node:test';
import {juggler} from 'relata';
import {describeForEachConnector} from '../support/connectors';
import {viaCallback} from './support/lb3-helpers';

// Models and instances carry what relations and scripts add at run time.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyObject = any;
const DEFINITIONS = resolve(__dirname, '../../../test/juggler/fixtures/definitions');

/** createModelFromJSON with a loosely typed result: the tests call relation accessors and scopes. */
function define(target: juggler.DataSource | juggler.ModelBuilder, definition: AnyObject): AnyObject {
  return juggler.createModelFromJSON(target, definition as juggler.ModelDefinitionJSON) as unknown as AnyObject;
}

describe('JSON with comments', () => {
  it('reads LoopBack 3 documentation JSON: // and /* */ comments outside strings', () => {
    const text = '{\n  "url": "http://example.com/a//b", // the site\n  /* a block\n  comment */ "q": "say \\"hi\\" // not a comment",\n  "n": 1\n}';
    assert.deepEqual(juggler.parseJSONWithComments(text), {url: 'http://example.com/a//b', q: 'say "hi" // not a comment', n: 1});
  });

  it('names the file, line and column of a syntax error', () => {
    assert.throws(() => juggler.parseJSONWithComments('{\n  "a": 1, // one\n}', 'x.json'), (err: AnyObject) => {
      assert.ok(err instanceof juggler.InvalidJSONFileError);
      assert.equal(err.code, 'INVALID_JSON');
      assert.equal(err.file, 'x.json');
      assert.equal(err.line, 3);
      assert.equal(err.column, 1);
      assert.match(err.message, /^Invalid JSON in x\.json \(line 3, column 1\): /);
      return true;
    });
    assert.throws(() => juggler.readModelDefinition(resolve(DEFINITIONS, 'broken.json'), 'broken.json'),
      {code: 'INVALID_JSON', message: /^Invalid JSON in broken\.json \(line 5, column 5\): /});
  });

  it('reads a definition file, naming the model after the file when "name" is missing', () => {
    const def = juggler.readModelDefinition(resolve(DEFINITIONS, 'order-item.json'));
    assert.equal(def.name, 'OrderItem');
    assert.deepEqual(def.properties, {sku: {type: 'string', required: true}, url: 'string'});
  });
});

describeForEachConnector('JSON model definitions', setup => {
  const sql = setup.connector !== 'memory';

  it('takes property shorthands and full definitions, and settings from the other keys', async () => {
    const ds = setup.createDataSource();
    const Product = define(ds, {
      name: 'JsProduct',
      base: 'PersistedModel',
      plural: 'JsGoods',
      description: ['Things', 'we sell'],
      properties: {
        name: {type: 'string', required: true},
        price: 'number',
        cost: 'Number',
        available: {type: 'boolean', default: true},
        releasedAt: 'date',
      },
      hidden: ['cost'],
      options: {validateUpsert: true, plural: 'ignored: top-level keys win'},
      validations: [],
      acls: [{accessType: '*', principalType: 'ROLE', principalId: '$everyone', permission: 'DENY'}],
      methods: {},
      mixins: {TimeStamp: true},
    });
    await ds.automigrate(['JsProduct']);
    assert.equal(ds.models.JsProduct, Product);
    assert.equal(Product.dataSource, ds);
    const props = Product.definition.properties;
    assert.deepEqual(Object.keys(props).sort(), ['available', 'cost', 'id', 'name', 'price', 'releasedAt']);
    assert.deepEqual([props.name.type, props.price.type, props.cost.type, props.releasedAt.type], ['string', 'number', 'number', 'date']);
    assert.equal(props.name.required, true);
    assert.equal(props.id.id, true, 'idInjection adds a generated id');
    assert.equal(Product.pluralModelName, 'JsGoods');
    assert.equal(Product.settings.plural, 'JsGoods');
    assert.deepEqual(Product.settings.description, ['Things', 'we sell']);
    assert.equal(Product.settings.validateUpsert, true);
    assert.equal(Product.settings.acls[0].permission, 'DENY');
    assert.deepEqual(Product.settings.mixins, {TimeStamp: true});
    if (sql) assert.equal(Product.settings.strict, true, 'strict on relational data sources');

    const created = await Product.create({name: 'Shoe', price: 10, cost: 4, releasedAt: new Date('2020-01-02T00:00:00Z')});
    const found = await Product.findById(created.id);
    assert.equal(found.available, true);
    assert.ok(found.releasedAt instanceof Date);
    assert.equal(found.releasedAt.toISOString(), '2020-01-02T00:00:00.000Z');
    assert.deepEqual(Object.keys(found.toJSON()).sort(), ['available', 'id', 'name', 'price', 'releasedAt'], 'cost is hidden');
    await assert.rejects(Product.create({price: 1}), {name: 'ValidationError'});
  });

  it('honours idInjection: false with an own id property', async () => {
    const ds = setup.createDataSource();
    const Code = define(ds, {
      name: 'JsCode', idInjection: false, forceId: false,
      properties: {code: {type: 'string', id: true}, label: 'string'},
    });
    await ds.automigrate(['JsCode']);
    assert.deepEqual(Object.keys(Code.definition.properties), ['code', 'label']);
    assert.equal(Code.getIdName(), 'code');
    assert.equal(Code.settings.forceId, false);
    await Code.create({code: 'A1', label: 'first'});
    assert.equal((await Code.findById('A1')).label, 'first');
  });

  it('keeps undeclared properties on memory models without "strict"; SQL models are strict', async () => {
    const ds = setup.createDataSource();
    const Loose = define(ds, {name: 'JsLoose', properties: {label: 'string'}});
    await ds.automigrate(['JsLoose']);
    if (sql) {
      await assert.rejects(Loose.create({label: 'x', extra: 1}), {name: 'ValidationError', statusCode: 422});
    } else {
      const made = await Loose.create({label: 'x', extra: 1});
      assert.equal((await Loose.findById(made.id)).extra, 1);
    }
  });

  it('defines hasMany and belongsTo relations (type in any case, foreignKey "" = default)', async () => {
    const ds = setup.createDataSource();
    const Customer = define(ds, {
      name: 'JsCustomer', properties: {name: 'string'},
      relations: {orders: {type: 'HASMANY', model: 'JsOrder', foreignKey: 'customerId', primaryKey: 'id'}},
    });
    const Order = define(ds, {
      name: 'JsOrder', properties: {total: 'number'},
      relations: {customer: {type: 'belongsto', model: 'JsCustomer', foreignKey: ''}},
    });
    await ds.automigrate(['JsCustomer', 'JsOrder']);
    assert.deepEqual(Customer.relations.orders.toJSON(), {
      name: 'orders', type: 'hasMany', modelFrom: 'JsCustomer', keyFrom: 'id', modelTo: 'JsOrder', keyTo: 'customerId', multiple: true,
    });
    assert.deepEqual(Order.relations.customer.toJSON(), {
      name: 'customer', type: 'belongsTo', modelFrom: 'JsOrder', keyFrom: 'customerId', modelTo: 'JsCustomer', keyTo: 'id', multiple: false,
    });
    assert.equal(Order.definition.properties.customerId.type, 'number', 'the key gets the type of the target id');
    assert.deepEqual(Customer.settings.relations.orders.type, 'HASMANY', 'settings keep the JSON');

    const ann = await Customer.create({name: 'Ann'});
    const order = await viaCallback<AnyObject>(cb => ann.orders.create({total: 5}, cb));
    assert.equal(order.customerId, ann.id);
    assert.equal((await viaCallback<AnyObject>(cb => order.customer(cb))).name, 'Ann');
    const [withOrders] = await Customer.find({include: 'orders'});
    assert.deepEqual(withOrders.toJSON().orders.map((o: AnyObject) => o.total), [5]);
    const [withCustomer] = await Order.find({include: 'customer'});
    assert.equal(withCustomer.toJSON().customer.name, 'Ann');
  });

  it('defers relations to models defined later', async () => {
    const ds = setup.createDataSource();
    const Invoice = define(ds, {
      name: 'JsInvoice', properties: {amount: 'number'},
      relations: {client: {type: 'belongsTo', model: 'JsClient', foreignKey: 'clientId'}},
    });
    assert.equal(Invoice.relations.client, undefined, 'JsClient is not defined yet');
    const Client = define(ds, {
      name: 'JsClient', properties: {name: 'string'},
      relations: {invoices: {type: 'hasMany', model: 'JsInvoice', foreignKey: 'clientId'}},
    });
    assert.equal(Invoice.relations.client.modelTo, Client);
    await ds.automigrate(['JsInvoice', 'JsClient']);
    const acme = await Client.create({name: 'Acme'});
    const invoice = await acme.invoices.create({amount: 100});
    assert.equal((await invoice.client.get()).name, 'Acme');
  });

  it('takes the relation name as the model when "model" is missing (hasMany: in the singular)', async () => {
    const ds = setup.createDataSource();
    const Book = define(ds, {name: 'JsBook', properties: {title: 'string'}});
    const Shelf = define(ds, {name: 'JsShelf', properties: {label: 'string'}, relations: {jsBooks: {type: 'hasMany'}}});
    assert.equal(Shelf.relations.jsBooks.modelTo, Book);
    assert.equal(Shelf.relations.jsBooks.keyTo, 'jsShelfId');
    await ds.automigrate(['JsBook', 'JsShelf']);
    const shelf = await Shelf.create({label: 'top'});
    await shelf.jsBooks.create({title: 'Dune'});
    assert.deepEqual((await shelf.jsBooks.find()).map((b: AnyObject) => b.title), ['Dune']);
  });

  it('rejects invalid relations as LoopBack 3 does, before defining the model', () => {
    const ds = setup.createDataSource();
    const cases: Array<[AnyObject, AnyObject]> = [
      [{parts: {type: 'hasSome', model: 'JsBad'}}, {code: 'INVALID_RELATION_TYPE', message: 'Invalid relation type: hasSome'}],
      [{trigger: {type: 'hasMany', model: 'JsBad'}}, {message: 'Invalid relation name: trigger'}],
      [{owner: {type: 'belongsTo'}}, {
        code: 'BELONGS_TO_MISSING_MODEL', message: 'belongsTo relation: owner requires param `model`',
        details: {code: 'BELONGS_TO_MISSING_MODEL', rType: 'belongsTo', rName: 'owner'},
      }],
      [{owner: {type: 'belongsTo', model: 'JsBad', polymorphic: true}}, {
        code: 'POLYMORPHIC_BELONGS_TO_MODEL', message: 'polymorphic belongsTo relation: owner does not expect param `model`',
      }],
      [{pics: {type: 'hasMany', polymorphic: 'imageable'}}, {
        code: 'POLYMORPHIC_NOT_BELONGS_TO_MISSING_MODEL', message: 'polymorphic hasMany relation: pics requires param `model`',
      }],
      [{owner: {type: 'belongsTo', polymorphic: {foreignKey: 'ownerId'}}}, {
        code: 'POLYMORPHIC_MISSING_DISCRIMINATOR',
        message: 'polymorphic belongsTo relation: owner requires param `polymorphic.discriminator` ' +
          'when param `polymorphic.foreignKey` is provided',
      }],
      [{owner: {type: 'belongsTo', polymorphic: {discriminator: 'ownerType'}}}, {
        code: 'POLYMORPHIC_MISSING_FOREIGN_KEY',
        message: 'polymorphic belongsTo relation: owner requires param `polymorphic.foreignKey` ' +
          'when param `polymorphic.discriminator` is provided',
      }],
    ];
    for (const [relations, expected] of cases) {
      assert.throws(() => define(ds, {name: 'JsBad', properties: {label: 'string'}, relations}), expected);
      assert.equal(ds.models.JsBad, undefined, JSON.stringify(relations));
    }
  });

  it('rejects a definition without a name, or with an unknown base', () => {
    const ds = setup.createDataSource();
    assert.throws(() => define(ds, {properties: {a: 'string'}}),
      {code: 'INVALID_MODEL_DEFINITION', message: 'A model definition needs a "name"'});
    assert.throws(() => define(ds, {name: 'JsOrphan', base: 'JsNowhere'}), (err: AnyObject) => {
      assert.ok(err instanceof juggler.InvalidModelDefinitionError);
      assert.equal(err.code, 'MODEL_BASE_NOT_FOUND');
      assert.equal(err.model, 'JsOrphan');
      assert.equal(err.message, 'Model JsOrphan: base model "JsNowhere" is not defined');
      return true;
    });
  });

  it('inherits the properties, settings and JSON relations of a base model', async () => {
    const ds = setup.createDataSource();
    const Note = define(ds, {name: 'JsNote', properties: {text: 'string'}});
    const Person = define(ds, {
      name: 'JsPerson', hidden: ['ssn'], properties: {name: 'string', ssn: 'string'},
      relations: {notes: {type: 'hasMany', model: 'JsNote', foreignKey: 'personId'}},
    });
    const Employee = define(ds, {name: 'JsEmployee', base: 'JsPerson', properties: {salary: 'number'}});
    await ds.automigrate(['JsNote', 'JsPerson', 'JsEmployee']);
    assert.ok(Employee.prototype instanceof Person);
    assert.equal(Employee.settings.base, 'JsPerson');
    assert.deepEqual(Object.keys(Employee.definition.properties).sort(), ['id', 'name', 'salary', 'ssn']);
    assert.deepEqual(Employee.settings.hidden, ['ssn']);
    assert.equal(Employee.relations.notes.modelFrom, Employee);
    assert.equal(Employee.relations.notes.modelTo, Note);
    const eve = await Employee.create({name: 'Eve', ssn: '123', salary: 10});
    const note = await eve.notes.create({text: 'hired'});
    assert.equal(note.personId, eve.id);
    assert.equal(eve.toJSON().ssn, undefined);
  });

  it('defines named scopes ("scopes") and the default scope ("scope")', async () => {
    const ds = setup.createDataSource();
    const Task = define(ds, {
      name: 'JsTask',
      properties: {title: 'string', priority: 'number'},
      scope: {order: 'priority DESC'},
      scopes: {urgent: {where: {priority: {gte: 5}}}},
    });
    await ds.automigrate(['JsTask']);
    await Task.create([{title: 'a', priority: 1}, {title: 'b', priority: 9}, {title: 'c', priority: 5}]);
    assert.deepEqual((await Task.find()).map((t: AnyObject) => t.title), ['b', 'c', 'a']);
    assert.deepEqual((await Task.find({order: 'title ASC'})).map((t: AnyObject) => t.title), ['a', 'b', 'c']);
    assert.deepEqual((await Task.urgent({})).map((t: AnyObject) => t.title), ['b', 'c']);
    assert.equal(await Task.urgent.count(), 2);
    assert.deepEqual(Task.settings.scopes, {urgent: {where: {priority: {gte: 5}}}});
  });

  it('applies relation options given in JSON: scope, properties, options.disableInclude', async () => {
    const ds = setup.createDataSource();
    const Author = define(ds, {
      name: 'JsAuthor', properties: {name: 'string'},
      relations: {
        posts: {
          type: 'hasMany', model: 'JsPost', foreignKey: 'authorId',
          scope: {where: {published: true}}, properties: {name: 'authorName'},
        },
        drafts: {
          type: 'hasMany', model: 'JsPost', foreignKey: 'authorId',
          scope: {where: {published: false}}, options: {disableInclude: true},
        },
      },
    });
    define(ds, {name: 'JsPost', properties: {title: 'string', published: 'boolean', authorName: 'string'}});
    await ds.automigrate(['JsAuthor', 'JsPost']);
    const ann = await Author.create({name: 'Ann'});
    const post = await ann.posts.create({title: 'Hello'});
    assert.equal(post.published, true, 'the scope where value is set on create');
    assert.equal(post.authorName, 'Ann', 'properties copy source values');
    await ann.drafts.create({title: 'Draft'});
    assert.deepEqual((await ann.posts.find()).map((p: AnyObject) => p.title), ['Hello']);
    assert.deepEqual((await ann.drafts.find()).map((p: AnyObject) => p.title), ['Draft']);
    const [withPosts] = await Author.find({include: ['posts', 'drafts']});
    const json = withPosts.toJSON();
    assert.deepEqual(json.posts.map((p: AnyObject) => p.title), ['Hello']);
    assert.equal(json.drafts, undefined, 'disableInclude skips the relation');
  });

  it('defines hasOne', async () => {
    const ds = setup.createDataSource();
    const Account = define(ds, {name: 'JsAccount', properties: {login: 'string'}, relations: {jsProfile: {type: 'hasOne', model: 'JsProfile'}}});
    define(ds, {name: 'JsProfile', properties: {bio: 'string'}});
    await ds.automigrate(['JsAccount', 'JsProfile']);
    assert.deepEqual(Account.relations.jsProfile.toJSON(), {
      name: 'jsProfile', type: 'hasOne', modelFrom: 'JsAccount', keyFrom: 'id', modelTo: 'JsProfile', keyTo: 'jsAccountId', multiple: false,
    });
    const acc = await Account.create({login: 'ann'});
    await acc.jsProfile.create({bio: 'hi'});
    assert.equal((await acc.jsProfile.get()).bio, 'hi');
  });

  it('defines hasMany through with keyThrough', async () => {
    const ds = setup.createDataSource();
    const Physician = define(ds, {
      name: 'JsPhysician', properties: {name: 'string'},
      relations: {patients: {type: 'hasMany', model: 'JsPatient', through: 'JsAppointment', foreignKey: 'physicianId', keyThrough: 'patientId'}},
    });
    define(ds, {name: 'JsPatient', properties: {name: 'string'}});
    const Appointment = define(ds, {
      name: 'JsAppointment', properties: {at: 'date'},
      relations: {
        physician: {type: 'belongsTo', model: 'JsPhysician', foreignKey: 'physicianId'},
        patient: {type: 'belongsTo', model: 'JsPatient', foreignKey: 'patientId'},
      },
    });
    await ds.automigrate(['JsPhysician', 'JsPatient', 'JsAppointment']);
    assert.deepEqual(Physician.relations.patients.toJSON(), {
      name: 'patients', type: 'hasMany', modelFrom: 'JsPhysician', keyFrom: 'id', modelTo: 'JsPatient', keyTo: 'physicianId',
      multiple: true, modelThrough: 'JsAppointment', keyThrough: 'patientId',
    });
    const doc = await Physician.create({name: 'House'});
    const pat = await doc.patients.create({name: 'Pat'});
    const links = await Appointment.find();
    assert.deepEqual(links.map((l: AnyObject) => [l.physicianId, l.patientId]), [[doc.id, pat.id]]);
    assert.deepEqual((await doc.patients.find()).map((p: AnyObject) => p.name), ['Pat']);
  });

  it('defines hasAndBelongsToMany with its through model', async () => {
    const ds = setup.createDataSource();
    const Assembly = define(ds, {name: 'JsAssembly', properties: {name: 'string'}, relations: {jsParts: {type: 'hasAndBelongsToMany', model: 'JsPart'}}});
    define(ds, {name: 'JsPart', properties: {partNumber: 'string'}});
    const through = Assembly.relations.jsParts.modelThrough;
    assert.equal(through.modelName, 'JsAssemblyJsPart');
    await ds.automigrate(['JsAssembly', 'JsPart', 'JsAssemblyJsPart']);
    assert.deepEqual(Assembly.relations.jsParts.toJSON(), {
      name: 'jsParts', type: 'hasMany', modelFrom: 'JsAssembly', keyFrom: 'id', modelTo: 'JsPart', keyTo: 'jsAssemblyId',
      multiple: true, modelThrough: 'JsAssemblyJsPart', keyThrough: 'jsPartId',
    });
    const engine = await Assembly.create({name: 'engine'});
    await engine.jsParts.create({partNumber: 'P-1'});
    assert.deepEqual((await engine.jsParts.find()).map((p: AnyObject) => p.partNumber), ['P-1']);
  });

  it('defines referencesMany', async () => {
    const ds = setup.createDataSource();
    const Cart = define(ds, {name: 'JsCart', properties: {owner: 'string'}, relations: {jsGoods: {type: 'referencesMany', model: 'JsGood'}}});
    define(ds, {name: 'JsGood', properties: {label: 'string'}});
    await ds.automigrate(['JsCart', 'JsGood']);
    assert.deepEqual(Cart.relations.jsGoods.toJSON(), {
      name: 'jsGoods', type: 'referencesMany', modelFrom: 'JsCart', keyFrom: 'jsGoodIds', modelTo: 'JsGood', keyTo: 'id', multiple: true,
    });
    const cart = await Cart.create({owner: 'ann'});
    const good = await cart.jsGoods.create({label: 'pen'});
    assert.deepEqual(cart.jsGoodIds, [good.id]);
    assert.deepEqual((await cart.jsGoods.find()).map((g: AnyObject) => g.label), ['pen']);
  });

  it('defines embedsOne and embedsMany as the LoopBack 3 embedded-models page writes them', async () => {
    const ds = setup.createDataSource();
    // Embedded models live on no data source (LoopBack 3 uses a transient one).
    define(ds.modelBuilder, {name: 'JsAddress', base: 'Model', idInjection: false, properties: {street: 'string', city: 'string'}});
    define(ds.modelBuilder, {
      name: 'JsEmailAddress', base: 'Model', idInjection: true,
      properties: {id: {type: 'string', id: true, defaultFn: 'uuid'}, label: 'string', address: 'string'},
    });
    const Buyer = define(ds, {
      name: 'JsBuyer', base: 'PersistedModel', idInjection: true,
      properties: {name: {type: 'string'}},
      relations: {
        address: {type: 'embedsOne', model: 'JsAddress', property: 'billingAddress', options: {validate: true, forceId: false}},
        emails: {type: 'embedsMany', model: 'JsEmailAddress', property: 'emailList', options: {validate: true, forceId: false}},
      },
    });
    await ds.automigrate(['JsBuyer']);
    assert.equal(Buyer.relations.address.keyFrom, 'billingAddress');
    assert.equal(Buyer.relations.emails.keyFrom, 'emailList');
    const buyer = await Buyer.create({name: 'John Smith'});
    await buyer.address.create({street: '123 Main St', city: 'San Jose'});
    await buyer.emails.create({label: 'work', address: 'john@xyz.com'});
    const again = await Buyer.findById(buyer.id);
    assert.equal(again.billingAddress.city, 'San Jose');
    assert.equal(again.emailList.length, 1);
    assert.equal(again.emailList[0].address, 'john@xyz.com');
    assert.equal(typeof again.emailList[0].id, 'string');
  });

  it('defines polymorphic belongsTo and hasMany', async () => {
    const ds = setup.createDataSource();
    const Picture = define(ds, {name: 'JsPicture', properties: {name: 'string'}, relations: {imageable: {type: 'belongsTo', polymorphic: true}}});
    const Worker = define(ds, {
      name: 'JsWorker', properties: {name: 'string'},
      relations: {pictures: {type: 'hasMany', model: 'JsPicture', polymorphic: 'imageable'}},
    });
    await ds.automigrate(['JsPicture', 'JsWorker']);
    assert.deepEqual(Object.keys(Picture.definition.properties).sort(), ['id', 'imageableId', 'imageableType', 'name']);
    const bob = await Worker.create({name: 'Bob'});
    const pic = await bob.pictures.create({name: 'portrait'});
    assert.equal(pic.imageableType, 'JsWorker');
    assert.equal(pic.imageableId, bob.id);
    assert.equal((await pic.imageable.get()).name, 'Bob');
  });

  it('defines a model on a ModelBuilder only; a data source attaches it later', async () => {
    const ds = setup.createDataSource();
    const Label = define(ds.modelBuilder, {name: 'JsLabel', properties: {text: 'string'}});
    assert.equal(Label.dataSource, undefined);
    const Box = define(ds, {name: 'JsBox', properties: {size: 'number'}, relations: {labels: {type: 'hasMany', model: 'JsLabel'}}});
    ds.attach(Label as never);
    await ds.automigrate(['JsLabel', 'JsBox']);
    const box = await Box.create({size: 3});
    await box.labels.create({text: 'fragile'});
    const [json] = (await Box.find({include: 'labels'})).map((b: AnyObject) => b.toJSON());
    assert.deepEqual(json.labels.map((l: AnyObject) => [l.text, l.jsBoxId]), [['fragile', box.id]]);
  });
});
