import assert from 'node:assert/strict';
import {beforeEach, describe, it} from 'node:test';
import {AnyObject, Options} from '../../src/common/types';
import {IncludePlanStep} from '../../src/connectors/connector';
import {DataSource} from '../../src/datasource/datasource';
import {Filter} from '../../src/filter/types';
import {model, property} from '../../src/model/decorators';
import {Entity} from '../../src/model/model';
import {hasMany} from '../../src/relations/has-many/has-many-decorator';
import {HasManyRepositoryFactory} from '../../src/relations/has-many/has-many-repository-factory';
import {
  createHasManyThroughRepositoryFactory, HasManyThroughRepositoryFactory,
} from '../../src/relations/has-many-through/has-many-through-repository-factory';
import {RelationMetadata} from '../../src/relations/relation-types';
import {DefaultCrudRepository} from '../../src/repository/default-crud-repository';
import {countQueries, describeForEachConnector} from '../support/connectors';

// Scopes on the through model of a hasManyThrough relation: `through.scope` in the definition, `throughWhere`
// per call on the constrained repository, `throughScope` per include entry.

@model()
class Prescription extends Entity {
  @property({type: 'number', id: true, generated: true}) id?: number;
  @property({type: 'string'}) drug?: string;
  @property({type: 'number'}) patientId?: number;
  constructor(data?: Partial<Prescription>) {
    super(data);
  }
}

@model()
class Appointment extends Entity {
  @property({type: 'number', id: true, generated: true}) id?: number;
  @property({type: 'number'}) doctorId?: number;
  @property({type: 'number'}) patientId?: number;
  @property({type: 'string'}) status?: string;
  @property({type: 'number'}) room?: number;
  constructor(data?: Partial<Appointment>) {
    super(data);
  }
}

@model()
class Patient extends Entity {
  @property({type: 'number', id: true, generated: true}) id?: number;
  @property({type: 'string'}) name?: string;
  @property({type: 'number'}) age?: number;
  @hasMany(() => Prescription) prescriptions?: Prescription[];
  @hasMany(() => Doctor, {through: {model: () => Appointment, scope: {where: {status: 'active'}}}}) doctors?: Doctor[];
  constructor(data?: Partial<Patient>) {
    super(data);
  }
}

@model()
class Doctor extends Entity {
  @property({type: 'number', id: true, generated: true}) id?: number;
  @property({type: 'string'}) name?: string;
  @hasMany(() => Patient, {through: {model: () => Appointment, scope: {where: {status: 'active'}}}}) patients?: Patient[];
  @hasMany(() => Patient, {through: {model: () => Appointment}}) allPatients?: Patient[];
  // A scope that pins nothing (no equality): reads narrowed, links written as given.
  @hasMany(() => Patient, {through: {model: () => Appointment, scope: {where: {room: {gte: 2}}}}}) upstairs?: Patient[];
  constructor(data?: Partial<Doctor>) {
    super(data);
  }
}

/** A link repository the include planner cannot join (its `find` is its own): includes use the resolvers. */
class OwnFindRepository<T extends Entity> extends DefaultCrudRepository<T, number> {
  override find(filter?: Filter<T>, options?: Options) {
    return super.find(filter, options);
  }
}

interface Repos {
  doctors: DoctorRepository;
  patients: PatientRepository;
  appointments: DefaultCrudRepository<Appointment, number>;
  prescriptions: DefaultCrudRepository<Prescription, number>;
}

class DoctorRepository extends DefaultCrudRepository<Doctor, number> {
  readonly patients: HasManyThroughRepositoryFactory<Patient, number, Appointment, number>;
  readonly allPatients: HasManyThroughRepositoryFactory<Patient, number, Appointment, number>;
  readonly upstairs: HasManyThroughRepositoryFactory<Patient, number, Appointment, number>;
  constructor(ds: DataSource, repos: Repos) {
    super(Doctor, ds);
    for (const name of ['patients', 'allPatients', 'upstairs'] as const) {
      this[name] = this.createHasManyThroughRepositoryFactoryFor(name, async () => repos.patients, async () => repos.appointments);
      this.registerInclusionResolver(name, this[name].inclusionResolver);
    }
  }
}

class PatientRepository extends DefaultCrudRepository<Patient, number> {
  readonly prescriptions: HasManyRepositoryFactory<Prescription, number>;
  readonly doctors: HasManyThroughRepositoryFactory<Doctor, number, Appointment, number>;
  constructor(ds: DataSource, repos: Repos) {
    super(Patient, ds);
    this.prescriptions = this.createHasManyRepositoryFactoryFor('prescriptions', async () => repos.prescriptions);
    this.registerInclusionResolver('prescriptions', this.prescriptions.inclusionResolver);
    this.doctors = this.createHasManyThroughRepositoryFactoryFor('doctors', async () => repos.doctors, async () => repos.appointments);
    this.registerInclusionResolver('doctors', this.doctors.inclusionResolver);
  }
}

/** The repositories; `plannable: false` gives a link repository the planner cannot join (resolvers only). */
function createRepos(ds: DataSource, plannable = true): Repos {
  const repos = {} as Repos;
  repos.appointments = plannable ? new DefaultCrudRepository(Appointment, ds) : new OwnFindRepository(Appointment, ds);
  repos.prescriptions = new DefaultCrudRepository(Prescription, ds);
  repos.patients = new PatientRepository(ds, repos);
  repos.doctors = new DoctorRepository(ds, repos);
  return repos;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
function json(value: unknown): any {
  return JSON.parse(JSON.stringify(value));
}

/** doctor name → names of its patients in `relation` (undefined when the property is absent). */
function byDoctor(doctors: AnyObject[], relation = 'patients'): AnyObject {
  const out: AnyObject = {};
  for (const d of json(doctors)) out[d.name] = d[relation]?.map((p: AnyObject) => p.name);
  return out;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyFilter = Filter<any>;

/** Asserts an error's code, status and that its message names `text`. */
function failsWith(code: string, statusCode: number, text: RegExp) {
  return (err: Error & {code?: string; statusCode?: number}) => {
    assert.equal(err.code, code, err.message);
    assert.equal(err.statusCode, statusCode, err.message);
    assert.match(err.message, text);
    return true;
  };
}

describeForEachConnector('hasManyThrough through scope', setup => {
  let ds: DataSource;
  let repos: Repos;
  const id: AnyObject = {};

  beforeEach(async () => {
    ds = setup.createDataSource();
    repos = createRepos(ds);
    await ds.automigrate();
    for (const name of ['House', 'Wilson', 'Cuddy', 'Chase']) id[name] = (await repos.doctors.create({name})).id;
    for (const [name, age] of [['Ann', 30], ['Bob', 40], ['Cid', 25], ['Dee', 50]] as const) {
      id[name] = (await repos.patients.create({name, age})).id;
    }
    const appointments: [string, string, string, number][] = [
      ['House', 'Ann', 'active', 1], ['House', 'Bob', 'active', 2], ['House', 'Cid', 'cancelled', 1],
      ['Wilson', 'Bob', 'active', 1], ['Wilson', 'Dee', 'cancelled', 2], ['Wilson', 'Cid', 'active', 2],
      // Cuddy only has cancelled appointments; Chase none.
      ['Cuddy', 'Ann', 'cancelled', 2],
    ];
    for (const [doctor, patient, status, room] of appointments) {
      await repos.appointments.create({doctorId: id[doctor], patientId: id[patient], status, room});
    }
    for (const [patient, drug] of [['Ann', 'aspirin'], ['Bob', 'ibuprofen'], ['Bob', 'codeine'], ['Cid', 'rest']]) {
      await repos.prescriptions.create({patientId: id[patient], drug});
    }
  });

  async function appointments(): Promise<string[]> {
    const doctors = new Map((await repos.doctors.find()).map(d => [d.id, d.name]));
    const patients = new Map((await repos.patients.find()).map(p => [p.id, p.name]));
    const rows = await repos.appointments.find({order: ['id ASC']});
    return rows.map(a => `${doctors.get(a.doctorId)}-${patients.get(a.patientId) ?? a.patientId}:${a.status}${
      a.room === undefined ? '' : `@${a.room}`}`);
  }

  describe('the definition scope (through.scope)', () => {
    it('narrows find to the links in scope', async () => {
      assert.deepEqual((await repos.doctors.patients(id.House).find()).map(p => p.name), ['Ann', 'Bob']);
      assert.deepEqual((await repos.doctors.allPatients(id.House).find()).map(p => p.name), ['Ann', 'Bob', 'Cid']);
      assert.deepEqual(await repos.doctors.patients(id.Cuddy).find(), []);
      assert.deepEqual((await repos.doctors.upstairs(id.Wilson).find({order: ['name DESC']})).map(p => p.name), ['Dee', 'Cid']);
      // The target filter still applies on top.
      assert.deepEqual((await repos.doctors.patients(id.Wilson).find({where: {age: {lt: 30}}})).map(p => p.name), ['Cid']);
    });

    it('narrows includes, from both sides of the link model', async () => {
      const doctors = await repos.doctors.find({include: ['patients', 'allPatients'], order: ['id ASC']});
      // A doctor without links in scope gets no property, as one without links at all.
      assert.deepEqual(byDoctor(doctors), {House: ['Ann', 'Bob'], Wilson: ['Bob', 'Cid'], Cuddy: undefined, Chase: undefined});
      assert.deepEqual(byDoctor(doctors, 'allPatients'),
        {House: ['Ann', 'Bob', 'Cid'], Wilson: ['Bob', 'Cid', 'Dee'], Cuddy: ['Ann'], Chase: undefined});
      const patients = await repos.patients.find({include: ['doctors'], order: ['id ASC']});
      assert.deepEqual(json(patients).map((p: AnyObject) => [p.name, p.doctors?.map((d: AnyObject) => d.name)]),
        [['Ann', ['House']], ['Bob', ['House', 'Wilson']], ['Cid', ['Wilson']], ['Dee', undefined]]);
    });

    it('delete removes the targets linked in scope and every link to them, nothing else', async () => {
      // House: Ann and Bob in scope; Cid only through a cancelled appointment.
      assert.deepEqual(await repos.doctors.patients(id.House).delete(), {count: 2});
      assert.deepEqual((await repos.patients.find({order: ['id ASC']})).map(p => p.name), ['Cid', 'Dee']);
      assert.deepEqual(await appointments(), ['House-Cid:cancelled@1', 'Wilson-Dee:cancelled@2', 'Wilson-Cid:active@2']);
    });

    it('delete with a where narrows further; patch only reaches targets linked in scope', async () => {
      assert.deepEqual(await repos.doctors.patients(id.Wilson).delete({age: {gt: 30}}), {count: 1});
      assert.deepEqual((await repos.patients.find({order: ['id ASC']})).map(p => p.name), ['Ann', 'Cid', 'Dee']);
      assert.deepEqual(await repos.doctors.patients(id.House).patch({age: 99}), {count: 1});
      assert.deepEqual((await repos.patients.find({order: ['id ASC']})).map(p => [p.name, p.age]),
        [['Ann', 99], ['Cid', 25], ['Dee', 50]]);
    });

    it('unlink and unlinkAll remove only links in scope', async () => {
      // House-Cid is cancelled: unlinking Cid through the scoped relation leaves it.
      await repos.doctors.patients(id.House).unlink(id.Cid);
      await repos.doctors.patients(id.House).unlink(id.Ann);
      assert.deepEqual(await appointments(), ['House-Bob:active@2', 'House-Cid:cancelled@1', 'Wilson-Bob:active@1',
        'Wilson-Dee:cancelled@2', 'Wilson-Cid:active@2', 'Cuddy-Ann:cancelled@2']);
      await repos.doctors.patients(id.Wilson).unlinkAll();
      await repos.doctors.upstairs(id.House).unlinkAll();
      assert.deepEqual(await appointments(), ['House-Cid:cancelled@1', 'Wilson-Dee:cancelled@2', 'Cuddy-Ann:cancelled@2']);
    });

    it('link writes the scope values; a pair linked only outside the scope gets a new link', async () => {
      const link = await repos.doctors.patients(id.Chase).link(id.Dee, {throughData: {room: 3}});
      assert.deepEqual(json(link), {id: link.id, doctorId: id.Chase, patientId: id.Dee, status: 'active', room: 3});
      // House-Cid exists, cancelled: the scoped relation does not see it, so it links anew.
      const again = await repos.doctors.patients(id.House).link(id.Cid);
      assert.equal(again.status, 'active');
      // Already linked in scope: the existing link comes back.
      const existing = await repos.doctors.patients(id.House).link(id.Ann);
      assert.equal(existing.id, (await repos.appointments.findOne({where: {doctorId: id.House, patientId: id.Ann}}))!.id);
      assert.deepEqual((await repos.doctors.patients(id.House).find()).map(p => p.name), ['Ann', 'Bob', 'Cid']);
      // A scope without equality pins nothing.
      const up = await repos.doctors.upstairs(id.Chase).link(id.Ann, {throughData: {room: 5}});
      assert.deepEqual([up.status, up.room], [undefined, 5]);
    });

    it('create writes the scope values into the link; throughData may not contradict them', async () => {
      const eve = await repos.doctors.patients(id.Chase).create({name: 'Eve', age: 20}, {throughData: {room: 4}});
      assert.deepEqual((await repos.appointments.find({where: {patientId: eve.id}})).map(a => json(a)),
        [{id: 8, doctorId: id.Chase, patientId: eve.id, status: 'active', room: 4}]);
      assert.deepEqual((await repos.doctors.patients(id.Chase).find()).map(p => p.name), ['Eve']);
      await assert.rejects(repos.doctors.patients(id.Chase).create({name: 'Fay'}, {throughData: {status: 'cancelled'}}),
        failsWith('CONSTRAINED_PROPERTY_CHANGED', 400, /Property "status" cannot be changed!/));
      await assert.rejects(repos.doctors.patients(id.Chase).link(id.Ann, {throughData: {status: 'cancelled'}}),
        /Property "status" cannot be changed!/);
      // Nothing half-written.
      assert.deepEqual((await repos.patients.find({where: {name: 'Fay'}})), []);
      assert.equal((await appointments()).length, 8);
    });
  });

  describe('per call: throughWhere on the constrained repository', () => {
    it('is ANDed with the definition scope on find', async () => {
      assert.deepEqual((await repos.doctors.allPatients(id.House).find({}, {throughWhere: {room: 1}})).map(p => p.name),
        ['Ann', 'Cid']);
      assert.deepEqual((await repos.doctors.patients(id.House).find({}, {throughWhere: {room: 1}})).map(p => p.name), ['Ann']);
      assert.deepEqual(await repos.doctors.patients(id.House).find({}, {throughWhere: {status: 'cancelled'}}), []);
      assert.deepEqual((await repos.doctors.allPatients(id.Wilson).find({order: ['age DESC'], limit: 1},
        {throughWhere: {or: [{status: 'cancelled'}, {room: 1}]}})).map(p => p.name), ['Dee']);
    });

    it('narrows unlinkAll and delete too', async () => {
      await repos.doctors.allPatients(id.House).unlinkAll({throughWhere: {room: 1}});
      assert.deepEqual((await repos.doctors.allPatients(id.House).find()).map(p => p.name), ['Bob']);
      assert.deepEqual(await repos.doctors.allPatients(id.Wilson).delete(undefined, {throughWhere: {status: 'cancelled'}}),
        {count: 1});
      assert.deepEqual((await repos.patients.find({order: ['id ASC']})).map(p => p.name), ['Ann', 'Bob', 'Cid']);
    });

    it('rejects a throughWhere that is not an object or names unknown properties', async () => {
      await assert.rejects(repos.doctors.patients(id.House).find({}, {throughWhere: 'room' as never}),
        failsWith('INVALID_FILTER', 400, /throughWhere "room"/));
      await assert.rejects(repos.doctors.patients(id.House).find({}, {throughWhere: {nope: 1}}),
        failsWith('INVALID_FILTER', 400, /nope/));
    });
  });

  describe('per include: throughScope', () => {
    it('narrows the links of a top-level include, ANDed with the definition scope', async () => {
      let doctors = await repos.doctors.find({order: ['id ASC'],
        include: [{relation: 'allPatients', throughScope: {where: {status: 'cancelled'}}}]});
      assert.deepEqual(byDoctor(doctors, 'allPatients'), {House: ['Cid'], Wilson: ['Dee'], Cuddy: ['Ann'], Chase: undefined});
      doctors = await repos.doctors.find({order: ['id ASC'], include: [{relation: 'patients', throughScope: {where: {room: 2}}}]});
      assert.deepEqual(byDoctor(doctors), {House: ['Bob'], Wilson: ['Cid'], Cuddy: undefined, Chase: undefined});
      // An empty throughScope changes nothing.
      doctors = await repos.doctors.find({order: ['id ASC'], include: [{relation: 'patients', throughScope: {}}]});
      assert.deepEqual(byDoctor(doctors), {House: ['Ann', 'Bob'], Wilson: ['Bob', 'Cid'], Cuddy: undefined, Chase: undefined});
    });

    it('combines with a target scope where, order and limit (per source)', async () => {
      const doctors = await repos.doctors.find({order: ['id ASC'], include: [{relation: 'allPatients',
        scope: {where: {age: {gte: 30}}, order: ['age DESC'], limit: 1, fields: ['name']},
        throughScope: {where: {room: {inq: [1, 2]}, status: {neq: 'cancelled'}}}}]});
      // Cuddy's only link is cancelled: outside the through scope, so no links at all.
      assert.deepEqual(json(doctors).map((d: AnyObject) => d.allPatients),
        [[{name: 'Bob'}], [{name: 'Bob'}], undefined, undefined]);
      // Links in scope but no target matching the target scope: [].
      const none = await repos.doctors.find({order: ['id ASC'], include: [{relation: 'allPatients',
        scope: {where: {age: {gt: 100}}}, throughScope: {where: {status: 'cancelled'}}}]});
      assert.deepEqual(json(none).map((d: AnyObject) => d.allPatients), [[], [], [], undefined]);
    });

    it('works below another relation and above nested includes', async () => {
      const filter: AnyFilter = {order: ['id ASC'], include: [{relation: 'doctors', scope: {
        order: ['name ASC'],
        include: [{relation: 'allPatients', throughScope: {where: {room: 2}}, scope: {
          order: ['name ASC'], include: [{relation: 'prescriptions', scope: {order: ['drug ASC']}}]}}],
      }}]};
      const patients = await repos.patients.find(filter);
      const shape = json(patients).map((p: AnyObject) => [p.name, p.doctors?.map((d: AnyObject) => [d.name,
        d.allPatients?.map((x: AnyObject) => [x.name, x.prescriptions?.map((r: AnyObject) => r.drug)])])]);
      assert.deepEqual(shape, [
        ['Ann', [['House', [['Bob', ['codeine', 'ibuprofen']]]]]],
        ['Bob', [['House', [['Bob', ['codeine', 'ibuprofen']]]], ['Wilson', [['Cid', ['rest']], ['Dee', undefined]]]]],
        ['Cid', [['Wilson', [['Cid', ['rest']], ['Dee', undefined]]]]],
        ['Dee', undefined],
      ]);
      // Nested through scopes on both levels, limited per source.
      const found = await repos.doctors.findById(id.Wilson, {include: [{relation: 'allPatients',
        throughScope: {where: {room: 2}}, scope: {order: ['age ASC'], include: [{relation: 'doctors',
          throughScope: {where: {room: 1}}}]}}]});
      assert.deepEqual(json(found).allPatients.map((p: AnyObject) => [p.name, p.doctors?.map((d: AnyObject) => d.name)]),
        [['Cid', undefined], ['Dee', undefined]]);
      const again = await repos.doctors.findById(id.House, {include: [{relation: 'allPatients',
        throughScope: {where: {room: 1}}, scope: {include: [{relation: 'doctors', throughScope: {where: {room: 1}}}]}}]});
      assert.deepEqual(json(again).allPatients.map((p: AnyObject) => [p.name, p.doctors?.map((d: AnyObject) => d.name)]),
        [['Ann', ['House']], ['Cid', undefined]]);
    });

    it('keeps the round trips of an include without it', async () => {
      const q = countQueries(ds);
      await repos.doctors.find({include: ['allPatients']});
      const plain = q.finds;
      q.reset();
      const found = await repos.doctors.find({order: ['id ASC'],
        include: [{relation: 'allPatients', throughScope: {where: {status: 'active', room: 2}}}]});
      assert.equal(q.finds, plain);
      assert.deepEqual(byDoctor(found, 'allPatients'), {House: ['Bob'], Wilson: ['Cid'], Cuddy: undefined, Chase: undefined});
    });

    it('gives what the batched resolvers give, planned or not', async () => {
      const fallback = createRepos(ds, false);
      const steps: IncludePlanStep[] = [];
      const filters: AnyFilter[] = [
        {include: [{relation: 'patients', throughScope: {where: {room: 1}}}]},
        {include: [{relation: 'allPatients', throughScope: {where: {or: [{room: 2}, {status: 'cancelled'}]}},
          scope: {order: ['name DESC'], skip: 1}}]},
        {include: [{relation: 'upstairs', throughScope: {where: {status: 'active'}}, scope: {where: {age: {lt: 45}}}}]},
        {where: {id: id.Wilson}, include: [{relation: 'allPatients', throughScope: {where: {room: 2}},
          scope: {include: [{relation: 'doctors', throughScope: {where: {room: {gt: 0}}}}, 'prescriptions']}}]},
        {limit: 2, include: [{relation: 'allPatients', throughScope: {where: {status: {like: 'act%'}}},
          scope: {limit: 1, order: ['age ASC']}}]},
      ];
      for (const filter of filters) {
        const planned = await repos.doctors.find(filter, {explain: (s: IncludePlanStep) => steps.push(s)});
        assert.deepEqual(json(planned), json(await fallback.doctors.find(filter)), JSON.stringify(filter));
      }
      // On SQL every one of them was planned (memory has no include planner).
      if (setup.connector !== 'memory') assert.ok(steps.some(s => s.relation === 'Doctor.allPatients'));
      else assert.equal(steps.length, 0);
    });

    it('reuses a planned shape with other through values', async () => {
      for (const [doctor, room, status] of [['House', 1, 'active'], ['Wilson', 2, 'cancelled'], ['House', 2, 'active'],
        ['Cuddy', 2, 'cancelled']] as const) {
        const filter: AnyFilter = {include: [{relation: 'allPatients', throughScope: {where: {room}}, scope: {
          where: {age: {gt: 20}}, include: [{relation: 'doctors', throughScope: {where: {status}}}]}}]};
        const found = await repos.doctors.findById(id[doctor], filter as never);
        const expected = await createRepos(ds, false).doctors.findById(id[doctor], filter as never);
        assert.deepEqual(json(found), json(expected), `${doctor} ${room} ${status}`);
      }
    });

    it('rejects a malformed throughScope (400 naming it)', async () => {
      for (const throughScope of [5, 'status', [], {status: 'active'}, {where: 'x'}]) {
        await assert.rejects(repos.doctors.find({include: [{relation: 'patients', throughScope: throughScope as never}]}),
          failsWith('INVALID_INCLUSION_FILTER', 400, /"throughScope" of the inclusion of relation "patients"/));
      }
    });

    it('rejects unknown through properties like any where, and throughScope on relations without a through model', async () => {
      await assert.rejects(repos.doctors.find({include: [{relation: 'patients', throughScope: {where: {nope: 1}}}]}),
        failsWith('INVALID_FILTER', 400, /nope/));
      await assert.rejects(repos.doctors.findById(id.House,
        {include: [{relation: 'patients', scope: {include: [{relation: 'doctors', throughScope: {where: {room: {foo: 1}}}}]}}]}),
      (err: Error & {statusCode?: number}) => err.statusCode === 400);
      await assert.rejects(repos.patients.find({include: [{relation: 'prescriptions', throughScope: {where: {room: 1}}}]}),
        failsWith('INVALID_INCLUSION_FILTER', 400, /relation "prescriptions": only hasManyThrough relations have a through model/));
    });
  });
});

describe('hasManyThrough through scope definition', () => {
  const base = Doctor.definition.relations.allPatients;
  const create = (scope: unknown) => () => createHasManyThroughRepositoryFactory(
    {...base, through: {...base.through, scope}} as RelationMetadata, async () => undefined as never, async () => undefined as never);

  it('accepts {where} and resolves what links are written with', () => {
    assert.doesNotThrow(create({where: {status: 'active', and: [{room: 2}, {room: {gt: 1}}]}}));
    assert.doesNotThrow(create(undefined));
    assert.doesNotThrow(create({}));
  });

  it('rejects any other shape with an InvalidRelationError naming the model and relation', () => {
    const cases: [unknown, RegExp][] = [
      ['active', /through\.scope must be an object with a where, got "active"/],
      [{limit: 1}, /through\.scope has an unknown key "limit" \(allowed: where\)/],
      [{where: 'x'}, /through\.scope\.where is invalid for through model Appointment/],
      [{where: {nope: 1}}, /through\.scope\.where is invalid for through model Appointment: .*nope/],
      [{where: {room: {between: 1}}}, /through\.scope\.where is invalid/],
    ];
    for (const [scope, reason] of cases) {
      assert.throws(create(scope), (err: Error & {code?: string}) => {
        assert.equal(err.code, 'INVALID_RELATION_DEFINITION');
        assert.match(err.message, /^Invalid hasMany definition for Doctor#allPatients: /);
        assert.match(err.message, reason);
        return true;
      });
    }
  });
});
