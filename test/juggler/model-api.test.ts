import {describe, it} from 'node:test';
import assert from 'node:assert/strict';
import {juggler} from 'relata';
import {describeForEachConnector, itWhen} from '../support/connectors';
import {callbackArgs, rejection, viaCallback} from './support/lb3-helpers';

type AnyObject = {[key: string]: any};
// LoopBack 3 models are dynamic (accessors and properties come from definitions).
type Model = any;

describeForEachConnector('LoopBack 3 model API', setup => {
  async function models() {
    const ds = setup.createDataSource();
    const Item = ds.createModel('ApiItem', {name: String, qty: Number, tag: String}) as Model;
    const Free = ds.createModel('ApiFree', {name: String, qty: Number}, {forceId: false}) as Model;
    await ds.automigrate(['ApiItem', 'ApiFree']);
    return {ds, Item, Free};
  }

  describe('create', () => {
    it('creates one instance (promise and callback) and returns it with its id', async () => {
      const {Item} = await models();
      const a = await Item.create({name: 'a', qty: 1});
      assert.ok(a instanceof Item);
      assert.equal(a.isNewRecord(), false);
      assert.deepEqual(a.toJSON(), {name: 'a', qty: 1, id: a.id});
      const b = await viaCallback(cb => Item.create({name: 'b'}, cb));
      assert.equal(b.name, 'b');
      const c = await viaCallback(cb => Item.create({name: 'c'}, {}, cb));
      assert.equal(c.name, 'c');
      assert.equal(await Item.count(), 3);
    });

    it('create() and create(cb) with no data make an empty instance', async () => {
      const {Item} = await models();
      const empty = await viaCallback(cb => Item.create(cb));
      assert.equal(typeof empty.id, 'number');
      assert.equal((await Item.create()).name, undefined);
    });

    it('coerces values to the property types on the returned instance', async () => {
      const {Item} = await models();
      const a = await Item.create({name: 'a', qty: '12'});
      assert.equal(a.qty, 12);
    });

    it('creates an array: instances in order (promise and callback)', async () => {
      const {Item} = await models();
      const created = await Item.create([{name: 'a'}, {name: 'b'}]);
      assert.deepEqual(created.map((i: Model) => i.name), ['a', 'b']);
      const [err, viaCb] = await callbackArgs(cb => Item.create([{name: 'c'}, {name: 'd'}], cb));
      assert.equal(err, null);
      assert.deepEqual(viaCb.map((i: Model) => i.name), ['c', 'd']);
      assert.deepEqual(await Item.create([]), []);
    });

    it('an array with invalid items: errors at their index, the others created (LoopBack 3)', async () => {
      const {Item} = await models();
      Item.validatesPresenceOf('name');
      const [errors, results] = await callbackArgs(cb => Item.create([{name: 'ok'}, {qty: 1}], cb));
      assert.ok(Array.isArray(errors));
      assert.equal(errors[0], undefined);
      assert.equal(errors[1].name, 'ValidationError');
      assert.equal(results[0].name, 'ok');
      const rejected = await rejection(Item.create([{qty: 2}]));
      assert.ok(Array.isArray(rejected));
      assert.equal(rejected[0].statusCode, 422);
      assert.equal(await Item.count(), 1);
    });

    it('refuses non-object data with a 400 (promise and callback), writing nothing', async () => {
      const {Item} = await models();
      const err = await rejection(Item.create('oops'));
      assert.equal(err.statusCode, 400);
      assert.match(err.message, /must be an object/);
      const [cbErr] = await callbackArgs(cb => Item.create(42, cb));
      assert.equal(cbErr.statusCode, 400);
      assert.equal(await Item.count(), 0);
    });

    it('saves a new instance given to create()', async () => {
      const {Item} = await models();
      const inst = new Item({name: 'built'});
      const saved = await Item.create(inst);
      assert.equal(saved, inst);
      assert.equal(inst.isNewRecord(), false);
    });
  });

  describe('reads', () => {
    it('find with filters (promise and callback); findOne; findById null when missing', async () => {
      const {Item} = await models();
      await Item.create([{name: 'a', qty: 3}, {name: 'b', qty: 1}, {name: 'c', qty: 2}]);
      assert.deepEqual((await Item.find({order: 'qty DESC', limit: 2})).map((i: Model) => i.name), ['a', 'c']);
      assert.deepEqual((await viaCallback(cb => Item.find(cb))).length, 3);
      assert.deepEqual((await viaCallback(cb => Item.find({where: {qty: {gt: 1}}}, cb))).length, 2);
      assert.equal((await Item.findOne({where: {name: 'b'}})).qty, 1);
      assert.equal((await viaCallback(cb => Item.findOne({order: 'name DESC'}, cb))).name, 'c');
      assert.equal(await Item.findOne({where: {name: 'zzz'}}), null);
      const a = await Item.findOne({where: {name: 'a'}});
      assert.equal((await Item.findById(a.id)).name, 'a');
      assert.equal((await viaCallback(cb => Item.findById(a.id, cb))).name, 'a');
      assert.equal(await Item.findById(99999), null);
      assert.equal(await viaCallback(cb => Item.findById(99999, cb)), null);
      const partial = await Item.findById(a.id, {fields: ['name']});
      assert.deepEqual(partial.toJSON(), {name: 'a'});
      assert.equal((await Item.findById(a.id, {fields: ['name']}, {})).qty, undefined);
      assert.equal((await Item.findById(String(a.id))).name, 'a', 'a string id is coerced');
    });

    it('findById(id, options, cb) reads an object without include/fields as the options (LoopBack 3)', async () => {
      const {Item} = await models();
      const a = await Item.create({name: 'a'});
      const found = await viaCallback(cb => Item.findById(a.id, {transaction: undefined}, cb));
      assert.equal(found.name, 'a');
    });

    it('findByIds keeps the order of the ids', async () => {
      const {Item} = await models();
      const [a, b, c] = await Item.create([{name: 'a'}, {name: 'b'}, {name: 'c'}]);
      assert.deepEqual((await Item.findByIds([c.id, a.id, 424242])).map((i: Model) => i.name), ['c', 'a']);
      assert.deepEqual((await viaCallback(cb => Item.findByIds([b.id], cb))).map((i: Model) => i.name), ['b']);
      assert.deepEqual(await Item.findByIds([]), []);
    });

    it('exists and count (promise and callback)', async () => {
      const {Item} = await models();
      const a = await Item.create({name: 'a', qty: 1});
      await Item.create({name: 'b', qty: 2});
      assert.equal(await Item.exists(a.id), true);
      assert.equal(await viaCallback(cb => Item.exists(424242, cb)), false);
      assert.equal(await Item.count(), 2);
      assert.equal(await Item.count({qty: 2}), 1);
      assert.equal(await viaCallback(cb => Item.count({qty: {gte: 1}}, cb)), 2);
      assert.equal(await viaCallback(cb => Item.count(cb)), 2);
    });

    it('bad filters and missing ids are 400 errors, never a crash', async () => {
      const {Item} = await models();
      await Item.create({name: 'a'});
      assert.equal((await rejection(Item.find('name'))).statusCode, 400);
      assert.equal((await rejection(Item.find({where: 'x'}))).statusCode, 400);
      assert.equal((await rejection(Item.find({limit: -1}))).statusCode, 400);
      assert.equal((await rejection(Item.find({bogus: 1}))).statusCode, 400);
      assert.equal((await rejection(Item.find({where: {qty: {gt: 'abc'}}}))).statusCode, 400);
      assert.equal((await rejection(Item.count('x'))).statusCode, 400);
      const noId = await rejection(Item.findById(undefined));
      assert.equal(noId.statusCode, 400);
      assert.equal(noId.message, 'Model::findById requires the id argument');
      const [cbErr] = await callbackArgs(cb => Item.findById(null, cb));
      assert.equal(cbErr.statusCode, 400);
      assert.equal((await rejection(Item.exists(undefined))).message, 'Model::exists requires the id argument');
    });
  });

  describe('upsert, replaceOrCreate, findOrCreate', () => {
    it('upsert/updateOrCreate/patchOrCreate without an id create', async () => {
      const {Item} = await models();
      const a = await Item.upsert({name: 'a'});
      const b = await viaCallback(cb => Item.updateOrCreate({name: 'b'}, cb));
      const c = await Item.patchOrCreate({name: 'c'});
      assert.deepEqual([a, b, c].map(i => typeof i.id), ['number', 'number', 'number']);
      assert.equal(await Item.count(), 3);
    });

    it('upsert patches the stored instance, keeping other properties', async () => {
      const {Item} = await models();
      const a = await Item.create({name: 'a', qty: 1, tag: 't'});
      const patched = await Item.upsert({id: a.id, qty: 5});
      assert.deepEqual(patched.toJSON(), {name: 'a', qty: 5, tag: 't', id: a.id});
      const viaCb = await viaCallback(cb => Item.patchOrCreate({id: a.id, tag: 'u'}, cb));
      assert.equal(viaCb.tag, 'u');
      assert.deepEqual((await Item.findById(a.id)).toJSON(), {name: 'a', qty: 5, tag: 'u', id: a.id});
    });

    it('with forceId (the default), upsert of an unknown id is a 404 and creates nothing', async () => {
      const {Item} = await models();
      const err = await rejection(Item.upsert({id: 4242, name: 'x'}));
      assert.equal(err.statusCode, 404);
      assert.equal(err.message, 'Could not update attributes. Object with id 4242 does not exist!');
      assert.equal(await Item.count(), 0);
    });

    it('with forceId: false, upsert of an unknown id creates it with that id', async () => {
      const {Free} = await models();
      const created = await Free.upsert({id: 11, name: 'eleven', qty: 1});
      assert.equal(created.id, 11);
      const patched = await Free.upsert({id: 11, qty: 2});
      assert.deepEqual(patched.toJSON(), {name: 'eleven', qty: 2, id: 11});
      assert.equal(await Free.count(), 1);
    });

    it('upsert refuses an array (400)', async () => {
      const {Item} = await models();
      const err = await rejection(Item.upsert([{name: 'a'}]));
      assert.equal(err.statusCode, 400);
      assert.match(err.message, /does not support bulk mode/);
    });

    it('replaceOrCreate replaces (clearing what is not given) or creates', async () => {
      const {Free} = await models();
      await Free.create({id: 1, name: 'one', qty: 1});
      const replaced = await Free.replaceOrCreate({id: 1, name: 'uno'});
      assert.deepEqual(replaced.toJSON(), {name: 'uno', id: 1});
      assert.deepEqual((await Free.findById(1)).toJSON(), {name: 'uno', id: 1});
      const created = await viaCallback(cb => Free.replaceOrCreate({id: 2, name: 'two'}, cb));
      assert.equal(created.id, 2);
      const noId = await Free.replaceOrCreate({name: 'three'});
      assert.equal(typeof noId.id, 'number');
      assert.equal(await Free.count(), 3);
    });

    it('replaceOrCreate with forceId needs the instance to exist (404)', async () => {
      const {Item} = await models();
      const a = await Item.create({name: 'a', qty: 1});
      assert.deepEqual((await Item.replaceOrCreate({id: a.id, name: 'b'})).toJSON(), {name: 'b', id: a.id});
      const err = await rejection(Item.replaceOrCreate({id: 4242, name: 'x'}));
      assert.equal(err.statusCode, 404);
      assert.equal(err.message, 'Could not replace. Object with id 4242 does not exist!');
    });

    it('upsertWithWhere patches the one match, creates without one, refuses several', async () => {
      const {Item} = await models();
      await Item.create([{name: 'a', tag: 'x'}, {name: 'b', tag: 'x'}]);
      const patched = await Item.upsertWithWhere({name: 'a'}, {qty: 3});
      assert.equal(patched.qty, 3);
      const created = await viaCallback(cb => Item.upsertWithWhere({name: 'c'}, {name: 'c', qty: 1}, cb));
      assert.equal(created.name, 'c');
      const err = await rejection(Item.upsertWithWhere({tag: 'x'}, {qty: 9}));
      assert.equal(err.statusCode, 400);
      assert.equal(await Item.count(), 3);
    });

    it('findOrCreate: callback (err, instance, created), promise [instance, created]', async () => {
      const {Item} = await models();
      const [err, made, created] = await callbackArgs(cb => Item.findOrCreate({where: {name: 'a'}}, {name: 'a', qty: 1}, cb));
      assert.equal(err, null);
      assert.equal(created, true);
      assert.equal(made.qty, 1);
      const [found, createdAgain] = await Item.findOrCreate({where: {name: 'a'}}, {name: 'a', qty: 2});
      assert.equal(createdAgain, false);
      assert.equal(found.id, made.id);
      assert.equal(found.qty, 1);
      const [, , cbCreated] = await callbackArgs(cb => Item.findOrCreate({where: {name: 'b'}}, {name: 'b'}, {}, cb));
      assert.equal(cbCreated, true);
      assert.equal(await Item.count(), 2);
    });

    it('findOrCreate(data) uses the data as the where clause', async () => {
      const {Item} = await models();
      const [first, created] = await Item.findOrCreate({name: 'solo', qty: 1});
      assert.equal(created, true);
      const [again, createdAgain] = await Item.findOrCreate({name: 'solo', qty: 1});
      assert.equal(createdAgain, false);
      assert.equal(again.id, first.id);
      const [err, inst, cbCreated] = await callbackArgs(cb => Item.findOrCreate({name: 'solo', qty: 1}, cb));
      assert.equal(err, null);
      assert.equal(inst.id, first.id);
      assert.equal(cbCreated, false);
    });
  });

  describe('bulk updates and deletes', () => {
    it('updateAll/update resolve to {count} (promise and callback); updateAll(data) updates all', async () => {
      const {Item} = await models();
      await Item.create([{name: 'a', qty: 1}, {name: 'b', qty: 1}, {name: 'c', qty: 2}]);
      assert.deepEqual(await Item.updateAll({qty: 1}, {tag: 'one'}), {count: 2});
      assert.deepEqual(await viaCallback(cb => Item.update({qty: 2}, {tag: 'two'}, cb)), {count: 1});
      assert.deepEqual(await viaCallback(cb => Item.updateAll({name: 'zzz'}, {tag: 'none'}, {}, cb)), {count: 0});
      assert.deepEqual((await Item.find({order: 'name'})).map((i: Model) => i.tag), ['one', 'one', 'two']);
      assert.deepEqual(await Item.updateAll({tag: 'all'}), {count: 3});
      assert.equal(await Item.count({tag: 'all'}), 3);
    });

    it('destroyAll/deleteAll/remove resolve to {count} (promise and callback)', async () => {
      const {Item} = await models();
      await Item.create([{name: 'a', qty: 1}, {name: 'b', qty: 1}, {name: 'c', qty: 2}, {name: 'd', qty: 3}]);
      assert.deepEqual(await Item.destroyAll({qty: 1}), {count: 2});
      assert.deepEqual(await viaCallback(cb => Item.deleteAll({qty: 2}, cb)), {count: 1});
      assert.deepEqual(await viaCallback(cb => Item.remove(cb)), {count: 1});
      assert.equal(await Item.count(), 0);
    });

    it('destroyById/deleteById/removeById: {count: 1}, {count: 0} when gone; strictDelete makes that a 404', async () => {
      const {ds, Item} = await models();
      const [a, b, c] = await Item.create([{name: 'a'}, {name: 'b'}, {name: 'c'}]);
      assert.deepEqual(await Item.destroyById(a.id), {count: 1});
      assert.deepEqual(await viaCallback(cb => Item.deleteById(b.id, cb)), {count: 1});
      assert.deepEqual(await Item.removeById(a.id), {count: 0});
      assert.deepEqual((await Item.find()).map((i: Model) => i.id), [c.id]);
      const Strict = ds.createModel('ApiStrictDelete', {name: String}, {strictDelete: true}) as Model;
      await ds.automigrate(['ApiStrictDelete']);
      const err = await rejection(Strict.destroyById(4242));
      assert.equal(err.statusCode, 404);
      assert.equal(err.message, 'No instance with id 4242 found for ApiStrictDelete');
    });

    it('never widens a write: missing ids, undefined conditions and garbage are 400s, nothing changes', async () => {
      const {Item} = await models();
      await Item.create([{name: 'a', qty: 1}, {name: 'b', qty: 2}]);
      const noId = await rejection(Item.destroyById(undefined));
      assert.equal(noId.statusCode, 400);
      assert.equal(noId.message, 'Model::deleteById requires the id argument');
      const [cbErr] = await callbackArgs(cb => Item.deleteById(null, cb));
      assert.equal(cbErr.statusCode, 400);
      assert.equal((await rejection(Item.destroyAll({name: undefined}))).statusCode, 400);
      assert.equal((await rejection(Item.destroyAll({or: [{name: 'a'}, {qty: undefined}]}))).statusCode, 400);
      assert.equal((await rejection(Item.updateAll({name: undefined}, {tag: 'x'}))).statusCode, 400);
      assert.equal((await rejection(Item.destroyAll('everything'))).statusCode, 400);
      assert.equal((await rejection(Item.updateAll({name: 'a'}, 'data'))).statusCode, 400);
      assert.equal((await rejection(Item.updateAll({name: 'a'}, {qty: 'many'}))).statusCode, 422);
      assert.equal((await rejection(Item.replaceById(undefined, {name: 'x'}))).statusCode, 400);
      assert.deepEqual((await Item.find({order: 'name'})).map((i: Model) => [i.name, i.qty, i.tag]), [['a', 1, undefined], ['b', 2, undefined]]);
    });

    it('replaceById replaces (promise and callback); 404 when missing; 400 when the id in data differs', async () => {
      const {Item} = await models();
      const a = await Item.create({name: 'a', qty: 1, tag: 't'});
      const replaced = await Item.replaceById(a.id, {name: 'b'});
      assert.ok(replaced instanceof Item);
      assert.deepEqual(replaced.toJSON(), {name: 'b', id: a.id});
      assert.deepEqual((await Item.findById(a.id)).toJSON(), {name: 'b', id: a.id});
      const viaCb = await viaCallback(cb => Item.replaceById(a.id, {name: 'c', qty: 3}, cb));
      assert.equal(viaCb.qty, 3);
      const missing = await rejection(Item.replaceById(4242, {name: 'x'}));
      assert.equal(missing.statusCode, 404);
      assert.equal(missing.message, 'Could not replace. Object with id 4242 does not exist!');
      const changed = await rejection(Item.replaceById(a.id, {id: a.id + 1, name: 'x'}));
      assert.equal(changed.statusCode, 400);
      assert.equal(changed.message, `id property (id) cannot be updated from ${a.id} to ${a.id + 1}`);
    });
  });

  describe('instance methods', () => {
    it('save creates a new instance, then writes its changes (promise and callback)', async () => {
      const {Item} = await models();
      const inst = new Item({name: 'new'});
      assert.equal(inst.isNewRecord(), true);
      assert.equal(inst.getId(), undefined);
      assert.equal(await inst.save(), inst);
      assert.equal(inst.isNewRecord(), false);
      assert.equal(typeof inst.getId(), 'number');
      inst.qty = 4;
      assert.equal(await viaCallback(cb => inst.save(cb)), inst);
      inst.name = 'renamed';
      await viaCallback(cb => inst.save({}, cb));
      assert.deepEqual((await Item.findById(inst.id)).toJSON(), {name: 'renamed', qty: 4, id: inst.id});
      assert.equal(await Item.count(), 1);
    });

    it('save of a new instance with a client id fails with forceId, works without', async () => {
      const {Item, Free} = await models();
      const err = await rejection(new Item({id: 5, name: 'x'}).save());
      assert.equal(err.name, 'ValidationError');
      const free = new Free({id: 5, name: 'x'});
      await free.save();
      assert.equal((await Free.findById(5)).name, 'x');
    });

    it('updateAttributes/patchAttributes/updateAttribute patch and update the instance (promise and callback)', async () => {
      const {Item} = await models();
      const a = await Item.create({name: 'a', qty: 1, tag: 't'});
      assert.equal(await a.updateAttributes({qty: 2}), a);
      assert.equal(a.qty, 2);
      await viaCallback(cb => a.patchAttributes({tag: 'u'}, cb));
      await a.updateAttribute('name', 'b');
      await viaCallback(cb => a.updateAttribute('qty', '7', cb));
      assert.equal(a.qty, 7, 'the instance holds the stored (coerced) value');
      assert.deepEqual((await Item.findById(a.id)).toJSON(), {name: 'b', qty: 7, tag: 'u', id: a.id});
      await a.updateAttributes({id: a.id, qty: 8});
      assert.equal((await a.reload()).qty, 8, 'the own id may be repeated');
    });

    it('updateAttributes refuses an id change (400), non-object data (400), and a gone instance (404)', async () => {
      const {Item} = await models();
      const a = await Item.create({name: 'a'});
      const changed = await rejection(a.updateAttributes({id: a.id + 100}));
      assert.equal(changed.statusCode, 400);
      assert.match(changed.message, /id cannot be updated from/);
      assert.equal((await rejection(a.updateAttributes('x'))).statusCode, 400);
      await Item.destroyById(a.id);
      const gone = await rejection(a.updateAttributes({name: 'b'}));
      assert.equal(gone.statusCode, 404);
      assert.equal(gone.message, `Could not update attributes. Object with id ${a.id} does not exist!`);
      assert.equal(await Item.count(), 0);
    });

    it('replaceAttributes replaces the stored instance (promise and callback)', async () => {
      const {Item} = await models();
      const a = await Item.create({name: 'a', qty: 1, tag: 't'});
      await a.replaceAttributes({name: 'b'});
      assert.deepEqual(a.toJSON(), {name: 'b', id: a.id});
      await viaCallback(cb => a.replaceAttributes({name: 'c', qty: 2}, cb));
      assert.deepEqual((await Item.findById(a.id)).toJSON(), {name: 'c', qty: 2, id: a.id});
    });

    it('destroy/delete/remove resolve to {count} (promise and callback)', async () => {
      const {Item} = await models();
      const [a, b, c] = await Item.create([{name: 'a'}, {name: 'b'}, {name: 'c'}]);
      assert.deepEqual(await a.destroy(), {count: 1});
      assert.deepEqual(await viaCallback(cb => b.delete(cb)), {count: 1});
      assert.deepEqual(await c.remove({}), {count: 1});
      assert.deepEqual(await a.destroy(), {count: 0});
      assert.equal(await Item.count(), 0);
    });

    it('reload gives a fresh copy, null once deleted', async () => {
      const {Item} = await models();
      const a = await Item.create({name: 'a'});
      await Item.updateAll({id: a.id}, {name: 'changed'});
      const fresh = await a.reload();
      assert.equal(fresh.name, 'changed');
      assert.notEqual(fresh, a);
      assert.equal((await viaCallback(cb => a.reload(cb))).name, 'changed');
      await a.destroy();
      assert.equal(await a.reload(), null);
    });

    it('toObject, toJSON, getId, getIdName; setAttributes and unsetAttribute', async () => {
      const {Item} = await models();
      const a = await Item.create({name: 'a', qty: 1});
      assert.deepEqual(a.toObject(), {name: 'a', qty: 1, id: a.id});
      assert.deepEqual(a.toObject(true), {name: 'a', qty: 1, id: a.id});
      assert.equal(JSON.stringify(a), JSON.stringify({name: 'a', qty: 1, id: a.id}));
      assert.equal(a.getId(), a.id);
      assert.equal(a.getIdName(), 'id');
      a.setAttributes({name: 'b', tag: 't'});
      a.unsetAttribute('qty');
      assert.deepEqual(a.toJSON(), {name: 'b', tag: 't', id: a.id});
      a.unsetAttribute('tag', true);
      assert.equal(a.tag, null);
    });
  });
});

describeForEachConnector('LoopBack 3 Model.beginTransaction', setup => {
  itWhen(setup.connector !== 'memory')('runs writes in a transaction (promise and callback); rollback undoes them', async () => {
    const ds = setup.createDataSource();
    const Item = ds.createModel('ApiTxItem', {name: String}) as Model;
    await ds.automigrate(['ApiTxItem']);
    const seen: unknown[] = [];
    Item.observe('before save', async (ctx: AnyObject) => {
      seen.push(ctx.options.transaction);
    });
    const tx = await Item.beginTransaction({isolationLevel: 'READ COMMITTED'});
    const created = await Item.create({name: 'a'}, {transaction: tx});
    await created.updateAttributes({name: 'b'}, {transaction: tx});
    assert.equal(await Item.count({}, {transaction: tx}), 1);
    await tx.rollback();
    assert.equal(await Item.count(), 0);
    assert.deepEqual(seen, [tx, tx]);
    const tx2 = await viaCallback(cb => Item.beginTransaction(cb));
    await Item.create({name: 'kept'}, {transaction: tx2});
    await tx2.commit();
    assert.equal(await Item.count(), 1);
  });

  itWhen(setup.connector === 'memory')('is a 501 on memory', async () => {
    const ds = setup.createDataSource();
    const Item = ds.createModel('ApiTxMem', {name: String}) as Model;
    const err = await rejection(Item.beginTransaction());
    assert.equal(err.statusCode, 501);
  });
});

describe('LoopBack 3 model API without a data source', () => {
  it('fails clearly when the model is not attached (promise and callback)', async () => {
    const builder = new juggler.ModelBuilder();
    const Loose = builder.define('ApiLoose', {name: String}) as Model;
    const err = await rejection(Loose.find());
    assert.match(err.message, /ApiLoose is not attached to a data source/);
    const [cbErr] = await callbackArgs(cb => Loose.create({name: 'x'}, cb));
    assert.match(cbErr.message, /not attached/);
  });
});
