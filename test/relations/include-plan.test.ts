import assert from 'node:assert/strict';
import {beforeEach, describe, it} from 'node:test';
import {AnyObject, Options} from '../../src/common/types';
import {Connector, IncludeTree, IncludeTreeRelation} from '../../src/connectors/connector';
import {DataSource} from '../../src/datasource/datasource';
import {Filter, NormalizedFilter} from '../../src/filter/types';
import {includePlanMetadataOf} from '../../src/relations/include-plan/include-plan-metadata';
import {Address, createRepositories, Customer, Manufacturer, Order, Repos} from '../support/models';

// The engine side of include plans, on the memory connector given a
// reference `findTree` (per-level finds joined on the keys, written from
// the contract in connector.ts): the planner must hand it trees whose
// answer equals what the batched resolvers produce, and keep the
// resolvers wherever a plan is not possible.

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyFilter = Filter<any>;

const json = (v: unknown): string => JSON.stringify(v);

function withKeys(fields: string[] | undefined, keys: string[]): string[] | undefined {
  if (!fields) return undefined;
  const out = [...fields];
  for (const k of keys) if (!out.includes(k)) out.push(k);
  return out;
}

/** Loads rows of one level and their relations; returns the built objects. */
async function loadLevel(
  connector: Connector, model: string, filter: NormalizedFilter, include: IncludeTreeRelation[],
  create: ((data: AnyObject) => AnyObject) | undefined, options: Options | undefined,
  partition?: {key: string; values: unknown[]; global: boolean},
): Promise<{objects: AnyObject[]; data: AnyObject[]}> {
  const keys = include.map(r => r.parentKey);
  if (partition) keys.push(partition.key);
  const f: NormalizedFilter = {...filter, fields: withKeys(filter.fields, keys)};
  let findOptions: AnyObject | undefined = options;
  if (partition) {
    f.where = {and: [...(filter.where ? [filter.where] : []), {[partition.key]: {inq: partition.values}}]};
    if (!partition.global && (filter.limit || filter.skip)) findOptions = {...options, partitionBy: partition.key};
  }
  const data = await connector.find(model, f, findOptions);
  const related: (AnyObject | AnyObject[] | undefined)[][] = [];
  for (const rel of include) {
    const values = [...new Set(data.map(d => d[rel.parentKey]).filter(v => v !== undefined && v !== null))];
    const byKey = new Map<unknown, AnyObject[]>();
    if (values.length) {
      const child = await loadLevel(connector, rel.model, rel.filter, rel.include, rel.create, options,
        {key: rel.childKey, values, global: !!rel.globalLimit});
      child.data.forEach((d, i) => {
        const list = byKey.get(d[rel.childKey]) ?? [];
        list.push(child.objects[i]);
        byKey.set(d[rel.childKey], list);
      });
    }
    related.push(data.map(d => {
      const group = byKey.get(d[rel.parentKey]);
      return group === undefined ? undefined : rel.many ? group : group[0];
    }));
  }
  const objects = data.map((d, i) => {
    const props: AnyObject = {};
    for (const k of Object.keys(d)) if (!filter.fields || filter.fields.includes(k)) props[k] = d[k];
    const obj = create ? create(props) : props;
    include.forEach((rel, r) => {
      obj[rel.name] = related[r][i];
    });
    return obj;
  });
  return {objects, data};
}

/** Gives a memory data source a reference `findTree`, recording the trees it gets. */
function withReferenceFindTree(ds: DataSource): IncludeTree[] {
  const trees: IncludeTree[] = [];
  const connector = ds.connector;
  connector.findTree = async (tree, options) => {
    trees.push(tree);
    return (await loadLevel(connector, tree.model, tree.filter, tree.include, tree.create, options)).objects;
  };
  return trees;
}

async function seed(repos: Repos): Promise<void> {
  const c1 = await repos.customers.create({name: 'c1'});
  const c2 = await repos.customers.create({name: 'c2'});
  await repos.customers.create({name: 'c3'});
  const o1 = await repos.customers.orders(c1.id!).create({description: 'a', total: 1});
  const o2 = await repos.customers.orders(c1.id!).create({description: 'b', total: 3});
  await repos.customers.orders(c1.id!).create({description: 'c', total: 2});
  await repos.customers.orders(c2.id!).create({description: 'd', total: 5});
  await repos.orders.create({description: 'orphan'});
  await repos.orders.create({description: 'dangling', customerId: 999});
  await repos.orders.manufacturers(o1.id!).create({name: 'm1'});
  await repos.orders.manufacturers(o1.id!).create({name: 'm2'});
  await repos.orders.manufacturers(o2.id!).create({name: 'm3'});
  await repos.customers.address(c2.id!).create({street: 'Main', city: 'X'});
  await repos.addresses.create({street: 'Second', city: 'A', customerId: c2.id});
}

describe('include plans (engine)', () => {
  let planned: Repos;
  let reference: Repos;
  let trees: IncludeTree[];
  let ds: DataSource;

  beforeEach(async () => {
    ds = new DataSource({name: 'planned', connector: 'memory'});
    trees = withReferenceFindTree(ds);
    planned = createRepositories(ds);
    reference = createRepositories(new DataSource({name: 'reference', connector: 'memory'}));
    await seed(planned);
    await seed(reference);
  });

  describe('resolvers built by the relation factories carry plan metadata', () => {
    it('hasMany, hasOne and belongsTo', () => {
      const pick = (r: unknown) => {
        const m = includePlanMetadataOf(r)!;
        return [m.relation, m.parentKey, m.childKey, m.many, m.targetModel.name];
      };
      assert.deepEqual(pick(planned.customers.inclusionResolvers.get('orders')), ['orders', 'id', 'customerId', true, 'Order']);
      assert.deepEqual(pick(planned.customers.inclusionResolvers.get('address')), ['address', 'id', 'customerId', false, 'Address']);
      assert.deepEqual(pick(planned.orders.inclusionResolvers.get('customer')), ['customer', 'customerId', 'id', false, 'Customer']);
      assert.equal(includePlanMetadataOf(async () => []), undefined);
    });
  });

  describe('a planned find answers exactly like the resolvers', () => {
    const filters: [string, AnyFilter][] = [
      ['hasMany', {include: ['orders']}],
      ['hasMany, hasOne', {include: ['orders', 'address']}],
      ['nested', {include: [{relation: 'orders', scope: {include: ['manufacturers', 'customer']}}]}],
      ['scope per parent', {include: [{relation: 'orders', scope: {limit: 1, skip: 1, order: ['total DESC'], where: {total: {gt: 1}}}}]}],
      ['totalLimit', {include: [{relation: 'orders', scope: {totalLimit: 2, order: ['total DESC']}}]}],
      ['fields without the key', {include: [{relation: 'orders', scope: {fields: ['description'], include: ['customer']}}]}],
      ['hasOne first by order', {include: [{relation: 'address', scope: {order: ['city ASC']}}]}],
      ['root fields', {fields: ['id'], include: ['orders']}],
    ];
    for (const [title, filter] of filters) {
      it(title, async () => {
        const got = await planned.customers.find(filter);
        assert.equal(trees.length, 1);
        assert.equal(json(got), json(await reference.customers.find(filter)));
      });
    }

    it('belongsTo, with dangling and missing keys', async () => {
      const filter = {include: [{relation: 'customer', scope: {include: ['address']}}, 'manufacturers']};
      assert.equal(json(await planned.orders.find(filter)), json(await reference.orders.find(filter)));
      assert.equal(trees.length, 1);
    });

    it('builds entities of each level\'s class, relations set after the properties', async () => {
      const [c] = await planned.customers.find({where: {id: 1}, include: [{relation: 'orders', scope: {include: ['manufacturers']}}]});
      assert.ok(c instanceof Customer);
      assert.ok(c.orders![0] instanceof Order);
      assert.ok(c.orders![0].manufacturers![0] instanceof Manufacturer);
      assert.deepEqual(Object.keys(c).slice(-1), ['orders']);
      const [withAddress] = await planned.customers.find({where: {id: 2}, include: ['address']});
      assert.ok(withAddress.address instanceof Address);
    });
  });

  describe('the tree handed to the connector', () => {
    it('normalizes scopes, keeps totalLimit apart and names the join keys', async () => {
      await planned.customers.find({where: {name: 'c1'}, include: [
        {relation: 'orders', scope: {where: {total: {gt: '1'}}, order: 'total DESC', limit: '2', fields: {description: true, id: true},
          include: [{relation: 'manufacturers', scope: {totalLimit: 1}}]}},
        'address',
      ]});
      const [tree] = trees;
      assert.equal(tree.model, 'Customer');
      assert.deepEqual(tree.filter, {where: {name: 'c1'}});
      const [orders, address] = tree.include;
      assert.deepEqual({...orders, include: undefined, create: undefined}, {
        name: 'orders', model: 'Order', parentKey: 'id', childKey: 'customerId', many: true,
        filter: {where: {total: {gt: 1}}, order: [{property: 'total', direction: 'DESC'}], limit: 2, fields: ['description', 'id']},
        include: undefined, create: undefined,
      });
      assert.deepEqual({...orders.include[0], create: undefined, include: undefined}, {
        name: 'manufacturers', model: 'Manufacturer', parentKey: 'id', childKey: 'orderId', many: true,
        filter: {limit: 1}, globalLimit: true, include: undefined, create: undefined,
      });
      assert.equal(address.many, false);
    });

    it('a relation whose key the level does not select gets undefined without a query', async () => {
      const found = await planned.customers.find({where: {id: 1}, include: [{relation: 'orders', scope: {
        fields: ['description'], include: ['manufacturers']}}]});
      assert.deepEqual(trees[0].include[0].include, []);
      assert.ok(found[0].orders!.every(o => 'manufacturers' in o && o.manufacturers === undefined));
    });
  });

  describe('keeps the batched resolvers when a plan is not possible', () => {
    it('a resolver without plan metadata', async () => {
      planned.customers.registerInclusionResolver('orders', async entities => entities.map(() => undefined));
      await planned.customers.find({include: ['orders', 'address']});
      assert.equal(trees.length, 0);
    });

    it('a target repository on another data source', async () => {
      const other = createRepositories(new DataSource({name: 'other', connector: 'memory'}));
      const repo = planned.customers as unknown as AnyObject;
      repo.registerInclusionResolver('orders',
        (repo.createHasManyRepositoryFactoryFor('orders', async () => other.orders)).inclusionResolver);
      await planned.customers.find({include: ['orders']});
      assert.equal(trees.length, 0);
    });

    it('a target repository that overrides find', async () => {
      const orders = planned.orders as unknown as AnyObject;
      orders.find = function (this: unknown, filter: AnyFilter, options?: Options) {
        return Object.getPrototypeOf(orders).find.call(this, {...filter, where: {and: [filter?.where ?? {}, {total: {gt: 1}}]}}, options);
      };
      const found = await planned.customers.find({where: {id: 1}, include: ['orders']});
      assert.equal(trees.length, 0);
      assert.deepEqual(found[0].orders!.map(o => o.description), ['b', 'c']);
    });

    it('a targetType or options.polymorphicType', async () => {
      await planned.customers.find({include: [{relation: 'orders', targetType: 'Order'}]});
      await planned.customers.find({include: ['orders']}, {polymorphicType: 'Order'});
      assert.equal(trees.length, 0);
    });

    it('an invalid scope: the resolvers report it, exactly as without plans', async () => {
      for (const filter of [
        {include: [{relation: 'orders', scope: {where: {bogus: 1}}}]},
        {include: [{relation: 'orders', scope: {include: ['nope']}}]},
        {include: [{relation: 'orders', scope: {limit: -1}}]},
      ] as AnyFilter[]) {
        const expected = await reference.customers.find(filter).then(() => undefined, (e: Error) => e);
        const actual = await planned.customers.find(filter).then(() => undefined, (e: Error) => e);
        assert.ok(expected instanceof Error);
        assert.deepEqual([actual?.message, (actual as AnyObject)?.code, (actual as AnyObject)?.statusCode],
          [expected.message, (expected as AnyObject).code, (expected as AnyObject).statusCode]);
      }
      assert.equal(trees.length, 0);
    });

    it('an unknown relation fails before anything runs', async () => {
      await assert.rejects(planned.customers.find({include: ['nope']}),
        {code: 'INVALID_INCLUSION_FILTER', message: 'Invalid "filter.include" entries: "nope"'});
      assert.equal(trees.length, 0);
    });
  });

  it('a connector without findTree (memory) never sees a tree', async () => {
    const plain = createRepositories(new DataSource({name: 'plain', connector: 'memory'}));
    await seed(plain);
    assert.equal(typeof plain.customers.dataSource.connector.findTree, 'undefined');
    const found = await plain.customers.find({include: ['orders']});
    assert.equal(found[0].orders?.length, 3);
  });
});
