import {describe, it} from 'node:test';
import assert from 'node:assert/strict';
import {juggler} from 'relata';
import {describeForEachConnector, itWhen} from '../support/connectors';
import {rejection, viaCallback} from './support/lb3-helpers';

type AnyObject = {[key: string]: any};
// LoopBack 3 models are dynamic (accessors and properties come from definitions).
type Model = any;

/** Records the contexts observers see, as plain snapshots (`[operation, ctx]`). */
function recorder(Model: Model, operations: string[]) {
  const seen: [string, AnyObject][] = [];
  for (const op of operations) {
    Model.observe(op, async (ctx: AnyObject) => {
      const snap: AnyObject = {};
      for (const k of Object.keys(ctx)) {
        if (k === 'Model' || k === 'hookState' || k === 'options') continue;
        const v = ctx[k];
        snap[k] = v && typeof v.toObject === 'function' ? {instanceOf: v.constructor.modelName, ...v.toObject(true)} : structuredClone(v);
      }
      seen.push([op, snap]);
    });
  }
  return seen;
}

describeForEachConnector('LoopBack 3 operation hooks', setup => {
  async function models(settings: AnyObject = {}) {
    const ds = setup.createDataSource();
    const Item = ds.createModel('HkItem', {name: String, qty: Number, tenant: String}, settings) as Model;
    await ds.automigrate(['HkItem']);
    return {ds, Item};
  }

  describe('contexts of each operation', () => {
    it('create: before save (instance, isNewInstance), persist (data, currentInstance), loaded (data with id), after save', async () => {
      const {Item} = await models();
      const seen = recorder(Item, ['access', 'before save', 'persist', 'loaded', 'after save']);
      const created = await Item.create({name: 'a', qty: 1});
      assert.deepEqual(seen, [
        ['before save', {instance: {instanceOf: 'HkItem', name: 'a', qty: 1}, isNewInstance: true}],
        ['persist', {data: {name: 'a', qty: 1}, isNewInstance: true, currentInstance: {instanceOf: 'HkItem', name: 'a', qty: 1}}],
        ['loaded', {data: {name: 'a', qty: 1, id: created.id}, isNewInstance: true}],
        ['after save', {instance: {instanceOf: 'HkItem', name: 'a', qty: 1, id: created.id}, isNewInstance: true}],
      ]);
    });

    it('find/findOne/findById/count/exists: access (query), loaded (data) per row', async () => {
      const {Item} = await models();
      const a = await Item.create({name: 'a', qty: 1});
      const seen = recorder(Item, ['access', 'loaded']);
      await Item.find({where: {qty: 1}});
      assert.deepEqual(seen.splice(0), [
        ['access', {query: {where: {qty: 1}}}],
        ['loaded', {data: {name: 'a', qty: 1, id: a.id}, isNewInstance: false}],
      ]);
      await Item.findById(a.id);
      assert.deepEqual(seen.splice(0).map(([op]) => op), ['access', 'loaded']);
      await Item.findOne({where: {name: 'zzz'}});
      assert.deepEqual(seen.splice(0).map(([op]) => op), ['access']);
      await Item.count({qty: 1});
      assert.deepEqual(seen.splice(0), [['access', {query: {where: {qty: 1}}}]]);
      await Item.exists(a.id);
      assert.deepEqual(seen.splice(0), [['access', {query: {where: {id: a.id}}}]]);
    });

    it('updateAttributes: before save (where, data, currentInstance), persist, loaded, after save (instance)', async () => {
      const {Item} = await models();
      const a = await Item.create({name: 'a', qty: 1});
      const seen = recorder(Item, ['before save', 'persist', 'loaded', 'after save']);
      await a.updateAttributes({qty: 2});
      assert.deepEqual(seen.map(([op]) => op), ['before save', 'persist', 'loaded', 'after save']);
      assert.deepEqual(seen[0][1], {where: {id: a.id}, data: {qty: 2}, currentInstance: {instanceOf: 'HkItem', name: 'a', qty: 1, id: a.id}});
      assert.deepEqual(seen[1][1].data, {qty: 2});
      assert.equal(seen[1][1].isNewInstance, false);
      assert.deepEqual(seen[2][1], {data: {qty: 2}, isNewInstance: false});
      assert.deepEqual(seen[3][1], {instance: {instanceOf: 'HkItem', name: 'a', qty: 2, id: a.id}, isNewInstance: false});
    });

    it('save of a stored instance: before save (instance), persist (data, where), after save', async () => {
      const {Item} = await models();
      const a = await Item.create({name: 'a', qty: 1});
      const seen = recorder(Item, ['before save', 'persist', 'after save']);
      a.qty = 3;
      await a.save();
      assert.deepEqual(seen, [
        ['before save', {instance: {instanceOf: 'HkItem', name: 'a', qty: 3, id: a.id}}],
        ['persist', {data: {name: 'a', qty: 3, id: a.id}, where: {id: a.id}, currentInstance: {instanceOf: 'HkItem', name: 'a', qty: 3, id: a.id}}],
        ['after save', {instance: {instanceOf: 'HkItem', name: 'a', qty: 3, id: a.id}, isNewInstance: false}],
      ]);
    });

    it('updateAll: access (query.where), before save (where, data), persist, after save (where, data, info)', async () => {
      const {Item} = await models();
      await Item.create([{name: 'a', qty: 1}, {name: 'b', qty: 1}]);
      const seen = recorder(Item, ['access', 'before save', 'persist', 'after save']);
      await Item.updateAll({qty: 1}, {name: 'z'});
      assert.deepEqual(seen, [
        ['access', {query: {where: {qty: 1}}}],
        ['before save', {where: {qty: 1}, data: {name: 'z'}}],
        ['persist', {where: {qty: 1}, data: {name: 'z'}}],
        ['after save', {where: {qty: 1}, data: {name: 'z'}, info: {count: 2}}],
      ]);
    });

    it('replaceById: before save (instance, isNewInstance false), persist, after save', async () => {
      const {Item} = await models();
      const a = await Item.create({name: 'a', qty: 1});
      const seen = recorder(Item, ['before save', 'after save']);
      await Item.replaceById(a.id, {name: 'b'});
      assert.deepEqual(seen, [
        ['before save', {instance: {instanceOf: 'HkItem', name: 'b', id: a.id}, isNewInstance: false}],
        ['after save', {instance: {instanceOf: 'HkItem', name: 'b', id: a.id}, isNewInstance: false}],
      ]);
    });

    it('upsert without forceId: access, before save (where, data), after save (isNewInstance)', async () => {
      const {Item} = await models({forceId: false});
      const seen = recorder(Item, ['access', 'before save', 'after save']);
      await Item.upsert({id: 5, name: 'five'});
      await Item.upsert({id: 5, qty: 2});
      assert.deepEqual(seen, [
        ['access', {query: {where: {id: 5}}}],
        ['before save', {where: {id: 5}, data: {id: 5, name: 'five'}}],
        ['after save', {instance: {instanceOf: 'HkItem', name: 'five', id: 5}, isNewInstance: true}],
        ['access', {query: {where: {id: 5}}}],
        ['before save', {where: {id: 5}, data: {id: 5, qty: 2}}],
        ['after save', {instance: {instanceOf: 'HkItem', name: 'five', qty: 2, id: 5}, isNewInstance: false}],
      ]);
    });

    it('destroyAll/destroyById: access, before delete (where), after delete (where, info)', async () => {
      const {Item} = await models();
      const [a] = await Item.create([{name: 'a', qty: 1}, {name: 'b', qty: 2}]);
      const seen = recorder(Item, ['access', 'before delete', 'after delete']);
      await Item.destroyAll({qty: 2});
      await Item.destroyById(a.id);
      assert.deepEqual(seen, [
        ['access', {query: {where: {qty: 2}}}],
        ['before delete', {where: {qty: 2}}],
        ['after delete', {where: {qty: 2}, info: {count: 1}}],
        ['access', {query: {where: {id: a.id}}}],
        ['before delete', {where: {id: a.id}}],
        ['after delete', {where: {id: a.id}, info: {count: 1}}],
      ]);
    });

    it('instance destroy: before/after delete carry the instance', async () => {
      const {Item} = await models();
      const a = await Item.create({name: 'a'});
      const seen = recorder(Item, ['before delete', 'after delete']);
      await viaCallback(cb => a.destroy(cb));
      assert.deepEqual(seen, [
        ['before delete', {where: {id: a.id}, instance: {instanceOf: 'HkItem', name: 'a', id: a.id}}],
        ['after delete', {where: {id: a.id}, instance: {instanceOf: 'HkItem', name: 'a', id: a.id}, info: {count: 1}}],
      ]);
    });
  });

  describe('observers changing the operation', () => {
    it('access: ctx.query narrows every read (find, count, findById)', async () => {
      const {Item} = await models();
      await Item.create([{name: 'a', tenant: 't1'}, {name: 'b', tenant: 't2'}]);
      Item.observe('access', async (ctx: AnyObject) => {
        ctx.query.where = {and: [ctx.query.where ?? {}, {tenant: 't1'}]};
      });
      assert.deepEqual((await Item.find()).map((i: Model) => i.name), ['a']);
      assert.equal(await Item.count(), 1);
      const b = await Item.findOne({where: {name: 'b'}});
      assert.equal(b, null);
    });

    it('loaded: ctx.data changes what find returns', async () => {
      const {Item} = await models();
      await Item.create({name: 'a', qty: 1});
      Item.observe('loaded', (ctx: AnyObject, next: Function) => {
        ctx.data.name = ctx.data.name.toUpperCase();
        next();
      });
      const [found] = await Item.find();
      assert.equal(found.name, 'A');
      assert.equal(found.isNewRecord(), false);
    });

    it('before save: ctx.instance (create) and ctx.data (patch, updateAll) changes are written', async () => {
      const {Item} = await models();
      Item.observe('before save', async (ctx: AnyObject) => {
        if (ctx.instance) ctx.instance.tenant = 'from-instance';
        else ctx.data.tenant = 'from-data';
      });
      const a = await Item.create({name: 'a'});
      assert.equal((await Item.findById(a.id)).tenant, 'from-instance');
      await a.updateAttributes({qty: 1});
      assert.equal((await Item.findById(a.id)).tenant, 'from-data');
      await Item.updateAll({}, {tenant: 'x'});
      assert.equal((await Item.findById(a.id)).tenant, 'from-data');
    });

    it('persist: ctx.data changes are stored', async () => {
      const {Item} = await models();
      Item.observe('persist', async (ctx: AnyObject) => {
        ctx.data.tenant = 'persisted';
      });
      const a = await Item.create({name: 'a'});
      assert.equal((await Item.findById(a.id)).tenant, 'persisted');
    });

    it('before delete: ctx.where changes what is deleted', async () => {
      const {Item} = await models();
      await Item.create([{name: 'a', tenant: 't1'}, {name: 'b', tenant: 't2'}]);
      Item.observe('before delete', async (ctx: AnyObject) => {
        ctx.where = {and: [ctx.where, {tenant: 't1'}]};
      });
      assert.deepEqual(await Item.destroyAll(), {count: 1});
      assert.deepEqual((await Item.find()).map((i: Model) => i.name), ['b']);
    });

    it('an observer error aborts the operation (promise and callback) and nothing is written', async () => {
      const {Item} = await models();
      Item.observe('before save', async (ctx: AnyObject) => {
        if (ctx.instance?.name === 'bad' || ctx.data?.name === 'bad') throw Object.assign(new Error('refused'), {statusCode: 403});
      });
      const err = await rejection(Item.create({name: 'bad'}));
      assert.equal(err.message, 'refused');
      assert.equal(err.statusCode, 403);
      await assert.rejects(viaCallback(cb => Item.create({name: 'bad'}, cb)), /refused/);
      const ok = await Item.create({name: 'ok'});
      await assert.rejects(ok.updateAttributes({name: 'bad'}), /refused/);
      assert.deepEqual((await Item.find()).map((i: Model) => i.name), ['ok']);
      Item.observe('before delete', (_ctx: AnyObject, next: Function) => next(new Error('keep it')));
      await assert.rejects(Item.destroyAll(), /keep it/);
      assert.equal(await Item.count(), 1);
    });

    it('hookState is shared by the observers of one operation; options reach them', async () => {
      const {Item} = await models();
      const states: AnyObject[] = [];
      Item.observe('before save', async (ctx: AnyObject) => {
        ctx.hookState.started = ctx.options.user;
      });
      Item.observe('after save', async (ctx: AnyObject) => {
        states.push({...ctx.hookState});
      });
      await Item.create({name: 'a'}, {user: 'ann'});
      await viaCallback(cb => Item.create({name: 'b'}, {user: 'bob'}, cb));
      assert.deepEqual(states, [{started: 'ann'}, {started: 'bob'}]);
    });

    it('{notify: false} skips access and loaded on find, after save on create', async () => {
      const {Item} = await models();
      const seen = recorder(Item, ['access', 'loaded', 'after save']);
      await Item.create({name: 'a'}, {notify: false});
      await Item.find({}, {notify: false});
      assert.deepEqual(seen.map(([op]) => op), ['loaded']);
    });
  });

  describe('observer styles and registry', () => {
    it('async functions, (ctx, next), promise-returning and synchronous one-parameter observers run in order', async () => {
      const {Item} = await models();
      const order: string[] = [];
      Item.observe('before save', async () => {
        await new Promise(r => setTimeout(r, 5));
        order.push('async');
      });
      Item.observe('before save', (_ctx: AnyObject, next: Function) => {
        setTimeout(() => {
          order.push('next');
          next();
        }, 1);
      });
      Item.observe('before save', () => Promise.resolve().then(() => order.push('promise')));
      Item.observe('before save', (_ctx: AnyObject) => {
        order.push('sync');
      });
      await Item.create({name: 'a'});
      assert.deepEqual(order, ['async', 'next', 'promise', 'sync']);
    });

    it('removeObserver, clearObservers and notifyObserversOf (promise and callback)', async () => {
      const {Item} = await models();
      const calls: string[] = [];
      const one = async () => {
        calls.push('one');
      };
      const two = async () => {
        calls.push('two');
      };
      Item.observe('custom', one);
      Item.observe('custom', two);
      const ctx = await Item.notifyObserversOf('custom', {x: 1});
      assert.deepEqual(ctx, {x: 1});
      Item.removeObserver('custom', one);
      const [err, cbCtx] = await new Promise<any[]>(resolve => Item.notifyObserversOf('custom', {y: 2}, (...a: any[]) => resolve(a)));
      assert.equal(err, null);
      assert.deepEqual(cbCtx, {y: 2});
      Item.clearObservers('custom');
      await Item.notifyObserversOf('custom', {});
      assert.deepEqual(calls, ['one', 'two', 'two']);
      Item.observe('a', async (c: AnyObject) => {
        c.trail.push('a');
      });
      Item.observe('b', async (c: AnyObject) => {
        c.trail.push('b');
      });
      assert.deepEqual((await Item.notifyObserversOf(['a', 'b'], {trail: []})).trail, ['a', 'b']);
      assert.throws(() => Item.observe('before save', 'nope'), /needs a function/);
    });

    it("a base model's observers run for its subclasses, before the subclass's own", async () => {
      const ds = setup.createDataSource();
      const Base = ds.createModel('HkBase', {name: String}) as Model;
      const Sub = ds.createModel('HkSub', {rank: Number}, {base: 'HkBase'}) as Model;
      await ds.automigrate(['HkBase', 'HkSub']);
      const order: string[] = [];
      Base.observe('before save', async (ctx: AnyObject) => {
        order.push(`base:${ctx.Model.modelName}`);
      });
      Sub.observe('before save', async () => {
        order.push('sub');
      });
      await Sub.create({name: 'x', rank: 1});
      await Base.create({name: 'y'});
      assert.deepEqual(order, ['base:HkSub', 'sub', 'base:HkBase']);
    });
  });

  describe('hooks fire for what relations do', () => {
    async function related() {
      const ds = setup.createDataSource();
      const Customer = ds.createModel('HkCustomer', {name: String}) as Model;
      const Order = ds.createModel('HkOrder', {total: Number}) as Model;
      Customer.hasMany(Order, {as: 'orders', foreignKey: 'customerId'});
      Order.belongsTo(Customer, {as: 'customer', foreignKey: 'customerId'});
      await ds.automigrate(['HkCustomer', 'HkOrder']);
      return {ds, Customer, Order};
    }

    it('customer.orders.create / find / destroyAll notify the Order observers', async () => {
      const {Customer, Order} = await related();
      const ann = await Customer.create({name: 'Ann'});
      const seen = recorder(Order, ['access', 'before save', 'after save', 'before delete', 'after delete']);
      const order = await ann.orders.create({total: 5});
      assert.deepEqual(seen.splice(0).map(([op, ctx]) => [op, ctx.instance?.customerId]), [['before save', ann.id], ['after save', ann.id]]);
      await viaCallback(cb => ann.orders({where: {total: 5}}, cb));
      assert.deepEqual(seen.splice(0).map(([op]) => op), ['access']);
      await ann.orders.destroyAll();
      assert.deepEqual(seen.splice(0).map(([op]) => op), ['access', 'before delete', 'after delete']);
      assert.equal(await Order.exists(order.id), false);
    });

    it('an Order access observer narrows includes and accessors; loaded changes included data', async () => {
      const {Customer, Order} = await related();
      const ann = await Customer.create({name: 'Ann'});
      await ann.orders.create([{total: 5}, {total: 50}]);
      Order.observe('access', async (ctx: AnyObject) => {
        ctx.query.where = {and: [ctx.query.where ?? {}, {total: {lt: 10}}]};
      });
      Order.observe('loaded', async (ctx: AnyObject) => {
        ctx.data.total = ctx.data.total * 2;
      });
      const [found] = await Customer.find({include: 'orders'});
      assert.deepEqual(found.toJSON().orders.map((o: AnyObject) => o.total), [10]);
      assert.deepEqual((await ann.orders.find()).map((o: Model) => o.total), [10]);
      const Cust = Customer;
      Cust.observe('access', async (ctx: AnyObject) => {
        ctx.hookState.seen = true;
      });
      const order = await Order.findOne();
      assert.equal((await order.customer.get()).name, 'Ann');
    });

    itWhen(setup.connector !== 'memory')('without observers the include planner loads the tree; observers switch to the resolvers', async () => {
      const {ds, Customer, Order} = await related();
      const ann = await Customer.create({name: 'Ann'});
      await ann.orders.create([{total: 1}, {total: 2}]);
      const connector = ds.connector as AnyObject;
      const findTree = connector.findTree.bind(connector);
      let planned = 0;
      connector.findTree = (...args: unknown[]) => {
        planned++;
        return findTree(...args);
      };
      const plain = (await Customer.find({include: 'orders'}))[0].toJSON();
      assert.equal(planned, 1, 'the connector loads customers with their orders as one include tree');
      Order.observe('loaded', async () => undefined);
      const observed = (await Customer.find({include: 'orders'}))[0].toJSON();
      assert.equal(planned, 1, 'the Order repository runs its own find for the observers');
      assert.deepEqual(observed, plain);
      Order.clearObservers('loaded');
      await Customer.find({include: 'orders'});
      assert.equal(planned, 2, 'planned again once no observer is left');
    });
  });
});

describe('LoopBack 3 operation hooks on PersistedModel itself', () => {
  it('apply to every model', async () => {
    const ds = new juggler.DataSource('memory');
    const A = ds.createModel('HkGlobalA', {name: String}) as Model;
    const seen: string[] = [];
    const observer = async (ctx: AnyObject) => {
      seen.push(ctx.Model.modelName);
    };
    juggler.PersistedModel.observe('after save', observer);
    try {
      await A.create({name: 'x'});
    } finally {
      juggler.PersistedModel.removeObserver('after save', observer);
    }
    await A.create({name: 'y'});
    assert.deepEqual(seen, ['HkGlobalA']);
  });
});
