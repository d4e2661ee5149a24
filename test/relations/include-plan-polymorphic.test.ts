import assert from 'node:assert/strict';
import {before, describe, it} from 'node:test';
import {AnyObject} from '../../src/common/types';
import {IncludePlanStep} from '../../src/connectors/connector';
import {DataSource} from '../../src/datasource/datasource';
import {Filter} from '../../src/filter/types';
import {includePlanMetadataOf} from '../../src/relations/include-plan/include-plan-metadata';
import {countQueries, describeForEachConnector} from '../support/connectors';
import {createPolymorphicRepositories, PolymorphicRepos} from '../support/polymorphic-models';

// Polymorphic relations (belongsTo, hasOne, hasMany) and referencesMany in include plans: on SQL the
// planner loads them with the sources (one hop per concrete type); every result must equal what the
// batched resolvers give on the memory connector, and take no more round trips than they do.

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyFilter = Filter<any>;

const json = (v: unknown): string => JSON.stringify(v);

/** Asserts equal JSON, showing where they first differ. */
function sameJson(actual: unknown, expected: unknown, title: string): void {
  const a = json(actual);
  const b = json(expected);
  if (a === b) return;
  let i = 0;
  while (i < a.length && a[i] === b[i]) i++;
  assert.fail(`${title}: results differ at ${i}:\n  planned:   …${a.slice(Math.max(0, i - 150), i + 150)}\n  resolvers: …${
    b.slice(Math.max(0, i - 150), i + 150)}`);
}

/** The same rows in both stores, created in the same order (same ids everywhere). */
async function load(r: PolymorphicRepos): Promise<void> {
  const tags: AnyObject[] = [];
  for (let t = 1; t <= 9; t++) tags.push({name: `tag ${t}`, rank: (t * 5) % 7});
  await r.tags.createAll(tags as never[]);
  await r.categories.createAll([{code: 'b', label: 'B'}, {code: 'a', label: 'A'}, {code: 'c'}] as never[]);
  await r.employees.createAll([{name: 'emp 1'}, {name: 'emp 2'}, {name: 'emp 3'}] as never[]);
  await r.products.createAll([{name: 'prod 1'}, {name: 'prod 2'}] as never[]);
  await r.venues.createAll([{name: 'venue 1'}] as never[]);
  const pictures: AnyObject[] = [];
  const owners: [string, number][] = [['Employee', 1], ['Product', 1], ['Employee', 2], ['Venue', 1], ['Employee', 1],
    ['Product', 2], ['Venue', 1], ['Employee', 9], ['Product', 1], ['Employee', 1]];
  owners.forEach(([type, id], i) => pictures.push({url: `pic ${(i * 7) % 10}`, imageableType: type, imageableId: id}));
  pictures.push({url: 'no owner'});
  await r.pictures.createAll(pictures as never[]);
  const posts: AnyObject[] = [
    {title: 'p1', tagIds: [3, 1, 2], categoryCodes: ['c', 'a'], authorId: 1},
    {title: 'p2', tagIds: [2, 2, 99, 5], categoryCodes: ['zz'], authorId: 2},
    {title: 'p3', tagIds: [], authorId: 9},
    {title: 'p4'},
    {title: 'p5', tagIds: [9, 8, 7, 6, 5, 4], categoryCodes: ['b', 'b']},
    {title: 'p6', tagIds: [4]},
  ];
  await r.posts.createAll(posts as never[]);
  for (let i = 1; i <= 4; i++) {
    await r.letters.create({note: `letter ${i}`, stamp: `stamp ${i % 2}`, contactId: i} as never);
    await r.parcels.create({note: `parcel ${i}`, weight: i * 3, contactId: (i % 3) + 1, tagIds: i % 2 ? [i, i + 1] : []} as never);
    await r.postcards.create({note: `postcard ${i}`, picture: `view ${i}`, contactId: 5 - i} as never);
  }
  const contacts: AnyObject[] = [
    {name: 'c1', deliverableKind: 'Letter'}, {name: 'c2', deliverableKind: 'Parcel'}, {name: 'c3', deliverableKind: 'Postcard'},
    {name: 'c4'}, {name: 'c5', deliverableKind: 'Parcel'},
  ];
  await r.contacts.createAll(contacts as never[]);
  const types = ['Letter', 'Parcel', 'Postcard'];
  const shipments: AnyObject[] = [];
  for (let s = 1; s <= 14; s++) {
    const shipment: AnyObject = {label: `shipment ${(s * 5) % 14}`, contactId: (s % 5) + 1};
    if (s % 7 !== 0) {
      shipment.deliverableType = types[s % 3];
      // Ids 1-4 exist in every table; 6 dangles.
      shipment.deliverableId = s % 5 === 0 ? 6 : (s % 4) + 1;
    }
    shipments.push(shipment);
  }
  await r.shipments.createAll(shipments as never[]);
}

const SHIPMENTS: [string, AnyFilter][] = [
  ['belongsTo alone', {include: ['deliverable']}],
  ['fields of some types only', {include: [{relation: 'deliverable', scope: {fields: ['note', 'stamp', 'weight']}}]}],
  ['scope where', {include: [{relation: 'deliverable', scope: {where: {note: {like: '%2'}}}}]}],
  ['nested by targetType', {include: [{relation: 'deliverable', scope: {include: [
    {relation: 'tags', targetType: 'Parcel', scope: {order: ['rank DESC'], fields: ['name']}}]}}]}],
  ['root pinned', {where: {id: 3}, include: ['deliverable']}],
  ['root pinned, nested list of one type', {where: {id: {inq: [1, 4, 7, 10]}}, include: [{relation: 'deliverable', scope: {
    include: [{relation: 'tags', targetType: 'Parcel', scope: {order: ['rank ASC'], limit: 1}}]}}]}],
  ['root limited, ordered', {limit: 5, order: ['label DESC'], include: ['deliverable']}],
  ['root fields with the keys', {fields: ['id', 'deliverableId', 'deliverableType'], include: ['deliverable']}],
  ['root fields without the key', {fields: ['id', 'label'], include: ['deliverable']}],
];

const CONTACTS: [string, AnyFilter][] = [
  ['hasOne alone', {include: ['deliverable']}],
  ['hasOne first by order', {include: [{relation: 'deliverable', scope: {order: ['id DESC']}}]}],
  ['polymorphic under hasMany', {include: [{relation: 'shipments', scope: {order: ['label ASC'], include: ['deliverable']}}]}],
  ['hasOne and belongsTo, pinned', {where: {id: 2}, include: ['deliverable', {relation: 'shipments', scope: {
    include: [{relation: 'deliverable', scope: {fields: ['note']}}]}}]}],
];

const EMPLOYEES: [string, AnyFilter][] = [
  ['hasMany alone', {include: ['pictures']}],
  ['paged per parent, nested polymorphic belongsTo', {include: [{relation: 'pictures', scope: {
    order: ['url DESC'], limit: 2, include: ['imageable']}}]}],
  ['pinned', {where: {id: 1}, include: [{relation: 'pictures', scope: {where: {url: {neq: 'pic 0'}}}}]}],
];

const PICTURES: [string, AnyFilter][] = [
  ['belongsTo over three types', {include: ['imageable']}],
  ['nested hasMany back', {where: {imageableType: {neq: null}}, include: [{relation: 'imageable', scope: {
    include: [{relation: 'pictures', scope: {order: ['id DESC']}}]}}]}],
];

const POSTS: [string, AnyFilter][] = [
  ['referencesMany alone', {include: ['tags']}],
  ['in list order, repeats kept, missing skipped', {include: ['tags', 'categories']}],
  ['scope order', {include: [{relation: 'tags', scope: {order: ['rank DESC']}}]}],
  ['limit and skip per source', {include: [{relation: 'tags', scope: {skip: 1, limit: 2}}]}],
  ['limit with order', {include: [{relation: 'tags', scope: {order: ['name DESC'], limit: 1}}]}],
  ['totalLimit', {include: [{relation: 'tags', scope: {totalLimit: 3, order: ['rank ASC']}}]}],
  ['where and fields without the key', {include: [{relation: 'tags', scope: {fields: ['name'], where: {rank: {gt: 1}}}}]}],
  ['root fields without the id array', {fields: ['id', 'title'], include: ['tags']}],
  ['beside a belongsTo with nested polymorphic hasMany', {include: ['tags', {relation: 'author', scope: {include: ['pictures']}}]}],
  ['pinned', {where: {id: 2}, include: ['tags', 'categories']}],
  ['pinned, scope order, paged, fields', {where: {id: {inq: [1, 2, 5]}}, include: [{relation: 'tags', scope: {
    order: ['rank DESC'], skip: 1, limit: 2, fields: ['name']}}]}],
  ['pinned, list order paged, where', {where: {id: {inq: [2, 5, 4]}}, include: [{relation: 'tags', scope: {
    skip: 1, limit: 3, where: {rank: {neq: 3}}}}, {relation: 'categories', scope: {limit: 1}}]}],
];

/** The relation paths a find's plan reported (SQL connectors). */
async function plannedPaths(find: (options: AnyObject) => Promise<unknown>): Promise<string[]> {
  const steps: IncludePlanStep[] = [];
  await find({explain: (s: IncludePlanStep) => steps.push(s)});
  return steps.map(s => s.relation);
}

describeForEachConnector('include plans: polymorphic relations and referencesMany', setup => {
  let ds: DataSource;
  let repos: PolymorphicRepos;
  let reference: PolymorphicRepos;

  before(async () => {
    ds = setup.createDataSource();
    repos = createPolymorphicRepositories(ds);
    await ds.automigrate();
    await load(repos);
    reference = createPolymorphicRepositories(new DataSource({name: 'reference', connector: 'memory'}));
    await load(reference);
  });

  const groups: [string, keyof PolymorphicRepos, [string, AnyFilter][]][] = [
    ['shipments', 'shipments', SHIPMENTS], ['contacts', 'contacts', CONTACTS], ['employees', 'employees', EMPLOYEES],
    ['pictures', 'pictures', PICTURES], ['posts', 'posts', POSTS],
  ];
  for (const [title, repo, filters] of groups) {
    for (const [name, filter] of filters) {
      it(`${title}: ${name}`, async () => {
        const planned = (repos[repo] as unknown as {find(f: AnyFilter): Promise<unknown>}).find(filter);
        const expected = (reference[repo] as unknown as {find(f: AnyFilter): Promise<unknown>}).find(filter);
        sameJson(await planned, await expected, name);
      });
    }
  }

  it('plans every level on SQL, in fewer round trips than the resolvers', async () => {
    if (setup.connector === 'memory') return;
    const filter = {include: [{relation: 'deliverable', scope: {include: [{relation: 'tags', targetType: 'Parcel'}]}}]};
    const paths = await plannedPaths(options => repos.shipments.find(filter, options));
    assert.deepEqual([...new Set(paths)], ['Shipment', 'Shipment.deliverable', 'Shipment.deliverable.tags']);
    const q = countQueries(ds);
    const rq = countQueries(reference.shipments.dataSource);
    // One statement for a pinned source, whatever the number of types and levels.
    // Shipment 4 holds parcel 1, which references tags: the resolvers take three queries, the plan one
    // statement (MariaDB: the tags in a second one, its JSON_TABLE is not used for id lists).
    sameJson(await repos.shipments.findById(4, filter), await reference.shipments.findById(4, filter), 'findById');
    assert.equal(rq.finds, 3);
    assert.equal(q.finds, setup.connector === 'mysql' ? 2 : 1);
    q.reset();
    rq.reset();
    sameJson(await repos.contacts.findById(2, {include: ['deliverable', 'shipments']}),
      await reference.contacts.findById(2, {include: ['deliverable', 'shipments']}), 'findById');
    assert.equal(rq.finds, 3);
    assert.equal(q.finds, 1);
    q.reset();
    rq.reset();
    sameJson(await repos.posts.find({include: ['tags', 'author']}), await reference.posts.find({include: ['tags', 'author']}),
      'posts');
    // The posts, the tags (aggregated into the posts' statement on SQLite), the authors.
    assert.equal(rq.finds, 3);
    assert.equal(q.finds, setup.connector === 'sqlite' ? 2 : 3);
    q.reset();
    rq.reset();
    sameJson(await repos.posts.findById(1, {include: ['tags', 'categories']}),
      await reference.posts.findById(1, {include: ['tags', 'categories']}), 'posts findById');
    assert.deepEqual([q.finds, rq.finds], [setup.connector === 'mysql' ? 3 : 1, 3]);
    q.reset();
    rq.reset();
    sameJson(await repos.shipments.find(filter), await reference.shipments.find(filter), 'shipments');
    // Many sources: the shipments, then each concrete type (side by side), then the tags of the parcels
    // (aggregated into the parcels' statement but on MariaDB).
    assert.deepEqual([q.finds, rq.finds], [setup.connector === 'mysql' ? 5 : 4, 5]);
  });
});

describeForEachConnector('include plans: polymorphic discriminators the resolvers reject', setup => {
  let repos: PolymorphicRepos;

  before(async () => {
    const ds = setup.createDataSource();
    repos = createPolymorphicRepositories(ds);
    await ds.automigrate();
    await repos.letters.create({note: 'l'} as never);
    await repos.contacts.create({name: 'no kind'});
    await repos.shipments.create({label: 'no type, no key'});
  });

  const invalid = (name: string, disc: string) => (err: Error & {code?: string}) => {
    assert.equal(err.code, 'INVALID_POLYMORPHISM');
    assert.equal(err.message, `Invalid class name ${name} by discriminator ${disc}. Please check polymorphic types and the discriminator.`);
    return true;
  };

  it('a source without type and key, or without type on a hasOne, is no error', async () => {
    assert.equal(json(await repos.shipments.find({include: ['deliverable']})), json([{id: 1, label: 'no type, no key'}]));
    assert.equal(json(await repos.contacts.find({include: ['deliverable']})), json([{id: 1, name: 'no kind'}]));
  });

  it('an unknown type fails (belongsTo, hasOne), at the top and below another relation', async () => {
    const crate = await repos.shipments.create({label: 'crate', deliverableType: 'Crate', deliverableId: 1, contactId: 1});
    await assert.rejects(repos.shipments.find({include: ['deliverable']}), invalid('Crate', 'deliverableType'));
    await assert.rejects(repos.shipments.findById(crate.id!, {include: ['deliverable']}), invalid('Crate', 'deliverableType'));
    await assert.rejects(repos.contacts.find({include: [{relation: 'shipments', scope: {include: ['deliverable']}}]}),
      invalid('Crate', 'deliverableType'));
    await repos.shipments.deleteById(crate.id!);
    const keyOnly = await repos.shipments.create({label: 'key only', deliverableId: 1});
    await assert.rejects(repos.shipments.find({include: ['deliverable']}), invalid('undefined', 'deliverableType'));
    await repos.shipments.deleteById(keyOnly.id!);
    const odd = await repos.contacts.create({name: 'odd', deliverableKind: 'Crate'});
    await assert.rejects(repos.contacts.find({include: ['deliverable']}), invalid('Crate', 'deliverableKind'));
    await repos.contacts.deleteById(odd.id!);
  });
});

describe('include plan metadata of polymorphic and referencesMany resolvers', () => {
  const repos = createPolymorphicRepositories(new DataSource({name: 'metadata', connector: 'memory'}));
  const meta = (repo: {inclusionResolvers: Map<string, unknown>}, name: string) => includePlanMetadataOf(repo.inclusionResolvers.get(name))!;

  it('polymorphic belongsTo and hasOne: the source discriminator and a getter per concrete type', () => {
    const belongsTo = meta(repos.shipments, 'deliverable');
    assert.deepEqual([belongsTo.relation, belongsTo.parentKey, belongsTo.childKey, belongsTo.many, belongsTo.targetModel.name],
      ['deliverable', 'deliverableId', 'id', false, 'Deliverable']);
    assert.deepEqual([belongsTo.polymorphic!.discriminator, Object.keys(belongsTo.polymorphic!.getters), belongsTo.polymorphic!.missing],
      ['deliverableType', ['Letter', 'Parcel', 'Postcard'], 'error']);
    const hasOne = meta(repos.contacts, 'deliverable');
    assert.deepEqual([hasOne.relation, hasOne.parentKey, hasOne.childKey, hasOne.polymorphic!.discriminator, hasOne.polymorphic!.missing],
      ['deliverable', 'id', 'contactId', 'deliverableKind', 'skip']);
  });

  it('polymorphic hasMany: the target discriminator as a target where; referencesMany: a key list', () => {
    const hasMany = meta(repos.employees, 'pictures');
    assert.deepEqual([hasMany.parentKey, hasMany.childKey, hasMany.targetWhere], ['id', 'imageableId', {imageableType: 'Employee'}]);
    const references = meta(repos.posts, 'tags');
    assert.deepEqual([references.parentKey, references.childKey, references.many, references.parentKeyList], ['tagIds', 'id', true, true]);
  });
});
