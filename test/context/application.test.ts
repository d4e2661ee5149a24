import assert from 'node:assert/strict';
import {describe, it} from 'node:test';
import {Application} from '../../src/context/application';
import {injectable, lifeCycleObserver} from '../../src/context/binding-decorator';
import {BindingScope} from '../../src/context/binding-scope';
import {Context} from '../../src/context/context';
import {Getter} from '../../src/context/getter';
import {inject} from '../../src/context/inject';
import {repository} from '../../src/context/repository-decorator';

class FakeDataSource {
  migrations: string[] = [];
  constructor(public name: string) {}
  async automigrate(models?: string[]) {
    this.migrations.push(`automigrate ${models?.join(',') ?? 'all'}`);
  }
  async autoupdate(models?: string[]) {
    this.migrations.push(`autoupdate ${models?.join(',') ?? 'all'}`);
  }
}

let created = 0;

class CustomerRepository {
  id = ++created;
  constructor(
    @inject('datasources.db') public dataSource: FakeDataSource,
    @repository.getter('OrderRepository') public orderRepositoryGetter: Getter<OrderRepository>,
  ) {}
}

class OrderRepository {
  id = ++created;
  constructor(
    @inject('datasources.db') public dataSource: FakeDataSource,
    @repository.getter('CustomerRepository') public customerRepositoryGetter: Getter<CustomerRepository>,
  ) {}
}

class CustomerOrdersController {
  constructor(@repository(CustomerRepository) public customerRepository: CustomerRepository) {}
}

function createApp() {
  const app = new Application();
  const db = new FakeDataSource('db');
  app.dataSource(db);
  app.repository(CustomerRepository);
  app.repository(OrderRepository);
  app.controller(CustomerOrdersController);
  return {app, db};
}

describe('Application', () => {
  it('is a context named after its class, bound to application.instance', () => {
    const app = new Application();
    assert.ok(app instanceof Context);
    assert.equal(app.name, 'Application');
    assert.equal(app.getSync('application.instance'), app);
    class TodoApplication extends Application {}
    assert.equal(new TodoApplication().name, 'TodoApplication');
    assert.equal(new Application({name: 'shop'}).name, 'shop');
  });

  it('binds datasources, repositories and controllers under LoopBack\'s keys', () => {
    const {app, db} = createApp();
    assert.equal(app.getSync('datasources.db'), db);
    assert.deepEqual(app.findByTag('datasource').map(b => b.key), ['datasources.db']);
    assert.deepEqual(app.findByTag('repository').map(b => b.key),
      ['repositories.CustomerRepository', 'repositories.OrderRepository']);
    assert.deepEqual(app.findByTag('controller').map(b => b.key), ['controllers.CustomerOrdersController']);
    assert.equal(app.getBinding('repositories.CustomerRepository').scope, BindingScope.SINGLETON);
    app.dataSource(new FakeDataSource('ignored'), 'other');
    assert.equal(app.isBound('datasources.other'), true);
  });

  it('binds a datasource class as a singleton under its dataSourceName', async () => {
    class DbDataSource extends FakeDataSource {
      static dataSourceName = 'mem';
      constructor() {
        super('mem');
      }
    }
    const app = new Application();
    app.dataSource(DbDataSource);
    const ds = await app.get('datasources.mem');
    assert.ok(ds instanceof DbDataSource);
    assert.equal(await app.get('datasources.mem'), ds);
  });

  it('creates one repository instance per app, shared through getters', async () => {
    const {app, db} = createApp();
    const customers = await app.getRepository(CustomerRepository);
    assert.ok(customers instanceof CustomerRepository);
    assert.equal(customers.dataSource, db);
    assert.equal(await app.getRepository(CustomerRepository), customers);
    const orders = await customers.orderRepositoryGetter();
    assert.equal(orders, await app.getRepository(OrderRepository));
    assert.equal(await orders.customerRepositoryGetter(), customers);
  });

  it('creates controllers with their repositories injected', async () => {
    const {app} = createApp();
    const c1 = await app.get<CustomerOrdersController>('controllers.CustomerOrdersController');
    const c2 = await app.get<CustomerOrdersController>('controllers.CustomerOrdersController');
    assert.notEqual(c1, c2);
    assert.equal(c1.customerRepository, c2.customerRepository);
    assert.equal(c1.customerRepository, await app.getRepository(CustomerRepository));
  });

  it('takes explicit binding names', async () => {
    const app = new Application();
    app.dataSource(new FakeDataSource('db'));
    app.repository(OrderRepository, 'Orders');
    app.controller(CustomerOrdersController, 'co');
    assert.equal(app.isBound('repositories.Orders'), true);
    assert.equal(app.isBound('controllers.co'), true);
  });

  it('applies @injectable and @lifeCycleObserver templates of the bound class', () => {
    @injectable({scope: BindingScope.TRANSIENT, tags: ['audited']})
    class TransientRepository {}
    @lifeCycleObserver('datasource')
    class MemoryDataSource extends FakeDataSource {
      static dataSourceName = 'memory';
      constructor() {
        super('memory');
      }
    }
    const app = new Application();
    const repo = app.repository(TransientRepository);
    assert.equal(repo.scope, BindingScope.TRANSIENT);
    assert.equal(repo.tagMap.audited, 'audited');
    const ds = app.dataSource(MemoryDataSource);
    assert.equal(ds.key, 'datasources.memory');
    assert.equal(ds.scope, BindingScope.SINGLETON);
    assert.deepEqual(ds.tagMap, {datasource: 'datasource', lifeCycleObserver: 'lifeCycleObserver', lifeCycleObserverGroup: 'datasource'});
  });

  it('migrateSchema runs autoupdate, or automigrate for existingSchema drop', async () => {
    const {app, db} = createApp();
    await app.migrateSchema();
    await app.migrateSchema({existingSchema: 'drop', models: ['Customer']});
    assert.deepEqual(db.migrations, ['autoupdate all', 'automigrate Customer']);
  });

  it('rejects bad arguments with clear errors', async () => {
    const app = new Application();
    assert.throws(() => app.dataSource({} as never), {
      code: 'INVALID_DATASOURCE',
      message: 'app.dataSource(): the datasource has no name; pass one as the second argument',
    });
    assert.throws(() => app.repository(undefined as never), {code: 'INVALID_ARGUMENT', message: 'app.repository() needs a class, got undefined'});
    await assert.rejects(app.getRepository(CustomerRepository), {
      code: 'BINDING_NOT_FOUND',
      message: "The key 'repositories.CustomerRepository' is not bound to any value in context Application",
    });
  });
});
