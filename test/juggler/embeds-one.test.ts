import {describe, it} from 'node:test';
import assert from 'node:assert/strict';
// The package entry registers every LoopBack 3 relation type.
import 'relata';
import {describeForEachConnector} from '../support/connectors';
import {callbackError, json, viaCallback} from './support/lb3-helpers';

type AnyObject = {[key: string]: any};
// LoopBack 3 models are dynamic (accessors and properties come from definitions).
type Model = any;

describeForEachConnector('LoopBack 3 embedsOne', setup => {
  /**
   * EoPerson embeds one EoPassport (a required name, no id) under the
   * default names, and one EoAddress (generated numeric id, a Date) as
   * `home` / `homeAddress`.
   */
  async function define(passportParams: AnyObject = {}, addressParams: AnyObject = {as: 'home', property: 'homeAddress'}) {
    const ds = setup.createDataSource();
    const Person = ds.createModel('EoPerson', {name: String, city: String}) as Model;
    // No id: an embedded-only model, defined on the builder and never attached (a table would need an id).
    const Passport = ds.modelBuilder.define('EoPassport', {name: {type: String, required: true}, country: String},
      {idInjection: false}) as Model;
    const Address = ds.createModel('EoAddress', {street: String, city: String, since: Date}) as Model;
    Person.embedsOne(Passport, passportParams);
    Person.embedsOne(Address, addressParams);
    await ds.automigrate(['EoPerson']);
    return {ds, Person, Passport, Address};
  }

  describe('definition', () => {
    it('names the relation <target>Item and stores it in the camelized target name', async () => {
      const {Person, Passport} = await define();
      assert.deepEqual(Person.relations.eoPassportItem.toJSON(), {
        name: 'eoPassportItem', type: 'embedsOne', modelFrom: 'EoPerson', keyFrom: 'eoPassport',
        modelTo: 'EoPassport', keyTo: 'id', multiple: false,
      });
      assert.equal(Person.relations.eoPassportItem.embed, true);
      assert.equal(Person.definition.properties.eoPassport.type, Passport);
      const p = new Person({name: 'Fred'});
      assert.equal(typeof p.eoPassportItem, 'function');
      for (const m of ['create', 'build', 'update', 'destroy', 'value']) assert.equal(typeof p.eoPassportItem[m], 'function');
      assert.equal(p.eoPassport, undefined);
      assert.equal(p.eoPassportItem(), undefined);
      assert.equal(Person.prototype.eoPassportItem._targetClass, 'EoPassport');
      for (const h of ['get', 'create', 'update', 'destroy']) assert.equal(typeof p[`__${h}__eoPassportItem`], 'function');
    });

    it('takes `as` and `property`', async () => {
      const {Person} = await define();
      assert.equal(Person.relations.home.keyFrom, 'homeAddress');
      assert.ok(Person.definition.properties.homeAddress);
      assert.equal(Person.definition.properties.eoAddress, undefined);
    });

    it('refuses a relation named like its storage property (LoopBack 3 would rename the property to _<name>)', async () => {
      const ds = setup.createDataSource();
      const Person = ds.createModel('EoPerson', {name: String}) as Model;
      const Address = ds.createModel('EoAddress', {street: String}) as Model;
      assert.throws(() => Person.embedsOne(Address, {as: 'eoAddress'}), (err: AnyObject) => {
        assert.equal(err.code, 'RELATION_NAME_CONFLICT');
        assert.match(err.message, /embedsOne relation "eoAddress" of model EoPerson has the same name as its storage property "eoAddress"/);
        return true;
      });
      assert.throws(() => Person.embedsOne(Address, {as: 'place', property: 'place'}), /same name as its storage property "place"/);
      assert.equal(Person.relations.place, undefined);
      assert.equal(Person.definition.properties.place, undefined);
    });

    it('refuses a relation named like a property of the model', async () => {
      const ds = setup.createDataSource();
      const Person = ds.createModel('EoPerson', {name: String, address: Object}) as Model;
      const Address = ds.createModel('EoAddress', {street: String}) as Model;
      assert.throws(() => Person.embedsOne(Address, {as: 'address', property: 'billing'}),
        (err: AnyObject) => err.code === 'RELATION_NAME_CONFLICT' && /Relation "address" of model EoPerson/.test(err.message));
    });

    it('refuses a storage property named like another relation', async () => {
      const ds = setup.createDataSource();
      const Person = ds.createModel('EoPerson', {name: String}) as Model;
      const Address = ds.createModel('EoAddress', {street: String}) as Model;
      Person.embedsOne(Address, {as: 'billing'});
      assert.throws(() => Person.embedsOne(Address, {as: 'shipping', property: 'billing'}),
        /storage property "billing" is the name of the relation "billing"/);
    });

    it('works when declared on a model already in use (autoupdate adds the column)', async () => {
      const ds = setup.createDataSource();
      const Person = ds.createModel('EoPerson', {name: String}) as Model;
      await ds.automigrate(['EoPerson']);
      await Person.create({name: 'Before'});
      const Address = ds.createModel('EoAddress', {street: String}) as Model;
      Person.embedsOne(Address);
      await ds.autoupdate(['EoPerson']);
      const p = await Person.create({name: 'Fred'});
      await p.eoAddressItem.create({street: 'Late St'});
      assert.equal((await Person.findById(p.id)).eoAddress.street, 'Late St');
      assert.equal((await Person.findOne({where: {name: 'Before'}})).eoAddress, undefined);
    });

    it('gives new instances the `default` (true: an empty instance, an object: an instance of it)', async () => {
      const {Person, Passport, Address} = await define({default: {name: 'Anonymous'}}, {as: 'home', property: 'homeAddress', default: true});
      const p = new Person();
      assert.ok(p.eoPassport instanceof Passport);
      assert.deepEqual(p.eoPassport.toObject(), {name: 'Anonymous'});
      assert.equal(p.eoPassportItem(), p.eoPassport);
      assert.ok(p.homeAddress instanceof Address);
      // Every instance gets its own copy.
      assert.notEqual(new Person().eoPassport, p.eoPassport);
      const stored = await Person.create({name: 'Fred'});
      assert.equal((await Person.findById(stored.id)).eoPassport.name, 'Anonymous');
    });

    it('adds `methods` to the accessor', async () => {
      const {Person} = await define({methods: {check(this: AnyObject) {
        return this.name;
      }}});
      Person.relations.eoPassportItem.defineMethod('other', function (this: AnyObject) {
        return this.value()?.name ?? 'none';
      });
      const p = new Person();
      assert.equal(p.eoPassportItem.check(), 'eoPassportItem');
      assert.equal(p.eoPassportItem.other(), 'none');
    });
  });

  describe('create', () => {
    it('embeds a validated instance and saves the owner (promise)', async () => {
      const {Person, Passport} = await define();
      const p = await Person.create({name: 'Fred'});
      const passport = await p.eoPassportItem.create({name: 'Fredric'});
      assert.ok(passport instanceof Passport);
      assert.equal(p.eoPassport, passport);
      assert.deepEqual(passport.toObject(), {name: 'Fredric'});
      const stored = await Person.findById(p.id);
      assert.ok(stored.eoPassport instanceof Passport);
      assert.deepEqual(json(stored).eoPassport, {name: 'Fredric'});
      assert.equal(stored.eoPassportItem(), stored.eoPassport);
      assert.equal(stored.eoPassportItem.value(), stored.eoPassport);
    });

    it('embeds a validated instance and saves the owner (callback)', async () => {
      const {Person, Passport} = await define();
      const p = await Person.create({name: 'Fred'});
      const passport = await viaCallback(cb => p.eoPassportItem.create({name: 'Fredric'}, cb));
      assert.ok(passport instanceof Passport);
      assert.equal(p.eoPassport, passport);
      assert.equal((await Person.findById(p.id)).eoPassport.name, 'Fredric');
    });

    it('gives a generated numeric id to the embedded instance', async () => {
      const {Person, Address} = await define();
      const p = await Person.create({name: 'Fred'});
      const home = await p.home.create({street: 'Main St'});
      assert.ok(home instanceof Address);
      assert.equal(home.id, 1);
      assert.equal((await Person.findById(p.id)).homeAddress.id, 1);
    });

    it('gives a generated string id as 24 hex digits', async () => {
      const ds = setup.createDataSource();
      const Person = ds.createModel('EoPerson', {name: String}) as Model;
      const Tag = ds.modelBuilder.define('EoTag', {id: {type: String, id: true, generated: true}, label: String}) as Model;
      Person.embedsOne(Tag);
      await ds.automigrate(['EoPerson']);
      const p = await Person.create({name: 'Fred'});
      const tag = await p.eoTagItem.create({label: 'x'});
      assert.match(tag.id, /^[0-9a-f]{24}$/);
    });

    it('keeps a given id, unless `forceId`', async () => {
      let {Person} = await define();
      let p = await Person.create({name: 'Fred'});
      assert.equal((await p.home.create({id: 7, street: 'A'})).id, 7);
      ({Person} = await define({}, {as: 'home', property: 'homeAddress', options: {forceId: true}}));
      p = await Person.create({name: 'Fred'});
      assert.equal((await p.home.create({id: 7, street: 'A'})).id, 1);
    });

    it('saves a new owner first', async () => {
      const {Person} = await define();
      const p = new Person({name: 'Fred'});
      assert.equal(p.isNewRecord(), true);
      const passport = await p.eoPassportItem.create({name: 'Fredric'});
      assert.equal(p.isNewRecord(), false);
      assert.equal(p.eoPassport, passport);
      assert.equal((await Person.findById(p.id)).eoPassport.name, 'Fredric');
    });

    it('rejects an invalid instance with the embedded model\'s ValidationError, changing nothing (promise)', async () => {
      const {Person} = await define();
      const p = await Person.create({name: 'Fred'});
      await p.eoPassportItem.create({name: 'Fredric'});
      await assert.rejects(p.eoPassportItem.create({country: 'NZ'}), (err: AnyObject) => {
        assert.equal(err.name, 'ValidationError');
        assert.equal(err.statusCode, 422);
        assert.deepEqual(err.details.messages, {name: ["can't be blank"]});
        assert.deepEqual(err.details.codes, {name: ['presence']});
        assert.equal(err.message, "The `EoPassport` instance is not valid. Details: `name` can't be blank (value: undefined).");
        return true;
      });
      assert.equal(p.eoPassport.name, 'Fredric');
      assert.equal((await Person.findById(p.id)).eoPassport.name, 'Fredric');
    });

    it('rejects an invalid instance (callback)', async () => {
      const {Person} = await define();
      const p = new Person({name: 'Fred'});
      const err = await callbackError(cb => p.eoPassportItem.create({}, cb));
      assert.equal(err.name, 'ValidationError');
      assert.deepEqual(err.details.messages.name, ["can't be blank"]);
      assert.equal(p.isNewRecord(), true);
    });

    it('skips the embedded validation with `options.validate: false`', async () => {
      const {Person} = await define({options: {validate: false}});
      const p = await Person.create({name: 'Fred'});
      const passport = await p.eoPassportItem.create({country: 'NZ'});
      assert.equal(passport.country, 'NZ');
      assert.equal((await Person.findById(p.id)).eoPassport.country, 'NZ');
    });

    it('copies `properties` from the owner', async () => {
      const {Person} = await define({}, {as: 'home', property: 'homeAddress', properties: {city: 'city'}});
      const p = await Person.create({name: 'Fred', city: 'Wellington'});
      const home = await p.home.create({street: 'A'});
      assert.equal(home.city, 'Wellington');
    });

    it('copies `properties` to the owner with `invertProperties`', async () => {
      const {Person} = await define({}, {
        as: 'home', property: 'homeAddress', properties: {city: 'city'}, options: {invertProperties: true},
      });
      const p = await Person.create({name: 'Fred'});
      await p.home.create({street: 'A', city: 'Auckland'});
      assert.equal(p.city, 'Auckland');
      assert.equal((await Person.findById(p.id)).city, 'Auckland');
    });
  });

  describe('with options.persistent', () => {
    it('stores the embedded instance in its own model too (ids from its store)', async () => {
      const ds = setup.createDataSource();
      const Person = ds.createModel('EoPerson', {name: String}) as Model;
      const Card = ds.createModel('EoCard', {name: {type: String, required: true}}) as Model;
      Person.embedsOne(Card, {options: {persistent: true}});
      await ds.automigrate(['EoPerson', 'EoCard']);
      await Card.create({name: 'Wilma'});
      const p = await Person.create({name: 'Fred'});
      const card = await p.eoCardItem.create({name: 'Fredric'});
      assert.equal(card.id, 2);
      assert.equal((await Card.findById(2)).name, 'Fredric');
      assert.deepEqual(json((await Person.findById(p.id)).eoCard), {name: 'Fredric', id: 2});
      const err = await callbackError(cb => p.eoCardItem.create({}, cb));
      assert.equal(err.message, "The `EoCard` instance is not valid. Details: `name` can't be blank (value: undefined).");
      assert.equal(await Card.count(), 2);
    });
  });

  describe('reading', () => {
    it('answers the embedded instance synchronously, by callback and as a promise', async () => {
      const {Person, Passport} = await define();
      const p = await Person.create({name: 'Fred'});
      await p.eoPassportItem.create({name: 'Fredric'});
      const stored = await Person.findById(p.id);
      assert.ok(stored.eoPassportItem() instanceof Passport);
      assert.equal(await viaCallback(cb => stored.eoPassportItem(cb)), stored.eoPassport);
      assert.equal(await viaCallback(cb => stored.eoPassportItem(true, cb)), stored.eoPassport);
      assert.equal(await stored.eoPassportItem(true), stored.eoPassport);
      const empty = await Person.create({name: 'Barney'});
      assert.equal(empty.eoPassportItem(), undefined);
      assert.equal(await viaCallback(cb => empty.eoPassportItem(cb)), undefined);
    });

    it('sets the embedded instance with `rel(instance)` (not saved), ignoring other models', async () => {
      const {Person, Passport, Address} = await define();
      const p = new Person({name: 'Fred'});
      p.eoPassportItem(new Passport({name: 'Fred'}));
      assert.ok(p.eoPassport instanceof Passport);
      assert.equal(p.eoPassport.name, 'Fred');
      p.eoPassportItem(new Address({street: 'X'}));
      assert.equal(p.eoPassport.name, 'Fred');
    });

    it('turns assigned and stored data into instances of the embedded model', async () => {
      const {Person, Passport, Address} = await define();
      const p = await Person.create({name: 'Fred', eoPassport: {name: 'Plain'}, homeAddress: {street: 'S', since: new Date('2020-02-03T04:05:06.000Z')}});
      assert.ok(p.eoPassport instanceof Passport);
      const stored = await Person.findById(p.id);
      assert.ok(stored.eoPassport instanceof Passport);
      assert.equal(stored.eoPassport.name, 'Plain');
      assert.ok(stored.homeAddress instanceof Address);
      // SQL keeps the document as JSON text: its dates come back as Dates all the same.
      assert.ok(stored.homeAddress.since instanceof Date);
      assert.equal(stored.homeAddress.since.toISOString(), '2020-02-03T04:05:06.000Z');
      stored.eoPassport = {name: 'Assigned'};
      assert.ok(stored.eoPassport instanceof Passport);
    });

    it('shows the embedded data in toJSON under the property name', async () => {
      const {Person} = await define();
      const p = await Person.create({name: 'Fred'});
      await p.home.create({street: 'Main'});
      const data = json(await Person.findById(p.id));
      assert.deepEqual(data, {id: p.id, name: 'Fred', homeAddress: {street: 'Main', id: 1}});
    });
  });

  describe('build', () => {
    it('embeds an instance without saving; the owner\'s save stores it', async () => {
      const {Person, Passport} = await define();
      const p = await Person.create({name: 'Fred'});
      const passport = p.eoPassportItem.build({name: 'Built'});
      assert.ok(passport instanceof Passport);
      assert.equal(p.eoPassport, passport);
      assert.equal((await Person.findById(p.id)).eoPassport, undefined);
      await p.save();
      assert.equal((await Person.findById(p.id)).eoPassport.name, 'Built');
    });
  });

  describe('update', () => {
    it('changes the embedded instance and saves the owner (promise)', async () => {
      const {Person, Passport} = await define();
      const p = await Person.create({name: 'Fred'});
      await p.eoPassportItem.create({name: 'Fredric', country: 'NZ'});
      const stored = await Person.findById(p.id);
      const passport = await stored.eoPassportItem.update({name: 'Freddy'});
      assert.ok(passport instanceof Passport);
      assert.equal(passport, stored.eoPassport);
      assert.deepEqual(json(passport), {name: 'Freddy', country: 'NZ'});
      assert.deepEqual(json((await Person.findById(p.id)).eoPassport), {name: 'Freddy', country: 'NZ'});
    });

    it('changes the embedded instance and saves the owner (callback)', async () => {
      const {Person} = await define();
      const p = await Person.create({name: 'Fred'});
      await p.eoPassportItem.create({name: 'Fredric'});
      const passport = await viaCallback(cb => p.eoPassportItem.update({name: 'Jason'}, cb));
      assert.equal(passport.name, 'Jason');
      assert.equal((await Person.findById(p.id)).eoPassport.name, 'Jason');
    });

    it('creates the embedded instance when there is none', async () => {
      const {Person} = await define();
      const p = await Person.create({name: 'Fred'});
      const passport = await p.eoPassportItem.update({name: 'New'});
      assert.equal(passport.name, 'New');
      assert.equal((await Person.findById(p.id)).eoPassport.name, 'New');
    });

    it('rejects invalid data with the owner\'s ValidationError, keeping the old values', async () => {
      const {Person} = await define();
      const p = await Person.create({name: 'Fred'});
      await p.eoPassportItem.create({name: 'Fredric'});
      await assert.rejects(p.eoPassportItem.update({name: null}), (err: AnyObject) => {
        assert.equal(err.name, 'ValidationError');
        assert.equal(err.statusCode, 422);
        assert.deepEqual(err.details.messages.eoPassportItem, ["is invalid: `name` can't be blank"]);
        assert.deepEqual(err.details.codes.eoPassportItem, ['invalid']);
        return true;
      });
      assert.equal(p.eoPassport.name, 'Fredric');
      const err = await callbackError(cb => p.eoPassportItem.update({name: ''}, cb));
      assert.deepEqual(err.details.messages.eoPassportItem, ["is invalid: `name` can't be blank"]);
      assert.equal((await Person.findById(p.id)).eoPassport.name, 'Fredric');
    });

    it('validates the embedded instance on every save of the owner', async () => {
      const {Person} = await define();
      const p = await Person.create({name: 'Fred'});
      await p.eoPassportItem.create({name: 'Fredric'});
      const stored = await Person.findById(p.id);
      stored.eoPassport.name = null;
      await assert.rejects(stored.save(), (err: AnyObject) =>
        err.name === 'ValidationError' && err.details.messages.eoPassportItem[0] === "is invalid: `name` can't be blank");
      const err = await callbackError(cb => Person.create({name: 'Barney', eoPassport: {country: 'AU'}}, cb));
      assert.deepEqual(err.details.codes.eoPassportItem, ['invalid']);
    });
  });

  describe('destroy', () => {
    it('removes the embedded instance and saves the owner (promise)', async () => {
      const {Person} = await define();
      const p = await Person.create({name: 'Fred'});
      await p.eoPassportItem.create({name: 'Fredric'});
      const stored = await Person.findById(p.id);
      const owner = await stored.eoPassportItem.destroy();
      assert.equal(owner, stored);
      assert.equal(stored.eoPassport, null);
      assert.equal((await Person.findById(p.id)).eoPassport == null, true);
    });

    it('removes the embedded instance and saves the owner (callback)', async () => {
      const {Person} = await define();
      const p = await Person.create({name: 'Fred'});
      await p.home.create({street: 'A'});
      await viaCallback(cb => p.home.destroy(cb));
      assert.equal(p.homeAddress, null);
      const stored = await Person.findById(p.id);
      assert.equal(stored.homeAddress == null, true);
      assert.equal(stored.home(), stored.homeAddress);
    });
  });

  describe('the embedded instance', () => {
    it('saves, updates and destroys through its owner', async () => {
      const {Person} = await define();
      const p = await Person.create({name: 'Fred'});
      await p.home.create({street: 'A'});
      const stored = await Person.findById(p.id);
      const home = stored.homeAddress;
      assert.equal(home.isNewRecord(), false);
      assert.equal((await home.updateAttributes({street: 'B'})), home);
      assert.equal((await Person.findById(p.id)).homeAddress.street, 'B');
      home.city = 'Napier';
      await viaCallback(cb => home.save(cb));
      assert.equal((await Person.findById(p.id)).homeAddress.city, 'Napier');
      await home.destroy();
      assert.equal(stored.homeAddress, null);
      assert.equal((await Person.findById(p.id)).homeAddress == null, true);
    });
  });

  describe('include', () => {
    it('includes the embedded instance (no query: it is in the row)', async () => {
      const {Person} = await define();
      const fred = await Person.create({name: 'Fred'});
      await fred.eoPassportItem.create({name: 'Fredric'});
      await Person.create({name: 'Barney'});
      const found = await Person.find({include: ['eoPassportItem', 'home'], order: 'name ASC'});
      assert.deepEqual(json(found), [
        {id: found[0].id, name: 'Barney'},
        {id: fred.id, name: 'Fred', eoPassport: {name: 'Fredric'}, eoPassportItem: {name: 'Fredric'}},
      ]);
      const one = await viaCallback(cb => Person.findById(fred.id, {include: 'eoPassportItem'}, cb));
      assert.equal(json(one).eoPassportItem.name, 'Fredric');
    });

    it('yields nothing with `options.disableInclude`', async () => {
      const {Person} = await define({options: {disableInclude: true}});
      const p = await Person.create({name: 'Fred'});
      await p.eoPassportItem.create({name: 'Fredric'});
      const [found] = await Person.find({include: 'eoPassportItem'});
      assert.equal(json(found).eoPassportItem, undefined);
      assert.equal(found.eoPassport.name, 'Fredric');
    });
  });
});
