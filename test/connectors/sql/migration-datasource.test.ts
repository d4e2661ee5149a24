import assert from 'node:assert/strict';
import {afterEach, beforeEach, describe, it} from 'node:test';
import {AnyObject} from '../../../src/common/types';
import '../../../src/connectors/sql/register';
import {SqlDialectName} from '../../../src/connectors/sql/sql-dialect-name';
import {DataSource} from '../../../src/datasource/datasource';
import {SERVER_SETTINGS} from '../../support/database-servers';
import {createRepositories} from '../../support/models';
import {migrationDialects, openTestDatabase, readTable, TestDatabase} from './migration-fixtures';

/** Data source settings reaching the test's own schema/database/file. */
function settingsFor(t: TestDatabase, extra: AnyObject = {}): AnyObject {
  if (t.dialect === 'sqlite') return {connector: 'sqlite', file: t.name, ...extra};
  if (t.dialect === 'postgresql') return {connector: 'postgresql', ...SERVER_SETTINGS.postgresql, schema: t.name, ...extra};
  return {connector: 'mysql', ...SERVER_SETTINGS.mysql, database: t.name, ...extra};
}

function n(dialect: SqlDialectName, name: string): string {
  return dialect === 'postgresql' ? name.toLowerCase() : name;
}

for (const dialect of migrationDialects()) {
  describe(`dataSource.automigrate/autoupdate on the SQL connector [${dialect}]`, () => {
    let t: TestDatabase;
    let ds: DataSource | undefined;
    beforeEach(async () => {
      t = await openTestDatabase(dialect);
    });
    afterEach(async () => {
      await ds?.disconnect();
      ds = undefined;
      await t?.close();
    });

    it('creates the fixture tables; repositories write and the foreign key refuses a dangling order', async () => {
      ds = new DataSource({name: 'db', ...settingsFor(t)});
      const repos = createRepositories(ds);
      await ds.automigrate();
      const c = await repos.customers.create({name: 'c1'});
      const o = await repos.orders.create({description: 'o1', customerId: c.id});
      assert.deepEqual([c.id, o.id], [1, 1]);
      await assert.rejects(repos.orders.create({description: 'dangling', customerId: 999}),
        {code: 'FOREIGN_KEY_VIOLATION', statusCode: 409});
      await ds.autoupdate();
      assert.deepEqual((await repos.orders.find()).map(r => r.description), ['o1']);
      await ds.automigrate(['Order']);
      assert.equal(await repos.orders.count().then(r => r.count), 0);
      assert.equal(await repos.customers.count().then(r => r.count), 1);
    });

    it('makes no relation constraints with foreignKeyConstraints: false (indexes stay)', async () => {
      ds = new DataSource({name: 'db', ...settingsFor(t, {foreignKeyConstraints: false})});
      const repos = createRepositories(ds);
      await ds.automigrate();
      const o = await repos.orders.create({description: 'dangling', customerId: 999});
      assert.equal(o.customerId, 999);
      const order = (await readTable(t, n(dialect, 'Order')))!;
      assert.deepEqual(order.foreignKeys, []);
      assert.ok(order.indexes.some(i => i.columns.join() === n(dialect, 'customerId')));
    });
  });
}
