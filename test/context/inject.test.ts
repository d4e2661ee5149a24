import assert from 'node:assert/strict';
import {describe, it} from 'node:test';
import {BindingScope} from '../../src/context/binding-scope';
import {Context} from '../../src/context/context';
import {Getter, Setter} from '../../src/context/getter';
import {describeInjectedArguments, describeInjectedProperties, inject} from '../../src/context/inject';
import {instantiateClass, invokeMethod} from '../../src/context/resolver';

describe('@inject constructor injection', () => {
  it('resolves constructor parameters by index', async () => {
    class Greeter {
      constructor(@inject('greeting') public greeting: string, @inject('name') public name: string) {}
    }
    const ctx = new Context('app');
    ctx.bind('greeting').to('Hello');
    ctx.bind('name').to('John');
    ctx.bind('greeter').toClass(Greeter);
    const g = ctx.getSync<Greeter>('greeter');
    assert.equal(g.greeting, 'Hello');
    assert.equal(g.name, 'John');
    assert.deepEqual(describeInjectedArguments(Greeter).map(i => i.bindingKey), ['greeting', 'name']);
  });

  it('awaits async dependencies before calling the constructor', async () => {
    const seen: unknown[] = [];
    class Service {
      constructor(@inject('db') db: {name: string}) {
        seen.push(db);
      }
    }
    const ctx = new Context('app');
    ctx.bind('db').toDynamicValue(async () => ({name: 'db'}));
    ctx.bind('service').toClass(Service);
    assert.throws(() => ctx.getSync('service'), {code: 'ASYNC_BINDING_VALUE'});
    const s = await ctx.get('service');
    assert.ok(s instanceof Service);
    assert.deepEqual(seen.at(-1), {name: 'db'});
  });

  it('reads deep properties with key#path and injects undefined for optional keys', () => {
    class Server {
      constructor(
        @inject('config#rest.port') public port: number,
        @inject('missing', {optional: true}) public missing?: string,
      ) {}
    }
    const ctx = new Context('app');
    ctx.bind('config').to({rest: {port: 3000}});
    const s = instantiateClass(Server, ctx) as Server;
    assert.equal(s.port, 3000);
    assert.equal(s.missing, undefined);
  });

  it('fails with the resolution path when a dependency is not bound', async () => {
    class CustomerRepository {
      constructor(@inject('datasources.db') public db: unknown) {}
    }
    const ctx = new Context('app');
    ctx.bind('repositories.CustomerRepository').toClass(CustomerRepository);
    await assert.rejects(ctx.get('repositories.CustomerRepository'), {
      code: 'BINDING_NOT_FOUND',
      message: "The key 'datasources.db' is not bound to any value in context app " +
        '(resolution path: repositories.CustomerRepository --> datasources.db)',
    });
  });

  it('explains a constructor parameter without @inject', async () => {
    class InfoController {
      constructor(public appName: string) {}
    }
    const ctx = new Context('app');
    ctx.bind('controllers.info').toClass(InfoController);
    await assert.rejects(ctx.get('controllers.info'), {
      code: 'INJECTION_NOT_RESOLVABLE',
      message: "The argument 'InfoController.constructor[0]' is not decorated for dependency injection but no " +
        'value was supplied by the caller. Did you forget to apply @inject() to the argument?',
    });
  });

  it('lets a subclass without its own constructor inherit the base injections', () => {
    class Base {
      constructor(@inject('x') public x: number) {}
    }
    class Derived extends Base {
      extra = 'extra';
    }
    class Redeclared extends Base {
      constructor(@inject('y') y: number) {
        super(y * 10);
      }
    }
    const ctx = new Context('app');
    ctx.bind('x').to(1);
    ctx.bind('y').to(2);
    const d = instantiateClass(Derived, ctx) as Derived;
    assert.equal(d.x, 1);
    assert.equal(d.extra, 'extra');
    assert.equal((instantiateClass(Redeclared, ctx) as Redeclared).x, 20);
  });
});

describe('@inject property injection', () => {
  it('sets injected properties after construction, awaiting async ones', async () => {
    class Controller {
      @inject('greeting') greeting!: string;
      @inject('later') later!: string;
      constructedWith: unknown;
      constructor() {
        this.constructedWith = this.greeting;
      }
    }
    const ctx = new Context('app');
    ctx.bind('greeting').to('hi');
    ctx.bind('later').toDynamicValue(async () => 'async');
    ctx.bind('c').toClass(Controller);
    const c = await ctx.get<Controller>('c');
    assert.equal(c.greeting, 'hi');
    assert.equal(c.later, 'async');
    assert.equal(c.constructedWith, undefined);
    assert.deepEqual(Object.keys(describeInjectedProperties(Controller.prototype)), ['greeting', 'later']);
  });

  it('inherits property injections from base classes', () => {
    class Base {
      @inject('a') a!: string;
    }
    class Derived extends Base {
      @inject('b') b!: string;
    }
    const ctx = new Context('app');
    ctx.bind('a').to('A');
    ctx.bind('b').to('B');
    const d = instantiateClass(Derived, ctx) as Derived;
    assert.deepEqual([d.a, d.b], ['A', 'B']);
  });

  it('refuses @inject on a static property', () => {
    assert.throws(() => {
      class Bad {
        @inject('x') static x: number;
      }
      return Bad;
    }, {code: 'INVALID_INJECTION', message: '@inject is not supported for a static property: Bad.x'});
  });
});

describe('@inject.getter, @inject.setter, @inject.context', () => {
  it('injects a lazy getter that works for a key bound later', async () => {
    class Consumer {
      constructor(@inject.getter('late') public getLate: Getter<string>) {}
    }
    const ctx = new Context('app');
    ctx.bind('consumer').toClass(Consumer);
    const c = ctx.getSync<Consumer>('consumer');
    await assert.rejects(c.getLate(), {code: 'BINDING_NOT_FOUND'});
    ctx.bind('late').to('now bound');
    assert.equal(await c.getLate(), 'now bound');
    ctx.bind('late').to('rebound');
    assert.equal(await c.getLate(), 'rebound');
  });

  it('Getter.fromValue resolves the given value', async () => {
    const g = Getter.fromValue(5);
    assert.equal(await g(), 5);
  });

  it('injects a setter and the context', () => {
    class Holder {
      constructor(
        @inject.setter('result') public setResult: Setter<string>,
        @inject.context() public ctx: Context,
      ) {}
    }
    const ctx = new Context('app');
    const h = instantiateClass(Holder, ctx) as Holder;
    assert.equal(h.ctx, ctx);
    h.setResult('set!');
    assert.equal(ctx.getSync('result'), 'set!');
  });

  it('injects the values of tagged bindings', () => {
    class Registry {
      constructor(@inject.tag('plugin') public plugins: string[]) {}
    }
    const ctx = new Context('app');
    ctx.bind('plugins.a').to('A').tag('plugin');
    ctx.bind('plugins.b').to('B').tag('plugin');
    ctx.bind('other').to('X');
    assert.deepEqual((instantiateClass(Registry, ctx) as Registry).plugins, ['A', 'B']);
  });
});

describe('resolution cycles', () => {
  it('detects a constructor cycle and names the path of keys', async () => {
    class A {
      constructor(@inject('b') public b: unknown) {}
    }
    class B {
      constructor(@inject('a') public a: unknown) {}
    }
    const ctx = new Context('app');
    ctx.bind('a').toClass(A);
    ctx.bind('b').toClass(B);
    await assert.rejects(ctx.get('a'), {code: 'CIRCULAR_DEPENDENCY', message: 'Circular dependency detected: a --> b --> a'});
    assert.throws(() => ctx.getSync('b'), {message: 'Circular dependency detected: b --> a --> b'});
  });

  it('detects a cycle through async dependencies and aliases', async () => {
    class A {
      constructor(@inject('slow') public slow: unknown, @inject('alias-of-a') public self: unknown) {}
    }
    const ctx = new Context('app');
    ctx.bind('slow').toDynamicValue(async () => 1);
    ctx.bind('a').toClass(A).inScope(BindingScope.SINGLETON);
    ctx.bind('alias-of-a').toAlias('a');
    await assert.rejects(ctx.get('a'), {message: 'Circular dependency detected: a --> alias-of-a --> a'});
  });

  it('a self-referencing property injection is a cycle too', async () => {
    class Node {
      @inject('node') next!: Node;
    }
    const ctx = new Context('app');
    ctx.bind('node').toClass(Node);
    await assert.rejects(ctx.get('node'), {message: 'Circular dependency detected: node --> node'});
  });

  it('getters break the cycle between two classes referring to each other', async () => {
    class CustomerRepo {
      constructor(@inject.getter('repos.order') public getOrders: Getter<OrderRepo>) {}
    }
    class OrderRepo {
      constructor(@inject.getter('repos.customer') public getCustomers: Getter<CustomerRepo>) {}
    }
    const ctx = new Context('app');
    ctx.bind('repos.customer').toClass(CustomerRepo).inScope(BindingScope.SINGLETON);
    ctx.bind('repos.order').toClass(OrderRepo).inScope(BindingScope.SINGLETON);
    const customers = await ctx.get<CustomerRepo>('repos.customer');
    const orders = await customers.getOrders();
    assert.ok(orders instanceof OrderRepo);
    assert.equal(await orders.getCustomers(), customers);
    assert.equal(await ctx.get('repos.order'), orders);
  });

  it('a getter may target a class that injects the caller directly', async () => {
    class CustomerRepo {
      constructor(@inject.getter('repos.order') public getOrders: Getter<OrderRepo>) {}
    }
    class OrderRepo {
      constructor(@inject('repos.customer') public customers: CustomerRepo) {}
    }
    const ctx = new Context('app');
    ctx.bind('repos.customer').toClass(CustomerRepo).inScope(BindingScope.SINGLETON);
    ctx.bind('repos.order').toClass(OrderRepo).inScope(BindingScope.SINGLETON);
    const customers = await ctx.get<CustomerRepo>('repos.customer');
    assert.equal((await customers.getOrders()).customers, customers);
  });
});

describe('singleton dependencies', () => {
  it('are resolved from the owning context, not the requesting one', async () => {
    class Store {
      constructor(@inject('hash') public hash: string) {}
    }
    const app = new Context('app');
    const req = new Context(app, 'req');
    app.bind('store').toClass(Store).inScope(BindingScope.SINGLETON);
    req.bind('hash').to('request-only');
    await assert.rejects(req.get('store'), {
      message: "The key 'hash' is not bound to any value in context app (resolution path: store --> hash)",
    });
    app.bind('hash').to('app-hash');
    const store = await req.get<Store>('store');
    assert.equal(store.hash, 'app-hash');
    assert.equal(await app.get('store'), store);
  });

  it('transient dependencies are resolved from the requesting context', async () => {
    class Handler {
      constructor(@inject('user') public user: string) {}
    }
    const app = new Context('app');
    app.bind('handler').toClass(Handler);
    const req = new Context(app, 'req');
    req.bind('user').to('alice');
    assert.equal((await req.get<Handler>('handler')).user, 'alice');
  });
});

describe('invokeMethod', () => {
  it('injects method parameters and fills the others from the given arguments', async () => {
    class Greeter {
      greet(prefix: string, @inject('user') user: string) {
        return `${prefix} ${user}`;
      }
    }
    const ctx = new Context('app');
    ctx.bind('user').toDynamicValue(async () => 'John');
    assert.equal(await invokeMethod(new Greeter(), 'greet', ctx, ['Hello']), 'Hello John');
  });
});
