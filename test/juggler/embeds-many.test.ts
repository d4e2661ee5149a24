import {describe, it} from 'node:test';
import assert from 'node:assert/strict';
// The package entry registers every LoopBack 3 relation type.
import 'relata';
import {describeForEachConnector} from '../support/connectors';
import {callbackError, json, viaCallback} from './support/lb3-helpers';

type AnyObject = {[key: string]: any};
// LoopBack 3 models are dynamic (accessors and properties come from definitions).
type Model = any;

function streets(list: AnyObject[]): string[] {
  return list.map(a => a.street);
}

describeForEachConnector('LoopBack 3 embedsMany', setup => {
  /**
   * EmPerson embeds many EmAddress (numeric generated ids, a required
   * street, a Date) under the default names, and many EmTag (string ids,
   * no generation) as `tags`.
   */
  async function define(addressParams: AnyObject = {}, tagParams: AnyObject = {as: 'tags', property: 'tagList'}) {
    const ds = setup.createDataSource();
    const Person = ds.createModel('EmPerson', {name: String, city: String}) as Model;
    const Address = ds.createModel('EmAddress', {street: String, city: String, since: Date}) as Model;
    Address.validatesPresenceOf('street');
    const Tag = ds.createModel('EmTag', {id: {type: String, id: true}, label: String}) as Model;
    Person.embedsMany(Address, addressParams);
    Person.embedsMany(Tag, tagParams);
    await ds.automigrate(['EmPerson']);
    return {ds, Person, Address, Tag};
  }

  /** A stored person with addresses 'Street 1' (id 1) and 'Street 2' (id 2), read back from the store. */
  async function personWithAddresses(Person: Model) {
    const p = await Person.create({name: 'Fred'});
    await p.emAddressList.create({street: 'Street 1', city: 'Wellington'});
    await p.emAddressList.create({street: 'Street 2', city: 'Auckland'});
    return Person.findById(p.id);
  }

  describe('definition', () => {
    it('names the relation <target>List and stores it in the camelized plural, default []', async () => {
      const {Person, Address} = await define();
      assert.deepEqual(Person.relations.emAddressList.toJSON(), {
        name: 'emAddressList', type: 'embedsMany', modelFrom: 'EmPerson', keyFrom: 'emAddresses',
        modelTo: 'EmAddress', keyTo: 'id', multiple: true,
      });
      assert.equal(Person.relations.emAddressList.embed, true);
      assert.equal(Person.definition.properties.emAddresses.itemType, Address);
      const p = new Person({name: 'Fred'});
      assert.deepEqual(p.emAddresses, []);
      assert.equal(p.emAddressList(), p.emAddresses);
      for (const m of ['find', 'findById', 'get', 'exists', 'updateById', 'set', 'destroyById', 'destroy', 'unset',
        'destroyAll', 'add', 'remove', 'at', 'create', 'build', 'value', 'count', 'findOne']) {
        assert.equal(typeof p.emAddressList[m], 'function', m);
      }
      for (const h of ['findById', 'destroyById', 'updateById', 'link', 'unlink', 'get', 'create', 'delete', 'count']) {
        assert.equal(typeof p[`__${h}__emAddressList`], 'function', h);
      }
      assert.equal(Person.prototype.emAddressList._targetClass, 'EmAddress');
      const stored = await Person.create({name: 'Barney'});
      assert.deepEqual((await Person.findById(stored.id)).emAddresses, []);
    });

    it('has no default list with `omitDefaultEmbeddedItem`', async () => {
      const {Person} = await define({options: {omitDefaultEmbeddedItem: true}});
      const p = await Person.create({name: 'Fred'});
      assert.equal(p.emAddresses, undefined);
      assert.equal((await p.emAddressList.create({street: 'S'})).id, 1);
      assert.equal((await Person.findById(p.id)).emAddresses.length, 1);
    });

    it('refuses a relation named like its storage property', async () => {
      const ds = setup.createDataSource();
      const Person = ds.createModel('EmPerson', {name: String}) as Model;
      const Address = ds.createModel('EmAddress', {street: String}) as Model;
      assert.throws(() => Person.embedsMany(Address, {as: 'emAddresses'}), (err: AnyObject) =>
        err.code === 'RELATION_NAME_CONFLICT' &&
        /embedsMany relation "emAddresses" of model EmPerson has the same name as its storage property "emAddresses"/.test(err.message));
      assert.equal(Person.relations.emAddresses, undefined);
      assert.throws(() => Person.embedsMany(Address, {as: 'name'}), /Relation "name" of model EmPerson/);
    });

    it('adds `scopeMethods` to the accessor', async () => {
      const {Person} = await define({scopeMethods: {streets(this: AnyObject) {
        return this.value().map((a: AnyObject) => a.street);
      }}});
      const p = await personWithAddresses(Person);
      assert.deepEqual(p.emAddressList.streets(), ['Street 1', 'Street 2']);
    });
  });

  describe('create', () => {
    it('embeds validated items with ids max+1 and saves the owner (promise)', async () => {
      const {Person, Address} = await define();
      const p = await Person.create({name: 'Fred'});
      const list = p.emAddresses;
      const a1 = await p.emAddressList.create({street: 'Street 1'});
      const a2 = await p.emAddressList.create({street: 'Street 2'});
      assert.ok(a1 instanceof Address);
      assert.deepEqual([a1.id, a2.id], [1, 2]);
      assert.equal(p.emAddresses, list);
      assert.deepEqual(p.emAddresses, [a1, a2]);
      const stored = await Person.findById(p.id);
      assert.ok(stored.emAddresses[1] instanceof Address);
      assert.deepEqual(json(stored.emAddresses), [{street: 'Street 1', id: 1}, {street: 'Street 2', id: 2}]);
    });

    it('embeds validated items and saves the owner (callback)', async () => {
      const {Person} = await define();
      const p = await Person.create({name: 'Fred'});
      const a1 = await viaCallback(cb => p.emAddressList.create({street: 'Street 1'}, cb));
      const a2 = await viaCallback(cb => p.emAddressList.create({street: 'Street 2'}, {}, cb));
      assert.deepEqual([a1.id, a2.id], [1, 2]);
      assert.deepEqual(streets((await Person.findById(p.id)).emAddresses), ['Street 1', 'Street 2']);
    });

    it('creates several items from an array', async () => {
      const {Person} = await define();
      const p = await Person.create({name: 'Fred'});
      const created = await p.emAddressList.create([{street: 'A'}, {street: 'B'}]);
      assert.deepEqual(created.map((a: AnyObject) => a.id), [1, 2]);
      assert.deepEqual(streets((await Person.findById(p.id)).emAddresses), ['A', 'B']);
    });

    it('saves a new owner first', async () => {
      const {Person} = await define();
      const p = new Person({name: 'Fred'});
      await p.emAddressList.create({street: 'Street 4'});
      assert.equal(p.isNewRecord(), false);
      assert.equal((await Person.findById(p.id)).emAddresses[0].street, 'Street 4');
    });

    it('keeps given ids; `forceId` replaces them with max+1', async () => {
      let {Person} = await define();
      let p = await Person.create({name: 'Fred'});
      assert.equal((await p.emAddressList.create({id: 10, street: 'A'})).id, 10);
      assert.equal((await p.emAddressList.create({street: 'B'})).id, 11);
      ({Person} = await define({options: {forceId: true}}));
      p = await Person.create({name: 'Fred'});
      assert.equal((await p.emAddressList.create({street: 'A'})).id, 1);
      assert.equal((await p.emAddressList.create({street: 'B'})).id, 2);
      assert.equal((await p.emAddressList.create({id: 12345, street: 'C'})).id, 3);
    });

    it('generates 24-hex-digit string ids for a string id property', async () => {
      const {Person} = await define();
      const p = await Person.create({name: 'Fred'});
      const tag = await p.tags.create({label: 'x'});
      assert.match(tag.id, /^[0-9a-f]{24}$/);
      assert.equal((await p.tags.create({id: 'home', label: 'y'})).id, 'home');
    });

    it('puts new items first with `prepend`', async () => {
      const {Person} = await define({options: {prepend: true}});
      const p = await Person.create({name: 'Fred'});
      await p.emAddressList.create({street: 'A'});
      await p.emAddressList.create({street: 'B'});
      assert.deepEqual(streets(p.emAddresses), ['B', 'A']);
      assert.deepEqual(streets((await Person.findById(p.id)).emAddresses), ['B', 'A']);
    });

    it('copies `properties` from the owner onto new items', async () => {
      const {Person} = await define({properties: {city: 'city'}});
      const p = await Person.create({name: 'Fred', city: 'Napier'});
      assert.equal((await p.emAddressList.create({street: 'A'})).city, 'Napier');
    });

    it('rejects an invalid item with the embedded model\'s ValidationError, changing nothing', async () => {
      const {Person} = await define();
      const p = await personWithAddresses(Person);
      await assert.rejects(p.emAddressList.create({city: 'Nowhere'}), (err: AnyObject) => {
        assert.equal(err.name, 'ValidationError');
        assert.equal(err.statusCode, 422);
        assert.deepEqual(err.details.codes, {street: ['presence']});
        assert.equal(err.message, "The `EmAddress` instance is not valid. Details: `street` can't be blank (value: undefined).");
        return true;
      });
      const err = await callbackError(cb => p.emAddressList.create({}, cb));
      assert.deepEqual(err.details.codes.street, ['presence']);
      assert.equal(p.emAddresses.length, 2);
      assert.equal((await Person.findById(p.id)).emAddresses.length, 2);
    });

    it('rejects a duplicate id with the owner\'s ValidationError (uniqueness)', async () => {
      const {Person} = await define();
      const p = await Person.create({name: 'Fred'});
      await p.tags.create({id: 'home', label: 'Home'});
      await p.tags.create({id: 'work', label: 'Work'});
      await assert.rejects(p.tags.create({id: 'home', label: 'Again'}), (err: AnyObject) => {
        assert.equal(err.name, 'ValidationError');
        assert.deepEqual(err.details.codes.tagList, ['uniqueness']);
        assert.deepEqual(err.details.messages.tagList, ['contains duplicate `id`']);
        return true;
      });
      const err = await callbackError(cb => p.tags.create({id: 'work'}, cb));
      assert.deepEqual(err.details.codes.tagList, ['uniqueness']);
      assert.deepEqual(p.tagList.map((t: AnyObject) => t.id), ['home', 'work']);
    });

    it('validates the list on every save of the owner', async () => {
      const {Person} = await define();
      const err = await callbackError(cb => Person.create({
        name: 'Wilma', emAddresses: [{id: 1, street: 'Home Street'}, {id: 2, street: ''}],
      }, cb));
      assert.equal(err.name, 'ValidationError');
      assert.deepEqual(err.details.messages.emAddresses, ["contains invalid item: `2` (`street` can't be blank)"]);
      await assert.rejects(Person.create({name: 'Wilma', tagList: [{id: 'a'}, {id: 'a'}]}),
        (e: AnyObject) => e.details.codes.tagList[0] === 'uniqueness');
      const p = await personWithAddresses(Person);
      p.emAddresses[0].street = null;
      await assert.rejects(p.save(), (e: AnyObject) =>
        e.details.messages.emAddresses[0] === "contains invalid item: `1` (`street` can't be blank)");
    });

    it('turns plain objects pushed onto the list into items', async () => {
      const {Person, Address} = await define();
      const p = await personWithAddresses(Person);
      p.emAddresses.push({id: 3, street: 'Pushed'});
      assert.ok(p.emAddressList.findById(3) instanceof Address);
      p.emAddresses.push({id: 4});
      await assert.rejects(p.save(), (err: AnyObject) =>
        err.details.messages.emAddresses[0] === "contains invalid item: `4` (`street` can't be blank)");
      p.emAddresses.pop();
      await p.save();
      assert.deepEqual(streets((await Person.findById(p.id)).emAddresses), ['Street 1', 'Street 2', 'Pushed']);
    });

    it('takes the list from the property in the owner\'s data', async () => {
      const {Person, Address} = await define();
      const p = await Person.create({name: 'Wilma', emAddresses: [{id: 1, street: 'Home'}, {id: 2, street: 'Work'}]});
      assert.ok(p.emAddressList.at(0) instanceof Address);
      assert.equal(p.emAddressList.at(1).street, 'Work');
      assert.equal(p.emAddressList.findById(2).street, 'Work');
    });
  });

  describe('with options.persistent', () => {
    it('stores the items in their own model too, taking their ids from its store', async () => {
      const ds = setup.createDataSource();
      const Person = ds.createModel('EmPerson', {name: String}) as Model;
      const Address = ds.createModel('EmPlace', {street: String}) as Model;
      Address.validatesPresenceOf('street');
      Person.embedsMany(Address, {as: 'places', property: 'placeList', scope: {order: 'street'}, options: {persistent: true}});
      await ds.automigrate(['EmPerson', 'EmPlace']);
      const a0 = await Address.create({street: 'Street 0'});
      const a1 = await Address.create({street: 'Street 1'});
      assert.deepEqual([a0.id, a1.id], [1, 2]);
      const p = await Person.create({name: 'Fred'});
      const embedded = await p.places.create(a1.toObject());
      assert.equal(embedded.id, 2);
      const created = await viaCallback(cb => p.places.create({street: 'Street 3'}, cb));
      assert.equal(created.id, 3);
      assert.equal((await Address.findById(3)).street, 'Street 3');
      assert.equal(p.places.destroyAll, undefined);
      const err = await callbackError(cb => p.places.create({id: 1234}, cb));
      assert.equal(err.message, "The `EmPlace` instance is not valid. Details: `street` can't be blank (value: undefined).");
      const stored = await Person.findById(p.id);
      assert.deepEqual(streets(await stored.places(true)), ['Street 1', 'Street 3']);
    });
  });

  describe('reading', () => {
    it('answers the list synchronously, by callback and as a promise', async () => {
      const {Person} = await define();
      const p = await personWithAddresses(Person);
      assert.equal(p.emAddressList(), p.emAddresses);
      assert.equal(p.emAddressList.value(), p.emAddresses);
      const viaCb = await viaCallback(cb => p.emAddressList(cb));
      assert.equal(viaCb, p.emAddresses);
      assert.deepEqual(streets(await p.emAddressList(true)), ['Street 1', 'Street 2']);
      assert.deepEqual(streets(await p.emAddressList.find()), ['Street 1', 'Street 2']);
    });

    it('filters in memory: where, order, skip and limit (promise and callback)', async () => {
      const {Person} = await define();
      const p = await personWithAddresses(Person);
      await p.emAddressList.create({street: 'Street 3', city: 'Auckland'});
      assert.deepEqual(streets(await p.emAddressList({where: {city: 'Auckland'}})), ['Street 2', 'Street 3']);
      assert.deepEqual(streets(await viaCallback(cb => p.emAddressList({where: {street: {like: '%1'}}}, cb))), ['Street 1']);
      assert.deepEqual(streets(await p.emAddressList.find({order: 'street DESC', limit: 2})), ['Street 3', 'Street 2']);
      assert.deepEqual(streets(await viaCallback(cb => p.emAddressList.find({where: {id: {gt: 1}}, skip: 1}, cb))), ['Street 3']);
      assert.equal((await p.emAddressList.findOne({where: {city: 'Auckland'}})).street, 'Street 2');
      assert.equal(await viaCallback(cb => p.emAddressList.findOne({where: {city: 'Paris'}}, cb)), null);
      assert.equal(await p.emAddressList.count({city: 'Auckland'}), 2);
      assert.equal(await viaCallback(cb => p.emAddressList.count(cb)), 3);
    });

    it('applies the relation scope to every read', async () => {
      const {Person} = await define({scope: {where: {city: 'Auckland'}}});
      const p = await personWithAddresses(Person);
      assert.deepEqual(streets(await p.emAddressList(true)), ['Street 2']);
      assert.deepEqual(streets(await p.emAddressList.find({where: {street: 'Street 1'}})), []);
      assert.equal(await p.emAddressList.count(), 1);
    });

    it('finds items by id synchronously (also by callback and with await); null when absent', async () => {
      const {Person, Address} = await define();
      const p = await personWithAddresses(Person);
      const a2 = p.emAddressList.findById(2);
      assert.ok(a2 instanceof Address);
      assert.equal(a2.street, 'Street 2');
      assert.equal(p.emAddressList.findById('2'), a2);
      assert.equal(p.emAddressList.get(2), a2);
      assert.equal(p.emAddressList.findById(9), null);
      assert.equal(await viaCallback(cb => p.emAddressList.findById(1, cb)), p.emAddresses[0]);
      assert.equal(await viaCallback(cb => p.emAddressList.findById(1, {}, cb)), p.emAddresses[0]);
      assert.equal(await p.emAddressList.findById(2), a2);
      assert.equal(await viaCallback(cb => p.emAddressList.get(9, cb)), null);
    });

    it('tells whether an item exists, and reads items by position', async () => {
      const {Person} = await define();
      const p = await personWithAddresses(Person);
      assert.equal(p.emAddressList.exists(2), true);
      assert.equal(p.emAddressList.exists(9), false);
      assert.equal(await viaCallback(cb => p.emAddressList.exists(1, cb)), true);
      assert.equal(await p.emAddressList.exists(9), false);
      assert.equal(p.emAddressList.at(1).street, 'Street 2');
      assert.equal(p.emAddressList.at(5), null);
      assert.equal((await viaCallback(cb => p.emAddressList.at(0, cb))).street, 'Street 1');
    });

    it('keeps the items as instances, dates included (SQL stores the list as JSON)', async () => {
      const {Person, Address} = await define();
      const p = await Person.create({name: 'Fred'});
      await p.emAddressList.create({street: 'S', since: new Date('2021-05-06T07:08:09.000Z')});
      const stored = await Person.findById(p.id);
      assert.ok(stored.emAddresses[0] instanceof Address);
      assert.ok(stored.emAddresses[0].since instanceof Date);
      assert.equal(stored.emAddresses[0].since.toISOString(), '2021-05-06T07:08:09.000Z');
      assert.deepEqual(json(stored), {
        id: p.id, name: 'Fred', emAddresses: [{street: 'S', since: '2021-05-06T07:08:09.000Z', id: 1}], tagList: [],
      });
    });

    it('stores hidden properties of the items, and leaves them out of the owner\'s JSON', async () => {
      const ds = setup.createDataSource();
      const Person = ds.createModel('EmPerson', {name: String}) as Model;
      const Key = ds.createModel('EmKey', {label: String, secret: String}, {hidden: ['secret']}) as Model;
      Person.embedsMany(Key);
      await ds.automigrate(['EmPerson']);
      const p = await Person.create({name: 'Fred'});
      await p.emKeyList.create({label: 'door', secret: 's3cret'});
      const stored = await Person.findById(p.id);
      assert.equal(stored.emKeys[0].secret, 's3cret');
      assert.deepEqual(json(stored).emKeys, [{label: 'door', id: 1}]);
    });
  });

  describe('updateById / set', () => {
    it('changes one item and saves the owner (promise and callback)', async () => {
      const {Person, Address} = await define();
      const p = await personWithAddresses(Person);
      const updated = await p.emAddressList.updateById(2, {street: 'New Street'});
      assert.ok(updated instanceof Address);
      assert.equal(updated, p.emAddresses[1]);
      assert.equal(updated.street, 'New Street');
      const again = await viaCallback(cb => p.emAddressList.updateById(1, {city: 'Napier'}, cb));
      assert.equal(again.city, 'Napier');
      assert.deepEqual(json((await Person.findById(p.id)).emAddresses), [
        {street: 'Street 1', city: 'Napier', id: 1}, {street: 'New Street', city: 'Auckland', id: 2},
      ]);
      assert.equal(await p.emAddressList.updateById(9, {street: 'X'}), null);
    });

    it('rejects invalid data with the embedded model\'s ValidationError, keeping the old values', async () => {
      const {Person} = await define();
      const p = await personWithAddresses(Person);
      await assert.rejects(p.emAddressList.updateById(2, {street: null}), (err: AnyObject) => {
        assert.equal(err.name, 'ValidationError');
        assert.deepEqual(err.details.codes.street, ['presence']);
        return true;
      });
      const err = await callbackError(cb => p.emAddressList.updateById(2, {street: ''}, cb));
      assert.deepEqual(err.details.codes.street, ['presence']);
      assert.equal(p.emAddresses[1].street, 'Street 2');
      assert.equal((await Person.findById(p.id)).emAddresses[1].street, 'Street 2');
    });

    it('`set` changes the item in memory and returns it; with a callback it saves too', async () => {
      const {Person} = await define();
      const p = await Person.create({name: 'Wilma'});
      await p.tags.create({id: 'home', label: 'Home'});
      await p.tags.create({id: 'work', label: 'Work'});
      assert.equal(p.tags.set('home', {id: 'den'}).id, 'den');
      assert.equal(p.tags.get('den').label, 'Home');
      assert.equal((await Person.findById(p.id)).tagList[0].id, 'home');
      let item: AnyObject | undefined;
      const saved = await viaCallback(cb => {
        item = p.tags.set('work', {label: 'Office'}, cb);
        assert.equal(item!.label, 'Office');
      });
      assert.equal(saved, item);
      assert.deepEqual((await Person.findById(p.id)).tagList.map((t: AnyObject) => t.label), ['Home', 'Office']);
    });
  });

  describe('destroyById / unset / destroyAll', () => {
    it('removes one item by id or instance and saves the owner (promise and callback)', async () => {
      const {Person} = await define();
      const p = await personWithAddresses(Person);
      await p.emAddressList.create({street: 'Street 3'});
      const removed = await p.emAddressList.destroyById(1);
      assert.equal(removed.street, 'Street 1');
      assert.deepEqual(streets(p.emAddresses), ['Street 2', 'Street 3']);
      await viaCallback(cb => p.emAddressList.destroy(p.emAddresses[1], cb));
      assert.deepEqual(streets((await Person.findById(p.id)).emAddresses), ['Street 2']);
      assert.equal(await p.emAddressList.destroyById(9), null);
    });

    it('`unset` removes in memory and returns the item; with a callback it saves too', async () => {
      const {Person} = await define();
      const p = await personWithAddresses(Person);
      assert.equal(p.emAddressList.unset(1).street, 'Street 1');
      assert.equal(p.emAddresses.length, 1);
      assert.equal((await Person.findById(p.id)).emAddresses.length, 2);
      await viaCallback(cb => p.emAddressList.unset(2, cb));
      assert.deepEqual((await Person.findById(p.id)).emAddresses, []);
    });

    it('removes the items matching a where (or all) and saves the owner (promise and callback)', async () => {
      const {Person} = await define();
      const p = await personWithAddresses(Person);
      await p.emAddressList.create({street: 'Street 3', city: 'Auckland'});
      assert.deepEqual(await p.emAddressList.destroyAll({city: 'Auckland'}), {count: 2});
      assert.deepEqual(streets((await Person.findById(p.id)).emAddresses), ['Street 1']);
      assert.deepEqual(await viaCallback(cb => p.emAddressList.destroyAll(cb)), {count: 1});
      assert.deepEqual(p.emAddresses, []);
      assert.deepEqual((await Person.findById(p.id)).emAddresses, []);
    });
  });

  describe('build', () => {
    it('adds items without saving; the owner\'s save stores them', async () => {
      const {Person} = await define();
      const p = await Person.create({name: 'Wilma'});
      p.tags.build({id: 'home', label: 'Home'});
      p.tags.build({id: 'work', label: 'Work'});
      assert.equal(p.tagList.length, 2);
      assert.deepEqual((await Person.findById(p.id)).tagList, []);
      await viaCallback(cb => p.save(cb));
      const stored = await Person.findOne({where: {name: 'Wilma'}});
      assert.deepEqual(json(stored.tagList), [{id: 'home', label: 'Home'}, {id: 'work', label: 'Work'}]);
    });
  });

  describe('the embedded items', () => {
    it('save, update and destroy through their owner', async () => {
      const {Person} = await define();
      const p = await personWithAddresses(Person);
      const first = p.emAddressList.at(0);
      assert.equal(first.isNewRecord(), false);
      assert.equal(await first.updateAttributes({city: 'Napier'}), first);
      assert.equal((await Person.findById(p.id)).emAddresses[0].city, 'Napier');
      first.street = 'Renamed';
      await viaCallback(cb => first.save(cb));
      assert.equal((await Person.findById(p.id)).emAddresses[0].street, 'Renamed');
      await assert.rejects(first.updateAttributes({street: ''}), (err: AnyObject) => err.name === 'ValidationError');
      assert.equal(first.street, 'Renamed');
      await viaCallback(cb => first.destroy(cb));
      assert.deepEqual(streets(p.emAddresses), ['Street 2']);
      assert.deepEqual(streets((await Person.findById(p.id)).emAddresses), ['Street 2']);
    });
  });

  describe('include', () => {
    it('includes the embedded list, filtered by the inclusion scope', async () => {
      const {Person} = await define();
      const fred = await personWithAddresses(Person);
      await Person.create({name: 'Barney'});
      const found = await Person.find({include: 'emAddressList', order: 'name DESC'});
      assert.deepEqual(json(found).map((p: AnyObject) => streets(p.emAddressList)), [['Street 1', 'Street 2'], []]);
      const scoped = await viaCallback(cb => Person.findById(fred.id,
        {include: {relation: 'emAddressList', scope: {where: {city: 'Auckland'}}}}, cb));
      assert.deepEqual(streets(json(scoped).emAddressList), ['Street 2']);
      assert.deepEqual(streets(json(scoped).emAddresses), ['Street 1', 'Street 2']);
    });

    it('explains that the relations of an embedded model that is not attached cannot be included', async () => {
      const ds = setup.createDataSource();
      const Person = ds.createModel('EmPerson', {name: String}) as Model;
      const Note = ds.modelBuilder.define('EmNote', {text: String}) as Model;
      Person.embedsMany(Note);
      await ds.automigrate(['EmPerson']);
      const p = await Person.create({name: 'Fred'});
      await p.emNoteList.create({text: 'x'});
      assert.equal((await p.emNoteList.find({where: {text: 'x'}})).length, 1);
      await assert.rejects(p.emNoteList({include: 'author'}), (err: AnyObject) =>
        err.code === 'EMBEDDED_INCLUDE_NOT_ATTACHED' &&
        err.message === 'Cannot include relations of the embedded model EmNote: it is not attached to a data source');
    });

    it('yields nothing with `options.disableInclude`', async () => {
      const {Person} = await define({options: {disableInclude: true}});
      await personWithAddresses(Person);
      const [found] = await Person.find({include: 'emAddressList'});
      assert.equal(json(found).emAddressList, undefined);
      assert.equal(found.emAddresses.length, 2);
    });
  });

  describe('with belongsTo (options.belongsTo)', () => {
    /**
     * EmCategory embeds EmLink items (`items`, stored in `emLinks`); each
     * link belongs to an EmJob through its own id (`foreignKey: 'id'`) and
     * copies the job's id and name (`invertProperties`). EmShelf embeds
     * EmEntry items that belong to an EmJob through `emJobId`.
     */
    async function defineLinks() {
      const ds = setup.createDataSource();
      const Category = ds.createModel('EmCategory', {name: String}) as Model;
      const Job = ds.createModel('EmJob', {name: String}) as Model;
      const Link = ds.createModel('EmLink', {name: String, notes: String}) as Model;
      Category.embedsMany(Link, {as: 'items', scope: {include: 'emJob'}, options: {belongsTo: 'emJob'}});
      Link.belongsTo(Job, {foreignKey: 'id', properties: {id: 'id', name: 'name'}, options: {invertProperties: true}});
      const Shelf = ds.createModel('EmShelf', {name: String}) as Model;
      const Entry = ds.createModel('EmEntry', {note: String}) as Model;
      Shelf.embedsMany(Entry, {as: 'entries', options: {belongsTo: 'emJob'}});
      Entry.belongsTo(Job);
      await ds.automigrate(['EmCategory', 'EmJob', 'EmShelf']);
      await Job.create({name: 'Job 0'});
      const jobs = [await Job.create({name: 'Job 1'}), await Job.create({name: 'Job 2'}), await Job.create({name: 'Job 3'})];
      return {ds, Category, Job, Link, Shelf, Entry, jobs};
    }

    it('links items built with the belongsTo setter, denormalizing the target', async () => {
      const {Category, Link, Job, jobs: [job1, job2]} = await defineLinks();
      const cat = await Category.create({name: 'Category A'});
      cat.items.build().emJob(job1);
      cat.items.build().emJob(job2);
      await cat.save();
      const stored = await Category.findById(cat.id);
      assert.ok(stored.items.at(0) instanceof Link);
      assert.equal(stored.items.at(0).emJobId, undefined);
      assert.deepEqual(json(stored.emLinks), [{id: job1.id, name: 'Job 1'}, {id: job2.id, name: 'Job 2'}]);
      // The referenced jobs load with the relation scope's include.
      assert.equal(stored.items.at(0).emJob(), undefined);
      await viaCallback(cb => stored.items(cb));
      assert.ok(stored.items.at(1).emJob() instanceof Job);
      assert.equal(stored.items.at(1).emJob().name, 'Job 2');
      assert.equal((await stored.items.at(0).emJob.get()).name, 'Job 1');
    });

    it('`add(target | id, data)` embeds a link to the target and saves the owner (promise and callback)', async () => {
      const {Category, Link, jobs: [job1, job2, job3]} = await defineLinks();
      const cat = await Category.create({name: 'Category A'});
      const link = await cat.items.add(job1, {notes: 'first'});
      assert.ok(link instanceof Link);
      assert.deepEqual([link.id, link.name, link.notes], [job1.id, 'Job 1', 'first']);
      const byId = await viaCallback(cb => cat.items.add(job3.id, cb));
      assert.deepEqual([byId.id, byId.name], [job3.id, 'Job 3']);
      assert.equal(await cat.items.add(999), null);
      assert.equal(await viaCallback(cb => cat.items.add(998, cb)), null);
      assert.deepEqual(json((await Category.findById(cat.id)).emLinks), [
        {id: job1.id, name: 'Job 1', notes: 'first'}, {id: job3.id, name: 'Job 3'},
      ]);
      await assert.rejects(cat.items.add(job1), (err: AnyObject) =>
        err.name === 'ValidationError' && err.details.codes.emLinks[0] === 'uniqueness');
      assert.equal(cat.emLinks.length, 2);
      assert.ok(job2);
    });

    it('`remove(target | id)` takes the links to the target out and saves the owner (promise and callback)', async () => {
      const {Category, jobs: [job1, job2, job3]} = await defineLinks();
      const cat = await Category.create({name: 'Category A'});
      for (const job of [job1, job2, job3]) await cat.items.add(job);
      await cat.items.remove(job2.id);
      assert.deepEqual(cat.emLinks.map((l: AnyObject) => l.name), ['Job 1', 'Job 3']);
      await viaCallback(cb => cat.items.remove(job1, cb));
      assert.deepEqual((await Category.findById(cat.id)).emLinks.map((l: AnyObject) => l.name), ['Job 3']);
    });

    it('links through the belongsTo foreign key when it is not the item id', async () => {
      const {Shelf, jobs: [job1, job2]} = await defineLinks();
      const shelf = await Shelf.create({name: 'Shelf'});
      const e1 = await shelf.entries.add(job1, {note: 'a'});
      const e2 = await shelf.entries.add(job2.id, {note: 'b'});
      assert.deepEqual([e1.id, e1.emJobId, e2.id, e2.emJobId], [1, job1.id, 2, job2.id]);
      await shelf.entries.remove(job1);
      const stored = await Shelf.findById(shelf.id);
      assert.deepEqual(json(stored.emEntries), [{note: 'b', id: 2, emJobId: job2.id}]);
      assert.equal((await stored.entries.at(0).emJob.get()).name, 'Job 2');
    });

    it('includes the links with their targets', async () => {
      const {Category, jobs: [job1, job2]} = await defineLinks();
      const cat = await Category.create({name: 'Category A'});
      await cat.items.add(job1);
      await cat.items.add(job2);
      const [found] = await Category.find({include: 'items'});
      assert.deepEqual(json(found).items, [
        {id: job1.id, name: 'Job 1', emJob: {id: job1.id, name: 'Job 1'}},
        {id: job2.id, name: 'Job 2', emJob: {id: job2.id, name: 'Job 2'}},
      ]);
      // The stored list never carries the loaded targets.
      assert.deepEqual(json((await Category.findById(cat.id)).emLinks), [{id: job1.id, name: 'Job 1'}, {id: job2.id, name: 'Job 2'}]);
    });

    it('updates and removes links through the items, saving the owner', async () => {
      const {Category, jobs: [job1]} = await defineLinks();
      const cat = await Category.create({name: 'Category B'});
      const link = cat.items.build({notes: 'Some notes...'});
      link.emJob(job1);
      await cat.save();
      const stored = await Category.findById(cat.id);
      await stored.items.at(0).updateAttributes({notes: 'Updated notes...'});
      assert.deepEqual(json((await Category.findById(cat.id)).emLinks), [{id: job1.id, name: 'Job 1', notes: 'Updated notes...'}]);
      await stored.items.at(0).destroy();
      assert.deepEqual(stored.emLinks, []);
      assert.deepEqual((await Category.findById(cat.id)).emLinks, []);
    });

    it('links to several models through a polymorphic belongsTo', async () => {
      const ds = setup.createDataSource();
      const Book = ds.createModel('EmBook', {name: String}) as Model;
      const Author = ds.createModel('EmAuthor', {name: String}) as Model;
      const Reader = ds.createModel('EmReader', {name: String}) as Model;
      const Link = ds.createModel('EmPersonLink', {id: {type: Number, id: true}, name: String, notes: String}) as Model;
      Link.validatesPresenceOf('linkedId');
      Link.validatesPresenceOf('linkedType');
      Book.embedsMany(Link, {as: 'people', polymorphic: 'linked', scope: {include: 'linked'}, options: {belongsTo: 'linked'}});
      Link.belongsTo('linked', {polymorphic: {idType: Number}, properties: {name: 'name'}, options: {invertProperties: true}});
      await ds.automigrate(['EmBook', 'EmAuthor', 'EmReader']);
      const author = await Author.create({name: 'Author 1'});
      const reader = await Reader.create({name: 'Reader 1'});
      const book = await Book.create({name: 'Book'});
      book.people.build({notes: 'Something ...'}).linked(author);
      book.people.build().linked(reader);
      await book.save();
      const stored = await Book.findById(book.id);
      assert.deepEqual(json(stored.emPersonLinks), [
        {id: 1, name: 'Author 1', notes: 'Something ...', linkedId: author.id, linkedType: 'EmAuthor'},
        {id: 2, name: 'Reader 1', linkedId: reader.id, linkedType: 'EmReader'},
      ]);
      assert.equal(stored.people.at(0).linked(), undefined);
      const people = await stored.people(true);
      assert.ok(people[0].linked() instanceof Author);
      assert.ok(people[1].linked() instanceof Reader);
      const [found] = await Book.find({include: 'people'});
      assert.deepEqual(json(found).people.map((l: AnyObject) => l.linked.name), ['Author 1', 'Reader 1']);
      // Polymorphic links may share ids: the ids of the list need not be unique.
      const other = await Reader.create({name: 'Reader 2'});
      const link = await stored.people.add(other);
      assert.deepEqual([link.linkedType, link.name], ['EmReader', 'Reader 2']);
      await viaCallback(cb => stored.people.remove(reader, cb));
      assert.deepEqual((await Book.findById(book.id)).emPersonLinks.map((l: AnyObject) => l.name), ['Author 1', 'Reader 2']);
      await assert.rejects(stored.people.add(author.id), /is polymorphic: pass the instance to link, not its id/);
    });

    it('fails `add` / `remove` without a belongsTo reference: Invalid reference', async () => {
      const {Person} = await define();
      const p = await Person.create({name: 'Fred'});
      await assert.rejects(p.emAddressList.add(1), (err: AnyObject) =>
        err.code === 'INVALID_EMBEDDED_REFERENCE' && /^Invalid reference: undefined/.test(err.message));
      const err = await callbackError(cb => p.emAddressList.remove(1, cb));
      assert.match(err.message, /^Invalid reference: undefined \(the embedsMany relation emAddressList of EmPerson needs options.belongsTo/);
    });
  });
});
