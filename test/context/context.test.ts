import assert from 'node:assert/strict';
import {describe, it} from 'node:test';
import {Binding} from '../../src/context/binding';
import {BindingKey} from '../../src/context/binding-key';
import {BindingScope, BindingType} from '../../src/context/binding-scope';
import {Context} from '../../src/context/context';
import {Provider} from '../../src/context/provider';

describe('Context bindings', () => {
  it('binds a constant with to()', async () => {
    const ctx = new Context('app');
    const binding = ctx.bind('greeting').to('hello');
    assert.equal(binding.key, 'greeting');
    assert.equal(binding.type, BindingType.CONSTANT);
    assert.equal(await ctx.get('greeting'), 'hello');
    assert.equal(ctx.getSync('greeting'), 'hello');
  });

  it('refuses a promise as a constant', () => {
    const ctx = new Context('app');
    assert.throws(() => ctx.bind('p').to(Promise.resolve(1)), {
      code: 'INVALID_BINDING_VALUE',
      message: 'Promise instances are not allowed for constant values bound via ".to()". ' +
        'Register an async getter function via ".toDynamicValue()" instead.',
    });
  });

  it('binds a dynamic value (sync and async) that receives the resolution context', async () => {
    const ctx = new Context('app');
    let calls = 0;
    ctx.bind('counter').toDynamicValue(() => ++calls);
    ctx.bind('later').toDynamicValue(async () => 'async value');
    ctx.bind('who').toDynamicValue(({context, binding}) => `${binding.key}@${context.name}`);
    assert.equal(ctx.getSync('counter'), 1);
    assert.equal(await ctx.get('counter'), 2);
    assert.equal(await ctx.get('later'), 'async value');
    assert.equal(await ctx.get('who'), 'who@app');
  });

  it('binds a provider class whose value() is resolved', async () => {
    class AnswerProvider implements Provider<number> {
      value() {
        return 42;
      }
    }
    const ctx = new Context('app');
    const b = ctx.bind('answer').toProvider(AnswerProvider);
    assert.equal(b.type, BindingType.PROVIDER);
    assert.equal(b.providerConstructor, AnswerProvider);
    assert.equal(ctx.getSync('answer'), 42);
  });

  it('binds an alias, with an optional property path', async () => {
    const ctx = new Context('app');
    ctx.bind('config').to({rest: {port: 3000}});
    ctx.bind('port').toAlias('config#rest.port');
    ctx.bind('cfg').toAlias('config');
    assert.equal(await ctx.get('port'), 3000);
    assert.deepEqual(ctx.getSync('cfg'), {rest: {port: 3000}});
    assert.equal(ctx.getSync('config#rest.port'), 3000);
  });

  it('reports an alias to an unbound key', async () => {
    const ctx = new Context('app');
    ctx.bind('a').toAlias('missing');
    await assert.rejects(ctx.get('a'), {
      code: 'BINDING_NOT_FOUND',
      message: "The key 'missing' is not bound to any value in context app (resolution path: a --> missing)",
    });
  });

  it('binds a class, creating an instance per resolution by default', async () => {
    class Counter {
      count = 0;
    }
    const ctx = new Context('app');
    const b = ctx.bind('counter').toClass(Counter);
    assert.equal(b.scope, BindingScope.TRANSIENT);
    assert.equal(b.valueConstructor, Counter);
    const first = await ctx.get<Counter>('counter');
    const second = ctx.getSync<Counter>('counter');
    assert.ok(first instanceof Counter);
    assert.notEqual(first, second);
  });

  it('tags bindings and finds them by tag, key pattern and filter', () => {
    const ctx = new Context('app');
    ctx.bind('repositories.CustomerRepository').to(1).tag('repository');
    ctx.bind('repositories.OrderRepository').to(2).tag('repository', {name: 'OrderRepository'});
    ctx.bind('controllers.CustomerController').to(3).tag('controller');
    assert.deepEqual(ctx.findByTag('repository').map(b => b.key),
      ['repositories.CustomerRepository', 'repositories.OrderRepository']);
    assert.deepEqual(ctx.findByTag({name: 'OrderRepository'}).map(b => b.key), ['repositories.OrderRepository']);
    assert.deepEqual(ctx.findByTag(/^contr/).map(b => b.key), ['controllers.CustomerController']);
    assert.deepEqual(ctx.find('repositories.*').map(b => b.key),
      ['repositories.CustomerRepository', 'repositories.OrderRepository']);
    assert.deepEqual(ctx.find(/Customer/).map(b => b.key),
      ['repositories.CustomerRepository', 'controllers.CustomerController']);
    assert.deepEqual(ctx.find(b => b.tagMap.controller !== undefined).map(b => b.key), ['controllers.CustomerController']);
    assert.deepEqual(ctx.getBinding('repositories.OrderRepository').tagMap,
      {repository: 'repository', name: 'OrderRepository'});
  });

  it('adds an existing binding and unbinds keys', async () => {
    const ctx = new Context('app');
    ctx.add(new Binding('x').to(1));
    assert.equal(ctx.contains('x'), true);
    assert.equal(ctx.unbind('x'), true);
    assert.equal(ctx.unbind('x'), false);
    assert.equal(ctx.isBound('x'), false);
    await assert.rejects(ctx.get('x'), {code: 'BINDING_NOT_FOUND'});
  });

  it('refuses to rebind or unbind a locked binding', () => {
    const ctx = new Context('app');
    ctx.bind('x').to(1).lock();
    assert.throws(() => ctx.bind('x').to(2), {code: 'BINDING_LOCKED', message: 'Cannot rebind key "x" to a locked binding'});
    assert.throws(() => ctx.unbind('x'), {code: 'BINDING_LOCKED', message: 'Cannot unbind key "x" of a locked binding'});
  });

  it('rebinding a key replaces its value', () => {
    const ctx = new Context('app');
    ctx.bind('x').to(1);
    ctx.bind('x').to(2);
    assert.equal(ctx.getSync('x'), 2);
  });

  it('rejects bad keys', () => {
    const ctx = new Context('app');
    assert.throws(() => ctx.bind(''), {code: 'INVALID_BINDING_KEY', message: 'Binding key must be provided.'});
    assert.throws(() => ctx.bind('a#b'), {code: 'INVALID_BINDING_KEY', message: "Binding key a#b cannot contain '#'."});
    assert.throws(() => ctx.bind('x').toClass(undefined as never), {
      code: 'INVALID_BINDING_VALUE', message: 'Binding x: toClass() needs a class, got undefined'});
    assert.throws(() => ctx.bind('x').tag([] as never), {code: 'INVALID_BINDING_TAG'});
  });
});

describe('Context resolution', () => {
  it('rejects an unbound key with LoopBack\'s message and code BINDING_NOT_FOUND', async () => {
    const ctx = new Context('app');
    await assert.rejects(ctx.get('nope'), {
      code: 'BINDING_NOT_FOUND',
      message: "The key 'nope' is not bound to any value in context app",
    });
    assert.throws(() => ctx.getSync('nope'), {code: 'BINDING_NOT_FOUND'});
    assert.throws(() => ctx.getBinding('nope'), {code: 'BINDING_NOT_FOUND'});
  });

  it('resolves optional keys to undefined', async () => {
    const ctx = new Context('app');
    assert.equal(await ctx.get('nope', {optional: true}), undefined);
    assert.equal(ctx.getSync('nope', {optional: true}), undefined);
    assert.equal(ctx.getBinding('nope', {optional: true}), undefined);
  });

  it('getSync throws a clear error when the value needs async work', async () => {
    const ctx = new Context('app');
    ctx.bind('slow').toDynamicValue(async () => 1);
    assert.throws(() => ctx.getSync('slow'), {
      code: 'ASYNC_BINDING_VALUE',
      message: 'Cannot get slow synchronously: the value is a promise',
    });
    assert.equal(await ctx.get('slow'), 1);
  });

  it('uses typed binding keys and key#path addresses', async () => {
    const ctx = new Context('app');
    const PORT = BindingKey.create<number>('config', 'port');
    const CONFIG = BindingKey.create<{port: number}>('config');
    assert.equal(PORT.toString(), 'config#port');
    assert.equal(CONFIG.deepProperty<number>('port').toString(), 'config#port');
    ctx.bind(CONFIG).to({port: 8080});
    const port: number = await ctx.get(PORT);
    assert.equal(port, 8080);
    assert.equal(ctx.getSync(BindingKey.create<number>('config#port')), 8080);
    assert.equal(ctx.getSync('config#missing.deep'), undefined);
  });
});

describe('Context hierarchy', () => {
  it('looks keys up in parent contexts; a child binding hides the parent one', async () => {
    const app = new Context('app');
    const req = new Context(app, 'request');
    app.bind('a').to('from app');
    app.bind('b').to('b from app');
    req.bind('b').to('b from request');
    assert.equal(req.parent, app);
    assert.equal(await req.get('a'), 'from app');
    assert.equal(await req.get('b'), 'b from request');
    assert.equal(await app.get('b'), 'b from app');
    assert.equal(req.isBound('a'), true);
    assert.equal(req.contains('a'), false);
    assert.equal(app.isBound('only-child'), false);
    assert.equal(req.getOwnerContext('a'), app);
    assert.deepEqual(req.find().map(b => b.key), ['b', 'a']);
    assert.equal(req.find().find(b => b.key === 'b')?.key, 'b');
  });

  it('names the requesting context in the not-bound message', async () => {
    const app = new Context('app');
    const req = new Context(app, 'request');
    await assert.rejects(req.get('nope'), {message: "The key 'nope' is not bound to any value in context request"});
  });

  it('gives contexts a unique default name', () => {
    const a = new Context();
    const b = new Context();
    assert.match(a.name, /^Context-[0-9a-f-]{36}$/);
    assert.notEqual(a.name, b.name);
  });
});

describe('Binding scopes', () => {
  function counterContext(scope: BindingScope) {
    const app = new Context('app');
    let n = 0;
    app.bind('n').toDynamicValue(() => ++n).inScope(scope);
    return app;
  }

  it('TRANSIENT computes a value every time', () => {
    const app = counterContext(BindingScope.TRANSIENT);
    const req = new Context(app, 'req');
    assert.deepEqual([app.getSync('n'), req.getSync('n'), app.getSync('n')], [1, 2, 3]);
  });

  it('SINGLETON computes once for the owning context and its descendants', () => {
    const app = counterContext(BindingScope.SINGLETON);
    const req1 = new Context(app, 'req1');
    const req2 = new Context(app, 'req2');
    assert.deepEqual([req1.getSync('n'), app.getSync('n'), req2.getSync('n')], [1, 1, 1]);
  });

  it('CONTEXT computes once per resolving context', () => {
    const app = counterContext(BindingScope.CONTEXT);
    const req1 = new Context(app, 'req1');
    const req2 = new Context(app, 'req2');
    assert.deepEqual([app.getSync('n'), req1.getSync('n'), req1.getSync('n'), req2.getSync('n'), app.getSync('n')],
      [1, 2, 2, 3, 1]);
  });

  it('SINGLETON shares one async resolution between concurrent callers', async () => {
    const app = new Context('app');
    let created = 0;
    app.bind('slow').toDynamicValue(async () => {
      await new Promise(resolve => setImmediate(resolve));
      return {id: ++created};
    }).inScope(BindingScope.SINGLETON);
    const [a, b] = await Promise.all([app.get('slow'), app.get('slow')]);
    assert.equal(a, b);
    assert.equal(created, 1);
    // Once resolved, the cached value is available synchronously.
    assert.equal(app.getSync('slow'), a);
  });

  it('does not cache a failed SINGLETON resolution', async () => {
    const app = new Context('app');
    let attempts = 0;
    app.bind('flaky').toDynamicValue(async () => {
      if (++attempts === 1) throw new Error('first attempt fails');
      return 'ok';
    }).inScope(BindingScope.SINGLETON);
    await assert.rejects(app.get('flaky'), {message: 'first attempt fails'});
    assert.equal(await app.get('flaky'), 'ok');
  });

  it('changing the scope or the value clears the cache', () => {
    const app = new Context('app');
    let n = 0;
    const b = app.bind('n').toDynamicValue(() => ++n).inScope(BindingScope.SINGLETON);
    assert.equal(app.getSync('n'), 1);
    assert.equal(app.getSync('n'), 1);
    b.inScope(BindingScope.CONTEXT);
    assert.equal(app.getSync('n'), 2);
    b.to(100);
    assert.equal(app.getSync('n'), 100);
  });

  it('rejects an unknown scope', () => {
    const app = new Context('app');
    assert.throws(() => app.bind('x').inScope('Forever' as BindingScope), {code: 'INVALID_BINDING_SCOPE'});
  });
});

describe('Context.add typing', () => {
  it('accepts typed bindings', () => {
    const ctx = new Context('app');
    const b: Binding<string> = new Binding<string>('s').to('x');
    ctx.add(b);
    assert.equal(ctx.getSync<string>('s'), 'x');
  });
});
