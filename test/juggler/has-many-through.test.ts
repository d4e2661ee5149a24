import assert from 'node:assert/strict';
import {before, beforeEach, describe, it} from 'node:test';
import {PersistedModel} from 'relata';
import type {PersistedModelClass} from '../../src/juggler/persisted-model';
import type {JugglerDataSource} from '../../src/juggler/juggler-datasource';
import {createModelFromJSON} from '../../src/juggler/json';
import {describeForEachConnector} from '../support/connectors';
import {json, viaCallback} from './support/lb3-helpers';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Any = any;

function names(list: Any[]): string[] {
  return list.map(x => x.name).sort();
}

describeForEachConnector('LoopBack 3 hasMany through', setup => {
  let ds: JugglerDataSource;
  let Physician: PersistedModelClass;
  let Patient: PersistedModelClass;
  let Appointment: PersistedModelClass;
  let Address: PersistedModelClass;
  let Visit: PersistedModelClass;
  let Person: PersistedModelClass;
  let Follow: PersistedModelClass;
  const models = ['HtPhysician', 'HtPatient', 'HtAppointment', 'HtAddress', 'HtVisit', 'HtPerson', 'HtFollow'];

  before(async () => {
    ds = setup.createDataSource();
    Physician = ds.createModel('HtPhysician', {name: String});
    Patient = ds.createModel('HtPatient', {name: String, active: Boolean});
    Address = ds.createModel('HtAddress', {city: String});
    // The through model is named before it exists: the relation waits for it.
    Physician.hasMany(Patient, {through: 'HtAppointment'});
    assert.equal(Physician.relations.htPatients, undefined);
    Appointment = ds.createModel('HtAppointment', {date: Date, note: String});
    Patient.hasMany(Physician, {through: Appointment});
    Patient.belongsTo(Address);
    Appointment.belongsTo(Physician);
    Appointment.belongsTo(Patient);
    Physician.hasMany(Patient, {
      as: 'activePatients', through: Appointment, scope: {where: {active: true}, order: 'name DESC'},
    });
    Physician.hasMany(Patient, {as: 'hiddenPatients', through: Appointment, options: {disableInclude: true}});
    // A through model with a required property the relation fills from the source (`properties`).
    Visit = ds.createModel('HtVisit', {reason: {type: String, required: true}});
    Physician.hasMany(Patient, {as: 'visitors', through: Visit, properties: {name: 'reason'}});
    Person = ds.createModel('HtPerson', {name: String});
    Follow = ds.createModel('HtFollow', {});
    Person.hasMany(Person, {as: 'followers', foreignKey: 'followeeId', keyThrough: 'followerId', through: Follow});
    Person.hasMany(Person, {as: 'following', foreignKey: 'followerId', keyThrough: 'followeeId', through: Follow});
    Follow.belongsTo(Person, {as: 'follower'});
    Follow.belongsTo(Person, {as: 'followee'});
  });

  beforeEach(async () => {
    await ds.automigrate(models);
  });

  describe('definition', () => {
    it('uses LoopBack 3 names and keys, and reports them in toJSON()', () => {
      assert.deepEqual(Physician.relations.htPatients.toJSON(), {
        name: 'htPatients', type: 'hasMany', modelFrom: 'HtPhysician', keyFrom: 'id', modelTo: 'HtPatient',
        keyTo: 'htPhysicianId', multiple: true, modelThrough: 'HtAppointment', keyThrough: 'htPatientId',
      });
      assert.deepEqual(Patient.relations.htPhysicians.toJSON().keyThrough, 'htPhysicianId');
      assert.ok(Appointment.definition.properties.htPhysicianId);
      assert.ok(Appointment.definition.properties.htPatientId);
      assert.equal((Physician.prototype as Any).htPatients._targetClass, 'HtPatient');
      assert.equal(typeof (Physician.prototype as Any).__link__htPatients, 'function');
      assert.equal(typeof (Physician.prototype as Any).__unlink__htPatients, 'function');
    });

    it('finds the keys through the through model\'s belongsTo relations', () => {
      const A = ds.createModel('HtLeft', {});
      const B = ds.createModel('HtRight', {});
      const L = ds.createModel('HtKeyLink', {});
      L.belongsTo(A, {as: 'left', foreignKey: 'leftId'});
      L.belongsTo(B, {as: 'right', foreignKey: 'rightId'});
      A.hasMany(B, {through: L});
      const rel = A.relations.htRights.toJSON();
      assert.equal(rel.keyTo, 'leftId');
      assert.equal(rel.keyThrough, 'rightId');
      assert.equal(L.definition.properties.htLeftId, undefined);
    });

    it('reads keys from belongsTo relations the through model gets after the hasMany', async () => {
      const Team = ds.createModel('HtTeam', {name: String});
      const Player = ds.createModel('HtPlayer', {name: String});
      const Roster = ds.createModel('HtRoster', {});
      Team.hasMany(Player, {through: Roster});
      Roster.belongsTo(Team, {as: 'club', foreignKey: 'clubId'});
      Roster.belongsTo(Player, {as: 'member', foreignKey: 'memberId'});
      await ds.automigrate(['HtTeam', 'HtPlayer', 'HtRoster']);
      const team = await Team.create({name: 't'}) as Any;
      const player = await team.htPlayers.create({name: 'p'});
      const [link] = await Roster.find() as Any[];
      assert.equal(link.clubId, team.id);
      assert.equal(link.memberId, player.id);
      assert.deepEqual(names(await team.htPlayers.find()), ['p']);
      assert.equal(Team.relations.htPlayers.toJSON().keyTo, 'clubId');
      assert.equal(Team.relations.htPlayers.toJSON().keyThrough, 'memberId');
      assert.equal((await link.club.get()).name, 't');
    });

    it('rejects a relation named like one of the source properties', () => {
      const M = ds.createModel('HtNamed', {links: String});
      assert.throws(() => M.hasMany(Patient, {as: 'links', through: Appointment}), {code: 'RELATION_NAME_CONFLICT'});
    });
  });

  describe('create', () => {
    it('creates the target and its link (callback)', async () => {
      const doc = await Physician.create({name: 'House'});
      const patient: Any = await viaCallback(cb => (doc as Any).htPatients.create({name: 'Ann'}, cb));
      assert.ok(patient instanceof Patient);
      const links = await Appointment.find({where: {htPhysicianId: doc.getId(), htPatientId: patient.id}});
      assert.equal(links.length, 1);
    });

    it('creates several targets (promise)', async () => {
      const doc = await Physician.create({name: 'House'});
      const patients = await (doc as Any).htPatients.create([{name: 'A'}, {name: 'B'}]);
      assert.equal(patients.length, 2);
      assert.equal(await Appointment.count({htPhysicianId: doc.getId()}), 2);
      assert.deepEqual(names(await (doc as Any).htPatients.find()), ['A', 'B']);
    });

    it('applies `properties` to the link, and takes the target back when the link cannot be written', async () => {
      const named = await Physician.create({name: 'Grey'});
      await (named as Any).visitors.create({name: 'Ann'});
      assert.deepEqual((await Visit.find()).map((v: Any) => v.reason), ['Grey']);
      const unnamed = await Physician.create({});
      await assert.rejects((unnamed as Any).visitors.create({name: 'Bob'}), {name: 'ValidationError'});
      await assert.rejects(viaCallback(cb => (unnamed as Any).visitors.create({name: 'Bob'}, cb)), {name: 'ValidationError'});
      assert.deepEqual((await Patient.find()).map((p: Any) => p.name), ['Ann']);
    });

    it('sets the scope\'s where values on created targets', async () => {
      const doc = await Physician.create({name: 'House'});
      const p = await (doc as Any).activePatients.create({name: 'Cy'});
      assert.equal(p.active, true);
      assert.deepEqual(names(await (doc as Any).activePatients.find()), ['Cy']);
    });
  });

  describe('reading', () => {
    let doc: Any;
    let other: Any;
    let ann: Any;
    let bob: Any;
    let cy: Any;

    beforeEach(async () => {
      doc = await Physician.create({name: 'House'});
      other = await Physician.create({name: 'Grey'});
      ann = await doc.htPatients.create({name: 'Ann', active: true});
      bob = await doc.htPatients.create({name: 'Bob', active: false});
      cy = await doc.htPatients.create({name: 'Cy', active: true});
      await other.htPatients.add(bob);
    });

    it('rel(cb) loads and caches; rel() reads the cache; a filter refetches without caching', async () => {
      assert.equal(doc.htPatients(), undefined);
      const all = await viaCallback<Any[]>(cb => doc.htPatients(cb));
      assert.deepEqual(names(all), ['Ann', 'Bob', 'Cy']);
      assert.equal(doc.htPatients(), all);
      await Appointment.destroyAll({htPatientId: cy.id});
      assert.deepEqual(names(await doc.htPatients(false)), ['Ann', 'Bob', 'Cy'], 'cached list');
      assert.deepEqual(names(await doc.htPatients(true)), ['Ann', 'Bob'], 'refresh');
      const filtered = await viaCallback<Any[]>(cb => doc.htPatients({where: {name: 'Ann'}}, cb));
      assert.deepEqual(names(filtered), ['Ann']);
      assert.deepEqual(names(doc.htPatients()), ['Ann', 'Bob'], 'filtered results are not cached');
      assert.deepEqual(json(doc).htPatients.map((p: Any) => p.name).sort(), ['Ann', 'Bob']);
    });

    it('applies where, order, limit and skip to the targets', async () => {
      const page = await doc.htPatients({order: 'name DESC', limit: 1, skip: 1});
      assert.deepEqual(page.map((p: Any) => p.name), ['Bob']);
      const found = await viaCallback<Any[]>(cb => doc.htPatients.find({where: {active: true}, order: 'name ASC'}, cb));
      assert.deepEqual(found.map((p: Any) => p.name), ['Ann', 'Cy']);
      assert.deepEqual((await doc.htPatients.getAsync({order: 'name DESC'})).map((p: Any) => p.name), ['Cy', 'Bob', 'Ann']);
      assert.deepEqual(names(await other.htPatients.find()), ['Bob']);
    });

    it('includes relations of the targets', async () => {
      const addr = await Address.create({city: 'Princeton'});
      await Patient.updateAll({id: ann.id}, {htAddressId: addr.id});
      const found = await doc.htPatients({include: 'htAddress', where: {name: 'Ann'}});
      assert.equal(found[0].htAddress().city, 'Princeton');
    });

    it('findOne returns the first target or null', async () => {
      const first = await viaCallback(cb => doc.htPatients.findOne({order: 'name DESC'}, cb));
      assert.equal(first.name, 'Cy');
      assert.equal(await doc.htPatients.findOne({where: {name: 'Nobody'}}), null);
    });

    it('findById finds a linked target and fails for one that is not linked', async () => {
      assert.equal((await doc.htPatients.findById(ann.id)).name, 'Ann');
      assert.equal((await viaCallback(cb => doc.htPatients.findById(cy.id, cb))).name, 'Cy');
      const stranger = await Patient.create({name: 'Dan'});
      await assert.rejects(other.htPatients.findById(ann.id), {
        statusCode: 404, message: `No relation found in HtAppointment for (HtPhysician.${other.id},HtPatient.${ann.id})`,
      });
      await assert.rejects(viaCallback(cb => doc.htPatients.findById(stranger.id, cb)), {statusCode: 404});
      await Patient.destroyById(cy.id);
      await assert.rejects(doc.htPatients.findById(cy.id), {
        statusCode: 404, message: `No instance with id ${cy.id} found for HtPatient`,
      });
    });

    it('exists and count look at the links', async () => {
      assert.equal(await doc.htPatients.exists(ann.id), true);
      assert.equal(await viaCallback(cb => doc.htPatients.exists(ann, cb)), true);
      assert.equal(await other.htPatients.exists(ann), false);
      assert.equal(await doc.htPatients.count(), 3);
      assert.equal(await viaCallback(cb => other.htPatients.count(cb)), 1);
      await Appointment.updateAll({htPatientId: ann.id}, {note: 'x'});
      assert.equal(await doc.htPatients.count({note: 'x'}), 1);
    });

    it('applies the relation scope to reads', async () => {
      assert.deepEqual((await doc.activePatients.find()).map((p: Any) => p.name), ['Cy', 'Ann']);
      assert.deepEqual((await doc.activePatients({where: {name: 'Ann'}})).map((p: Any) => p.name), ['Ann']);
      await assert.rejects(doc.activePatients.findById(bob.id), {statusCode: 404});
    });
  });

  describe('links', () => {
    let doc: Any;
    let ann: Any;

    beforeEach(async () => {
      doc = await Physician.create({name: 'House'});
      ann = await Patient.create({name: 'Ann'});
    });

    it('add links an instance or an id and returns the through instance (callback and promise)', async () => {
      const date = new Date('2020-01-02T03:04:05.000Z');
      const link: Any = await viaCallback(cb => doc.htPatients.add(ann, {date}, cb));
      assert.ok(link instanceof Appointment);
      assert.equal(link.htPhysicianId, doc.id);
      assert.equal(link.htPatientId, ann.id);
      assert.equal(new Date(link.date as string).getTime(), date.getTime());
      const bob = await Patient.create({name: 'Bob'});
      const link2 = await doc.htPatients.add(bob.id);
      assert.equal(link2.htPatientId, bob.id);
      assert.deepEqual(names(await doc.htPatients.getAsync()), ['Ann', 'Bob']);
    });

    it('add does not duplicate a link', async () => {
      const first = await doc.htPatients.add(ann);
      const again = await doc.htPatients.add(ann.id);
      assert.equal(String(again.id), String(first.id));
      assert.equal(await Appointment.count(), 1);
    });

    it('add and remove keep a loaded list up to date', async () => {
      assert.deepEqual(await viaCallback(cb => doc.htPatients(cb)), []);
      await doc.htPatients.add(ann);
      assert.deepEqual(names(doc.htPatients()), ['Ann']);
      await doc.htPatients.remove(ann);
      assert.deepEqual(doc.htPatients(), []);
    });

    it('remove unlinks an instance or an id; the target stays', async () => {
      await doc.htPatients.add(ann);
      await viaCallback(cb => doc.htPatients.remove(ann.id, cb));
      assert.equal(await doc.htPatients.exists(ann.id), false);
      await doc.htPatients.add(ann);
      await doc.htPatients.remove(ann);
      assert.equal(await Appointment.count(), 0);
      assert.equal(await Patient.count(), 1);
    });

    it('destroyById needs a link, then deletes the link and the target', async () => {
      await assert.rejects(doc.htPatients.destroyById(ann.id), {
        statusCode: 404, message: `No record found in HtAppointment for (HtPhysician.${doc.id} ,HtPatient.${ann.id})`,
      });
      await doc.htPatients.add(ann);
      await viaCallback(cb => doc.htPatients.destroyById(ann.id, cb));
      assert.equal(await Patient.exists(ann.id), false);
      assert.equal(await Appointment.count(), 0);
      const bob = await doc.htPatients.create({name: 'Bob'});
      await doc.htPatients.destroy(bob.id);
      assert.equal(await Patient.count(), 0);
    });

    it('destroyAll deletes the link rows only', async () => {
      await doc.htPatients.add(ann);
      const bob = await doc.htPatients.create({name: 'Bob'});
      await Appointment.updateAll({htPatientId: bob.id}, {note: 'x'});
      assert.deepEqual(await doc.htPatients.destroyAll({note: 'x'}), {count: 1});
      assert.deepEqual(names(await doc.htPatients(true)), ['Ann']);
      await viaCallback(cb => doc.htPatients.destroyAll(cb));
      assert.deepEqual(await doc.htPatients(true), []);
      assert.equal(await Patient.count(), 2);
    });

    it('updateById updates a linked target', async () => {
      await doc.htPatients.add(ann);
      const updated = await doc.htPatients.updateById(ann.id, {name: 'Anna'});
      assert.equal(updated.name, 'Anna');
      await viaCallback(cb => doc.htPatients.updateById(ann.id, {name: 'Anne'}, cb));
      assert.equal((await Patient.findById(ann.id))!.toJSON().name, 'Anne');
      const bob = await Patient.create({name: 'Bob'});
      await assert.rejects(doc.htPatients.updateById(bob.id, {name: 'x'}), {statusCode: 404});
    });

    it('updateAll updates the link rows', async () => {
      await doc.htPatients.add(ann);
      assert.deepEqual(await doc.htPatients.updateAll({}, {note: 'checked'}), {count: 1});
      assert.deepEqual(await viaCallback(cb => doc.htPatients.updateAll({note: 'checked'}, {note: 'done'}, cb)), {count: 1});
      assert.deepEqual((await Appointment.find()).map((a: Any) => a.note), ['done']);
    });

    it('build builds a through instance for the source', () => {
      const built: Any = doc.htPatients.build({note: 'new'});
      assert.ok(built instanceof Appointment);
      assert.equal(built.htPhysicianId, doc.id);
      assert.equal(built.note, 'new');
    });

    it('prototype helpers call the relation methods', async () => {
      await doc.__link__htPatients(ann);
      assert.equal(await doc.__count__htPatients(), 1);
      assert.equal((await doc.__findById__htPatients(ann.id)).name, 'Ann');
      await doc.__unlink__htPatients(ann.id);
      assert.equal(await doc.__exists__htPatients(ann.id), false);
    });
  });

  describe('a model related to itself', () => {
    it('keeps followers and following apart', async () => {
      const [a, b, c] = await Person.create([{name: 'a'}, {name: 'b'}, {name: 'c'}]) as Any[];
      await a.following.add(b);
      await a.following.add(c);
      await b.following.add(c);
      assert.deepEqual(names(await a.following.find()), ['b', 'c']);
      assert.deepEqual(names(await c.followers.find()), ['a', 'b']);
      assert.deepEqual(await a.followers.find(), []);
      const link = (await Follow.find({where: {followerId: b.id}}))[0] as Any;
      assert.equal(link.followeeId, c.id);
    });
  });

  describe('include', () => {
    let house: Any;
    let grey: Any;

    beforeEach(async () => {
      house = await Physician.create({name: 'House'});
      grey = await Physician.create({name: 'Grey'});
      const addr = await Address.create({city: 'Princeton'});
      await house.htPatients.create({name: 'Ann', active: true, htAddressId: addr.id});
      await house.htPatients.create({name: 'Bob', active: false});
    });

    it('includes the targets, cached and in toJSON(); [] when none', async () => {
      const found = await Physician.find({include: 'htPatients', order: 'name ASC'}) as Any[];
      assert.deepEqual(found.map(f => f.name), ['Grey', 'House']);
      assert.deepEqual(found[0].htPatients(), []);
      assert.deepEqual(names(found[1].htPatients()), ['Ann', 'Bob']);
      assert.deepEqual(names(found[1].__cachedRelations.htPatients), ['Ann', 'Bob']);
      assert.deepEqual(json(found[1]).htPatients.map((p: Any) => p.name).sort(), ['Ann', 'Bob']);
      assert.deepEqual(json(found[0]).htPatients, []);
    });

    it('takes every LoopBack 3 include form, nested and scoped', async () => {
      const nested = await Physician.findById(house.id, {include: {htPatients: 'htAddress'}}) as Any;
      const ann = nested.htPatients().find((p: Any) => p.name === 'Ann');
      assert.equal(ann.htAddress().city, 'Princeton');
      const scoped = await Physician.find({
        include: {relation: 'htPatients', scope: {where: {active: true}, include: ['htAddress']}},
      }) as Any[];
      const h = scoped.find(f => f.name === 'House');
      assert.deepEqual(names(h.htPatients()), ['Ann']);
      const back = await Patient.find({include: ['htAddress', {htPhysicians: 'htPatients'}], order: 'name ASC'}) as Any[];
      assert.equal(back[0].htAddress().city, 'Princeton');
      assert.deepEqual(back[0].htPhysicians().map((p: Any) => p.name), ['House']);
      assert.deepEqual(names(back[0].htPhysicians()[0].htPatients()), ['Ann', 'Bob']);
      assert.equal(json(back[1]).htAddress, undefined);
      assert.equal(grey.htPatients(), undefined);
    });

    it('applies the relation scope to includes and honours disableInclude', async () => {
      const found = await Physician.findById(house.id, {include: ['activePatients', 'hiddenPatients']}) as Any;
      assert.deepEqual(found.activePatients().map((p: Any) => p.name), ['Ann']);
      assert.equal(found.hiddenPatients(), undefined);
      assert.equal(json(found).hiddenPatients, undefined);
    });
  });

  describe('JSON definitions', () => {
    it('defines through, hasAndBelongsToMany and referencesMany relations from JSON, in any order', async () => {
      const Doctor = createModelFromJSON(ds, {
        name: 'HtJsonDoctor', base: 'PersistedModel', properties: {name: 'string'},
        relations: {
          clients: {type: 'hasMany', model: 'HtJsonClient', foreignKey: 'doctorId', through: 'HtJsonVisit', keyThrough: 'clientId'},
          tools: {type: 'hasAndBelongsToMany', model: 'HtJsonTool'},
          favorites: {type: 'referencesMany', model: 'HtJsonTool', foreignKey: 'favoriteIds'},
        },
      });
      assert.equal((Doctor.relations as Any).clients, undefined, 'waits for its models');
      createModelFromJSON(ds, {name: 'HtJsonClient', properties: {name: 'string'}});
      createModelFromJSON(ds, {name: 'HtJsonTool', properties: {name: 'string'}});
      createModelFromJSON(ds, {
        name: 'HtJsonVisit', properties: {},
        relations: {
          doctor: {type: 'belongsTo', model: 'HtJsonDoctor', foreignKey: 'doctorId'},
          client: {type: 'belongsTo', model: 'HtJsonClient', foreignKey: 'clientId'},
        },
      });
      assert.equal(Doctor.relations.clients.toJSON().modelThrough, 'HtJsonVisit');
      assert.equal(Doctor.relations.tools.toJSON().modelThrough, 'HtJsonDoctorHtJsonTool');
      await ds.automigrate(['HtJsonDoctor', 'HtJsonClient', 'HtJsonTool', 'HtJsonVisit', 'HtJsonDoctorHtJsonTool']);
      const doc = await Doctor.create({name: 'd'}) as Any;
      await doc.clients.create({name: 'c'});
      const tool = await doc.tools.create({name: 't'});
      await doc.favorites.add(tool);
      const found = await Doctor.findById(doc.id, {include: ['clients', 'tools', 'favorites']}) as Any;
      const data = json(found);
      assert.deepEqual([data.clients[0].name, data.tools[0].name, data.favorites[0].name], ['c', 't', 't']);
      assert.deepEqual(data.favoriteIds, [tool.id]);
    });
  });

  describe('scopeMethods', () => {
    it('adds custom methods to the accessor, shared ones as prototype helpers', async () => {
      const M = ds.createModel('HtClinic', {name: String});
      const L = ds.createModel('HtClinicLink', {});
      const summary = function (this: Any) {
        return this.count().then((n: number) => `${this.name}: ${n}`);
      } as Any;
      summary.shared = true;
      summary.http = {verb: 'get', path: '/summary'};
      M.hasMany(Patient, {as: 'members', through: L, scopeMethods: {summary}});
      await ds.automigrate(['HtClinic', 'HtClinicLink']);
      const clinic = await M.create({name: 'c'}) as Any;
      await clinic.members.create({name: 'Ann'});
      assert.equal(await clinic.members.summary(), 'members: 1');
      assert.equal(await clinic.__summary__members(), 'members: 1');
      assert.deepEqual(M.relations.members.methods.summary, summary, 'kept with its remoting metadata for the REST layer');
    });
  });

  it('is an instance of the shared PersistedModel', async () => {
    const doc = await Physician.create({name: 'x'});
    assert.ok(doc instanceof PersistedModel);
  });
});
