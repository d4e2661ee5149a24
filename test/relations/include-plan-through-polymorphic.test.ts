import assert from 'node:assert/strict';
import {before, it} from 'node:test';
import {AnyObject} from '../../src/common/types';
import {IncludePlanStep} from '../../src/connectors/connector';
import {DataSource} from '../../src/datasource/datasource';
import {Filter} from '../../src/filter/types';
import {model, property} from '../../src/model/decorators';
import {Entity} from '../../src/model/model';
import {hasMany} from '../../src/relations/has-many/has-many-decorator';
import {HasManyRepositoryFactory} from '../../src/relations/has-many/has-many-repository-factory';
import {HasManyThroughRepositoryFactory} from '../../src/relations/has-many-through/has-many-through-repository-factory';
import {DefaultCrudRepository} from '../../src/repository/default-crud-repository';
import {countQueries, describeForEachConnector} from '../support/connectors';

// A polymorphic hasManyThrough in include plans: on SQL one entry per concrete type, the link rows read
// once for all types; every result must equal the batched resolvers' on the memory connector.

@model()
class Toy extends Entity {
  @property({type: 'number', id: true, generated: true}) id?: number;
  @property({type: 'string'}) label?: string;
  @property({type: 'number'}) dogId?: number;
  constructor(data?: Partial<Toy>) {
    super(data);
  }
}

@model()
class Pet extends Entity {
  @property({type: 'number', id: true, generated: true}) id?: number;
  @property({type: 'string'}) name?: string;
  @property({type: 'number'}) age?: number;
}

@model()
class Cat extends Pet {
  @property({type: 'number'}) lives?: number;
  constructor(data?: Partial<Cat>) {
    super(data);
  }
}

@model()
class Dog extends Pet {
  @property({type: 'string'}) breed?: string;
  @hasMany(() => Toy) toys?: Toy[];
  constructor(data?: Partial<Dog>) {
    super(data);
  }
}

@model()
class Bird extends Pet {
  constructor(data?: Partial<Bird>) {
    super(data);
  }
}

@model()
class Ownership extends Entity {
  @property({type: 'number', id: true, generated: true}) id?: number;
  @property({type: 'number'}) ownerId?: number;
  @property({type: 'number'}) petId?: number;
  @property({type: 'string'}) petType?: string;
  @property({type: 'number'}) since?: number;
  constructor(data?: Partial<Ownership>) {
    super(data);
  }
}

@model()
class Owner extends Entity {
  @property({type: 'number', id: true, generated: true}) id?: number;
  @property({type: 'string'}) name?: string;
  @hasMany(() => Pet, {through: {model: () => Ownership, polymorphic: {discriminator: 'petType'}}}) pets?: Pet[];
  @hasMany(() => Pet, {through: {model: () => Ownership, polymorphic: {discriminator: 'petType'},
    scope: {where: {since: {gte: 2000}}}}}) recentPets?: Pet[];
  constructor(data?: Partial<Owner>) {
    super(data);
  }
}

class DogRepository extends DefaultCrudRepository<Dog, number> {
  readonly toys: HasManyRepositoryFactory<Toy, number>;
  constructor(ds: DataSource, repos: Repos) {
    super(Dog, ds);
    this.toys = this.createHasManyRepositoryFactoryFor('toys', async () => repos.toys);
    this.registerInclusionResolver('toys', this.toys.inclusionResolver);
  }
}

class OwnerRepository extends DefaultCrudRepository<Owner, number> {
  readonly pets: HasManyThroughRepositoryFactory<Pet, number, Ownership, number>;
  readonly recentPets: HasManyThroughRepositoryFactory<Pet, number, Ownership, number>;
  constructor(ds: DataSource, repos: Repos) {
    super(Owner, ds);
    const getters = {Cat: async () => repos.cats, Dog: async () => repos.dogs, Bird: async () => repos.birds};
    for (const name of ['pets', 'recentPets'] as const) {
      this[name] = this.createHasManyThroughRepositoryFactoryFor(name, getters as never, async () => repos.ownerships);
      this.registerInclusionResolver(name, this[name].inclusionResolver);
    }
  }
}

interface Repos {
  owners: OwnerRepository;
  ownerships: DefaultCrudRepository<Ownership, number>;
  cats: DefaultCrudRepository<Cat, number>;
  dogs: DogRepository;
  birds: DefaultCrudRepository<Bird, number>;
  toys: DefaultCrudRepository<Toy, number>;
}

function createRepos(ds: DataSource): Repos {
  const r = {} as Repos;
  r.toys = new DefaultCrudRepository(Toy, ds);
  r.cats = new DefaultCrudRepository(Cat, ds);
  r.birds = new DefaultCrudRepository(Bird, ds);
  r.dogs = new DogRepository(ds, r);
  r.ownerships = new DefaultCrudRepository(Ownership, ds);
  r.owners = new OwnerRepository(ds, r);
  return r;
}

/** 12 owners; cats, dogs and birds (ids overlapping across types); links of one, two or three types per owner,
 * duplicates, dangling and key-less links, owners without links. */
async function load(r: Repos): Promise<void> {
  const owners: AnyObject[] = [];
  for (let o = 1; o <= 12; o++) owners.push({name: `owner ${(o * 5) % 12}`});
  await r.owners.createAll(owners as never[]);
  const cats: AnyObject[] = [];
  const dogs: AnyObject[] = [];
  const birds: AnyObject[] = [];
  for (let i = 1; i <= 6; i++) {
    cats.push({name: `cat ${(i * 7) % 6}`, age: i % 4, lives: 9 - i});
    dogs.push({name: `dog ${(i * 5) % 6}`, age: (i * 3) % 5, breed: i % 2 ? 'lab' : 'pug'});
    if (i <= 4) birds.push({name: `bird ${i}`, age: i});
  }
  await r.cats.createAll(cats as never[]);
  await r.dogs.createAll(dogs as never[]);
  await r.birds.createAll(birds as never[]);
  const toys: AnyObject[] = [];
  for (let d = 1; d <= 6; d++) for (let k = 0; k < d % 3; k++) toys.push({label: `toy ${d}.${k}`, dogId: d});
  await r.toys.createAll(toys as never[]);
  const links: AnyObject[] = [];
  const types = ['Cat', 'Dog', 'Bird'];
  for (let o = 1; o <= 12; o++) {
    if (o % 6 === 0) continue; // no links
    const n = (o * 3) % 5 + 1;
    for (let k = 0; k < n; k++) {
      const type = types[(o + k) % (o % 4 === 0 ? 1 : 3)];
      links.push({ownerId: o, petId: ((o * 7 + k * 3) % 6) + 1, petType: type, since: 1990 + ((o + k * 7) % 30)});
    }
    if (o % 5 === 1) links.push({ownerId: o, petId: ((o * 7) % 6) + 1, petType: types[o % 3], since: 2001}); // duplicate
    if (o % 4 === 3) links.push({ownerId: o, petId: 99, petType: 'Dog', since: 2005}); // dangling
    if (o % 7 === 2) links.push({ownerId: o, petType: 'Bird', since: 2010}); // no pet key
  }
  await r.ownerships.createAll(links as never[]);
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyFilter = Filter<any>;

const FILTERS: [string, AnyFilter][] = [
  ['alone', {include: ['pets']}],
  ['order across types, limit per owner', {include: [{relation: 'pets', scope: {order: ['name DESC'], limit: 3}}]}],
  ['skip per owner (owners paged out to [])', {include: [{relation: 'pets', scope: {order: ['age ASC', 'name ASC'], skip: 2}}]}],
  ['where and fields', {include: [{relation: 'pets', scope: {where: {age: {gte: 2}}, fields: ['name', 'age']}}]}],
  ['through scope in the definition and per include', {include: ['recentPets',
    {relation: 'pets', throughScope: {where: {since: {lt: 2000}}}, scope: {order: ['id DESC']}}]}],
  ['nested include of one type', {include: [{relation: 'pets', scope: {include: [
    {relation: 'toys', targetType: 'Dog', scope: {order: ['label DESC']}}]}}]}],
  ['root pinned', {where: {id: 3}, include: [{relation: 'pets', scope: {include: [{relation: 'toys', targetType: 'Dog'}]}}]}],
  ['root limited', {order: ['name ASC'], limit: 4, include: ['pets']}],
  ['root fields without the key', {fields: ['name'], include: ['pets']}],
];

const json = (v: unknown): string => JSON.stringify(v);

describeForEachConnector('include plans: polymorphic hasManyThrough', setup => {
  let ds: DataSource;
  let repos: Repos;
  let reference: Repos;

  before(async () => {
    ds = setup.createDataSource();
    repos = createRepos(ds);
    await ds.automigrate();
    await load(repos);
    reference = createRepos(new DataSource({name: 'reference', connector: 'memory'}));
    await load(reference);
  });

  for (const [title, filter] of FILTERS) {
    it(title, async () => {
      assert.equal(json(await repos.owners.find(filter)), json(await reference.owners.find(filter)));
    });
  }

  it('is planned on SQL, with no more round trips than the resolvers', async () => {
    const filter = {include: [{relation: 'pets', scope: {include: [{relation: 'toys', targetType: 'Dog'}]}}]};
    const steps: IncludePlanStep[] = [];
    const q = countQueries(ds);
    const rq = countQueries(reference.owners.dataSource);
    const found = await repos.owners.find(filter, {explain: (s: IncludePlanStep) => steps.push(s)});
    assert.equal(json(found), json(await reference.owners.find(filter)));
    if (setup.connector === 'memory') return;
    assert.deepEqual([...new Set(steps.map(s => s.relation))], ['Owner', 'Owner.pets', 'Owner.pets.toys']);
    // The owners, the links of every type, the pets of each type, the toys: in their own statement on MariaDB,
    // aggregated into the dogs' statement as JSON elsewhere.
    assert.deepEqual([q.finds, rq.finds], [setup.connector === 'mysql' ? 6 : 5, 6]);
  });

  it('fails on a link of an unknown type, or without type, as the resolver does', async () => {
    const check = async (petType: string | undefined, name: string) => {
      const link = await repos.ownerships.create({ownerId: 6, petId: 1, ...(petType ? {petType} : {})});
      try {
        await assert.rejects(repos.owners.find({include: ['pets']}), (err: Error & {code?: string}) => {
          assert.equal(err.code, 'INVALID_POLYMORPHISM');
          assert.equal(err.message,
            `Invalid class name ${name} by discriminator petType. Please check polymorphic types and the discriminator.`);
          return true;
        });
      } finally {
        await repos.ownerships.deleteById(link.id!);
      }
    };
    await check('Fish', 'Fish');
    await check(undefined, 'undefined');
    // Outside the through scope, such a link is never read.
    const old = await repos.ownerships.create({ownerId: 6, petId: 1, petType: 'Fish', since: 1900});
    assert.equal(json(await repos.owners.find({include: ['recentPets']})), json(await reference.owners.find({include: ['recentPets']})));
    await repos.ownerships.deleteById(old.id!);
  });
});
