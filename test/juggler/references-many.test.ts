import assert from 'node:assert/strict';
import {before, beforeEach, describe, it} from 'node:test';
// The LoopBack 3 face registers its relation types when relata is loaded.
import 'relata';
import type {PersistedModelClass} from '../../src/juggler/persisted-model';
import type {JugglerDataSource} from '../../src/juggler/juggler-datasource';
import {countQueries, describeForEachConnector} from '../support/connectors';
import {json, viaCallback} from './support/lb3-helpers';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Any = any;

function labels(list: Any[]): string[] {
  return list.map(x => x.label);
}

describeForEachConnector('LoopBack 3 referencesMany', setup => {
  let ds: JugglerDataSource;
  let Customer: PersistedModelClass;
  let Account: PersistedModelClass;
  let Bank: PersistedModelClass;

  before(async () => {
    ds = setup.createDataSource();
    Customer = ds.createModel('RmCustomer', {name: String, tier: String});
    Account = ds.createModel('RmAccount', {label: String, kind: String, tier: String});
    Bank = ds.createModel('RmBank', {name: String});
    Account.belongsTo(Bank);
    Customer.referencesMany(Account);
    Customer.referencesMany(Account, {
      as: 'savings', foreignKey: 'savingIds', scope: {where: {kind: 'saving'}}, properties: {tier: 'tier'},
    });
    Customer.referencesMany(Account, {as: 'hiddenAccounts', foreignKey: 'hiddenIds', options: {disableInclude: true}});
  });

  beforeEach(async () => {
    await ds.automigrate(['RmCustomer', 'RmAccount', 'RmBank']);
  });

  describe('definition', () => {
    it('declares the id array with LoopBack 3 names', () => {
      assert.deepEqual(Customer.relations.rmAccounts.toJSON(), {
        name: 'rmAccounts', type: 'referencesMany', modelFrom: 'RmCustomer', keyFrom: 'rmAccountIds',
        modelTo: 'RmAccount', keyTo: 'id', multiple: true,
      });
      const prop = Customer.definition.properties.rmAccountIds;
      assert.equal(prop.type, 'array');
      assert.equal(prop.itemType, 'number');
      assert.deepEqual(prop.default, []);
      assert.deepEqual(json(new Customer({name: 'x'})).rmAccountIds, []);
      assert.equal(typeof (Customer.prototype as Any).__link__rmAccounts, 'function');
      assert.equal((Customer.prototype as Any).__exists__rmAccounts, undefined);
    });

    it('rejects a relation named like its own key property', () => {
      const M = ds.createModel('RmOther', {name: String});
      assert.throws(() => M.referencesMany(Account, {as: 'ids', foreignKey: 'ids'}), {code: 'RELATION_NAME_CONFLICT'});
    });
  });

  describe('methods', () => {
    let cust: Any;

    beforeEach(async () => {
      cust = await Customer.create({name: 'Ann', tier: 'gold'});
    });

    it('create saves the target and the id list (promise and callback)', async () => {
      const a1 = await cust.rmAccounts.create({label: 'a1'});
      const a2: Any = await viaCallback(cb => cust.rmAccounts.create({label: 'a2'}, cb));
      assert.deepEqual(cust.rmAccountIds, [a1.id, a2.id]);
      const stored = await Customer.findById(cust.id) as Any;
      assert.deepEqual(stored.rmAccountIds, [a1.id, a2.id], 'the array round-trips through the store');
      assert.deepEqual(labels(await Account.find({order: 'label ASC'})), ['a1', 'a2']);
    });

    it('reads the targets in id-list order; a filter narrows, an order reorders', async () => {
      const [x, y, z] = await Account.create([{label: 'x'}, {label: 'y'}, {label: 'z'}]) as Any[];
      await Customer.updateAll({id: cust.id}, {rmAccountIds: [z.id, x.id, y.id]});
      cust = await Customer.findById(cust.id);
      const all = await viaCallback<Any[]>(cb => cust.rmAccounts(cb));
      assert.deepEqual(labels(all), ['z', 'x', 'y']);
      assert.equal(cust.rmAccounts(), all, 'cached');
      assert.deepEqual(labels(await cust.rmAccounts.find({where: {label: {neq: 'x'}}})), ['z', 'y']);
      assert.deepEqual(labels(await cust.rmAccounts({order: 'label ASC'})), ['x', 'y', 'z']);
      assert.deepEqual(labels(await viaCallback(cb => cust.rmAccounts.find({order: 'label DESC'}, cb))), ['z', 'y', 'x']);
      assert.equal((await cust.rmAccounts.findOne()).label, 'z');
      assert.deepEqual(await (await Customer.create({name: 'Bob'}) as Any).rmAccounts.find(), []);
    });

    it('findById: 404 for a missing target, Key mismatch for one not in the list', async () => {
      const a1 = await cust.rmAccounts.create({label: 'a1'});
      const a2 = await cust.rmAccounts.create({label: 'a2'});
      const other = await Account.create({label: 'other'}) as Any;
      assert.equal((await cust.rmAccounts.findById(a1.id)).label, 'a1');
      assert.equal((await viaCallback(cb => cust.rmAccounts.findById(a2.id, cb))).label, 'a2');
      await assert.rejects(cust.rmAccounts.findById(999), {
        statusCode: 404, message: 'No instance with id 999 found for RmAccount',
      });
      await assert.rejects(viaCallback(cb => cust.rmAccounts.findById(other.id, cb)), {
        statusCode: 400, message: `Key mismatch: RmCustomer.rmAccountIds: ${a1.id},${a2.id}, RmAccount.id: ${other.id}`,
      });
      assert.equal((await cust.rmAccounts.at(1)).label, 'a2');
      assert.equal((await viaCallback(cb => cust.rmAccounts.at(0, cb))).label, 'a1');
    });

    it('exists answers from the id list without a query', async () => {
      const a1 = await cust.rmAccounts.create({label: 'a1'});
      const counter = countQueries(ds);
      counter.reset();
      assert.equal(await cust.rmAccounts.exists(a1.id), true);
      assert.equal(await cust.rmAccounts.exists(String(a1.id)), true);
      assert.equal(await viaCallback(cb => cust.rmAccounts.exists(a1.id + 100, cb)), false);
      assert.equal(counter.finds, 0);
    });

    it('add pushes an instance or an id; unknown ids give null; duplicates are rejected', async () => {
      const [x, y] = await Account.create([{label: 'x'}, {label: 'y'}]) as Any[];
      const added = await cust.rmAccounts.add(x);
      assert.equal(added.label, 'x');
      const byId: Any = await viaCallback(cb => cust.rmAccounts.add(y.id, cb));
      assert.equal(byId.label, 'y');
      assert.equal(await cust.rmAccounts.add(999), null);
      assert.deepEqual((await Customer.findById(cust.id) as Any).rmAccountIds, [x.id, y.id]);
      const err: Any = await cust.rmAccounts.add(x).then(() => undefined, (e: Error) => e);
      assert.equal(err.name, 'ValidationError');
      assert.equal(err.statusCode, 422);
      assert.match(err.message, /`rmAccounts` contains duplicate `RmAccount` instance/);
      assert.deepEqual(err.details.codes, {rmAccounts: ['uniqueness']});
      assert.deepEqual(cust.rmAccountIds, [x.id, y.id], 'the instance keeps its list');
    });

    it('rejects duplicate ids written to the source directly', async () => {
      const x = await Account.create({label: 'x'}) as Any;
      await assert.rejects(Customer.create({name: 'Dup', rmAccountIds: [x.id, x.id]}), {name: 'ValidationError'});
    });

    it('remove drops an instance or an id and resolves the remaining ids', async () => {
      const a1 = await cust.rmAccounts.create({label: 'a1'});
      const a2 = await cust.rmAccounts.create({label: 'a2'});
      const a3 = await cust.rmAccounts.create({label: 'a3'});
      assert.deepEqual(await cust.rmAccounts.remove(a2), [a1.id, a3.id]);
      assert.deepEqual(await viaCallback(cb => cust.rmAccounts.remove(a1.id, cb)), [a3.id]);
      assert.deepEqual(await cust.rmAccounts.remove(999), [a3.id]);
      assert.deepEqual((await Customer.findById(cust.id) as Any).rmAccountIds, [a3.id]);
      assert.equal(await Account.count(), 3, 'targets stay');
    });

    it('updateById and destroyById work on listed targets only', async () => {
      const a1 = await cust.rmAccounts.create({label: 'a1'});
      const a2 = await cust.rmAccounts.create({label: 'a2'});
      const other = await Account.create({label: 'other'}) as Any;
      assert.equal((await cust.rmAccounts.updateById(a1.id, {label: 'A1'})).label, 'A1');
      await viaCallback(cb => cust.rmAccounts.updateById(a2.id, {label: 'A2'}, cb));
      assert.deepEqual(labels(await cust.rmAccounts.find()), ['A1', 'A2']);
      await assert.rejects(cust.rmAccounts.updateById(other.id, {label: 'x'}), {statusCode: 400});
      await cust.rmAccounts.destroyById(a1.id);
      await viaCallback(cb => cust.rmAccounts.destroy(a2.id, cb));
      assert.deepEqual(cust.rmAccountIds, []);
      assert.deepEqual((await Customer.findById(cust.id) as Any).rmAccountIds, []);
      assert.deepEqual(labels(await Account.find()), ['other']);
      await assert.rejects(cust.rmAccounts.destroyById(other.id), {statusCode: 400});
    });

    it('count, updateAll and destroyAll stay within the list', async () => {
      await cust.rmAccounts.create({label: 'a1', kind: 'k'});
      await cust.rmAccounts.create({label: 'a2'});
      await Account.create({label: 'other', kind: 'k'});
      assert.equal(await cust.rmAccounts.count(), 2);
      assert.equal(await viaCallback(cb => cust.rmAccounts.count({kind: 'k'}, cb)), 1);
      assert.deepEqual(await cust.rmAccounts.updateAll({kind: 'k'}, {label: 'K'}), {count: 1});
      assert.deepEqual(labels(await Account.find({order: 'id ASC'})), ['K', 'a2', 'other']);
      assert.deepEqual(await viaCallback(cb => cust.rmAccounts.destroyAll({label: 'K'}, cb)), {count: 1});
      assert.deepEqual(labels(await cust.rmAccounts.find()), ['a2']);
      assert.deepEqual(labels(await Account.find({order: 'id ASC'})), ['a2', 'other']);
    });

    it('build applies the scope values and properties', async () => {
      const built = cust.savings.build({label: 's'});
      assert.ok(built instanceof Account);
      assert.equal(built.kind, 'saving');
      assert.equal(built.tier, 'gold');
      const made = await cust.savings.create({label: 's1'});
      assert.equal(made.kind, 'saving');
      assert.deepEqual(cust.savingIds, [made.id]);
      const plain = await cust.rmAccounts.create({label: 'plain'});
      await cust.savings.add(plain.id).then(
        (r: Any) => assert.equal(r, null, 'outside the scope: not found'),
      );
      assert.deepEqual(labels(await cust.savings.find()), ['s1']);
    });

    it('keeps a loaded list up to date on add, remove and create', async () => {
      const x = await Account.create({label: 'x'}) as Any;
      assert.deepEqual(await cust.rmAccounts.getAsync(), []);
      await cust.rmAccounts.add(x);
      await cust.rmAccounts.create({label: 'y'});
      assert.deepEqual(labels(cust.rmAccounts()), ['x', 'y']);
      await cust.rmAccounts.remove(x);
      assert.deepEqual(labels(cust.rmAccounts()), ['y']);
    });
  });

  describe('include', () => {
    it('includes each source\'s targets in id order, nested, [] when none; disableInclude leaves it out', async () => {
      const bank = await Bank.create({name: 'B'}) as Any;
      const [x, y, z] = await Account.create([
        {label: 'x', rmBankId: bank.id}, {label: 'y', kind: 'saving'}, {label: 'z'},
      ]) as Any[];
      await Customer.create({name: 'Ann', rmAccountIds: [z.id, x.id], savingIds: [y.id, x.id], hiddenIds: [x.id]});
      await Customer.create({name: 'Bob', rmAccountIds: [x.id]});
      await Customer.create({name: 'Cy'});
      const found = await Customer.find({
        include: [{rmAccounts: 'rmBank'}, 'savings', 'hiddenAccounts'], order: 'name ASC',
      }) as Any[];
      assert.deepEqual(found.map(c => labels(c.rmAccounts())), [['z', 'x'], ['x'], []]);
      assert.equal(found[0].rmAccounts()[1].rmBank().name, 'B');
      assert.deepEqual(found.map(c => labels(c.savings())), [['y'], [], []], 'relation scope applied');
      assert.equal(found[0].hiddenAccounts(), undefined);
      const data = json(found[0]);
      assert.deepEqual(data.rmAccounts.map((a: Any) => a.label), ['z', 'x']);
      assert.equal(data.rmAccounts[1].rmBank.name, 'B');
      assert.equal(data.hiddenAccounts, undefined);
      assert.deepEqual(json(found[2]).rmAccounts, []);
      const scoped = await Customer.find({include: {relation: 'rmAccounts', scope: {order: 'label ASC'}}, where: {name: 'Ann'}}) as Any[];
      assert.deepEqual(labels(scoped[0].rmAccounts()), ['x', 'z']);
    });
  });

  describe('scopeMethods', () => {
    it('adds custom methods to the accessor', async () => {
      const M = ds.createModel('RmPortfolio', {name: String});
      M.referencesMany(Account, {as: 'holdings', foreignKey: 'holdingIds', scopeMethods: {
        labels(this: Any) {
          return this.find().then((list: Any[]) => list.map(a => a.label).join(','));
        },
      }});
      await ds.automigrate(['RmPortfolio']);
      const p = await M.create({name: 'p'}) as Any;
      await p.holdings.create({label: 'h1'});
      await p.holdings.create({label: 'h2'});
      assert.equal(await p.holdings.labels(), 'h1,h2');
    });
  });
});
