import assert from 'node:assert/strict';
import {after, before, describe, it} from 'node:test';
import {AnyObject} from '../../../src/common/types';
import {IncludePlanStep} from '../../../src/connectors/connector';
import '../../../src/connectors/sql/register';
import {DataSource} from '../../../src/datasource/datasource';
import {Filter} from '../../../src/filter/types';
import {countStatements} from '../../support/count-statements';
import {createThroughRepositories, ThroughRepos} from '../../support/through-models';
import {describeForEachSql} from './sql-setups';

// hasManyThrough in SQL include plans: every result must equal the memory connector's batched resolvers.

const json = (v: unknown): string => JSON.stringify(v);

/** Asserts equal JSON, showing where they first differ. */
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

/**
 * 8 suppliers, 40 products (some without supplier or price), 30 categories:
 * some without links, some with duplicate links, links to missing products,
 * links without a product key, one product linked from most categories; reviews on some products.
 */
async function load(repos: ThroughRepos): Promise<void> {
  for (let s = 1; s <= 8; s++) await repos.suppliers.create({name: `supplier ${String.fromCharCode(72 - s)}${s}`});
  const products: AnyObject[] = [];
  for (let p = 1; p <= 40; p++) {
    const product: AnyObject = {name: `product ${(p * 7) % 13}-${p}`};
    if (p % 6 !== 0) product.price = ((p * 11) % 9) + 0.5;
    if (p % 3 !== 0) product.supplierId = (p % 8) + 1;
    products.push(product);
  }
  await repos.products.createAll(products as never[]);
  const categories: AnyObject[] = [];
  for (let c = 1; c <= 30; c++) categories.push({name: `category ${(c * 5) % 7}-${c}`});
  await repos.categories.createAll(categories as never[]);
  const links: AnyObject[] = [];
  for (let c = 1; c <= 30; c++) {
    if (c % 5 === 0) continue; // no links
    const n = (c * 3) % 7;
    for (let k = 0; k < n; k++) links.push({categoryId: c, productId: ((c * 13 + k * 17) % 40) + 1, position: k});
    if (c % 4 === 1) links.push({categoryId: c, productId: ((c * 13) % 40) + 1}); // duplicate
    if (c % 6 === 1) links.push({categoryId: c, productId: 999}); // dangling
    if (c % 9 === 2) links.push({categoryId: c}); // no product key
    // One product linked from every category with links (past 16 sources), twice from some.
    links.push({categoryId: c, productId: 40});
    if (c % 2 === 0) links.push({categoryId: c, productId: 40});
  }
  links.push({categoryId: 25, productId: 998}); // a category whose only link leads nowhere
  await repos.links.createAll(links as never[]);
  const reviews: AnyObject[] = [];
  for (let p = 1; p <= 40; p += 2) {
    for (let r = 0; r < p % 4; r++) reviews.push({productId: p, stars: (p + r * 3) % 5 + 1});
  }
  await repos.reviews.createAll(reviews as never[]);
}

const CATEGORY_FILTERS: [string, AnyFilter][] = [
  ['through alone', {include: ['products']}],
  ['scope where, order, fields without the key', {include: [{relation: 'products', scope: {
    where: {price: {gt: 2}}, order: ['price DESC'], fields: ['name', 'price']}}]}],
  ['limit per source', {include: [{relation: 'products', scope: {order: ['price ASC'], limit: 1}}]}],
  ['skip per source (sources paged out to [])', {include: [{relation: 'products', scope: {skip: 2}}]}],
  ['limit and skip per source', {include: [{relation: 'products', scope: {skip: 1, limit: 2, order: ['name DESC']}}]}],
  ['scope matching nothing', {include: [{relation: 'products', scope: {where: {name: 'none'}}}]}],
  ['nested belongsTo and hasMany under through', {include: [{relation: 'products', scope: {
    include: ['supplier', {relation: 'reviews', scope: {order: ['stars DESC'], limit: 2}}]}}]}],
  ['fields without the key a nested relation needs', {include: [{relation: 'products', scope: {
    fields: ['name'], include: ['supplier', 'reviews']}}]}],
  ['through under through', {include: [{relation: 'products', scope: {
    include: [{relation: 'categories', scope: {order: ['name DESC'], limit: 2}}]}}]}],
  ['root fields without the key', {fields: ['name'], include: ['products']}],
  ['root where, order, limit, skip', {where: {name: {like: '%-1%'}}, order: ['name DESC'], limit: 6, skip: 1,
    include: [{relation: 'products', scope: {order: ['price DESC'], limit: 3, include: ['supplier']}}]}],
  ['small root: one statement', {limit: 3, include: [{relation: 'products', scope: {skip: 1, include: ['reviews']}}]}],
  ['root pinned by ids', {where: {id: {inq: [1, 2, 5, 25, 26]}}, include: [{relation: 'products', scope: {
    where: {price: {lt: 6}}, limit: 2, order: ['price ASC'], include: ['supplier']}}]}],
];

const SUPPLIER_FILTERS: [string, AnyFilter][] = [
  ['through under hasMany', {include: [{relation: 'products', scope: {include: ['categories']}}]}],
  ['through under hasMany, scoped', {include: [{relation: 'products', scope: {order: ['price DESC'], include: [
    {relation: 'categories', scope: {fields: ['name'], skip: 1, limit: 1}}]}}]}],
  ['through under hasMany, small root', {limit: 2, include: [{relation: 'products', scope: {include: ['categories']}}]}],
];

const PRODUCT_FILTERS: [string, AnyFilter][] = [
  ['through beside belongsTo and hasMany', {include: ['supplier', 'categories', 'reviews']}],
  ['through under belongsTo', {include: [{relation: 'supplier', scope: {include: [{relation: 'products', scope: {
    include: ['categories']}}]}}]}],
  ['hasMany under through', {include: [{relation: 'categories', scope: {include: [{relation: 'products', scope: {
    limit: 2, include: ['reviews']}}]}}]}],
];

describeForEachSql('hasManyThrough include plans', setup => {
  let ds: DataSource;
  let repos: ThroughRepos;
  let reference: ThroughRepos;

  before(async () => {
    ds = new DataSource(setup.settings());
    repos = createThroughRepositories(ds);
    await ds.automigrate();
    await load(repos);
    reference = createThroughRepositories(new DataSource({name: 'reference', connector: 'memory'}));
    await load(reference);
  });
  after(() => ds.disconnect());

  describe('results equal the memory connector\'s', () => {
    for (const [title, filter] of CATEGORY_FILTERS) {
      it(`categories: ${title}`, async () => {
        sameJson(await repos.categories.find(filter), await reference.categories.find(filter));
      });
    }
    for (const [title, filter] of SUPPLIER_FILTERS) {
      it(`suppliers: ${title}`, async () => {
        sameJson(await repos.suppliers.find(filter), await reference.suppliers.find(filter));
      });
    }
    for (const [title, filter] of PRODUCT_FILTERS) {
      it(`products: ${title}`, async () => {
        sameJson(await repos.products.find(filter), await reference.products.find(filter));
      });
    }

    it('findById: no links → undefined, dangling links → [], duplicates once', async () => {
      for (const id of [1, 5, 25, 13]) {
        const filter = {include: ['products']};
        sameJson(await repos.categories.findById(id, filter), await reference.categories.findById(id, filter));
      }
      const none = await repos.categories.findById(5, {include: ['products']});
      assert.ok('products' in none && none.products === undefined);
      assert.deepEqual((await repos.categories.findById(25, {include: ['products']})).products, []);
      const dup = await repos.categories.find({where: {id: 13}, include: ['products']});
      const ids = dup[0].products!.map(p => p.id);
      assert.equal(new Set(ids).size, ids.length);
    });
  });

  describe('round trips', () => {
    it('a through include over every source: one statement on SQLite, root + link pairs + targets elsewhere', async () => {
      const count = countStatements(ds);
      await repos.categories.find({include: ['products']});
      // Unpaged: the link pairs, then each target row once (not once per link).
      assert.equal(count.statements, setup.dialect === 'sqlite' ? 1 : 3, count.sql.join('\n'));
      assert.equal(count.finds, 0);
    });

    it('a paged through include with nested relations never takes a statement per source', async () => {
      const count = countStatements(ds);
      await repos.categories.find({include: [{relation: 'products', scope: {limit: 2, include: ['supplier', 'reviews']}}]});
      // The to-one supplier level is batched under a large parent set (SQLite too); MariaDB batches every level.
      const expected = {sqlite: 2, postgresql: 3, mysql: 4}[setup.dialect];
      assert.equal(count.statements, expected, count.sql.join('\n'));
      assert.equal(count.finds, 0);
    });

    it('one source with a nested through include is one statement', async () => {
      const count = countStatements(ds);
      await repos.suppliers.findById(1, {include: [{relation: 'products', scope: {include: ['categories']}}]});
      assert.equal(count.statements, 1, count.sql.join('\n'));
    });

    it('explains the through level', async () => {
      const steps: IncludePlanStep[] = [];
      await repos.categories.find({include: ['products']}, {explain: (s: IncludePlanStep) => steps.push(s)});
      const step = steps.find(s => s.relation === 'Category.products');
      assert.ok(step, json(steps));
      assert.equal(step.plan, setup.dialect === 'sqlite' ? 'json' : 'batched');
    });
  });

  describe('polymorphic through relations', () => {
    it('are planned: the links of every type at once, then each linked type', async () => {
      const shipment = await repos.shipments.create({name: 's'});
      await repos.shipments.deliverables(shipment.id!).create({name: 'l'}, {polymorphicType: 'Letter'});
      const count = countStatements(ds);
      const found = await repos.shipments.find({where: {id: shipment.id}, include: ['deliverables']});
      assert.deepEqual(found[0].deliverables!.map(d => d.name), ['l']);
      // No connector find: the shipment, its links, the letters (no statement for types without links).
      assert.deepEqual([count.finds, count.statements], [0, 3]);
    });
  });
});
