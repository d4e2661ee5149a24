import assert from 'node:assert/strict';
import {beforeEach, it} from 'node:test';
import {AnyObject} from '../../src/common/types';
import {countQueries, describeForEachConnector} from '../support/connectors';
import {useThroughRepositories} from '../support/through-models';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
function json(value: unknown): any {
  return JSON.parse(JSON.stringify(value));
}

/** name → names of the included products (undefined when the property is absent). */
function productNames(categories: AnyObject[]): AnyObject {
  const out: AnyObject = {};
  for (const c of json(categories)) out[c.name] = c.products?.map((p: AnyObject) => p.name);
  return out;
}

/**
 * Round trips of a find including one hasManyThrough relation over an unknown number of sources: on
 * PostgreSQL/MariaDB the root, then the link pairs and the targets (unpaged) or one link-join query (paged).
 */
function throughRoundTrips(connector: string, paged = false): number {
  if (connector === 'memory') return 3;
  return connector === 'sqlite' ? 1 : paged ? 2 : 3;
}

describeForEachConnector('hasManyThrough include', setup => {
  const fx = useThroughRepositories(setup);
  const ids: AnyObject = {};

  beforeEach(async () => {
    const {categories, products, links, suppliers, reviews} = fx.repos;
    const s1 = await suppliers.create({name: 's1'});
    ids.s1 = s1.id;
    await suppliers.create({name: 's2'});
    for (const [name, price, supplierId] of [['a', 3, s1.id], ['b', 1], ['c', 2], ['d', 5, s1.id], ['e', 4]] as const) {
      ids[name] = (await products.create({name, price, ...(supplierId ? {supplierId} : {})})).id;
    }
    for (const name of ['c1', 'c2', 'c3', 'c4']) ids[name] = (await categories.create({name})).id;
    // c1 links c, a, b (not in id order); c2 links b and d (d twice: a duplicate row written directly).
    await categories.products(ids.c1).link(ids.c);
    await categories.products(ids.c1).link(ids.a);
    await categories.products(ids.c1).link(ids.b);
    await categories.products(ids.c2).link(ids.b);
    await categories.products(ids.c2).link(ids.d);
    await links.create({categoryId: ids.c2, productId: ids.d});
    // c3 has no links; c4 links a product that does not exist.
    await links.create({categoryId: ids.c4, productId: 999});
    await reviews.create({productId: ids.a, stars: 5});
    await reviews.create({productId: ids.a, stars: 4});
    await reviews.create({productId: ids.b, stars: 3});
  });

  it('includes the linked targets in target order; no links → no property; dangling links → []', async () => {
    const q = countQueries(fx.ds);
    const found = await fx.repos.categories.find({include: ['products'], order: ['id ASC']});
    assert.deepEqual(productNames(found), {c1: ['a', 'b', 'c'], c2: ['b', 'd'], c3: undefined, c4: []});
    assert.deepEqual(json(found[0]).products[0], {id: ids.a, name: 'a', price: 3, supplierId: ids.s1});
    assert.ok('products' in found[2] && found[2].products === undefined);
    // Memory: the root query, the links of all sources, the targets of all links. SQL plans the include:
    // one statement on SQLite (JSON aggregation), the root, the link pairs and the targets elsewhere.
    assert.equal(q.finds, throughRoundTrips(setup.connector));
  });

  it('applies the scope order, where and fields (a fields list without the key still matches)', async () => {
    let found = await fx.repos.categories.find({include: [{relation: 'products', scope: {order: ['price DESC']}}]});
    assert.deepEqual(productNames(found), {c1: ['a', 'c', 'b'], c2: ['d', 'b'], c3: undefined, c4: []});
    found = await fx.repos.categories.find({
      include: [{relation: 'products', scope: {where: {price: {gte: 2}}, fields: ['name']}}],
    });
    assert.deepEqual(json(found).map((c: AnyObject) => c.products), [[{name: 'a'}, {name: 'c'}], [{name: 'd'}], undefined, []]);
  });

  it('applies scope limit and skip per source, after grouping, in two queries', async () => {
    const q = countQueries(fx.ds);
    let found = await fx.repos.categories.find({include: [{relation: 'products', scope: {order: ['price ASC'], limit: 1}}]});
    assert.deepEqual(productNames(found), {c1: ['b'], c2: ['b'], c3: undefined, c4: []});
    assert.equal(q.finds, throughRoundTrips(setup.connector, true));
    found = await fx.repos.categories.find({include: [{relation: 'products', scope: {order: ['price ASC'], skip: 1, limit: 1}}]});
    assert.deepEqual(productNames(found), {c1: ['c'], c2: ['d'], c3: undefined, c4: []});
    found = await fx.repos.categories.find({include: [{relation: 'products', scope: {skip: 2}}]});
    assert.deepEqual(productNames(found), {c1: ['c'], c2: [], c3: undefined, c4: []});
  });

  it('resolves nested includes (belongsTo, hasMany) through the target repository', async () => {
    const q = countQueries(fx.ds);
    const found = await fx.repos.categories.find({
      where: {name: {inq: ['c1', 'c2']}},
      include: [{relation: 'products', scope: {
        fields: ['name', 'supplierId'],
        include: ['supplier', {relation: 'reviews', scope: {order: ['stars ASC'], fields: ['stars']}}],
      }}],
    });
    assert.deepEqual(json(found).map((c: AnyObject) => [c.name, c.products]), [
      ['c1', [
        {name: 'a', supplierId: ids.s1, supplier: {id: ids.s1, name: 's1'}, reviews: [{stars: 4}, {stars: 5}]},
        {name: 'b', reviews: [{stars: 3}]},
        {name: 'c'},
      ]],
      ['c2', [
        {name: 'b', reviews: [{stars: 3}]},
        {name: 'd', supplierId: ids.s1, supplier: {id: ids.s1, name: 's1'}},
      ]],
    ]);
    // Memory: root + links + targets + suppliers + reviews, never one query per source. SQL plans the
    // include: from one statement (SQLite) to one per level, the through level in two (MariaDB batches each).
    if (setup.connector === 'memory') assert.equal(q.finds, 5);
    else assert.ok(q.finds >= 1 && q.finds <= 5, `${q.finds} round trips`);
  });

  it('is included below a hasMany, and from the other side of the link model', async () => {
    const found = await fx.repos.suppliers.find({include: [{relation: 'products', scope: {include: ['categories']}}]});
    assert.deepEqual(json(found).map((s: AnyObject) => [s.name, s.products?.map((p: AnyObject) =>
      [p.name, p.categories?.map((c: AnyObject) => c.name)])]), [
      ['s1', [['a', ['c1']], ['d', ['c2']]]],
      ['s2', undefined],
    ]);
    const products = await fx.repos.products.find({include: ['categories'], order: ['name ASC']});
    assert.deepEqual(json(products).map((p: AnyObject) => [p.name, p.categories?.map((c: AnyObject) => c.name)]),
      [['a', ['c1']], ['b', ['c1', 'c2']], ['c', ['c1']], ['d', ['c2']], ['e', undefined]]);
  });

  it('gives the same result when the key lists are chunked', async () => {
    const expected = productNames(await fx.repos.categories.find({include: [{relation: 'products', scope: {order: ['price DESC']}}]}));
    fx.ds.settings.inqLimit = 2;
    try {
      const found = await fx.repos.categories.find({include: [{relation: 'products', scope: {order: ['price DESC']}}]});
      assert.deepEqual(productNames(found), expected);
    } finally {
      delete fx.ds.settings.inqLimit;
    }
  });

  it('leaves the relation out when the sources are loaded without their key', async () => {
    const found = await fx.repos.categories.find({fields: ['name'], include: ['products'], where: {name: 'c1'}});
    assert.deepEqual(json(found), [{name: 'c1'}]);
  });

  it('works from findById and with a where on the root', async () => {
    const c1 = await fx.repos.categories.findById(ids.c1, {include: [{relation: 'products', scope: {where: {name: {neq: 'b'}}}}]});
    assert.deepEqual(json(c1).products.map((p: AnyObject) => p.name), ['a', 'c']);
  });

  it('rejects an invalid scope with the target repository\'s error', async () => {
    await assert.rejects(fx.repos.categories.find({include: [{relation: 'products', scope: {include: ['nope']}}]}),
      (err: Error & {code: string; statusCode: number}) => {
        assert.equal(err.message, 'Invalid "filter.include" entries: "nope"');
        assert.equal(err.statusCode, 400);
        return true;
      });
  });
});
