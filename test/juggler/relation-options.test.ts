import {describe, it} from 'node:test';
import assert from 'node:assert/strict';
// The package entry registers every LoopBack 3 relation type.
import 'relata';
import {describeForEachConnector} from '../support/connectors';
import {viaCallback} from './support/lb3-helpers';

type AnyObject = {[key: string]: any};
// LoopBack 3 models are dynamic (accessors and properties come from definitions).
type Model = any;

const byName = (list: AnyObject[]) => list.map(i => i.name).sort();

describeForEachConnector('LoopBack 3 relation options', setup => {
  function models() {
    const ds = setup.createDataSource();
    const Category = ds.createModel('RoCategory', {name: String, type: String, category: String}) as Model;
    const Product = ds.createModel('RoProduct', {name: String, type: String, size: Number, categoryName: String}) as Model;
    const Image = ds.createModel('RoImage', {name: String, type: String, categoryName: String, position: Number}) as Model;
    return {ds, Category, Product, Image};
  }
  const migrate = (ds: Model) => ds.automigrate(['RoCategory', 'RoProduct', 'RoImage']);

  describe('scope (seed 004)', () => {
    it('an object scope: where AND-ed into every read, include applied, where values set on create', async () => {
      const {ds, Category, Product} = models();
      // Products bundled with a product, so that the scope's `include: 'products'` names a relation.
      Product.hasMany(Product, {as: 'products', foreignKey: 'bundleId'});

      // only allow products of type: 'shoe', always include products
      Category.hasMany(Product, {
        as: 'shoes',
        scope: {
          where: {type: 'shoe'},
          include: 'products',
        },
      });

      await migrate(ds);
      const category = await Category.create({name: 'Footwear'});
      const boot = await category.shoes.create({name: 'boot', size: 42});
      assert.equal(boot.type, 'shoe');
      assert.equal(boot.roCategoryId, category.id);
      await viaCallback(cb => category.shoes.create({name: 'sandal', size: 38}, cb));
      await Product.create({name: 'lace', type: 'part', bundleId: boot.id});
      await Product.create({name: 'sock', type: 'sock', roCategoryId: category.id});

      const shoes = await category.shoes(true);
      assert.deepEqual(byName(shoes), ['boot', 'sandal']);
      const withParts = shoes.find((s: AnyObject) => s.name === 'boot');
      assert.deepEqual(withParts.products().map((p: AnyObject) => p.name), ['lace']);
      assert.deepEqual(shoes.find((s: AnyObject) => s.name === 'sandal').toJSON().products, []);
      assert.equal(await category.shoes.count(), 2);
      assert.equal(await category.shoes.count({size: {gt: 40}}), 1);
      assert.deepEqual(byName(await viaCallback(cb => category.shoes({where: {size: {lt: 40}}}, cb))), ['sandal']);
      assert.equal((await category.shoes.findOne({where: {size: 38}})).name, 'sandal');
      const sock = await Product.findOne({where: {name: 'sock'}});
      await assert.rejects(category.shoes.findById(sock.id), {statusCode: 404});
      assert.equal(await category.shoes.exists(sock.id), false);
      assert.deepEqual(await category.shoes.updateAll({size: 1}), {count: 2});
      assert.deepEqual(await category.shoes.destroyAll(), {count: 2});
      assert.deepEqual(byName(await Product.find()), ['lace', 'sock']);
    });

    it('the caller\'s filter is the base: scope limit and fields win, the caller\'s order wins', async () => {
      const {ds, Category, Product} = models();
      Category.hasMany(Product, {as: 'shoes', scope: {where: {type: 'shoe'}, limit: 2, order: 'size ASC'}});
      await migrate(ds);
      const category = await Category.create({name: 'Footwear'});
      await category.shoes.create([{name: 's1', size: 1}, {name: 's2', size: 2}, {name: 's3', size: 3}]);
      assert.deepEqual((await category.shoes({limit: 10})).map((s: AnyObject) => s.name), ['s1', 's2']);
      assert.deepEqual((await category.shoes({order: 'size DESC'})).map((s: AnyObject) => s.name), ['s3', 's2']);
    });

    it('a scope function gets the instance and the filter; an object without filter keys is a where', async () => {
      const {ds, Product, Image} = models();
      Product.hasMany(Image, {
        scope: function(inst: AnyObject, filter: AnyObject) {
          return {type: inst.type};
        },
      }); // inst is a category - match category type with product type.
      await migrate(ds);
      const shoe = await Product.create({name: 'boot', type: 'shoe'});
      const img = await shoe.roImages.create({name: 'front'});
      assert.equal(img.type, 'shoe');
      await Image.create({name: 'stray', type: 'hat', roProductId: shoe.id});
      assert.deepEqual(byName(await shoe.roImages(true)), ['front']);
      assert.equal(await shoe.roImages.count(), 1);
      // Scope functions see the instance as it is at each call.
      shoe.type = 'hat';
      assert.deepEqual(byName(await shoe.roImages(true)), ['stray']);
      // An include has no single instance to give the function: a clear error, not a TypeError.
      await assert.rejects(Product.find({include: 'roImages'}), (err: AnyObject) => {
        assert.equal(err.code, 'INVALID_RELATION_SCOPE');
        assert.match(err.message, /scope function of relation "roImages" of RoProduct/);
        return true;
      });
    });

    it('a scope function runs with `this` = the relation and may return nothing (LoopBack 3\'s jobs example)', async () => {
      const ds = setup.createDataSource();
      const Category = ds.createModel('RoCategory', {name: String, jobType: String}) as Model;
      const Job = ds.createModel('RoJob', {name: String, type: String}) as Model;
      Category.hasMany(Job, {
        as: 'jobs',
        properties: function(inst: AnyObject, target: AnyObject) {
          if (!inst.jobType) return; // skip
          return {type: inst.jobType};
        },
        scope: function(this: AnyObject, inst: AnyObject, filter: AnyObject) {
          const m = this.properties(inst); // re-use properties
          if (m) return {where: m};
        },
      });
      await ds.automigrate(['RoCategory', 'RoJob']);
      const c = await Category.create({name: 'c'});
      assert.equal((await c.jobs.create({type: 'book'})).type, 'book');
      assert.equal((await viaCallback(cb => c.jobs.create({type: 'widget'}, cb))).type, 'widget');
      c.jobType = 'tool';
      const tool = await c.jobs.create();
      assert.equal(tool.type, 'tool');
      assert.deepEqual((await c.jobs(true)).map((j: AnyObject) => j.type), ['tool']);
      assert.equal(await c.jobs.count(), 1);
      delete c.jobType;
      assert.equal((await c.jobs(true)).length, 3);
      c.jobType = 'tool';
      assert.deepEqual(await c.jobs.destroyAll(), {count: 1});
      delete c.jobType;
      assert.equal(await c.jobs.count(), 2);
    });
  });

  describe('properties (seed 004)', () => {
    it('a mapping copies source values onto built and created targets', async () => {
      const {ds, Category, Product} = models();
      Category.hasMany(Product, {
        as: 'shoes',
        properties: {
          type: 'type',
          category: 'categoryName',
        },
      });
      await migrate(ds);
      const category = await Category.create({name: 'Footwear', type: 'shoe', category: 'Shoes & boots'});
      const boot = await category.shoes.create({name: 'boot'});
      assert.equal(boot.type, 'shoe');
      assert.equal(boot.categoryName, 'Shoes & boots');
      const built = category.shoes.build({name: 'draft'});
      assert.equal(built.categoryName, 'Shoes & boots');
      const stored = await Product.findById(boot.id);
      assert.equal(stored.categoryName, 'Shoes & boots');
    });

    it('a function returns the values to merge', async () => {
      const {ds, Product, Image} = models();
      Product.hasMany(Image, {
        properties: function(inst: AnyObject) { // inst is a category
          return {type: inst.type, categoryName: inst.name};
        },
      });
      await migrate(ds);
      const product = await Product.create({name: 'boot', type: 'shoe'});
      const image = await viaCallback(cb => product.roImages.create({name: 'front'}, cb));
      assert.equal(image.type, 'shoe');
      assert.equal(image.categoryName, 'boot');
      assert.equal(product.roImages.build({}).categoryName, 'boot');
    });

    it('a list copies the same names; belongsTo create() and setter apply properties too', async () => {
      const ds = setup.createDataSource();
      const Person = ds.createModel('RoPerson', {name: String, age: Number, passportNotes: String, notes: String}) as Model;
      const Passport = ds.createModel('RoPassport', {name: String, notes: String}) as Model;
      Passport.belongsTo(Person, {as: 'person', properties: {notes: 'passportNotes'}, scope: {fields: {id: true, name: true}}});
      Person.hasMany(Passport, {as: 'passports', properties: ['notes']});
      await ds.automigrate(['RoPerson', 'RoPassport']);
      const p = new Passport({name: 'Passport', notes: 'Some notes...'});
      const person = await p.person.create({name: 'Fred', age: 36});
      assert.equal(person.passportNotes, 'Some notes...');
      assert.equal(p.personId, person.id);
      await p.save();
      const found = await (await Passport.findById(p.id)).person.get();
      assert.equal(found.name, 'Fred');
      assert.equal(found.age, undefined);
      const other = new Person({name: 'Other'});
      p.person(other);
      assert.equal(other.passportNotes, 'Some notes...');
      const holder = await Person.create({name: 'Holder', notes: 'n1'});
      assert.equal((await holder.passports.create({name: 'p2'})).notes, 'n1');
    });

    it('options.invertProperties copies from the target to the instance', async () => {
      const ds = setup.createDataSource();
      const Person = ds.createModel('RoPerson', {name: String, notes: String}) as Model;
      const Passport = ds.createModel('RoPassport', {name: String, holderName: String}) as Model;
      Passport.belongsTo(Person, {as: 'person', properties: {name: 'holderName'}, options: {invertProperties: true}});
      await ds.automigrate(['RoPerson', 'RoPassport']);
      const fred = await Person.create({name: 'Fred'});
      const passport = new Passport({name: 'P1'});
      passport.person(fred);
      assert.equal(passport.holderName, 'Fred');
      assert.equal(fred.holderName, undefined);
    });
  });

  describe('scopeMethods (seed 004)', () => {
    it('the reorder example: `this` is the relation, remoting metadata kept, listed on the relation', async () => {
      const {ds, Product, Image} = models();
      const logged: string[] = [];
      const console = {log: (value: string) => logged.push(value)};

      const reorderFn = function(this: AnyObject, ids: number[], cb: (err: unknown, ids?: number[]) => void) {
        console.log(this.name); // `this` refers to the RelationDefinition  - `images` (relation name)
        // Do some reordering here & save
        cb(null, [3, 2, 1]);
      } as AnyObject;
      // Manually declare remoting params
      reorderFn.shared = true;
      reorderFn.accepts = {arg: 'ids', type: 'array', http: {source: 'body'}};
      reorderFn.returns = {arg: 'ids', type: 'array', root: true};
      reorderFn.http = {verb: 'put', path: '/images/reorder'};
      Product.hasMany(Image, {as: 'images', scopeMethods: {reorder: reorderFn}});

      await migrate(ds);
      const product = await Product.create({name: 'boot'});
      const ids = await viaCallback(cb => product.images.reorder([1, 2, 3], cb));
      assert.deepEqual(ids, [3, 2, 1]);
      assert.deepEqual(logged, ['images']);
      const method = product.images.reorder;
      assert.equal(method.shared, true);
      assert.deepEqual(method.accepts, reorderFn.accepts);
      assert.deepEqual(method.returns, reorderFn.returns);
      assert.deepEqual(method.http, {verb: 'put', path: '/images/reorder'});
      assert.equal(Product.relations.images.methods.reorder, reorderFn);
      assert.equal(Product.relations.images.scopeMethods.reorder, reorderFn);
      assert.equal(typeof Product.prototype.__reorder__images, 'function');
      assert.deepEqual(await viaCallback(cb => product.__reorder__images([1], cb)), [3, 2, 1]);
    });

    it('a scopeMethods function adds methods to the accessor', async () => {
      const {ds, Product, Image} = models();
      Product.hasMany(Image, {
        as: 'images',
        scopeMethods: function(this: AnyObject, scopeMethods: AnyObject) {
          const relationName = this.name;
          scopeMethods.first = function(this: AnyObject) {
            return this.findOne({order: 'position ASC'});
          };
          scopeMethods.relationName = () => relationName;
          return ['first', 'relationName'];
        },
      });
      await migrate(ds);
      const product = await Product.create({name: 'boot'});
      await product.images.create([{name: 'b', position: 2}, {name: 'a', position: 1}]);
      assert.equal((await product.images.first()).name, 'a');
      assert.equal(product.images.relationName(), 'images');
      assert.deepEqual(Object.keys(Product.relations.images.methods), ['first', 'relationName']);
    });
  });

  describe('disableInclude', () => {
    it('an include of the relation is skipped silently; the accessor still works', async () => {
      const {ds, Category, Product} = models();
      Category.hasMany(Product, {as: 'products', options: {disableInclude: true}});
      Category.hasMany(Product, {as: 'items'});
      await migrate(ds);
      const c = await Category.create({name: 'c'});
      await c.products.create({name: 'p'});
      const [found] = await Category.find({include: ['products', 'items']});
      assert.equal('products' in found.toJSON(), false);
      assert.deepEqual(found.toJSON().items.map((p: AnyObject) => p.name), ['p']);
      assert.deepEqual((await found.products(false)).map((p: AnyObject) => p.name), ['p']);
      const viaCb = await viaCallback(cb => Category.findOne({include: {products: 'nothing'}}, cb));
      assert.equal(viaCb.products(), undefined);
    });
  });
});
