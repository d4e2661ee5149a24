import {Pool} from 'pg';
import {AnyObject} from '../src/common/types';
import '../src/connectors/sql/register';
import {SqlConnector} from '../src/connectors/sql/sql-connector';
import {DataSource} from '../src/datasource/datasource';
import {createThroughRepositories, ThroughRepos} from '../test/support/through-models';
import {
  PG_SETTINGS, pgNames, postgresWanted, resetSchema, roundTripsOf, SideBySideResult, timeSideBySide,
} from './side-by-side';

const SCHEMA = 'relata_bench_through';
const CATEGORIES = 1000;
const LINKS_PER_CATEGORY = 10;
const PRODUCTS = 3000;
const FILTER = {include: ['products']};
const SCENARIO = `find categories, include products through links (${CATEGORIES.toLocaleString('en')} x ${
  LINKS_PER_CATEGORY}, ${PRODUCTS.toLocaleString('en')} products)`;

/** Plain rows, the same data the repositories hold. */
interface Rows {
  categories: AnyObject[];
  links: AnyObject[];
  products: AnyObject[];
}

function makeRows(): Rows {
  const rows: Rows = {categories: [], links: [], products: []};
  for (let c = 1; c <= CATEGORIES; c++) rows.categories.push({id: c, name: `category ${c}`});
  for (let p = 1; p <= PRODUCTS; p++) rows.products.push({id: p, name: `product ${p}`, price: p % 89, supplierId: (p % 50) + 1});
  let id = 0;
  for (let c = 1; c <= CATEGORIES; c++) {
    // Scattered products, distinct within a category (k * 301 differ mod 3,000 for k < 10).
    for (let k = 0; k < LINKS_PER_CATEGORY; k++) {
      rows.links.push({id: ++id, categoryId: c, productId: ((c * 7919 + k * 301) % PRODUCTS) + 1, position: k});
    }
  }
  return rows;
}

/**
 * Hangs each source's targets on it, in target order (the order relata's
 * resolver keeps): products arrive sorted by id, each pushed to every
 * category linking it. `copy` makes new objects where the rows are the store's.
 */
function stitch(categories: AnyObject[], links: AnyObject[], products: AnyObject[], copy: boolean): AnyObject[] {
  const categoriesByProduct = new Map<unknown, unknown[]>();
  for (const l of links) {
    const list = categoriesByProduct.get(l.productId);
    if (list) list.push(l.categoryId);
    else categoriesByProduct.set(l.productId, [l.categoryId]);
  }
  const byCategory = new Map<unknown, AnyObject[]>();
  for (const p of products) {
    const cs = categoriesByProduct.get(p.id);
    if (!cs) continue;
    const target = copy ? {...p} : p;
    for (const c of cs) {
      const list = byCategory.get(c);
      if (list) list.push(target);
      else byCategory.set(c, [target]);
    }
  }
  return categories.map(c => {
    const out = copy ? {...c} : c;
    const ps = byCategory.get(c.id);
    if (ps) out.products = ps;
    return out;
  });
}

async function load(repos: ThroughRepos, rows: Rows): Promise<void> {
  await repos.categories.createAll(rows.categories as never);
  await repos.products.createAll(rows.products as never);
  await repos.links.createAll(rows.links as never);
}

async function onMemory(runs: number): Promise<SideBySideResult> {
  const ds = new DataSource({name: 'bench-through', connector: 'memory'});
  const repos = createThroughRepositories(ds);
  const rows = makeRows();
  await load(repos, rows);
  const relata = () => repos.categories.find(FILTER);
  // The memory store keeps rows in id order: the reference joins the plain arrays, copying every row it returns.
  const reference = () => stitch(rows.categories, rows.links, rows.products, true);
  const roundTrips = await roundTripsOf(ds, relata);
  const t = await timeSideBySide('memory through', relata, reference, runs);
  return {store: 'memory', scenario: SCENARIO, relataMs: t.relataMs, relataRoundTrips: roundTrips,
    referenceMs: t.referenceMs, referenceRoundTrips: 3, ratio: t.relataMs / t.referenceMs, target: 3};
}

async function onPostgres(runs: number): Promise<SideBySideResult[]> {
  await resetSchema(SCHEMA);
  const ds = new DataSource({name: 'bench-through', connector: 'postgresql', ...PG_SETTINGS, schema: SCHEMA,
    foreignKeyConstraints: false});
  const pool = new Pool({...PG_SETTINGS, max: 10});
  try {
    const repos = createThroughRepositories(ds);
    await ds.automigrate();
    await load(repos, makeRows());
    await ds.execute('VACUUM ANALYZE');
    const connector = ds.connector as SqlConnector;
    const c = pgNames(connector, 'Category');
    const l = pgNames(connector, 'CategoryProductLink');
    const p = pgNames(connector, 'Product');
    // One query per level, = ANY($1) with one array parameter, stitched in JS.
    const categoriesSql = `SELECT ${c.col('id')} AS "id", ${c.col('name')} AS "name" FROM ${c.table} ORDER BY ${c.col('id')}`;
    const linksSql = `SELECT ${l.col('categoryId')} AS "categoryId", ${l.col('productId')} AS "productId" FROM ${
      l.table} WHERE ${l.col('categoryId')} = ANY($1)`;
    const productsSql = `SELECT ${p.col('id')} AS "id", ${p.col('name')} AS "name", ${p.col('price')} AS "price", ${
      p.col('supplierId')} AS "supplierId" FROM ${p.table} WHERE ${p.col('id')} = ANY($1) ORDER BY ${p.col('id')}`;
    const reference = async () => {
      const categories = (await pool.query(categoriesSql)).rows;
      const links = (await pool.query(linksSql, [categories.map(x => x.id)])).rows;
      const ids = [...new Set(links.map(x => x.productId))];
      const products = (await pool.query(productsSql, [ids])).rows;
      return stitch(categories, links, products, false);
    };
    // The same by hand with the link level joined to the targets: 2 round trips.
    const joinedSql = `SELECT l.${l.col('categoryId')} AS "categoryId", ${['id', 'name', 'price', 'supplierId']
      .map(x => `p.${p.col(x)} AS "${x}"`).join(', ')} FROM ${l.table} l JOIN ${p.table} p ON p.${p.col('id')} = l.${
      l.col('productId')} WHERE l.${l.col('categoryId')} = ANY($1) ORDER BY p.${p.col('id')}`;
    const joined = async () => {
      const categories = (await pool.query(categoriesSql)).rows;
      const rows = (await pool.query(joinedSql, [categories.map(x => x.id)])).rows;
      // One object per product, shared by the categories linking it (as relata builds them).
      const products = new Map<unknown, AnyObject>();
      const byCategory = new Map<unknown, AnyObject[]>();
      for (const r of rows) {
        let product = products.get(r.id);
        if (!product) products.set(r.id, (product = {id: r.id, name: r.name, price: r.price, supplierId: r.supplierId}));
        const list = byCategory.get(r.categoryId);
        if (list) list.push(product);
        else byCategory.set(r.categoryId, [product]);
      }
      for (const c0 of categories) {
        const ps = byCategory.get(c0.id);
        if (ps) c0.products = ps;
      }
      return categories;
    };
    const relata = () => repos.categories.find(FILTER);
    const roundTrips = await roundTripsOf(ds, relata);
    const out: SideBySideResult[] = [];
    for (const [label, fn, trips] of [['one query per level', reference, 3], ['links joined to products', joined, 2]] as const) {
      const t = await timeSideBySide(`PostgreSQL through (${label})`, relata, fn, runs);
      out.push({store: 'PostgreSQL', scenario: `${SCENARIO}; hand-written: ${label}`, relataMs: t.relataMs,
        relataRoundTrips: roundTrips, referenceMs: t.referenceMs, referenceRoundTrips: trips,
        ratio: t.relataMs / t.referenceMs, target: 1.3});
    }
    return out;
  } finally {
    await pool.end();
    await ds.disconnect();
    await resetSchema(SCHEMA, true);
  }
}

/**
 * categories → products through links (1,000 categories x 10 links, 3,000
 * products) on memory and PostgreSQL, each side by side with a hand-written
 * plan.
 */
export async function benchThroughInclude(runs = 30): Promise<SideBySideResult[]> {
  const results = [await onMemory(runs)];
  if (postgresWanted()) results.push(...await onPostgres(runs));
  return results;
}
