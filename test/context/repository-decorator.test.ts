import assert from 'node:assert/strict';
import {describe, it} from 'node:test';
import {BindingScope} from '../../src/context/binding-scope';
import {Context} from '../../src/context/context';
import {Getter} from '../../src/context/getter';
import {describeInjectedArguments, describeInjectedProperties, inject} from '../../src/context/inject';
import {repository, repositoryBindingKey} from '../../src/context/repository-decorator';

class OrderRepository {
  kind = 'orders';
}

describe('@repository', () => {
  it('injects repositories.<ClassName> for a class and repositories.<name> for a string', () => {
    class CustomerOrdersController {
      constructor(
        @repository(OrderRepository) public byClass: OrderRepository,
        @repository('OrderRepository') public byName: OrderRepository,
      ) {}
    }
    const injections = describeInjectedArguments(CustomerOrdersController);
    assert.deepEqual(injections.map(i => i.bindingKey), ['repositories.OrderRepository', 'repositories.OrderRepository']);
    assert.equal(injections[0].metadata.decorator, '@repository');
    assert.equal(repositoryBindingKey(OrderRepository), 'repositories.OrderRepository');

    const ctx = new Context('app');
    ctx.bind('repositories.OrderRepository').toClass(OrderRepository).inScope(BindingScope.SINGLETON);
    ctx.bind('controllers.CustomerOrdersController').toClass(CustomerOrdersController);
    const c = ctx.getSync<CustomerOrdersController>('controllers.CustomerOrdersController');
    assert.ok(c.byClass instanceof OrderRepository);
    assert.equal(c.byClass, c.byName);
  });

  it('works on properties', () => {
    class Controller {
      @repository(OrderRepository) orders!: OrderRepository;
    }
    assert.equal(describeInjectedProperties(Controller.prototype).orders.bindingKey, 'repositories.OrderRepository');
  });

  it('@repository.getter injects a lazy getter of repositories.<Name>', async () => {
    class CustomerRepository {
      constructor(
        @inject('datasources.db') public db: {name: string},
        @repository.getter('OrderRepository') public orderRepositoryGetter: Getter<OrderRepository>,
        @repository.getter(OrderRepository) public byClass: Getter<OrderRepository>,
      ) {}
    }
    const injections = describeInjectedArguments(CustomerRepository);
    assert.deepEqual(injections.map(i => i.bindingKey),
      ['datasources.db', 'repositories.OrderRepository', 'repositories.OrderRepository']);
    assert.equal(injections[1].metadata.decorator, '@repository.getter');

    const ctx = new Context('app');
    ctx.bind('datasources.db').to({name: 'db'});
    ctx.bind('repositories.CustomerRepository').toClass(CustomerRepository);
    const repo = await ctx.get<CustomerRepository>('repositories.CustomerRepository');
    // Bound after the repository was created: the getter is lazy.
    ctx.bind('repositories.OrderRepository').toClass(OrderRepository).inScope(BindingScope.SINGLETON);
    const orders = await repo.orderRepositoryGetter();
    assert.equal(orders.kind, 'orders');
    assert.equal(await repo.byClass(), orders);
  });

  it('rejects a missing repository name', () => {
    assert.throws(() => repository(undefined as never), {
      code: 'INVALID_INJECTION',
      message: '@repository needs a repository class or name, got undefined',
    });
  });

  it('@repository(Model, dataSource) records an injection resolved by a function', () => {
    class Customer {}
    class Controller {
      constructor(@repository(Customer, 'db') public repo: unknown) {}
    }
    const [injection] = describeInjectedArguments(Controller);
    assert.equal(injection.bindingKey, '');
    assert.equal(typeof injection.resolve, 'function');
    assert.equal(injection.metadata.modelName, 'Customer');
    assert.equal(injection.metadata.dataSourceName, 'db');
  });
});
