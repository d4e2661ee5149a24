import assert from 'node:assert/strict';
import {after, before, describe, it} from 'node:test';
import {AnyObject} from '../../../src/common/types';
import {IncludePlanStep} from '../../../src/connectors/connector';
import {SqlConnector} from '../../../src/connectors/sql/sql-connector';
import '../../../src/connectors/sql/register';
import {DataSource} from '../../../src/datasource/datasource';
import {Filter} from '../../../src/filter/types';
import {countStatements, loadSqlAndReference, Repos} from './include-fixture';
import {describeForEachSql} from './sql-setups';


const json = (v: unknown): string => JSON.stringify(v);

/** Asserts equal JSON, showing where they first differ (whole results are long). */
function sameJson(actual: unknown, expected: unknown): void {
  const a = json(actual);
  const b = json(expected);
  if (a === b) return;
  let i = 0;
  while (i < a.length && a[i] === b[i]) i++;
  assert.fail(`results differ at ${i}:\n  sql:    …${a.slice(Math.max(0, i - 150), i + 150)}\n  memory: …${
    b.slice(Math.max(0, i - 150), i + 150)}`);
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyFilter = Filter<any>;

/** Every include shape the plans must load exactly as the memory connector's batched resolvers do. */
const CUSTOMER_FILTERS: [string, AnyFilter][] = [
  ['hasMany', {include: ['orders']}],
  ['hasMany and hasOne', {include: ['orders', 'address']}],
  ['two levels', {include: [{relation: 'orders', scope: {include: ['manufacturers']}}]}],
  ['three levels (belongsTo back up)', {include: [{relation: 'orders', scope: {
    include: [{relation: 'manufacturers', scope: {include: ['order']}}, 'customer']}}]}],
  ['scope where/order/fields/limit/skip per parent', {include: [{relation: 'orders', scope: {
    where: {total: {gt: 0}}, order: ['total DESC'], limit: 2, skip: 1, fields: ['description', 'total']}}]}],
  ['scope limit per parent, nested scope limit', {include: [{relation: 'orders', scope: {
    limit: 2, order: ['createdAt DESC'], include: [{relation: 'manufacturers', scope: {limit: 1, order: ['name ASC']}}]}}]}],
  ['totalLimit', {include: [{relation: 'orders', scope: {totalLimit: 5, order: ['createdAt DESC']}}]}],
  ['totalLimit with skip, nested', {include: [{relation: 'orders', scope: {totalLimit: 4, skip: 2,
    include: ['manufacturers']}}]}],
  ['fields without the foreign key', {include: [{relation: 'orders', scope: {fields: ['description']}}]}],
  ['fields without the key a nested relation needs', {include: [{relation: 'orders', scope: {
    fields: ['description'], include: ['manufacturers', 'customer']}}]}],
  ['fields excluding properties', {include: [{relation: 'orders', scope: {fields: {meta: false, total: false}}}]}],
  ['hasOne: first by order', {include: [{relation: 'address', scope: {order: ['city DESC']}}]}],
  ['hasOne with skip', {include: [{relation: 'address', scope: {skip: 1}}]}],
  ['hasOne with where', {include: [{relation: 'address', scope: {where: {city: {inq: ['Oslo', 'Ålesund']}}}}]}],
  ['order with NULLs and strings by code point', {include: [{relation: 'orders', scope: {order: ['total ASC'],
    include: [{relation: 'manufacturers', scope: {order: ['active DESC', 'name DESC']}}]}}]}],
  ['root where/order/fields', {where: {name: {like: '%a%'}}, order: ['name DESC'], fields: ['id', 'name', 'tags'],
    include: ['orders', 'address']}],
  ['root fields without the key', {fields: ['name'], include: ['orders']}],
  ['root limit and skip', {limit: 5, skip: 3, include: [{relation: 'orders', scope: {include: ['manufacturers']}}]}],
  ['root limit 2, every shape', {limit: 2, order: ['id DESC'], include: [
    {relation: 'orders', scope: {limit: 2, skip: 1, order: ['total DESC'], include: [{relation: 'manufacturers', scope: {include: ['order']}}]}},
    {relation: 'address', scope: {order: ['city ASC']}}]}],
  ['root pinned by ids', {where: {id: {inq: [7, 14, 3]}}, include: [
    {relation: 'orders', scope: {include: ['manufacturers', 'customer']}}, 'address']}],
  ['batched below a JSON level (totalLimit under a small root)', {limit: 3, include: [{relation: 'orders', scope: {
    include: [{relation: 'manufacturers', scope: {totalLimit: 3, order: ['name DESC']}}]}}]}],
  ['to-one inside JSON, the same target under many parents', {limit: 4, include: [{relation: 'orders', scope: {
    include: [{relation: 'customer', scope: {fields: ['name', 'id']}}]}}]}],
  ['nothing matches', {where: {name: 'nobody'}, include: ['orders']}],
  ['scope matching nothing', {include: [{relation: 'orders', scope: {where: {description: 'none'}}}, 'address']}],
];

const ORDER_FILTERS: [string, AnyFilter][] = [
  ['belongsTo (some without a customer)', {include: ['customer']}],
  ['belongsTo with fields and where', {include: [{relation: 'customer', scope: {fields: ['name'], where: {vip: true}}}]}],
  ['belongsTo then hasMany', {include: [{relation: 'customer', scope: {include: ['address']}}, 'manufacturers']}],
  ['belongsTo, few parents', {limit: 3, include: [{relation: 'customer', scope: {include: [{relation: 'orders', scope: {limit: 1}}]}}]}],
];

const MANUFACTURER_FILTERS: [string, AnyFilter][] = [
  ['belongsTo chain', {include: [{relation: 'order', scope: {include: ['customer']}}]}],
  ['belongsTo chain, by id', {where: {id: 5}, include: [{relation: 'order', scope: {include: ['customer', 'manufacturers']}}]}],
];

describeForEachSql('include plans', setup => {
  let ds: DataSource;
  let repos: Repos;
  let reference: Repos;

  before(async () => {
    ({ds, repos, reference} = await loadSqlAndReference(setup.settings()));
  });
  after(() => ds.disconnect());

  it('SqlConnector implements Connector.findTree', () => {
    assert.equal(typeof (ds.connector as SqlConnector).findTree, 'function');
  });

  describe('results equal the memory connector\'s', () => {
    for (const [title, filter] of CUSTOMER_FILTERS) {
      it(`customers: ${title}`, async () => {
        sameJson(await repos.customers.find(filter), await reference.customers.find(filter));
      });
    }
    for (const [title, filter] of ORDER_FILTERS) {
      it(`orders: ${title}`, async () => {
        sameJson(await repos.orders.find(filter), await reference.orders.find(filter));
      });
    }
    for (const [title, filter] of MANUFACTURER_FILTERS) {
      it(`manufacturers: ${title}`, async () => {
        sameJson(await repos.manufacturers.find(filter), await reference.manufacturers.find(filter));
      });
    }

    it('findById and findOne', async () => {
      const filter = {include: [{relation: 'orders', scope: {include: ['manufacturers']}}, 'address']};
      for (const id of [1, 6, 7, 14]) {
        sameJson(await repos.customers.findById(id, filter), await reference.customers.findById(id, filter));
      }
      const one = {where: {vip: true}, order: ['name DESC'], include: ['orders']};
      sameJson(await repos.customers.findOne(one), await reference.customers.findOne(one));
    });

    it('builds entities of each level\'s class, with relations after the properties', async () => {
      const [c] = await repos.customers.find({where: {id: 1}, include: [{relation: 'orders', scope: {include: ['manufacturers']}}]});
      assert.equal(c.constructor.name, 'Customer');
      assert.equal(c.orders![0].constructor.name, 'Order');
      assert.equal(c.orders![0].manufacturers![0].constructor.name, 'Manufacturer');
      assert.deepEqual(Object.keys(c).slice(-1), ['orders']);
      assert.equal((c as AnyObject).secret, 's1');
      assert.ok(c.since instanceof Date);
    });

    it('restores every kind from JSON: dates, booleans, JSON values, buffers, exact doubles', async () => {
      const plans: IncludePlanStep[] = [];
      const found = await repos.customers.find({where: {id: {inq: [4, 7]}}, include: ['orders', 'address']},
        {explain: (s: IncludePlanStep) => plans.push(s)});
      assert.ok(plans.some(p => p.relation === 'Customer.orders' && p.plan === 'json'));
      const orders = found.flatMap(c => c.orders ?? []);
      assert.ok(orders.some(o => o.total === 1 / 3));
      assert.ok(orders.every(o => o.createdAt === undefined || o.createdAt instanceof Date));
      const address = found.find(c => c.id === 7)!.address!;
      assert.ok(Buffer.isBuffer(address.photo));
      sameJson(found, await reference.customers.find({where: {id: {inq: [4, 7]}}, include: ['orders', 'address']}));
    });
  });

  describe('round trips', () => {
    const twoLevels = {include: [{relation: 'orders', scope: {include: ['manufacturers']}}]};

    it('a two-level include over every customer takes at most one statement per level, root included', async () => {
      const count = countStatements(ds);
      await repos.customers.find(twoLevels);
      const expected = {sqlite: 1, postgresql: 2, mysql: 3}[setup.dialect];
      assert.equal(count.statements, expected, count.sql.join('\n'));
      assert.equal(count.finds, 0);
    });

    it('a two-level include of one customer is one statement', async () => {
      const count = countStatements(ds);
      await repos.customers.findById(1, twoLevels);
      assert.equal(count.statements, 1, count.sql.join('\n'));
    });

    it('never one statement per parent: the count does not grow with the parents', async () => {
      const filter = {include: [{relation: 'orders', scope: {limit: 1, include: ['manufacturers', 'customer']}}, 'address']};
      const count = countStatements(ds);
      await repos.customers.find({...filter, limit: 21});
      const some = count.statements;
      count.reset();
      await repos.customers.find(filter);
      assert.ok(count.statements <= 5, `${count.statements} statements`);
      assert.ok(some <= 5, `${some} statements`);
    });

    it('binds long key lists as one parameter', async () => {
      const count = countStatements(ds);
      const filter = {include: [{relation: 'order', scope: {include: ['customer']}}]};
      sameJson(await repos.manufacturers.find(filter), await reference.manufacturers.find(filter));
      assert.equal(count.statements, 3);
      // Some 80 orders: one array / JSON / expanded list parameter.
      assert.match(count.sql[1], /= ANY\(\$1\)|json_each\(\?\)|IN \(\?\)/);
    });

    it('totalLimit takes one statement for its level', async () => {
      const count = countStatements(ds);
      await repos.customers.find({where: {id: 1}, include: [{relation: 'orders', scope: {totalLimit: 2}}]});
      assert.equal(count.statements, 2);
    });
  });

  describe('explain', () => {
    it('reports the plan, the reason and the SQL of every level', async () => {
      const steps: IncludePlanStep[] = [];
      await repos.customers.find({include: [{relation: 'orders', scope: {include: ['manufacturers']}}, 'address']},
        {explain: (s: IncludePlanStep) => steps.push(s)});
      assert.deepEqual(steps.map(s => s.relation).sort(),
        ['Customer', 'Customer.address', 'Customer.orders', 'Customer.orders.manufacturers']);
      for (const s of steps) {
        assert.match(s.sql, /^(SET STATEMENT .* FOR )?SELECT /);
        assert.ok(s.reason.length > 10);
      }
      const plans = Object.fromEntries(steps.map(s => [s.relation, s.plan]));
      assert.deepEqual(plans, {
        sqlite: {'Customer': 'query', 'Customer.orders': 'json', 'Customer.orders.manufacturers': 'json', 'Customer.address': 'batched'},
        postgresql: {'Customer': 'query', 'Customer.orders': 'batched', 'Customer.orders.manufacturers': 'json', 'Customer.address': 'batched'},
        mysql: {'Customer': 'query', 'Customer.orders': 'batched', 'Customer.orders.manufacturers': 'batched', 'Customer.address': 'batched'},
      }[setup.dialect]);
      // Bound values never appear in the SQL text.
      steps.length = 0;
      await repos.customers.find({where: {name: 'Ann 10'}, include: [{relation: 'orders', scope: {where: {description: 'x\'y'}}}]},
        {explain: (s: IncludePlanStep) => steps.push(s)});
      assert.ok(steps.every(s => !s.sql.includes('Ann 10') && !s.sql.includes('x\'y')));
    });

    it('explain: true and DEBUG=relata:plan print the SQL and the reason', async () => {
      const logged: string[] = [];
      const log = console.log;
      const error = console.error;
      const debug = process.env.DEBUG;
      console.log = (...args: unknown[]) => logged.push(`out ${args.join(' ')}`);
      console.error = (...args: unknown[]) => logged.push(`err ${args.join(' ')}`);
      try {
        await repos.customers.findById(1, {include: ['orders']}, {explain: true});
        process.env.DEBUG = 'other,relata:*';
        await repos.customers.findById(1, {include: ['orders']});
        process.env.DEBUG = 'other';
        await repos.customers.findById(1, {include: ['orders']});
      } finally {
        console.log = log;
        console.error = error;
        if (debug === undefined) delete process.env.DEBUG;
        else process.env.DEBUG = debug;
      }
      assert.equal(logged.length, 4);
      assert.match(logged[0], /^out relata:plan Customer: query \(.+\)\n {2}(SET STATEMENT .* FOR )?SELECT /);
      assert.match(logged[1], /^out relata:plan Customer\.orders: json \(at most 1 root row.*\)\n {2}\(in the statement of Customer\)$/);
      assert.match(logged[2], /^err relata:plan Customer: query/);
    });
  });

  describe('options', () => {
    it('honours options.transaction', async () => {
      const tx = await repos.customers.beginTransaction();
      try {
        await repos.orders.create({description: 'in tx', customerId: 6}, {transaction: tx});
        const inside = await repos.customers.findById(6, {include: ['orders']}, {transaction: tx});
        assert.deepEqual(inside.orders?.map(o => o.description), ['in tx']);
        const bulk = await repos.customers.find({include: ['orders']}, {transaction: tx});
        assert.deepEqual(bulk.find(c => c.id === 6)?.orders?.map(o => o.description), ['in tx']);
      } finally {
        await tx.rollback();
      }
      const outside = await repos.customers.findById(6, {include: ['orders']});
      assert.equal(outside.orders, undefined);
    });

    it('reports invalid scopes exactly like the batched resolvers', async () => {
      await assert.rejects(repos.customers.find({include: [{relation: 'orders', scope: {where: {bogus: 1}}}]}),
        {statusCode: 400, code: 'INVALID_FILTER'});
      await assert.rejects(repos.customers.find({include: [{relation: 'orders', scope: {include: ['nope']}}]}),
        {code: 'INVALID_INCLUSION_FILTER', message: 'Invalid "filter.include" entries: "nope"'});
    });
  });
});
