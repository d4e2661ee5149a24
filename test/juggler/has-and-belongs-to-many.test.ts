import assert from 'node:assert/strict';
import {before, beforeEach, describe, it} from 'node:test';
// The LoopBack 3 face registers its relation types when relata is loaded.
import 'relata';
import type {PersistedModelClass} from '../../src/juggler/persisted-model';
import type {JugglerDataSource} from '../../src/juggler/juggler-datasource';
import {describeForEachConnector} from '../support/connectors';
import {json, viaCallback} from './support/lb3-helpers';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Any = any;

function names(list: Any[]): string[] {
  return list.map(x => x.name).sort();
}

describeForEachConnector('LoopBack 3 hasAndBelongsToMany', setup => {
  let ds: JugglerDataSource;
  let Assembly: PersistedModelClass;
  let Part: PersistedModelClass;
  let Post: PersistedModelClass;
  let Tag: PersistedModelClass;
  let Label: PersistedModelClass;
  let Author: PersistedModelClass;
  let Reader: PersistedModelClass;
  let Picture: PersistedModelClass;
  let PictureLink: PersistedModelClass;
  let Maker: PersistedModelClass;

  before(async () => {
    ds = setup.createDataSource();
    Assembly = ds.createModel('HbAssembly', {name: String});
    Part = ds.createModel('HbPart', {partNumber: String, kind: String});
    Maker = ds.createModel('HbMaker', {name: String});
    Part.belongsTo(Maker);
    Maker.hasMany(Part);
    Assembly.hasAndBelongsToMany(Part);
    Part.hasAndBelongsToMany(Assembly);
    Assembly.hasAndBelongsToMany(Part, {as: 'bolts', scope: {where: {kind: 'bolt'}}});
    // An existing <To><From> model is the through model.
    Post = ds.createModel('HbPost', {title: String});
    Tag = ds.createModel('HbTag', {name: String});
    ds.createModel('HbTagHbPost', {weight: Number});
    Post.hasAndBelongsToMany(Tag);
    Label = ds.createModel('HbLabel', {name: String});
    Post.hasAndBelongsToMany(Label, {throughTable: 'HbPostLabelLink'});
    // Polymorphic: the through model points at authors and readers with one key and a discriminator.
    Author = ds.createModel('HbAuthor', {name: String});
    Reader = ds.createModel('HbReader', {name: String});
    Picture = ds.createModel('HbPicture', {name: String});
    PictureLink = ds.createModel('HbPictureLink', {});
    Author.hasAndBelongsToMany(Picture, {through: PictureLink, polymorphic: 'imageable'});
    Reader.hasAndBelongsToMany(Picture, {through: PictureLink, polymorphic: 'imageable'});
    Picture.hasMany(Author, {through: PictureLink, polymorphic: 'imageable', invert: true});
    Picture.hasMany(Reader, {through: PictureLink, polymorphic: 'imageable', invert: true});
  });

  beforeEach(async () => {
    // Every attached model, the through models made by the relations included.
    await ds.automigrate();
  });

  describe('definition', () => {
    it('creates the through model <From><To> with belongsTo relations to both sides', () => {
      const Through = ds.getModel('HbAssemblyHbPart')!;
      assert.ok(Through, 'through model attached to the source data source');
      assert.equal(Through.dataSource, ds);
      assert.deepEqual(Object.keys(Through.definition.properties).sort(), ['hbAssemblyId', 'hbPartId', 'id']);
      assert.equal(Through.relations.hbAssembly.modelTo, Assembly);
      assert.equal(Through.relations.hbPart.modelTo, Part);
      assert.deepEqual(Assembly.relations.hbParts.toJSON(), {
        name: 'hbParts', type: 'hasMany', modelFrom: 'HbAssembly', keyFrom: 'id', modelTo: 'HbPart',
        keyTo: 'hbAssemblyId', multiple: true, modelThrough: 'HbAssemblyHbPart', keyThrough: 'hbPartId',
      });
      assert.equal(Part.relations.hbAssemblies.modelThrough, Through, 'both sides share the through model');
      assert.equal(ds.getModel('HbPartHbAssembly'), undefined);
    });

    it('uses an existing <To><From> model, or throughTable', () => {
      assert.equal(Post.relations.hbTags.modelThrough!.modelName, 'HbTagHbPost');
      assert.equal(Post.relations.hbLabels.modelThrough!.modelName, 'HbPostLabelLink');
      assert.ok(ds.getModel('HbPostLabelLink')!.definition.properties.hbLabelId);
    });

    it('refuses a polymorphic relation without a through model', () => {
      assert.throws(() => Author.hasAndBelongsToMany(Tag, {polymorphic: 'taggable'}), {
        message: 'Polymorphic relations need a through model',
      });
    });
  });

  describe('methods', () => {
    let asm: Any;
    let bolt: Any;
    let nut: Any;

    beforeEach(async () => {
      asm = await Assembly.create({name: 'engine'});
      bolt = await Part.create({partNumber: 'B1', kind: 'bolt'});
      nut = await Part.create({partNumber: 'N1', kind: 'nut'});
    });

    it('add, find, exists, count and remove (promise)', async () => {
      const link = await asm.hbParts.add(bolt);
      assert.equal(link.constructor.modelName, 'HbAssemblyHbPart');
      assert.equal(link.hbAssemblyId, asm.id);
      assert.equal(link.hbPartId, bolt.id);
      await asm.hbParts.add(nut.id);
      assert.deepEqual((await asm.hbParts.find({order: 'partNumber ASC'})).map((p: Any) => p.partNumber), ['B1', 'N1']);
      assert.equal(await asm.hbParts.exists(bolt), true);
      assert.equal(await asm.hbParts.count(), 2);
      await asm.hbParts.remove(bolt);
      assert.equal(await asm.hbParts.exists(bolt.id), false);
      assert.equal(await Part.count(), 2);
      // The other side sees the same links.
      assert.deepEqual((await nut.hbAssemblies.find()).map((a: Any) => a.name), ['engine']);
      assert.deepEqual(await bolt.hbAssemblies.find(), []);
    });

    it('add, find, exists, count and remove (callback)', async () => {
      await viaCallback(cb => asm.hbParts.add(bolt, cb));
      const found = await viaCallback<Any[]>(cb => asm.hbParts(cb));
      assert.deepEqual(found.map(p => p.partNumber), ['B1']);
      assert.equal(await viaCallback(cb => asm.hbParts.exists(bolt.id, cb)), true);
      assert.equal(await viaCallback(cb => asm.hbParts.count(cb)), 1);
      await viaCallback(cb => asm.hbParts.remove(bolt.id, cb));
      assert.equal(await viaCallback(cb => asm.hbParts.count(cb)), 0);
    });

    it('create makes the target and the link', async () => {
      const wheel = await asm.hbParts.create({partNumber: 'W1'});
      const gear: Any = await viaCallback(cb => asm.hbParts.create({partNumber: 'G1'}, cb));
      assert.deepEqual((await asm.hbParts.find({order: 'partNumber DESC'})).map((p: Any) => p.partNumber), ['W1', 'G1']);
      assert.deepEqual((await wheel.hbAssemblies.find()).map((a: Any) => a.name), ['engine']);
      assert.equal(await gear.hbAssemblies.exists(asm), true);
    });

    it('findById, updateById and destroyById need a link', async () => {
      await asm.hbParts.add(bolt);
      assert.equal((await asm.hbParts.findById(bolt.id)).partNumber, 'B1');
      await assert.rejects(viaCallback(cb => asm.hbParts.findById(nut.id, cb)), {
        statusCode: 404, message: `No relation found in HbAssemblyHbPart for (HbAssembly.${asm.id},HbPart.${nut.id})`,
      });
      await viaCallback(cb => asm.hbParts.updateById(bolt.id, {partNumber: 'B2'}, cb));
      assert.equal((await Part.findById(bolt.id) as Any).partNumber, 'B2');
      await assert.rejects(asm.hbParts.destroyById(nut.id), {statusCode: 404});
      await asm.hbParts.destroyById(bolt.id);
      assert.equal(await Part.exists(bolt.id), false);
      assert.equal(await ds.getModel('HbAssemblyHbPart')!.count(), 0);
    });

    it('destroyAll removes the links only', async () => {
      await asm.hbParts.add(bolt);
      await asm.hbParts.add(nut);
      assert.deepEqual(await viaCallback(cb => asm.hbParts.destroyAll(cb)), {count: 2});
      assert.deepEqual(await asm.hbParts.find(), []);
      assert.equal(await Part.count(), 2);
    });

    it('applies the relation scope to reads and creates', async () => {
      await asm.hbParts.add(bolt);
      await asm.hbParts.add(nut);
      assert.deepEqual((await asm.bolts.find()).map((p: Any) => p.partNumber), ['B1']);
      const made = await asm.bolts.create({partNumber: 'B9'});
      assert.equal(made.kind, 'bolt');
      const loaded = await Assembly.findById(asm.id, {include: 'bolts'}) as Any;
      assert.deepEqual(loaded.bolts().map((p: Any) => p.partNumber).sort(), ['B1', 'B9']);
      // Link-level methods only see the links of targets in the scope.
      assert.equal(await asm.bolts.count(), 2);
      assert.equal(await asm.hbParts.count(), 3);
      assert.equal(await asm.bolts.exists(nut), false);
      assert.equal(await asm.hbParts.exists(nut), true);
      assert.deepEqual(await asm.bolts.destroyAll(), {count: 2});
      assert.deepEqual((await asm.hbParts.find()).map((p: Any) => p.partNumber), ['N1']);
      assert.deepEqual(await asm.bolts.count(), 0);
    });

    it('takes a scope function of the instance', async () => {
      const Kit = ds.createModel('HbKit', {name: String, kind: String});
      Kit.hasAndBelongsToMany(Part, {
        as: 'matching', scope: (kit: Any) => ({where: {kind: kit.kind}}),
      });
      await ds.automigrate(['HbKit', 'HbKitHbPart']);
      const kit = await Kit.create({name: 'k', kind: 'nut'}) as Any;
      await kit.matching.add(bolt);
      await kit.matching.add(nut);
      assert.deepEqual((await kit.matching.find()).map((p: Any) => p.partNumber), ['N1']);
      assert.equal((await kit.matching.create({partNumber: 'N2'})).kind, 'nut');
    });
  });

  describe('include', () => {
    it('includes both directions, nested with belongsTo, in toJSON()', async () => {
      const maker = await Maker.create({name: 'Acme'});
      const a1 = await Assembly.create({name: 'a1'}) as Any;
      const a2 = await Assembly.create({name: 'a2'}) as Any;
      const p1 = await a1.hbParts.create({partNumber: 'P1', hbMakerId: maker.getId()});
      await a2.hbParts.add(p1);
      await a1.hbParts.create({partNumber: 'P2'});
      const found = await Assembly.find({include: {hbParts: 'hbMaker'}, order: 'name ASC'}) as Any[];
      assert.deepEqual(found.map(a => a.hbParts().map((p: Any) => p.partNumber).sort()), [['P1', 'P2'], ['P1']]);
      const p1a = found[0].hbParts().find((p: Any) => p.partNumber === 'P1');
      assert.equal(p1a.hbMaker().name, 'Acme');
      assert.equal(json(found[1]).hbParts[0].hbMaker.name, 'Acme');
      const parts = await Part.find({include: {relation: 'hbAssemblies', scope: {order: 'name DESC'}}, order: 'partNumber ASC'}) as Any[];
      assert.deepEqual(parts.map(p => p.hbAssemblies().map((a: Any) => a.name)), [['a2', 'a1'], ['a1']]);
      // Mixed with hasMany and belongsTo, several levels deep.
      const makers = await Maker.find({include: {hbParts: 'hbAssemblies'}}) as Any[];
      assert.deepEqual(makers[0].hbParts().map((p: Any) => p.hbAssemblies().map((a: Any) => a.name).sort()), [['a1', 'a2']]);
      const deep = await Assembly.find({include: {hbParts: {hbMaker: 'hbParts'}}, where: {name: 'a2'}}) as Any[];
      assert.deepEqual(deep[0].hbParts()[0].hbMaker().hbParts().map((p: Any) => p.partNumber), ['P1']);
      const empty = await Assembly.create({name: 'a3'});
      const again = await Assembly.findById(empty.getId(), {include: 'hbParts'}) as Any;
      assert.deepEqual(json(again).hbParts, []);
    });
  });

  describe('polymorphic', () => {
    let ann: Any;
    let rob: Any;
    let sun: Any;
    let moon: Any;

    beforeEach(async () => {
      ann = await Author.create({name: 'Ann'});
      rob = await Reader.create({name: 'Rob'});
      sun = await ann.hbPictures.create({name: 'sun'});
      moon = await Picture.create({name: 'moon'});
      await rob.hbPictures.add(moon);
      await rob.hbPictures.add(sun);
    });

    it('stores the discriminator and key on the through model', async () => {
      assert.ok(PictureLink.definition.properties.imageableId);
      assert.ok(PictureLink.definition.properties.imageableType);
      assert.ok(PictureLink.definition.properties.hbPictureId);
      const links = (await PictureLink.find({order: 'id ASC'})).map((l: Any) => [l.imageableType, l.imageableId, l.hbPictureId]);
      assert.deepEqual(links, [
        ['HbAuthor', ann.id, sun.id], ['HbReader', rob.id, moon.id], ['HbReader', rob.id, sun.id],
      ]);
      assert.deepEqual(Author.relations.hbPictures.toJSON().polymorphic,
        {selector: 'imageable', foreignKey: 'imageableId', discriminator: 'imageableType'});
    });

    it('reads only the links of its own type', async () => {
      assert.deepEqual(names(await ann.hbPictures.find()), ['sun']);
      assert.deepEqual(names(await rob.hbPictures.find()), ['moon', 'sun']);
      assert.equal(await ann.hbPictures.count(), 1);
      assert.equal(await ann.hbPictures.exists(moon), false);
      // Same ids on both sides: an author and a reader with equal ids keep their own pictures.
      assert.equal(String(ann.id), String(rob.id));
    });

    it('reads the inverse side through the discriminator', async () => {
      assert.deepEqual(names(await sun.hbAuthors.find()), ['Ann']);
      assert.deepEqual(names(await sun.hbReaders.find()), ['Rob']);
      assert.deepEqual(await moon.hbAuthors.find(), []);
      const link = await viaCallback<Any>(cb => moon.hbAuthors.add(ann, cb));
      assert.equal(link.imageableType, 'HbAuthor');
      assert.deepEqual(names(await ann.hbPictures.find()), ['moon', 'sun']);
      await moon.hbAuthors.remove(ann);
      assert.deepEqual(names(await ann.hbPictures.find()), ['sun']);
      assert.deepEqual(names(await rob.hbPictures.find()), ['moon', 'sun'], 'the reader\'s link stays');
    });

    it('includes polymorphic links in both directions', async () => {
      const authors = await Author.find({include: 'hbPictures'}) as Any[];
      assert.deepEqual(names(authors[0].hbPictures()), ['sun']);
      const pictures = await Picture.find({include: ['hbAuthors', 'hbReaders'], order: 'name ASC'}) as Any[];
      assert.deepEqual(pictures.map(p => [p.name, names(p.hbAuthors()), names(p.hbReaders())]), [
        ['moon', [], ['Rob']], ['sun', ['Ann'], ['Rob']],
      ]);
    });

    it('destroyAll removes only its own type of links', async () => {
      await ann.hbPictures.destroyAll();
      assert.deepEqual(await ann.hbPictures.find(), []);
      assert.deepEqual(names(await rob.hbPictures.find()), ['moon', 'sun']);
    });
  });
});
