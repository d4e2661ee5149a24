// Garbage thrown at every method of the LoopBack 3 face: each call must fail
// with a clear error carrying a `code` and a client `statusCode`, through the
// promise and through the callback, and leave the store as it was; bad
// relation and model definitions must fail with a definition error naming
// what is wrong, before the model changes.
import {before, beforeEach, describe, it} from 'node:test';
import assert from 'node:assert/strict';
import {juggler} from 'relata';
import {describeForEachConnector} from '../support/connectors';

// LoopBack 3 models are dynamic (accessors and properties come from definitions).
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Any = any;
type Call = (...cb: Function[]) => unknown;

function circularObject(): Any {
  const o: Any = {name: 'loop'};
  o.self = o;
  return o;
}

function circularArray(): Any[] {
  const a: Any[] = [];
  a.push(a);
  return a;
}

/** Filters and where clauses that are no filter at all. */
const BAD_FILTERS: [string, () => unknown][] = [
  ['a string', () => 'garbage'], ['a number', () => 42], ['an array', () => [1, 2]],
  ['a circular object', circularObject], ['a circular array', circularArray],
];
/** Data that is no model data. */
const BAD_DATA: [string, () => unknown][] = [
  ['a string', () => 'garbage'], ['a number', () => 42], ['true', () => true], ['a circular object', circularObject],
];
/** Ids that are no id. */
const BAD_IDS: [string, () => unknown][] = [
  ['undefined', () => undefined], ['null', () => null], ['an empty string', () => ''], ['an array', () => [1, 2]],
  ['an object', () => ({id: 1})], ['true', () => true],
];

/** What a store or driver says, which must never reach the caller. */
const STORE_TEXT = /\b(select|insert into|update .* set|delete from)\b|syntax|SQLITE_|ER_|sqlstate|column .* does not exist|Maximum call stack/i;

/** The failure every bad call must produce: an Error with a code and a client status, no TypeError. */
function assertClientError(err: Any, label: string, statuses: number[]): void {
  assert.ok(err instanceof Error, `${label}: expected an Error, got ${err}`);
  assert.ok(!(err instanceof TypeError) && !(err instanceof RangeError), `${label}: ${err.name}: ${err.message}`);
  const {statusCode, code} = err as Any;
  assert.ok(statuses.includes(statusCode), `${label}: statusCode ${statusCode} (${err.message})`);
  assert.equal(typeof code, 'string', `${label}: no code (${err.message})`);
  assert.doesNotMatch(err.message, STORE_TEXT, label);
}

describeForEachConnector('LoopBack 3 face: bad input', setup => {
  let ds: juggler.DataSource;
  let M: {[name: string]: Any};
  let ann: Any;
  let order: Any;
  let note: Any;

  before(async () => {
    ds = setup.createDataSource();
    const Customer = ds.createModel('BiCustomer', {name: String, age: Number});
    const Order = ds.createModel('BiOrder', {description: String, total: Number});
    const Profile = ds.createModel('BiProfile', {bio: String});
    const Tag = ds.createModel('BiTag', {label: String});
    const Account = ds.createModel('BiAccount', {label: String});
    const Address = ds.createModel('BiAddress', {street: String});
    const Job = ds.createModel('BiJob', {title: String});
    const Note = ds.createModel('BiNote', {text: String});
    Note.belongsTo(Job, {as: 'job'});
    Customer.hasMany(Order, {as: 'orders'});
    Order.belongsTo(Customer, {as: 'customer', foreignKey: 'biCustomerId'});
    Customer.hasOne(Profile, {as: 'profile'});
    Customer.hasAndBelongsToMany(Tag, {as: 'tags'});
    Customer.referencesMany(Account, {as: 'accounts', foreignKey: 'accountIds'});
    Customer.embedsOne(Address, {as: 'addressItem', property: 'address'});
    Customer.embedsMany(Note, {as: 'noteList', property: 'notes', options: {belongsTo: 'job'}});
    Customer.scope('adults', {where: {age: {gte: 18}}});
    await ds.automigrate(['BiCustomer', 'BiOrder', 'BiProfile', 'BiTag', 'BiAccount', 'BiJob', 'BiCustomerBiTag']);
    M = {Customer, Order, Profile, Tag, Account, Job, Link: ds.getModel('BiCustomerBiTag')};
  });

  beforeEach(async () => {
    for (const Model of Object.values(M)) await Model.destroyAll();
    ann = await M.Customer.create({name: 'Ann', age: 30});
    const bob = await M.Customer.create({name: 'Bob', age: 40});
    await ann.orders.create([{description: 'a1', total: 1}, {description: 'a2', total: 2}]);
    await bob.orders.create({description: 'b1', total: 3});
    await ann.profile.create({bio: 'x'});
    await ann.tags.create({label: 't1'});
    await ann.accounts.create({label: 'acc'});
    await ann.addressItem.create({street: 'Main St'});
    const job = await M.Job.create({title: 'cook'});
    note = await ann.noteList.add(job, {text: 'n'});
    ann = await M.Customer.findById(ann.id);
    note = ann.noteList.at(0);
    order = await M.Order.findOne({where: {description: 'a1'}});
  });

  /** Every row of every model (embedded data inside its owner's), as plain data. */
  async function snapshot(): Promise<string> {
    const rows: Any = {};
    for (const [name, Model] of Object.entries(M)) rows[name] = await Model.find({order: 'id ASC'});
    return JSON.stringify(rows);
  }

  /**
   * Runs each call with no callback (it must reject) and with one (it must
   * call back with the error), never throwing synchronously, then checks
   * the store did not change.
   */
  async function expectRejected(cases: [string, Call][], statuses = [400, 404, 422]): Promise<void> {
    const before = await snapshot();
    for (const [label, call] of cases) {
      let result: unknown;
      assert.doesNotThrow(() => {
        result = call();
      }, `${label} threw synchronously`);
      assert.ok(result instanceof Promise, `${label}: no promise`);
      assertClientError(await (result as Promise<unknown>).then(
        value => assert.fail(`${label}: resolved with ${JSON.stringify(value)}`), (err: Any) => err), label, statuses);
      const viaCallback = await new Promise<Any>((resolve, reject) => {
        try {
          const returned = call((err: Any) => (err ? resolve(err) : reject(new Error(`${label}: called back without an error`))));
          // The callback has the error; the promise the method also returns rejects with it.
          if (returned instanceof Promise) returned.catch(() => undefined);
        } catch (err) {
          reject(new Error(`${label} (callback) threw synchronously: ${(err as Error).message}`));
        }
      });
      assertClientError(viaCallback, `${label} (callback)`, statuses);
      assert.equal(await snapshot(), before, `${label} changed the store`);
    }
  }

  /** One case per bad value: `[label + value name, call]`. */
  function each(label: string, values: [string, () => unknown][], make: (value: unknown) => Call): [string, Call][] {
    return values.map(([what, value]) => [`${label} with ${what}`, make(value())]);
  }

  describe('model statics', () => {
    it('refuse filters and where clauses that are no object', async () => {
      const {Customer} = M;
      await expectRejected([
        ...each('find', BAD_FILTERS, f => (...cb) => Customer.find(f, ...cb)),
        ...each('find where', BAD_FILTERS.slice(0, 4), w => (...cb) => Customer.find({where: w}, ...cb)),
        ...each('findOne', BAD_FILTERS, f => (...cb) => Customer.findOne(f, ...cb)),
        ...each('findById filter', BAD_FILTERS, f => (...cb) => Customer.findById(ann.id, f, {}, ...cb)),
        ...each('findByIds', BAD_FILTERS.filter(([what]) => what !== 'an array'), ids => (...cb) => Customer.findByIds(ids, ...cb)),
        ['findByIds with a circular id', (...cb) => Customer.findByIds([circularObject()], ...cb)],
        ...each('count', BAD_FILTERS, w => (...cb) => Customer.count(w, ...cb)),
        ...each('findOrCreate', BAD_FILTERS, f => (...cb) => Customer.findOrCreate(f, {name: 'Zed'}, ...cb)),
        ['find with true', (...cb) => Customer.find(true, ...cb)],
        ['find with an include naming no relation', (...cb) => Customer.find({include: 'nope'}, ...cb)],
        ['find with a nested include naming no relation', (...cb) => Customer.find({include: {orders: 'nope'}}, ...cb)],
        ['find with a circular include', (...cb) => Customer.find({include: circularArray()}, ...cb)],
        ['findById with an include naming no relation', (...cb) => Customer.findById(ann.id, {include: ['nope']}, ...cb)],
      ]);
    });

    it('refuse ids that are no id', async () => {
      const {Customer} = M;
      await expectRejected([
        ...each('findById', BAD_IDS, id => (...cb) => Customer.findById(id, ...cb)),
        ...each('exists', BAD_IDS, id => (...cb) => Customer.exists(id, ...cb)),
        ...each('destroyById', BAD_IDS, id => (...cb) => Customer.destroyById(id, ...cb)),
        ...each('replaceById', BAD_IDS, id => (...cb) => Customer.replaceById(id, {name: 'x'}, ...cb)),
      ]);
    });

    it('refuse data that is no object, and bulk writes that would widen', async () => {
      const {Customer} = M;
      await expectRejected([
        ...each('create', BAD_DATA, d => (...cb) => Customer.create(d, ...cb)),
        ...each('upsert', BAD_DATA, d => (...cb) => Customer.upsert(d, ...cb)),
        ...each('replaceOrCreate', BAD_DATA, d => (...cb) => Customer.replaceOrCreate(d, ...cb)),
        ...each('replaceById', BAD_DATA, d => (...cb) => Customer.replaceById(ann.id, d, ...cb)),
        ...each('upsertWithWhere data', BAD_DATA, d => (...cb) => Customer.upsertWithWhere({name: 'Ann'}, d, ...cb)),
        ...each('upsertWithWhere where', BAD_FILTERS, w => (...cb) => Customer.upsertWithWhere(w, {name: 'x'}, ...cb)),
        ...each('findOrCreate data', BAD_DATA, d => (...cb) => Customer.findOrCreate({where: {name: 'Zed'}}, d, ...cb)),
        ...each('updateAll data', BAD_DATA, d => (...cb) => Customer.updateAll({name: 'Ann'}, d, ...cb)),
        ...each('updateAll where', BAD_FILTERS, w => (...cb) => Customer.updateAll(w, {age: 1}, ...cb)),
        ...each('destroyAll where', BAD_FILTERS, w => (...cb) => Customer.destroyAll(w, ...cb)),
        ['create with a circular value', (...cb) => Customer.create({name: 'x', extra: circularObject()}, ...cb)],
        ['upsert with an array', (...cb) => Customer.upsert([{name: 'x'}], ...cb)],
        // `updateAll(where, undefined)` is no short form: reading `where` as the data would rename everybody.
        ['updateAll with undefined data', (...cb) => Customer.updateAll({name: 'Ann'}, undefined, ...cb)],
        ['updateAll with an undefined where value', (...cb) => Customer.updateAll({name: undefined}, {age: 1}, ...cb)],
        ['destroyAll with an undefined where value', (...cb) => Customer.destroyAll({name: undefined}, ...cb)],
        ['include with objects that are no list', (...cb) => Customer.include('garbage', 'orders', ...cb)],
        ['include with a list of garbage', (...cb) => Customer.include([42], 'orders', ...cb)],
        ['include naming no relation', (...cb) => Customer.include([ann], 'nope', ...cb)],
        ['include with a circular include', (...cb) => Customer.include([ann], circularArray(), ...cb)],
      ]);
    });

    it('create with a list of garbage calls back with one error per item and writes nothing', async () => {
      const {Customer} = M;
      const before = await snapshot();
      const errors: Any = await Customer.create(['garbage', 42], {}).then(() => assert.fail('resolved'), (e: Any) => e);
      assert.equal(errors.length, 2);
      for (const err of errors) assertClientError(err, 'create([...])', [400]);
      const [cbErrors] = await new Promise<Any[]>(resolve => Customer.create([circularObject()], (...args: Any[]) => resolve(args)));
      assertClientError(cbErrors[0], 'create([circular]) (callback)', [400]);
      assert.equal(await snapshot(), before);
    });

    it('named scopes refuse garbage too', async () => {
      const {Customer} = M;
      await expectRejected([
        ...each('scope()', BAD_FILTERS, f => (...cb) => Customer.adults(f, ...cb)),
        ...each('scope.find', BAD_FILTERS, f => (...cb) => Customer.adults.find(f, ...cb)),
        ...each('scope.count', BAD_FILTERS, w => (...cb) => Customer.adults.count(w, ...cb)),
        ...each('scope.updateAll where', BAD_FILTERS, w => (...cb) => Customer.adults.updateAll(w, {age: 50}, ...cb)),
        ...each('scope.destroyAll', BAD_FILTERS, w => (...cb) => Customer.adults.destroyAll(w, ...cb)),
        ...each('scope.create', BAD_DATA, d => (...cb) => Customer.adults.create(d, ...cb)),
        ...each('scope.findById', BAD_IDS.slice(0, 3), id => (...cb) => Customer.adults.findById(id, ...cb)),
        ['scope.updateAll with undefined data', (...cb) => Customer.adults.updateAll({name: 'Ann'}, undefined, ...cb)],
      ]);
    });
  });

  describe('instance methods', () => {
    it('refuse garbage data, and act on no unsaved instance', async () => {
      const fresh = new M.Customer({name: 'New'});
      await expectRejected([
        ...each('updateAttributes', BAD_DATA, d => (...cb) => ann.updateAttributes(d, ...cb)),
        ...each('replaceAttributes', BAD_DATA, d => (...cb) => ann.replaceAttributes(d, ...cb)),
        ['updateAttribute with a name that is no name', (...cb) => ann.updateAttribute({}, 'x', ...cb)],
        ['updateAttribute with a circular value', (...cb) => ann.updateAttribute('name', circularObject(), ...cb)],
        ['updateAttributes of an unsaved instance', (...cb) => fresh.updateAttributes({name: 'x'}, ...cb)],
        ['destroy of an unsaved instance', (...cb) => fresh.destroy(...cb)],
        ['reload of an unsaved instance', (...cb) => fresh.reload(...cb)],
        ['save of an instance holding a circular value', (...cb) => new M.Customer({name: 'Loop', age: circularObject()}).save(...cb)],
        ['create of such an instance', (...cb) => M.Customer.create(new M.Customer({name: 'Loop', age: circularObject()}), ...cb)],
      ]);
    });
  });

  describe('relation accessors', () => {
    it('hasMany', async () => {
      await expectRejected([
        ...each('orders()', BAD_FILTERS, f => (...cb) => ann.orders(f, ...cb)),
        ...each('orders.find', BAD_FILTERS, f => (...cb) => ann.orders.find(f, ...cb)),
        ...each('orders.findOne', BAD_FILTERS, f => (...cb) => ann.orders.findOne(f, ...cb)),
        ...each('orders.count', BAD_FILTERS, w => (...cb) => ann.orders.count(w, ...cb)),
        ...each('orders.findById', BAD_IDS, id => (...cb) => ann.orders.findById(id, ...cb)),
        ...each('orders.exists', BAD_IDS, id => (...cb) => ann.orders.exists(id, ...cb)),
        // An undefined id must not fall out of the query and hit another target.
        ...each('orders.updateById', BAD_IDS, id => (...cb) => ann.orders.updateById(id, {description: 'x'}, ...cb)),
        ...each('orders.destroyById', BAD_IDS, id => (...cb) => ann.orders.destroyById(id, ...cb)),
        ...each('orders.create', BAD_DATA, d => (...cb) => ann.orders.create(d, ...cb)),
        ...each('orders.updateById data', BAD_DATA, d => (...cb) => ann.orders.updateById(order.id, d, ...cb)),
        ...each('orders.updateAll where', BAD_FILTERS, w => (...cb) => ann.orders.updateAll(w, {total: 9}, ...cb)),
        ...each('orders.updateAll data', BAD_DATA, d => (...cb) => ann.orders.updateAll({}, d, ...cb)),
        ...each('orders.destroyAll', BAD_FILTERS, w => (...cb) => ann.orders.destroyAll(w, ...cb)),
        ['orders.create with a list holding garbage', (...cb) => ann.orders.create(['garbage'], ...cb)],
        ['orders() with an include naming no relation', (...cb) => ann.orders({include: 'nope'}, ...cb)],
        ['orders.find with an include naming no relation', (...cb) => ann.orders.find({include: 'nope'}, ...cb)],
        ['orders.updateAll with undefined data', (...cb) => ann.orders.updateAll({description: 'a1'}, undefined, ...cb)],
        ['orders.destroyAll with an undefined where value', (...cb) => ann.orders.destroyAll({description: undefined}, ...cb)],
        ['orders.updateById moving the target', (...cb) => ann.orders.updateById(order.id, {biCustomerId: 999}, ...cb)],
        ['orders.findById of another customer\'s order',
          async (...cb) => ann.orders.findById((await M.Order.findOne({where: {description: 'b1'}})).id, ...cb)],
      ]);
    });

    it('an instance not saved yet writes nothing through its relations and finds no target', async () => {
      const unsaved = new M.Customer({name: 'New'});
      const tag = await M.Tag.findOne();
      await expectRejected([
        ['orders.create', (...cb) => unsaved.orders.create({description: 'orphan'}, ...cb)],
        ['orders.findById', (...cb) => unsaved.orders.findById(order.id, ...cb)],
        ['orders.updateById', (...cb) => unsaved.orders.updateById(order.id, {description: 'x'}, ...cb)],
        ['orders.destroyById', (...cb) => unsaved.orders.destroyById(order.id, ...cb)],
        ['profile.create', (...cb) => unsaved.profile.create({bio: 'orphan'}, ...cb)],
        ['tags.create', (...cb) => unsaved.tags.create({label: 'orphan'}, ...cb)],
        ['tags.add', (...cb) => unsaved.tags.add(tag, ...cb)],
        ['tags.remove', (...cb) => unsaved.tags.remove(tag, ...cb)],
      ]);
      assert.deepEqual(await unsaved.orders.find(), []);
      assert.equal(await unsaved.orders.count(), 0);
      assert.deepEqual(await unsaved.orders.destroyAll(), {count: 0});
    });

    it('belongsTo and hasOne', async () => {
      const unsaved = new M.Customer({name: 'New'});
      await expectRejected([
        ...each('order.customer()', BAD_FILTERS, f => (...cb) => order.customer(f, ...cb)),
        ...each('order.customer.update', BAD_DATA, d => (...cb) => order.customer.update(d, ...cb)),
        ...each('order.customer.create', BAD_DATA, d => (...cb) => order.customer.create(d, ...cb)),
        ...each('ann.profile()', BAD_FILTERS, f => (...cb) => ann.profile(f, ...cb)),
        ...each('ann.profile.update', BAD_DATA, d => (...cb) => ann.profile.update(d, ...cb)),
        ...each('ann.profile.create', BAD_DATA, d => (...cb) => unsaved.profile.create(d, ...cb)),
        ['order.customer() with an include naming no relation', (...cb) => order.customer({include: 'nope'}, ...cb)],
        ['order.customer.update moving the key', (...cb) => order.customer.update({id: 999}, ...cb)],
        ['a second hasOne target', (...cb) => ann.profile.create({bio: 'again'}, ...cb)],
        ['update of an empty relation', (...cb) => new M.Order({}).customer.update({name: 'x'}, ...cb)],
        ['destroy of an empty relation', (...cb) => unsaved.profile.destroy(...cb)],
      ], [400, 404, 409, 422]);
    });

    it('hasAndBelongsToMany (hasMany through)', async () => {
      const unlinked = await M.Tag.create({label: 'unlinked'});
      await expectRejected([
        ...each('tags()', BAD_FILTERS, f => (...cb) => ann.tags(f, ...cb)),
        ...each('tags.find', BAD_FILTERS, f => (...cb) => ann.tags.find(f, ...cb)),
        ...each('tags.count', BAD_FILTERS, w => (...cb) => ann.tags.count(w, ...cb)),
        ...each('tags.findById', BAD_IDS, id => (...cb) => ann.tags.findById(id, ...cb)),
        ...each('tags.exists', BAD_IDS, id => (...cb) => ann.tags.exists(id, ...cb)),
        ...each('tags.add', BAD_IDS, id => (...cb) => ann.tags.add(id, ...cb)),
        ...each('tags.remove', BAD_IDS, id => (...cb) => ann.tags.remove(id, ...cb)),
        ...each('tags.destroyById', BAD_IDS, id => (...cb) => ann.tags.destroyById(id, ...cb)),
        ...each('tags.updateById', BAD_IDS, id => (...cb) => ann.tags.updateById(id, {label: 'x'}, ...cb)),
        ...each('tags.create', BAD_DATA, d => (...cb) => ann.tags.create(d, ...cb)),
        ...each('tags.updateAll data', BAD_DATA, d => (...cb) => ann.tags.updateAll({}, d, ...cb)),
        ...each('tags.destroyAll', BAD_FILTERS, w => (...cb) => ann.tags.destroyAll(w, ...cb)),
        ...each('tags.add link data', BAD_DATA, d => async (...cb) => ann.tags.add((await M.Tag.findOne()).id, d, ...cb)),
        // A link to nothing would dangle.
        ['tags.add of a tag that does not exist', (...cb) => ann.tags.add(999999, ...cb)],
        ['tags.findById of a tag not linked', (...cb) => ann.tags.findById(unlinked.id, ...cb)],
        ['tags.destroyById of a tag not linked', (...cb) => ann.tags.destroyById(unlinked.id, ...cb)],
      ]);
    });

    it('referencesMany', async () => {
      await expectRejected([
        ...each('accounts()', BAD_FILTERS, f => (...cb) => ann.accounts(f, ...cb)),
        ...each('accounts.count', BAD_FILTERS, w => (...cb) => ann.accounts.count(w, ...cb)),
        ...each('accounts.findById', BAD_IDS, id => (...cb) => ann.accounts.findById(id, ...cb)),
        ...each('accounts.exists', BAD_IDS, id => (...cb) => ann.accounts.exists(id, ...cb)),
        ...each('accounts.add', BAD_IDS, id => (...cb) => ann.accounts.add(id, ...cb)),
        ...each('accounts.remove', BAD_IDS, id => (...cb) => ann.accounts.remove(id, ...cb)),
        ...each('accounts.destroyById', BAD_IDS, id => (...cb) => ann.accounts.destroyById(id, ...cb)),
        ...each('accounts.at', [['a string', () => 'first'], ['a negative number', () => -1], ['a fraction', () => 0.5],
          ['an array', () => [0]], ['undefined', () => undefined]], i => (...cb) => ann.accounts.at(i, ...cb)),
        ...each('accounts.create', BAD_DATA, d => (...cb) => ann.accounts.create(d, ...cb)),
        ...each('accounts.updateAll data', BAD_DATA, d => (...cb) => ann.accounts.updateAll({}, d, ...cb)),
        ...each('accounts.destroyAll', BAD_FILTERS, w => (...cb) => ann.accounts.destroyAll(w, ...cb)),
        ['accounts.at past the end', (...cb) => ann.accounts.at(5, ...cb)],
        ['accounts.updateAll with undefined data', (...cb) => ann.accounts.updateAll({label: 'acc'}, undefined, ...cb)],
      ]);
    });

    it('embedsOne and embedsMany', async () => {
      await expectRejected([
        ...each('addressItem.create', BAD_DATA, d => (...cb) => ann.addressItem.create(d, ...cb)),
        ...each('addressItem.update', BAD_DATA, d => (...cb) => ann.addressItem.update(d, ...cb)),
        ...each('noteList()', BAD_FILTERS, f => (...cb) => ann.noteList(f, ...cb)),
        ...each('noteList.find', BAD_FILTERS, f => (...cb) => ann.noteList.find(f, ...cb)),
        ...each('noteList.count', BAD_FILTERS, w => (...cb) => ann.noteList.count(w, ...cb)),
        ...each('noteList.destroyAll', BAD_FILTERS, w => (...cb) => ann.noteList.destroyAll(w, ...cb)),
        ...each('noteList.create', BAD_DATA, d => (...cb) => ann.noteList.create(d, ...cb)),
        ...each('noteList.updateById data', BAD_DATA, d => (...cb) => ann.noteList.updateById(note.id, d, ...cb)),
        ...each('noteList.add', BAD_IDS, ref => (...cb) => ann.noteList.add(ref, ...cb)),
        ...each('noteList.remove', BAD_IDS, ref => (...cb) => ann.noteList.remove(ref, ...cb)),
        ...each('note.updateAttributes', BAD_DATA, d => (...cb) => note.updateAttributes(d, ...cb)),
        ['noteList.create with a list holding garbage', (...cb) => ann.noteList.create([{text: 'ok'}, 'garbage'], ...cb)],
        ['noteList.destroyAll with an unknown operator', (...cb) => ann.noteList.destroyAll({text: {nope: 1}}, ...cb)],
      ]);
      // The synchronous readers answer without throwing.
      for (const bad of [undefined, null, 'garbage', [1], circularObject()]) {
        assert.equal(ann.noteList.findById(bad), null);
        assert.equal(ann.noteList.exists(bad), false);
        assert.equal(ann.noteList.at(bad), null);
      }
    });
  });

  describe('definitions', () => {
    /** Asserts `define()` fails with a definition error carrying `code`, leaving Customer as it was. */
    function assertRefused(define: () => unknown, code: string): void {
      const {Customer} = M;
      const properties = Object.keys(Customer.definition.properties);
      const relations = Object.keys(Customer.relations);
      assert.throws(define, (err: Any) => {
        assert.ok(!(err instanceof TypeError), err.message);
        assert.equal(err.code, code, err.message);
        assert.match(err.message, /BiCustomer|Bi\w+|relation|Relation/);
        return true;
      });
      assert.deepEqual(Object.keys(Customer.definition.properties), properties, 'no property added');
      assert.deepEqual(Object.keys(Customer.relations), relations, 'no relation added');
    }

    it('refuse bad relation definitions before the model changes', () => {
      const {Customer, Order} = M;
      assertRefused(() => Customer.hasMany(), 'BELONGS_TO_MISSING_MODEL');
      assertRefused(() => Customer.hasMany(42), 'INVALID_RELATION_TARGET');
      assertRefused(() => Customer.hasMany({}), 'INVALID_RELATION_TARGET');
      assertRefused(() => Customer.hasMany(Order, 'orders'), 'INVALID_RELATION_OPTION');
      assertRefused(() => Customer.hasMany(Order, {as: 'name'}), 'RELATION_NAME_CONFLICT');
      assertRefused(() => Customer.belongsTo(Order, {as: 'biOrder', foreignKey: 'biOrder'}), 'RELATION_NAME_CONFLICT');
      assertRefused(() => Customer.referencesMany(Order, {as: 'ids', foreignKey: 'ids'}), 'RELATION_NAME_CONFLICT');
      assertRefused(() => Customer.hasMany(Order, {as: 'other', foreignKey: 42}), 'INVALID_RELATION_OPTION');
      assertRefused(() => Customer.hasMany(Order, {as: 'other', options: 'x'}), 'INVALID_RELATION_OPTION');
      assertRefused(() => Customer.hasMany(Order, {as: 'other', scope: 5}), 'INVALID_RELATION_OPTION');
      assertRefused(() => Customer.hasMany(Order, {as: 'other', properties: 5}), 'INVALID_RELATION_OPTION');
      assertRefused(() => Customer.hasMany(Order, {as: 'other', through: 5}), 'INVALID_RELATION_OPTION');
      assertRefused(() => Customer.hasMany(Order, {as: 'other', polymorphic: 5}), 'INVALID_POLYMORPHIC');
      assertRefused(() => Customer.belongsTo('other', {polymorphic: {foreignKey: 1, discriminator: 'x'}}), 'INVALID_POLYMORPHIC');
      assertRefused(() => Customer.hasMany(Order, {as: 'trigger'}), 'INVALID_RELATION_DEFINITION');
      assertRefused(() => Customer.embedsOne(Order, {as: 'sameName', property: 'sameName'}), 'RELATION_NAME_CONFLICT');
      assert.throws(() => Customer.observe('before save', 'nope'), {code: 'INVALID_OBSERVER'});
      assert.throws(() => Customer.validatesLengthOf(), {code: 'INVALID_VALIDATION'});
      assert.throws(() => Customer.scope('bad', 5), {code: 'INVALID_SCOPE'});
    });

    it('refuse JSON definitions of the wrong shape, defining nothing', () => {
      const bad: [unknown, string][] = [
        [null, 'INVALID_MODEL_DEFINITION'],
        ['BiJson', 'INVALID_MODEL_DEFINITION'],
        [{name: 42}, 'INVALID_MODEL_DEFINITION'],
        [{name: 'BiJson', base: 42}, 'INVALID_MODEL_DEFINITION'],
        [{name: 'BiJson', base: 'NoSuchBase'}, 'MODEL_BASE_NOT_FOUND'],
        [{name: 'BiJson', properties: ['name']}, 'INVALID_MODEL_DEFINITION'],
        [{name: 'BiJson', properties: {name: 42}}, 'INVALID_PROPERTY'],
        [{name: 'BiJson', relations: 'orders'}, 'INVALID_MODEL_DEFINITION'],
        [{name: 'BiJson', relations: [{type: 'hasMany'}]}, 'INVALID_MODEL_DEFINITION'],
        [{name: 'BiJson', relations: {orders: 'hasMany'}}, 'INVALID_RELATION_DEFINITION'],
        [{name: 'BiJson', relations: {orders: {type: 'hasFew', model: 'BiOrder'}}}, 'INVALID_RELATION_TYPE'],
        [{name: 'BiJson', relations: {orders: {model: 'BiOrder'}}}, 'INVALID_RELATION_TYPE'],
        [{name: 'BiJson', relations: {orders: {type: 'hasMany', model: 42}}}, 'INVALID_RELATION_OPTION'],
        [{name: 'BiJson', relations: {orders: {type: 'hasMany', model: 'BiOrder', foreignKey: {}}}}, 'INVALID_RELATION_OPTION'],
        [{name: 'BiJson', relations: {owner: {type: 'belongsTo'}}}, 'BELONGS_TO_MISSING_MODEL'],
        [{name: 'BiJson', properties: {orders: 'string'}, relations: {orders: {type: 'hasMany', model: 'BiOrder'}}},
          'RELATION_NAME_CONFLICT'],
        [{name: 'BiJson', scopes: 'recent'}, 'INVALID_MODEL_DEFINITION'],
        [{name: 'BiJson', scopes: {recent: 5}}, 'INVALID_SCOPE'],
        [{name: 'BiJson', scope: 5}, 'INVALID_MODEL_DEFINITION'],
        [{name: 'BiJson', options: 'x'}, 'INVALID_MODEL_DEFINITION'],
        [{name: 'BiJson', hidden: 'name'}, 'INVALID_MODEL_DEFINITION'],
      ];
      for (const [definition, code] of bad) {
        assert.throws(() => juggler.createModelFromJSON(ds, definition as never), (err: Any) => {
          assert.ok(!(err instanceof TypeError), err.message);
          assert.equal(err.code, code, `${JSON.stringify(definition)}: ${err.message}`);
          return true;
        });
        assert.equal(ds.getModel('BiJson'), undefined, `${JSON.stringify(definition)} left a model behind`);
      }
    });
  });
});
