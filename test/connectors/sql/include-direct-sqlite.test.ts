import assert from 'node:assert/strict';
import {mkdtempSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {after, before, describe, it} from 'node:test';
import '../../../src/connectors/sql/register';
import {SqlConnector} from '../../../src/connectors/sql/sql-connector';
import {SqlDialect} from '../../../src/connectors/sql/sql-dialect';
import {DataSource} from '../../../src/datasource/datasource';
import {IsolationLevel} from '../../../src/repository/transaction';
import {loadSqlAndReference, Repos} from './include-fixture';

const json = (v: unknown): string => JSON.stringify(v);
const FILTER = {include: [{relation: 'orders', scope: {include: ['manufacturers']}}, 'address']};

/**
 * On SQLite, include statements outside any transaction run on the
 * connection directly (no Kysely executor): the same rows as the executor
 * path, and never while a transaction holds the connection.
 */
describe('SQLite include statements run on the connection directly', () => {
  let dir: string;
  let ds: DataSource;
  let repos: Repos;
  let reference: Repos;
  let dialect: SqlDialect;
  let direct: number;

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'relata-direct-'));
    ({ds, repos, reference} = await loadSqlAndReference({name: 'db', connector: 'sqlite', file: join(dir, 'test.db')}));
    dialect = (ds.connector as SqlConnector).dialect;
    // Counts the statements that took the direct path.
    const directRows = dialect.directRows!.bind(dialect);
    dialect.directRows = (db, text, parameters) => {
      const rows = directRows(db, text, parameters);
      if (rows !== undefined) direct++;
      return rows;
    };
  });
  after(async () => {
    await ds.disconnect();
    rmSync(dir, {recursive: true, force: true});
  });

  it('gives the rows the executor path gives, and what memory gives', async () => {
    const filters = [
      {where: {id: {lt: 9}}, include: [{relation: 'orders', scope: {include: ['manufacturers']}}, 'address']},
      {include: [{relation: 'orders', scope: {where: {total: {gt: 10}}, include: ['manufacturers']}}]},
    ];
    for (const id of [1, 7, 14]) {
      direct = 0;
      const viaDirect = json(await repos.customers.findById(id, FILTER));
      assert.ok(direct > 0, 'the direct path was taken');
      const saved = dialect.directRows;
      dialect.directRows = undefined;
      try {
        assert.equal(viaDirect, json(await repos.customers.findById(id, FILTER)));
      } finally {
        dialect.directRows = saved;
      }
      assert.equal(viaDirect, json(await reference.customers.findById(id, FILTER)));
    }
    for (const filter of filters) {
      assert.equal(json(await repos.customers.find(filter)), json(await reference.customers.find(filter)));
    }
  });

  it('is not taken inside a transaction, nor beside one: a read outside it waits for it to end', async () => {
    const tx = await repos.orders.beginTransaction(IsolationLevel.SERIALIZABLE);
    let outside: Promise<unknown> | undefined;
    try {
      await repos.orders.create({description: 'uncommitted', total: 1, customerId: 1}, {transaction: tx});
      direct = 0;
      const inside = await repos.customers.findById(1, FILTER, {transaction: tx});
      assert.equal(direct, 0);
      assert.ok(inside.orders!.some(o => o.description === 'uncommitted'));
      // Without the transaction: queued behind it, never reading its uncommitted row.
      let settled = false;
      outside = repos.customers.findById(1, FILTER).then(c => {
        settled = true;
        return c;
      });
      await new Promise(resolve => setTimeout(resolve, 50));
      assert.equal(settled, false);
      assert.equal(direct, 0);
    } finally {
      await tx.rollback();
    }
    const after = await outside!;
    assert.ok(!json(after).includes('uncommitted'));
    assert.equal(json(after), json(await reference.customers.findById(1, FILTER)));
  });
});
