import assert from 'node:assert/strict';
import {after, before, it} from 'node:test';
import '../../../src/connectors/sql/register';
import {DataSource} from '../../../src/datasource/datasource';
import {Filter} from '../../../src/filter/types';
import {loadSqlAndReference, Repos} from './include-fixture';
import {describeForEachSql} from './sql-setups';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyFilter = Filter<any>;

const json = (v: unknown): string => JSON.stringify(v);

/**
 * Include plans are reused per query shape (only bound values differ): the
 * same shape asked with other values, in any order and concurrently, must
 * give exactly what the memory connector gives.
 */
describeForEachSql('include plans reused per query shape', setup => {
  let ds: DataSource;
  let repos: Repos;
  let reference: Repos;

  before(async () => {
    ({ds, repos, reference} = await loadSqlAndReference(setup.settings()));
  });
  after(() => ds.disconnect());

  const same = async (filter: AnyFilter) =>
    assert.equal(json(await repos.customers.find(filter)), json(await reference.customers.find(filter)), json(filter));

  it('findById of other ids with the same include', async () => {
    const filter = {include: [{relation: 'orders', scope: {include: ['manufacturers']}}, 'address']};
    for (const id of [1, 7, 1, 14, 6, 7, 3]) {
      assert.equal(json(await repos.customers.findById(id, filter)), json(await reference.customers.findById(id, filter)));
    }
  });

  it('where values of the root and of JSON levels rebound in statement order', async () => {
    for (const [root, total, maker] of [[3, 0, 'a'], [9, 10, 'b'], [3, 10, 'c'], [21, 0, 'a']] as const) {
      await same({where: {id: {lt: root}}, limit: 5, include: [{relation: 'orders', scope: {
        where: {total: {gt: total}}, include: [{relation: 'manufacturers', scope: {where: {name: {like: `%${maker}%`}}}}]}}]});
    }
  });

  it('shapes differing only in how many values or how the id is pinned', async () => {
    const include = [{relation: 'orders', scope: {include: ['manufacturers']}}];
    for (const ids of [[1], [1, 2], [2], [7, 14, 3], [5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26]]) {
      await same({where: {id: {inq: ids}}, include});
    }
    await same({where: {id: 4}, include});
    await same({where: {id: {eq: 4}}, include});
    await same({where: {id: {eq: 5}}, limit: 1, include});
    await same({where: {id: 5}, limit: 1, include});
    await same({where: {name: null}, include});
    await same({where: {name: {like: '%A%', options: 'i'}}, include});
    await same({where: {name: {like: '%A%'}}, include});
  });

  it('concurrent calls of one shape keep their own values', async () => {
    const filter = (id: number) => ({where: {id: {inq: [id, id + 1]}}, include: [{relation: 'orders', scope: {
      where: {total: {gte: id % 3}}, include: ['manufacturers']}}]});
    const ids = [1, 4, 7, 10, 13, 16, 19, 22];
    const found = await Promise.all(ids.map(id => repos.customers.find(filter(id))));
    for (let i = 0; i < ids.length; i++) assert.equal(json(found[i]), json(await reference.customers.find(filter(ids[i]))));
  });
});
