import {describe, it} from 'node:test';
import assert from 'node:assert/strict';
// The package entry registers every LoopBack 3 relation type.
import 'relata';
import {describeForEachConnector} from '../support/connectors';
import {viaCallback} from './support/lb3-helpers';

type AnyObject = {[key: string]: any};
// LoopBack 3 models are dynamic (accessors and properties come from definitions).
type Model = any;

const POLY = {selector: 'imageable', foreignKey: 'imageableId', discriminator: 'imageableType'};

describeForEachConnector('LoopBack 3 polymorphic relations', setup => {
  function models() {
    const ds = setup.createDataSource();
    const Picture = ds.createModel('PmPicture', {name: String}) as Model;
    const Article = ds.createModel('PmArticle', {name: String}) as Model;
    const Employee = ds.createModel('PmEmployee', {name: String}) as Model;
    return {ds, Picture, Article, Employee};
  }

  async function hasManySetup() {
    const m = models();
    m.Article.hasMany(m.Picture, {polymorphic: 'imageable'});
    m.Employee.hasMany(m.Picture, {as: 'photos', polymorphic: {selector: 'imageable'}});
    m.Picture.belongsTo('imageable', {polymorphic: true});
    await m.ds.automigrate(['PmPicture', 'PmArticle', 'PmEmployee']);
    return m;
  }

  describe('definition', () => {
    it('polymorphic belongsTo adds <selector>Id (typed as the source id) and <selector>Type', () => {
      const {Picture} = models();
      Picture.belongsTo('imageable', {polymorphic: true});
      assert.deepEqual(Picture.relations.imageable.toJSON(), {
        name: 'imageable', type: 'belongsTo', modelFrom: 'PmPicture', keyFrom: 'imageableId',
        modelTo: '<polymorphic>', keyTo: 'id', multiple: false, polymorphic: POLY,
      });
      assert.equal(Picture.definition.properties.imageableId.type, 'number');
      assert.equal(Picture.definition.properties.imageableType.type, 'string');
      assert.equal(typeof new Picture().imageable, 'function');
      assert.equal(new Picture().imageable.create, undefined);
      assert.equal(typeof Picture.prototype.__get__imageable, 'function');
    });

    it('polymorphic belongsTo takes {foreignKey, discriminator}, idType and idName', () => {
      const {Picture} = models();
      Picture.belongsTo('imageable', {idName: 'username', polymorphic: {foreignKey: 'oid', discriminator: 'type', idType: String}});
      const json = Picture.relations.imageable.toJSON();
      assert.equal(json.keyFrom, 'oid');
      assert.equal(json.keyTo, 'username');
      assert.equal(json.polymorphic.selector, 'imageable');
      assert.equal(json.polymorphic.discriminator, 'type');
      assert.equal(Picture.definition.properties.oid.type, 'string');
      assert.equal(Picture.definition.properties.type.type, 'string');
    });

    it('polymorphic hasMany and hasOne: a selector string, {selector}, or {foreignKey, discriminator}', () => {
      const {Picture, Article, Employee} = models();
      Article.hasMany(Picture, {polymorphic: 'imageable'});
      Employee.hasMany(Picture, {polymorphic: {foreignKey: 'imageId', discriminator: 'imageType'}});
      Article.hasOne(Picture, {as: 'packshot', polymorphic: {selector: 'imageable'}});
      assert.deepEqual(Article.relations.pmPictures.toJSON(), {
        name: 'pmPictures', type: 'hasMany', modelFrom: 'PmArticle', keyFrom: 'id',
        modelTo: 'PmPicture', keyTo: 'imageableId', multiple: true, polymorphic: POLY,
      });
      assert.deepEqual(Employee.relations.pmPictures.toJSON().polymorphic,
        {selector: 'pmPictures', foreignKey: 'imageId', discriminator: 'imageType'});
      assert.deepEqual(Article.relations.packshot.toJSON(), {
        name: 'packshot', type: 'hasOne', modelFrom: 'PmArticle', keyFrom: 'id',
        modelTo: 'PmPicture', keyTo: 'imageableId', multiple: false, polymorphic: POLY,
      });
      for (const p of ['imageableId', 'imageableType', 'imageId', 'imageType']) assert.ok(Picture.definition.properties[p], p);
    });

    it('refuses a polymorphic belongsTo named like a key it adds', () => {
      const {Picture} = models();
      assert.throws(() => Picture.belongsTo('imageable', {polymorphic: {foreignKey: 'imageable', discriminator: 'kind'}}),
        {code: 'RELATION_NAME_CONFLICT'});
    });
  });

  describe('hasMany', () => {
    it('create() sets the key and the discriminator (promise and callback)', async () => {
      const {Article, Employee} = await hasManySetup();
      const article = await Article.create({name: 'Article 1'});
      const employee = await Employee.create({name: 'Employee 1'});
      const pic = await article.pmPictures.create({name: 'Article Pic'});
      assert.equal(pic.imageableId, article.id);
      assert.equal(pic.imageableType, 'PmArticle');
      const photo = await viaCallback(cb => employee.photos.create({name: 'Employee Pic'}, cb));
      assert.equal(photo.imageableId, employee.id);
      assert.equal(photo.imageableType, 'PmEmployee');
      const built = article.pmPictures.build({name: 'draft'});
      assert.equal(built.imageableType, 'PmArticle');
    });

    it('reads only the targets of the source\'s model (same ids on two models)', async () => {
      const {Article, Employee, Picture} = await hasManySetup();
      const article = await Article.create({name: 'Article 1'});
      const employee = await Employee.create({name: 'Employee 1'});
      assert.equal(article.id, employee.id);
      await article.pmPictures.create([{name: 'a1'}, {name: 'a2'}]);
      await employee.photos.create({name: 'e1'});
      const pics = await viaCallback(cb => article.pmPictures(cb));
      assert.deepEqual(pics.map((p: AnyObject) => p.name).sort(), ['a1', 'a2']);
      assert.equal(article.pmPictures(), pics);
      assert.deepEqual((await employee.photos.find()).map((p: AnyObject) => p.name), ['e1']);
      assert.equal(await article.pmPictures.count(), 2);
      assert.equal(await employee.photos.count(), 1);
      const e1 = await Picture.findOne({where: {name: 'e1'}});
      assert.equal(await article.pmPictures.exists(e1.id), false);
      await assert.rejects(article.pmPictures.findById(e1.id), {statusCode: 404});
      assert.deepEqual(await employee.photos.destroyAll(), {count: 1});
      assert.equal(await Picture.count(), 2);
    });

    it('the belongsTo resolves the model named by the discriminator (callback, promise, case-insensitive)', async () => {
      const {Article, Employee, Picture} = await hasManySetup();
      const article = await Article.create({name: 'Article 1'});
      const employee = await Employee.create({name: 'Employee 1'});
      await article.pmPictures.create({name: 'a1'});
      await employee.photos.create({name: 'e1'});
      const a1 = await Picture.findOne({where: {name: 'a1'}});
      const owner = await viaCallback(cb => a1.imageable(cb));
      assert.ok(owner instanceof Article);
      assert.equal(owner.name, 'Article 1');
      assert.equal(a1.imageable(), owner);
      const e1 = await Picture.findOne({where: {name: 'e1'}});
      assert.ok((await e1.imageable.get()) instanceof Employee);
      const lower = await Picture.create({name: 'lower', imageableId: employee.id, imageableType: 'pmemployee'});
      assert.equal((await lower.imageable.get()).name, 'Employee 1');
    });

    it('the belongsTo fails as LoopBack 3 does when the discriminator is unset or names no model', async () => {
      const {Picture} = await hasManySetup();
      const unset = await Picture.create({name: 'x', imageableId: 1});
      await assert.rejects(unset.imageable.get(), {message: 'Polymorphic model not found: `imageableType` not set'});
      await assert.rejects(viaCallback(cb => unset.imageable(cb)), {message: 'Polymorphic model not found: `imageableType` not set'});
      const unknown = await Picture.create({name: 'y', imageableId: 1, imageableType: 'NoSuch'});
      await assert.rejects(unknown.imageable(true), {message: 'Polymorphic model not found: `nosuch`'});
    });

    it('the belongsTo setter sets the key and the discriminator', async () => {
      const {Article, Picture} = await hasManySetup();
      const article = await Article.create({name: 'Article 2'});
      const p = new Picture({name: 'Sample'});
      p.imageable(article);
      assert.equal(p.imageableId, article.id);
      assert.equal(p.imageableType, 'PmArticle');
      await p.save();
      assert.deepEqual((await article.pmPictures(true)).map((x: AnyObject) => x.name), ['Sample']);
    });

    it('the belongsTo update() and destroy() work on the resolved model', async () => {
      const {Article, Picture} = await hasManySetup();
      const article = await Article.create({name: 'Article 1'});
      const pic = await article.pmPictures.create({name: 'a1'});
      const fresh = await Picture.findById(pic.id);
      assert.equal((await fresh.imageable.update({name: 'Renamed'})).name, 'Renamed');
      assert.equal((await Article.findById(article.id)).name, 'Renamed');
      await viaCallback(cb => fresh.imageable.destroy(cb));
      assert.equal((await Picture.findById(pic.id)).imageableId ?? null, null);
      assert.ok(await Article.findById(article.id));
    });
  });

  describe('hasOne', () => {
    async function hasOneSetup() {
      const m = models();
      m.Article.hasOne(m.Picture, {as: 'packshot', polymorphic: 'imageable'});
      m.Employee.hasOne(m.Picture, {as: 'mugshot', polymorphic: 'imageable'});
      m.Picture.belongsTo('imageable', {polymorphic: true});
      await m.ds.automigrate(['PmPicture', 'PmArticle', 'PmEmployee']);
      return m;
    }

    it('create, get and the inverse belongsTo (promise and callback)', async () => {
      const {Article, Employee, Picture} = await hasOneSetup();
      const article = await Article.create({name: 'Article 1'});
      const employee = await Employee.create({name: 'Employee 1'});
      const packshot = await article.packshot.create({name: 'Packshot'});
      assert.equal(packshot.imageableId, article.id);
      assert.equal(packshot.imageableType, 'PmArticle');
      await viaCallback(cb => employee.mugshot.create({name: 'Mugshot'}, cb));
      await assert.rejects(article.packshot.create({name: 'Second'}),
        {message: 'HasOne relation cannot create more than one instance of PmPicture'});
      const fresh = await Article.findById(article.id);
      const pic = await viaCallback(cb => fresh.packshot(cb));
      assert.equal(pic.name, 'Packshot');
      assert.equal(fresh.packshot(), pic);
      assert.equal((await (await Employee.findById(employee.id)).mugshot.get()).name, 'Mugshot');
      const inverse = await (await Picture.findOne({where: {name: 'Mugshot'}})).imageable.get();
      assert.ok(inverse instanceof Employee);
    });

    it('include of polymorphic hasOne and of the polymorphic belongsTo', async () => {
      const {Article, Employee, Picture} = await hasOneSetup();
      const article = await Article.create({name: 'Article 1'});
      const employee = await Employee.create({name: 'Employee 1'});
      await article.packshot.create({name: 'Packshot'});
      await employee.mugshot.create({name: 'Mugshot'});
      const withShot = await Article.findOne({include: 'packshot'});
      assert.equal(withShot.packshot().name, 'Packshot');
      const viaCb = await viaCallback(cb => Employee.findOne({include: 'mugshot'}, cb));
      assert.equal(viaCb.mugshot().name, 'Mugshot');
      const pics = await Picture.find({include: 'imageable', order: 'name ASC'});
      assert.deepEqual(pics.map((p: AnyObject) => [p.name, p.imageable().name, p.imageable().constructor.modelName]), [
        ['Mugshot', 'Employee 1', 'PmEmployee'], ['Packshot', 'Article 1', 'PmArticle'],
      ]);
      assert.equal(pics[0].toJSON().imageable.name, 'Employee 1');
    });
  });

  describe('include', () => {
    it('polymorphic hasMany include gives [] to sources without targets', async () => {
      const {Article, Employee} = await hasManySetup();
      const a1 = await Article.create({name: 'a1'});
      await Article.create({name: 'a2'});
      const employee = await Employee.create({name: 'e'});
      await a1.pmPictures.create({name: 'p1'});
      await employee.photos.create({name: 'p2'});
      const found = await Article.find({include: 'pmPictures', order: 'name ASC'});
      assert.deepEqual(found.map((a: AnyObject) => a.toJSON().pmPictures.map((p: AnyObject) => p.name)), [['p1'], []]);
    });

    it('belongsTo include leaves out sources without a key and fails on an unknown discriminator', async () => {
      const {Article, Picture} = await hasManySetup();
      const article = await Article.create({name: 'a1'});
      await article.pmPictures.create({name: 'owned'});
      await Picture.create({name: 'orphan'});
      const found = await Picture.find({include: 'imageable', order: 'name ASC'});
      assert.deepEqual(found.map((p: AnyObject) => p.toJSON().imageable?.name), [undefined, 'a1']);
      assert.equal('imageable' in found[0].toJSON(), false);
      await Picture.create({name: 'bad', imageableId: 1, imageableType: 'Nope'});
      await assert.rejects(Picture.find({include: 'imageable'}),
        {message: 'Discriminator type Nope specified but no model exists with such name'});
    });

    it('non-standard ids: idType and idName', async () => {
      const ds = setup.createDataSource();
      const Picture = ds.createModel('PmPicture', {name: String}) as Model;
      const Article = ds.createModel('PmArticle', {username: {type: String, id: true}, name: String}) as Model;
      Article.hasOne(Picture, {as: 'packshot', polymorphic: {foreignKey: 'oid', discriminator: 'type'}});
      Picture.belongsTo('imageable', {idName: 'username', polymorphic: {foreignKey: 'oid', discriminator: 'type', idType: String}});
      await ds.automigrate(['PmPicture', 'PmArticle']);
      const article = await Article.create({username: 'ann', name: 'Article 1'});
      const pic = await article.packshot.create({name: 'Packshot'});
      assert.equal(pic.oid, 'ann');
      assert.equal(pic.type, 'PmArticle');
      assert.equal((await pic.imageable.get()).name, 'Article 1');
      const included = await Picture.findOne({include: 'imageable'});
      assert.equal(included.imageable().username, 'ann');
    });
  });
});
