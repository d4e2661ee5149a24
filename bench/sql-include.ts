import {mkdtempSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import Database from 'better-sqlite3';
import {CompiledQuery, Kysely} from 'kysely';
import mysql from 'mysql2/promise';
import {Pool} from 'pg';
import {AnyObject, Options} from '../src/common/types';
import {IncludePlanStep} from '../src/connectors/connector';
import '../src/connectors/sql/register';
import {SqlConnector} from '../src/connectors/sql/sql-connector';
import {SqlDialectName} from '../src/connectors/sql/sql-dialect-name';
import {TableMapping} from '../src/connectors/sql/table-mapping';
import {DataSource} from '../src/datasource/datasource';
import {createRepositories, Repos} from '../test/support/models';
import {median, sameData, timeRuns} from './stats';

const SCHEMA = 'relata_bench';
const CUSTOMERS = 1000;
const ORDERS_PER_CUSTOMER = 10;
const MAKERS_PER_ORDER = 2;
const FIND_BY_ID = 500;
const BY_ID_BATCH = 100;
const FILTER = {include: [{relation: 'orders', scope: {include: ['manufacturers']}}]};

/** One measured scenario: relata and the two hand-written plans, side by side. */
export interface SqlIncludeResult {
  database: string;
  scenario: string;
  relataMs: number;
  relataRoundTrips: number;
  plan: string;
  batchedMs: number;
  batchedRoundTrips: number;
  jsonMs: number;
  jsonRoundTrips: number;
}

/** A hand-written plan: the raw driver, SQL written for this data. */
interface HandWritten {
  all(): Promise<AnyObject[]>;
  byId(id: number): Promise<AnyObject[]>;
}

interface Names {
  customer: string;
  order: string;
  maker: string;
  /** Column names by property. */
  c: (p: string) => string;
  o: (p: string) => string;
  m: (p: string) => string;
}

/** Quoted table and column names from the connector's mappings (PostgreSQL folds them to lower case). */
function namesOf(connector: SqlConnector, dialect: SqlDialectName): Names {
  const q = (n: string) => dialect === 'mysql' ? `\`${n}\`` : `"${n}"`;
  const table = (m: TableMapping) => m.schema && dialect !== 'sqlite' ? `${q(m.schema)}.${q(m.table)}` : q(m.table);
  const col = (m: TableMapping) => (p: string) => q(m.byProperty.get(p)!.column);
  const c = connector.mapping('Customer');
  const o = connector.mapping('Order');
  const m = connector.mapping('Manufacturer');
  return {customer: table(c), order: table(o), maker: table(m), c: col(c), o: col(o), m: col(m)};
}

/** Groups rows by a key with Maps and hangs them on their parents: the JS side of a batched plan. */
function stitch(customers: AnyObject[], orders: AnyObject[], makers: AnyObject[]): AnyObject[] {
  const byOrder = new Map<unknown, AnyObject[]>();
  for (const m of makers) {
    const list = byOrder.get(m.orderId);
    if (list) list.push(m);
    else byOrder.set(m.orderId, [m]);
  }
  const byCustomer = new Map<unknown, AnyObject[]>();
  for (const o of orders) {
    const ms = byOrder.get(o.id);
    if (ms) o.manufacturers = ms;
    const list = byCustomer.get(o.customerId);
    if (list) list.push(o);
    else byCustomer.set(o.customerId, [o]);
  }
  for (const c of customers) {
    const os = byCustomer.get(c.id);
    if (os) c.orders = os;
  }
  return customers;
}

function chunks<T>(values: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < values.length; i += size) out.push(values.slice(i, i + size));
  return out.length ? out : [[]];
}

// ---------------------------------------------------------------------------
// PostgreSQL: batched with = ANY($1); one query with json_agg/json_build_object
// ---------------------------------------------------------------------------

function postgresPlans(pool: Pool, n: Names): {batched: HandWritten; json: HandWritten} {
  const customersSql = `SELECT ${n.c('id')} AS "id", ${n.c('name')} AS "name" FROM ${n.customer}`;
  const ordersSql = `SELECT ${n.o('id')} AS "id", ${n.o('description')} AS "description", ${n.o('total')} AS "total", ${
    n.o('customerId')} AS "customerId" FROM ${n.order} WHERE ${n.o('customerId')} = ANY($1) ORDER BY ${n.o('id')}`;
  const makersSql = `SELECT ${n.m('id')} AS "id", ${n.m('name')} AS "name", ${n.m('orderId')} AS "orderId" FROM ${
    n.maker} WHERE ${n.m('orderId')} = ANY($1) ORDER BY ${n.m('id')}`;
  const batched = async (where: string, params: unknown[]) => {
    const customers = (await pool.query(`${customersSql} ${where} ORDER BY ${n.c('id')}`, params)).rows;
    const orders = (await pool.query(ordersSql, [customers.map(c => c.id)])).rows;
    const makers = (await pool.query(makersSql, [orders.map(o => o.id)])).rows;
    return stitch(customers, orders, makers);
  };
  const jsonSql = (where: string) => `SELECT c.${n.c('id')} AS "id", c.${n.c('name')} AS "name", (
      SELECT json_agg(json_build_object('id', o.${n.o('id')}, 'description', o.${n.o('description')}, 'total', o.${
        n.o('total')}, 'customerId', o.${n.o('customerId')}, 'manufacturers', (
          SELECT json_agg(json_build_object('id', m.${n.m('id')}, 'name', m.${n.m('name')}, 'orderId', m.${n.m('orderId')})
            ORDER BY m.${n.m('id')})
          FROM ${n.maker} m WHERE m.${n.m('orderId')} = o.${n.o('id')})) ORDER BY o.${n.o('id')})
      FROM ${n.order} o WHERE o.${n.o('customerId')} = c.${n.c('id')}) AS "orders"
    FROM ${n.customer} c ${where} ORDER BY c.${n.c('id')}`;
  const json = async (where: string, params: unknown[]) => {
    const rows = (await pool.query(jsonSql(where), params)).rows;
    for (const r of rows) if (r.orders === null) delete r.orders;
    return rows;
  };
  return {
    batched: {all: () => batched('', []), byId: id => batched(`WHERE ${n.c('id')} = $1`, [id])},
    json: {all: () => json('', []), byId: id => json(`WHERE c.${n.c('id')} = $1`, [id])},
  };
}

// ---------------------------------------------------------------------------
// MariaDB: batched with chunked IN (...); one query with JSON_ARRAYAGG/JSON_OBJECT
// ---------------------------------------------------------------------------

function mysqlPlans(pool: mysql.Pool, n: Names): {batched: HandWritten; json: HandWritten} {
  const query = async (text: string, params: unknown[]) => (await pool.query(text, params))[0] as AnyObject[];
  const inChunks = async (head: string, tail: string, ids: unknown[]) => {
    const out: AnyObject[] = [];
    // 65,535 placeholders per statement at most.
    for (const part of chunks(ids, 65000)) for (const r of await query(`${head} IN (?) ${tail}`, [part])) out.push(r);
    return out;
  };
  const batched = async (where: string, params: unknown[]) => {
    const customers = await query(`SELECT ${n.c('id')} AS id, ${n.c('name')} AS name FROM ${n.customer} ${where} ORDER BY ${
      n.c('id')}`, params);
    const orders = await inChunks(`SELECT ${n.o('id')} AS id, ${n.o('description')} AS description, ${n.o('total')} AS total, ${
      n.o('customerId')} AS customerId FROM ${n.order} WHERE ${n.o('customerId')}`, `ORDER BY ${n.o('id')}`, customers.map(c => c.id));
    const makers = await inChunks(`SELECT ${n.m('id')} AS id, ${n.m('name')} AS name, ${n.m('orderId')} AS orderId FROM ${
      n.maker} WHERE ${n.m('orderId')}`, `ORDER BY ${n.m('id')}`, orders.map(o => o.id));
    return stitch(customers, orders, makers);
  };
  const jsonSql = (where: string) => `SELECT c.${n.c('id')} AS id, c.${n.c('name')} AS name, (
      SELECT JSON_ARRAYAGG(JSON_OBJECT('id', o.${n.o('id')}, 'description', o.${n.o('description')}, 'total', o.${
        n.o('total')}, 'customerId', o.${n.o('customerId')}, 'manufacturers', (
          SELECT JSON_ARRAYAGG(JSON_OBJECT('id', m.${n.m('id')}, 'name', m.${n.m('name')}, 'orderId', m.${n.m('orderId')})
            ORDER BY m.${n.m('id')})
          FROM ${n.maker} m WHERE m.${n.m('orderId')} = o.${n.o('id')})) ORDER BY o.${n.o('id')})
      FROM ${n.order} o WHERE o.${n.o('customerId')} = c.${n.c('id')}) AS orders
    FROM ${n.customer} c ${where} ORDER BY c.${n.c('id')}`;
  const json = async (where: string, params: unknown[]) => {
    const rows = await query(jsonSql(where), params);
    for (const r of rows) {
      if (r.orders === null) delete r.orders;
      else if (typeof r.orders === 'string') r.orders = JSON.parse(r.orders);
    }
    return rows;
  };
  return {
    batched: {all: () => batched('', []), byId: id => batched(`WHERE ${n.c('id')} = ?`, [id])},
    json: {all: () => json('', []), byId: id => json(`WHERE c.${n.c('id')} = ?`, [id])},
  };
}

// ---------------------------------------------------------------------------
// SQLite: batched with chunked IN (...); one query with json_group_array/json_object
// ---------------------------------------------------------------------------

function sqlitePlans(db: Database.Database, n: Names): {batched: HandWritten; json: HandWritten} {
  // Statements prepared once per text, as the connector's driver does.
  const cache = new Map<string, Database.Statement>();
  const all = (text: string, params: unknown[]) => {
    let stmt = cache.get(text);
    if (!stmt) cache.set(text, stmt = db.prepare(text));
    return stmt.all(...params) as AnyObject[];
  };
  const inChunks = (head: string, tail: string, ids: unknown[]) => {
    const out: AnyObject[] = [];
    // 32,766 placeholders per statement at most.
    for (const part of chunks(ids, 32000)) {
      for (const r of all(`${head} IN (${part.map(() => '?').join(',')}) ${tail}`, part)) out.push(r);
    }
    return out;
  };
  const batched = async (where: string, params: unknown[]) => {
    const customers = all(`SELECT ${n.c('id')} AS id, ${n.c('name')} AS name FROM ${n.customer} ${where} ORDER BY ${n.c('id')}`, params);
    const orders = inChunks(`SELECT ${n.o('id')} AS id, ${n.o('description')} AS description, ${n.o('total')} AS total, ${
      n.o('customerId')} AS customerId FROM ${n.order} WHERE ${n.o('customerId')}`, `ORDER BY ${n.o('id')}`, customers.map(c => c.id));
    const makers = inChunks(`SELECT ${n.m('id')} AS id, ${n.m('name')} AS name, ${n.m('orderId')} AS orderId FROM ${
      n.maker} WHERE ${n.m('orderId')}`, `ORDER BY ${n.m('id')}`, orders.map(o => o.id));
    return stitch(customers, orders, makers);
  };
  const jsonSql = (where: string) => `SELECT c.${n.c('id')} AS id, c.${n.c('name')} AS name, (
      SELECT json_group_array(json_object('id', o.${n.o('id')}, 'description', o.${n.o('description')}, 'total', o.${
        n.o('total')}, 'customerId', o.${n.o('customerId')}, 'manufacturers', (
          SELECT json_group_array(json_object('id', m.${n.m('id')}, 'name', m.${n.m('name')}, 'orderId', m.${n.m('orderId')})
            ORDER BY m.${n.m('id')})
          FROM ${n.maker} m WHERE m.${n.m('orderId')} = o.${n.o('id')})) ORDER BY o.${n.o('id')})
      FROM ${n.order} o WHERE o.${n.o('customerId')} = c.${n.c('id')}) AS orders
    FROM ${n.customer} c ${where} ORDER BY c.${n.c('id')}`;
  const json = async (where: string, params: unknown[]) => {
    const rows = all(jsonSql(where), params);
    for (const r of rows) {
      const orders = JSON.parse(r.orders);
      if (orders.length === 0) delete r.orders;
      else {
        for (const o of orders) if (o.manufacturers.length === 0) delete o.manufacturers;
        r.orders = orders;
      }
    }
    return rows;
  };
  return {
    batched: {all: () => batched('', []), byId: id => batched(`WHERE ${n.c('id')} = ?`, [id])},
    json: {all: () => json('', []), byId: id => json(`WHERE c.${n.c('id')} = ?`, [id])},
  };
}

// ---------------------------------------------------------------------------

interface Database_ {
  name: string;
  dialect: SqlDialectName;
  settings: AnyObject;
  prepare(): Promise<void>;
  plans(n: Names): {batched: HandWritten; json: HandWritten};
  close(): Promise<void>;
}

function databases(): Database_[] {
  const dir = mkdtempSync(join(tmpdir(), 'relata-bench-'));
  const file = join(dir, 'bench.db');
  let lite: Database.Database | undefined;
  let pool: Pool | undefined;
  let my: mysql.Pool | undefined;
  const pg = {host: '127.0.0.1', port: 5432, user: 'postgres', database: 'test'};
  const maria = {host: '127.0.0.1', port: 3306, user: 'root', password: ''};
  return [
    {
      name: 'SQLite', dialect: 'sqlite', settings: {connector: 'sqlite', file},
      prepare: async () => undefined,
      plans: n => sqlitePlans(lite ??= new Database(file), n),
      close: async () => {
        lite?.close();
        rmSync(dir, {recursive: true, force: true});
      },
    },
    {
      name: 'PostgreSQL', dialect: 'postgresql', settings: {connector: 'postgresql', ...pg, schema: SCHEMA},
      prepare: async () => {
        const admin = new Pool(pg);
        await admin.query(`DROP SCHEMA IF EXISTS ${SCHEMA} CASCADE`);
        await admin.query(`CREATE SCHEMA ${SCHEMA}`);
        await admin.end();
      },
      plans: n => postgresPlans(pool ??= new Pool({...pg, max: 10}), n),
      close: async () => {
        await pool?.end();
        const admin = new Pool(pg);
        await admin.query(`DROP SCHEMA IF EXISTS ${SCHEMA} CASCADE`);
        await admin.end();
      },
    },
    {
      name: 'MariaDB', dialect: 'mysql', settings: {connector: 'mysql', ...maria, database: SCHEMA},
      prepare: async () => {
        const admin = await mysql.createConnection(maria);
        await admin.query(`DROP DATABASE IF EXISTS ${SCHEMA}`);
        await admin.query(`CREATE DATABASE ${SCHEMA} CHARACTER SET utf8mb4 COLLATE utf8mb4_bin`);
        await admin.end();
      },
      plans: n => mysqlPlans(my ??= mysql.createPool({...maria, database: SCHEMA, connectionLimit: 10}), n),
      close: async () => {
        await my?.end();
        const admin = await mysql.createConnection(maria);
        await admin.query(`DROP DATABASE IF EXISTS ${SCHEMA}`);
        await admin.end();
      },
    },
  ];
}

/** Counts the statements the connector executes (everything goes through `kysely()`'s executor). */
function countStatements(connector: SqlConnector): {count: number} {
  const state = {count: 0};
  const kysely = connector.kysely.bind(connector);
  (connector as AnyObject).kysely = (options?: Options): Kysely<any> => new Proxy(kysely(options), {
    get(target, prop) {
      if (prop === 'executeQuery') {
        return (q: CompiledQuery) => {
          state.count++;
          return target.executeQuery(q);
        };
      }
      const value = Reflect.get(target, prop);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
  return state;
}

async function load(repos: Repos): Promise<void> {
  const customers: AnyObject[] = [];
  const orders: AnyObject[] = [];
  const makers: AnyObject[] = [];
  const nOrders = CUSTOMERS * ORDERS_PER_CUSTOMER;
  for (let c = 1; c <= CUSTOMERS; c++) customers.push({id: c, name: `customer ${c}`});
  for (let o = 1; o <= nOrders; o++) {
    orders.push({id: o, description: `order ${o}`, total: o % 97, customerId: ((o - 1) % CUSTOMERS) + 1});
  }
  for (let m = 1; m <= nOrders * MAKERS_PER_ORDER; m++) {
    makers.push({id: m, name: `maker ${m}`, orderId: ((m - 1) % nOrders) + 1});
  }
  await repos.customers.createAll(customers as never);
  await repos.orders.createAll(orders as never);
  await repos.manufacturers.createAll(makers as never);
}

async function analyze(ds: DataSource, dialect: SqlDialectName): Promise<void> {
  if (dialect === 'mysql') await ds.execute('ANALYZE TABLE `Customer`, `Order`, `Manufacturer`');
  else await ds.execute(dialect === 'postgresql' ? 'VACUUM ANALYZE' : 'ANALYZE');
}

/**
 * customers → orders → manufacturers (1,000 x 10 x 2) on SQLite, PostgreSQL
 * and MariaDB: `find` of every customer and `findById` of one, both with the
 * two-level include, measured side by side with the two hand-written plans.
 */
export async function benchSqlInclude(runsAll = 30, runsById = 100): Promise<SqlIncludeResult[]> {
  const results: SqlIncludeResult[] = [];
  const only = process.env.RELATA_BENCH_DATABASES?.split(',').map(s => s.trim().toLowerCase());
  for (const db of databases().filter(d => !only || only.includes(d.name.toLowerCase()))) {
    await db.prepare();
    const ds = new DataSource({name: 'bench', ...db.settings});
    try {
      const repos = createRepositories(ds);
      await ds.automigrate();
      await load(repos);
      const connector = ds.connector as SqlConnector;
      // Fresh statistics, as autovacuum / a DBA would have them: both sides get the same plans.
      await analyze(ds, db.dialect);
      const hand = db.plans(namesOf(connector, db.dialect));
      // A timed run is one find of every customer, or BY_ID_BATCH findById calls (per-call time reported):
      // a forced GC before every sub-millisecond call would time the collector's aftermath, not the call.
      const scenarios = [
        {scenario: 'find all customers, include orders → manufacturers', runs: runsAll, batch: 1,
          relata: (o?: Options) => repos.customers.find(FILTER, o), batched: () => hand.batched.all(), json: () => hand.json.all(),
          trips: [3, 1]},
        {scenario: `findById(${FIND_BY_ID}), same include`, runs: runsById, batch: BY_ID_BATCH,
          relata: (o?: Options) => repos.customers.findById(FIND_BY_ID, FILTER, o),
          batched: () => hand.batched.byId(FIND_BY_ID), json: () => hand.json.byId(FIND_BY_ID), trips: [3, 1]},
      ];
      for (const s of scenarios) {
        // Same answer from all three, checked once before timing.
        const r = await s.relata();
        const b = await s.batched();
        const j = await s.json();
        const rows = (x: unknown) => Array.isArray(x) ? x : [x];
        if (!sameData(rows(r), b) || !sameData(b, j)) throw new Error(`${db.name}: ${s.scenario}: the plans disagree`);

        const steps: IncludePlanStep[] = [];
        await s.relata({explain: (step: IncludePlanStep) => steps.push(step)});
        const counter = countStatements(connector);
        await s.relata();
        const roundTrips = counter.count;
        delete (connector as AnyObject).kysely;

        for (let i = 0; i < 5; i++) {
          await s.relata();
          await s.batched();
          await s.json();
        }
        const times = {relata: [] as number[], batched: [] as number[], json: [] as number[]};
        const repeat = (fn: () => Promise<unknown>) => async () => {
          for (let k = 0; k < s.batch; k++) await fn();
        };
        const relata = repeat(() => s.relata());
        const batched = repeat(s.batched);
        const json = repeat(s.json);
        for (let i = 0; i < s.runs; i++) {
          times.relata.push(...await timeRuns(relata, 1));
          times.batched.push(...await timeRuns(batched, 1));
          times.json.push(...await timeRuns(json, 1));
        }
        results.push({
          database: db.name, scenario: s.scenario,
          relataMs: median(times.relata) / s.batch, relataRoundTrips: roundTrips,
          plan: steps.filter(st => st.relation !== 'Customer').map(st => `${st.relation.split('.').pop()}: ${st.plan}`).join(', '),
          batchedMs: median(times.batched) / s.batch, batchedRoundTrips: s.trips[0],
          jsonMs: median(times.json) / s.batch, jsonRoundTrips: s.trips[1],
        });
      }
    } finally {
      await ds.disconnect();
      await db.close();
    }
  }
  return results;
}
