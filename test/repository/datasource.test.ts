import assert from 'node:assert/strict';
import {mkdtempSync, readFileSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {describe, it} from 'node:test';
import {Application, DefaultCrudRepository, inject, juggler, repository} from '../../src';
import {Customer} from '../support/models';
import {SERVER_SETTINGS} from '../support/database-servers';

describe('DataSource settings', () => {
  it('accepts the forms LoopBack users write', () => {
    assert.equal(new juggler.DataSource({name: 'db', connector: 'memory'}).name, 'db');
    assert.equal(new juggler.DataSource('memory').connector.name, 'memory');
    assert.equal(new juggler.DataSource('db', {connector: 'memory'}).name, 'db');
    assert.equal(new juggler.DataSource().connector.name, 'memory');
    assert.equal(new juggler.DataSource({connector: {name: 'memory'}}).connector.name, 'memory');
    assert.equal(juggler.Schema, juggler.DataSource);
  });

  it('rejects an unknown connector with a clear error', () => {
    assert.throws(() => new juggler.DataSource({connector: 'nosuchdb'}), (err: Error & {code: string}) => {
      assert.equal(err.code, 'CONNECTOR_NOT_FOUND');
      assert.match(err.message, /Connector "nosuchdb" is not supported/);
      return true;
    });
  });

  it('automigrate, autoupdate, disconnect and deleteAllModels succeed on memory (callbacks too)', async () => {
    const ds = new juggler.DataSource('memory');
    const repo = new DefaultCrudRepository(Customer, ds);
    await repo.create({name: 'a'});
    await ds.autoupdate();
    assert.deepEqual(await repo.count(), {count: 1});
    await new Promise<void>((resolve, reject) => ds.automigrate(err => (err ? reject(err) : resolve())));
    assert.deepEqual(await repo.count(), {count: 0});
    assert.deepEqual(Object.keys(ds.definitions), ['Customer']);
    ds.deleteAllModels();
    assert.deepEqual(Object.keys(ds.definitions), []);
    await ds.disconnect();
  });

  it('memory transactions are refused with a code', async () => {
    await assert.rejects(new juggler.DataSource('memory').beginTransaction({}), {code: 'TRANSACTIONS_NOT_SUPPORTED'});
  });

  it('a file-backed memory data source keeps data across restarts', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'relata-ds-'));
    try {
      const file = join(dir, 'db.json');
      const ds1 = new juggler.DataSource({name: 'db', connector: 'memory', file});
      await new DefaultCrudRepository(Customer, ds1).create({name: 'kept', secret: 's'});
      await ds1.disconnect();
      const stored = JSON.parse(readFileSync(file, 'utf8'));
      assert.deepEqual(Object.keys(stored.models), ['Customer']);
      const ds2 = new juggler.DataSource({name: 'db', connector: 'memory', file});
      const repo2 = new DefaultCrudRepository(Customer, ds2);
      assert.deepEqual((await repo2.find()).map(c => c.toObject()), [{id: 1, name: 'kept', secret: 's'}]);
      assert.equal((await repo2.create({name: 'next'})).id, 2);
    } finally {
      rmSync(dir, {recursive: true, force: true});
    }
  });
});

describe('@repository(Model, dataSourceName)', () => {
  it('injects a DefaultCrudRepository for the model on that data source', async () => {
    class CustomerService {
      constructor(@repository(Customer, 'db') public customers: DefaultCrudRepository<Customer, number>) {}
    }
    const app = new Application();
    const ds = new juggler.DataSource({name: 'db', connector: 'memory'});
    app.dataSource(ds);
    app.bind('services.CustomerService').toClass(CustomerService);
    const service = await app.get<CustomerService>('services.CustomerService');
    assert.ok(service.customers instanceof DefaultCrudRepository);
    await service.customers.create({name: 'x'});
    assert.deepEqual((await service.customers.find()).map(c => c.name), ['x']);
    assert.equal(service.customers.dataSource, ds);
  });

  it('@inject resolves data sources bound by the application', async () => {
    class Repo extends DefaultCrudRepository<Customer, number> {
      constructor(@inject('datasources.db') db: juggler.DataSource) {
        super(Customer, db);
      }
    }
    const app = new Application();
    app.dataSource(new juggler.DataSource({name: 'db', connector: 'memory'}));
    app.repository(Repo);
    const repo = await app.getRepository(Repo);
    assert.equal(repo, await app.get('repositories.Repo'));
  });
});

describe('SQL data source settings LoopBack users write', () => {
  const {postgresql: pg, mysql: my} = SERVER_SETTINGS;
  const forms: [string, Record<string, unknown>][] = [
    ['postgresql host/port/user/database', {name: 'db', connector: 'postgresql', host: pg.host, port: pg.port, user: pg.user, password: pg.password, database: pg.database}],
    ['postgresql url', {connector: 'postgresql', url: `postgres://${pg.user}@${pg.host}:${pg.port}/${pg.database}`}],
    ['mysql host/port/user/database', {connector: 'mysql', host: my.host, port: my.port, user: my.user, password: my.password, database: my.database}],
    ['mysql url', {connector: 'mysql', url: `mysql://${my.user}@${my.host}:${my.port}/${my.database}`}],
    ['sqlite file :memory:', {connector: 'sqlite', file: ':memory:'}],
    ['sqlite3 alias', {connector: 'sqlite3', file: ':memory:'}],
    ['connector module object naming postgresql', {connector: {name: 'postgresql'}, host: pg.host, port: pg.port, user: pg.user, database: pg.database}],
  ];
  for (const [title, settings] of forms) {
    it(`connects with ${title}`, async () => {
      const ds = new juggler.DataSource(settings);
      try {
        const rows = await ds.execute(ds.connector.name === 'postgresql' ? 'SELECT 1 + $1 AS two' : 'SELECT 1 + ? AS two', [1]);
        assert.deepEqual(rows, [{two: 2}]);
        assert.equal(ds.isRelational(), true);
      } finally {
        await ds.disconnect();
      }
    });
  }
});
