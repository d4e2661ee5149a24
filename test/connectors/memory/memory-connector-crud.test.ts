import assert from 'node:assert/strict';
import {describe, it} from 'node:test';
import {MemoryConnector} from '../../../src/connectors/memory';
import {ModelDefinition} from '../../../src/model/model-definition';
import {RelataError} from '../../../src/common/errors';
import {newConnector, orderDef} from './fixtures';

describe('MemoryConnector: basics', () => {
  it('has name, settings and capabilities', () => {
    const db = new MemoryConnector({inqLimit: 10});
    assert.equal(db.name, 'memory');
    assert.deepEqual(db.settings, {inqLimit: 10});
    assert.deepEqual(db.capabilities, {maxInqSize: 10, partitionedFind: true, transactions: false, freeFormProperties: true});
    assert.equal(new MemoryConnector({}).capabilities.maxInqSize, Infinity);
  });

  it('connects, disconnects, autoupdates', async () => {
    const db = newConnector();
    await db.connect();
    await db.autoupdate();
    await db.disconnect();
  });

  it('rejects execute()', async () => {
    const db = newConnector();
    await assert.rejects(db.execute('SELECT 1'), (err: RelataError) => {
      assert.equal(err.message, 'execute() is not supported by the memory connector');
      assert.equal(err.code, 'NOT_SUPPORTED');
      return true;
    });
  });

  it('rejects operations on an undefined model', async () => {
    const db = newConnector();
    await assert.rejects(db.find('Nope', {}), {
      message: 'Model "Nope" is not defined in the memory connector',
      code: 'MODEL_NOT_DEFINED',
    });
  });
});

describe('MemoryConnector: create and ids', () => {
  it('generates numeric ids from 1 per model', async () => {
    const db = newConnector();
    assert.deepEqual(await db.create('Customer', {name: 'a'}), {name: 'a', id: 1});
    assert.deepEqual(await db.create('Customer', {name: 'b'}), {name: 'b', id: 2});
    assert.deepEqual(await db.create('Order', {total: 5}), {total: 5, id: 1});
  });

  it('generates string ids for string-kind id properties', async () => {
    const db = newConnector();
    const a = await db.create('Note', {text: 'x'});
    const b = await db.create('Note', {text: 'y'});
    assert.equal(a.id, '1');
    assert.equal(b.id, '2');
    assert.deepEqual(await db.find('Note', {where: {id: '2'}}), [{text: 'y', id: '2'}]);
  });

  it('keeps explicit ids and moves the counter past larger ones (LoopBack rules)', async () => {
    const db = newConnector();
    await db.create('Customer', {id: 10, name: 'ten'});
    assert.equal((await db.create('Customer', {name: 'next'})).id, 11);
    // LoopBack moves the counter on by one even for a smaller explicit id
    await db.create('Customer', {id: 3, name: 'three'});
    assert.equal((await db.create('Customer', {name: 'after'})).id, 13);
    assert.deepEqual((await db.find('Customer', {})).map(r => r.id), [3, 10, 11, 13]);
  });

  it('keeps an explicit id 0', async () => {
    const db = newConnector();
    assert.equal((await db.create('Customer', {id: 0})).id, 0);
  });

  it('coerces explicit ids to the id kind', async () => {
    const db = newConnector();
    assert.equal((await db.create('Customer', {id: '7'})).id, 7);
    assert.equal((await db.create('Note', {id: 7})).id, '7');
  });

  it('moves the counter past numeric string ids of string-kind models', async () => {
    const db = newConnector();
    const m = new ModelDefinition({name: 'S', properties: {id: {type: 'string', id: true}}});
    db.define(m);
    await db.create('S', {id: 'x'}); // counter 1 -> 2
    await db.create('S', {id: '2'}); // 2 taken explicitly, counter -> 3
    assert.equal((await db.create('S', {})).id, '3');
  });

  it('rejects a duplicate id with 409 DUPLICATE_ENTRY', async () => {
    const db = newConnector();
    await db.create('Customer', {id: 1, name: 'a'});
    await assert.rejects(db.create('Customer', {id: 1, name: 'b'}), (err: RelataError) => {
      assert.ok(err instanceof RelataError);
      assert.equal(err.message, 'Duplicate entry for Customer.id');
      assert.equal(err.code, 'DUPLICATE_ENTRY');
      assert.equal(err.statusCode, 409);
      return true;
    });
    assert.deepEqual(await db.find('Customer', {}), [{id: 1, name: 'a'}]);
  });

  it('treats 5 and "5" as the same id for any-kind ids', async () => {
    const db = new MemoryConnector({});
    db.define(new ModelDefinition({name: 'A', properties: {id: {type: 'any', id: true}}}));
    await db.create('A', {id: 5});
    await assert.rejects(db.create('A', {id: '5'}), {code: 'DUPLICATE_ENTRY'});
  });

  it('createAll inserts all rows or none', async () => {
    const db = newConnector();
    const rows = await db.createAll('Order', [{total: 1}, {id: 10, total: 2}, {total: 3}]);
    assert.deepEqual(rows, [{total: 1, id: 1}, {id: 10, total: 2}, {total: 3, id: 11}]);

    await assert.rejects(db.createAll('Order', [{total: 4}, {id: 10, total: 5}]), {
      message: 'Duplicate entry for Order.id',
    });
    await assert.rejects(db.createAll('Order', [{id: 20}, {id: 20}]), {code: 'DUPLICATE_ENTRY'});
    assert.equal(await db.count('Order', undefined), 3);
    // a failed batch does not consume ids
    assert.equal((await db.create('Order', {})).id, 12);
    assert.deepEqual(await db.createAll('Order', []), []);
  });

  it('rejects data that is not an object with 400 INVALID_DATA', async () => {
    const db = newConnector();
    await assert.rejects(db.create('Customer', null as never), {
      message: 'Invalid data for Customer: expected an object', code: 'INVALID_DATA', statusCode: 400,
    });
    await assert.rejects(db.createAll('Customer', [{}, 5] as never), {code: 'INVALID_DATA'});
    await assert.rejects(db.createAll('Customer', {} as never), {
      message: 'Invalid data for Customer: expected an array of objects',
    });
    await assert.rejects(db.updateAll('Customer', undefined, 'x' as never), {code: 'INVALID_DATA'});
    assert.equal(await db.count('Customer', undefined), 0);
  });

  it('drops undefined and function values, keeps null', async () => {
    const db = newConnector();
    const row = await db.create('Customer', {name: undefined, age: null, fn: () => 1});
    assert.deepEqual(row, {age: null, id: 1});
  });

  it('stores rows of a model without id property under hidden keys', async () => {
    const db = new MemoryConnector({});
    db.define(new ModelDefinition({name: 'Log', properties: {msg: 'string'}}));
    await db.create('Log', {msg: 'b'});
    await db.createAll('Log', [{msg: 'a'}, {msg: 'c'}]);
    assert.deepEqual(await db.find('Log', {}), [{msg: 'b'}, {msg: 'a'}, {msg: 'c'}]);
    assert.equal(await db.updateAll('Log', {msg: 'a'}, {msg: 'A'}), 1);
    assert.equal(await db.deleteAll('Log', {msg: 'b'}), 1);
    assert.deepEqual(await db.find('Log', {}), [{msg: 'A'}, {msg: 'c'}]);
    assert.equal(await db.replaceById('Log', 1, {msg: 'x'}), false);
  });

  it('re-keys rows when a model is defined again with another id property', async () => {
    const db = new MemoryConnector({});
    db.define(new ModelDefinition({name: 'K', properties: {code: 'string', n: 'number'}}));
    await db.createAll('K', [{code: 'b', n: 1}, {code: 'a', n: 2}]);
    db.define(new ModelDefinition({name: 'K', properties: {code: {type: 'string', id: true}, n: 'number'}}));
    assert.deepEqual(await db.find('K', {}), [{code: 'a', n: 2}, {code: 'b', n: 1}]);
    assert.equal(await db.replaceById('K', 'a', {n: 3}), true);
    assert.deepEqual(await db.find('K', {where: {code: 'a'}}), [{code: 'a', n: 3}]);
  });

  it('keeps rows when a model is defined again', async () => {
    const db = newConnector();
    await db.create('Order', {total: 1});
    db.define(orderDef());
    assert.equal(await db.count('Order', undefined), 1);
    assert.equal((await db.create('Order', {})).id, 2);
  });
});

describe('MemoryConnector: update, replace, delete', () => {
  async function seeded(): Promise<MemoryConnector> {
    const db = newConnector();
    await db.createAll('Order', [
      {customerId: 1, total: 10, status: 'open'},
      {customerId: 1, total: 20, status: 'done'},
      {customerId: 2, total: 30, status: 'open'},
    ]);
    return db;
  }

  it('updateAll patches matching rows and returns the count', async () => {
    const db = await seeded();
    assert.equal(await db.updateAll('Order', {status: 'open'}, {status: 'paid', note: 'x'}), 2);
    assert.deepEqual(await db.find('Order', {}), [
      {customerId: 1, total: 10, status: 'paid', id: 1, note: 'x'},
      {customerId: 1, total: 20, status: 'done', id: 2},
      {customerId: 2, total: 30, status: 'paid', id: 3, note: 'x'},
    ]);
    assert.equal(await db.updateAll('Order', {status: 'none'}, {status: 'x'}), 0);
  });

  it('updateAll without where patches every row; never changes ids', async () => {
    const db = await seeded();
    assert.equal(await db.updateAll('Order', undefined, {id: 99, total: 0}), 3);
    assert.deepEqual((await db.find('Order', {})).map(r => [r.id, r.total]), [[1, 0], [2, 0], [3, 0]]);
  });

  it('updateAll with an undefined value removes the property', async () => {
    const db = await seeded();
    await db.updateAll('Order', {id: 1}, {status: undefined});
    assert.deepEqual(await db.find('Order', {where: {id: 1}}), [{customerId: 1, total: 10, id: 1}]);
  });

  it('replaceById replaces every field and keeps the id', async () => {
    const db = await seeded();
    assert.equal(await db.replaceById('Order', 2, {id: 2, total: 99}), true);
    assert.deepEqual(await db.find('Order', {where: {id: 2}}), [{id: 2, total: 99}]);
    assert.equal(await db.replaceById('Order', '3', {status: 'x'}), true);
    assert.deepEqual(await db.find('Order', {where: {id: 3}}), [{id: 3, status: 'x'}]);
    assert.equal(await db.replaceById('Order', 42, {total: 1}), false);
    assert.equal(await db.count('Order', undefined), 3);
  });

  it('deleteAll removes matching rows, or all rows without where', async () => {
    const db = await seeded();
    assert.equal(await db.deleteAll('Order', {customerId: 1}), 2);
    assert.deepEqual((await db.find('Order', {})).map(r => r.id), [3]);
    assert.equal(await db.deleteAll('Order', {customerId: 1}), 0);
    assert.equal(await db.deleteAll('Order', undefined), 1);
    assert.equal(await db.count('Order', undefined), 0);
    // ids keep counting after deletes
    assert.equal((await db.create('Order', {})).id, 4);
  });

  it('automigrate clears rows and restarts id counters', async () => {
    const db = await seeded();
    await db.create('Customer', {name: 'a'});
    await db.automigrate(['Order']);
    assert.equal(await db.count('Order', undefined), 0);
    assert.equal(await db.count('Customer', undefined), 1);
    assert.equal((await db.create('Order', {})).id, 1);
    await db.automigrate();
    assert.equal(await db.count('Customer', undefined), 0);
    assert.equal((await db.create('Customer', {})).id, 1);
  });
});

describe('MemoryConnector: copies', () => {
  it('returns copies: mutating results never changes stored data', async () => {
    const db = newConnector();
    const since = new Date('2020-01-01T00:00:00Z');
    const created = await db.create('Customer', {
      name: 'a', since, tags: ['x'], address: {city: 'Oslo', lines: ['1']}, blob: Buffer.from('hi'),
    });
    created.name = 'changed';
    created.tags.push('y');
    const [found] = await db.find('Customer', {});
    found.since.setFullYear(1999);
    found.address.city = 'Rome';
    found.address.lines.push('2');
    found.blob[0] = 0;
    const [again] = await db.find('Customer', {});
    assert.equal(again.name, 'a');
    assert.deepEqual(again.tags, ['x']);
    assert.equal(again.since.toISOString(), '2020-01-01T00:00:00.000Z');
    assert.deepEqual(again.address, {city: 'Oslo', lines: ['1']});
    assert.equal(again.blob.toString(), 'hi');
    assert.ok(again.since instanceof Date);
    assert.ok(Buffer.isBuffer(again.blob));
  });

  it('returns copies with fields selected too', async () => {
    const db = newConnector();
    await db.create('Customer', {name: 'a', address: {city: 'Oslo'}});
    const [r] = await db.find('Customer', {fields: ['address']});
    assert.deepEqual(r, {address: {city: 'Oslo'}});
    r.address.city = 'Rome';
    assert.deepEqual((await db.find('Customer', {}))[0].address, {city: 'Oslo'});
  });

  it('mutating input objects after the call never changes stored data', async () => {
    const db = newConnector();
    const data = {name: 'a', tags: ['x'], address: {city: 'Oslo'}, since: new Date(0)};
    await db.create('Customer', data);
    data.name = 'b';
    data.tags.push('y');
    data.address.city = 'Rome';
    data.since.setTime(5);
    const patch = {address: {city: 'Bergen'}, tags: ['p']};
    await db.updateAll('Customer', undefined, patch);
    patch.address.city = 'Nowhere';
    patch.tags.push('q');
    const replacement = {name: 'r', tags: ['r']};
    const batch = [{name: 'c', tags: ['c']}];
    await db.createAll('Customer', batch);
    batch[0].tags.push('d');
    await db.replaceById('Customer', 1, replacement);
    replacement.tags.push('s');
    assert.deepEqual(await db.find('Customer', {}), [
      {id: 1, name: 'r', tags: ['r']},
      {name: 'c', tags: ['c'], id: 2},
    ]);
  });
});
