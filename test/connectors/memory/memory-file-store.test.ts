import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import {after, before, describe, it} from 'node:test';
import {MemoryConnector} from '../../../src/connectors/memory';
import {RelataError} from '../../../src/common/errors';
import {ModelDefinition} from '../../../src/model/model-definition';
import {customerDef, newConnector, orderDef} from './fixtures';

let dir: string;
let n = 0;
const nextFile = (): string => path.join(dir, `db-${++n}.json`);
const readJson = (file: string): any => JSON.parse(fs.readFileSync(file, 'utf8'));

describe('MemoryConnector file persistence', () => {
  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'relata-memory-'));
  });
  after(() => {
    fs.rmSync(dir, {recursive: true, force: true});
  });

  it('starts empty when the file does not exist, and creates it on the first write', async () => {
    const file = nextFile();
    const db = newConnector({file});
    await db.connect();
    assert.deepEqual(await db.find('Customer', {}), []);
    assert.equal(fs.existsSync(file), false);
    await db.create('Customer', {name: 'a'});
    assert.equal(fs.existsSync(file), true);
  });

  it("writes LoopBack's format, with data on disk when the operation resolves", async () => {
    const file = nextFile();
    const db = newConnector({file});
    await db.create('Customer', {name: 'a', since: new Date('2020-01-01T00:00:00Z')});
    await db.create('Order', {customerId: 1, total: 5});
    const data = readJson(file);
    assert.deepEqual(data.ids, {Customer: 2, Order: 2, Note: 1});
    assert.deepEqual(data.models.Customer, {1: '{"name":"a","since":"2020-01-01T00:00:00.000Z","id":1}'});
    assert.deepEqual(data.models.Order, {1: '{"customerId":1,"total":5,"id":1}'});
    assert.deepEqual(data.models.Note, {});

    await db.updateAll('Order', {id: 1}, {total: 6});
    assert.equal(readJson(file).models.Order['1'], '{"customerId":1,"total":6,"id":1}');
    await db.replaceById('Order', 1, {status: 'x'});
    assert.equal(readJson(file).models.Order['1'], '{"id":1,"status":"x"}');
    await db.deleteAll('Order', {id: 1});
    assert.deepEqual(readJson(file).models.Order, {});
  });

  it('reloads data in a new connector, reviving dates and buffers', async () => {
    const file = nextFile();
    const db = newConnector({file});
    const def = new ModelDefinition({name: 'Blob', properties: {id: {type: 'number', id: true}, data: 'buffer'}});
    db.define(def);
    await db.createAll('Customer', [
      {name: 'a', since: new Date('2020-01-01T00:00:00Z'), tags: ['x'], address: {city: 'Oslo'}},
      {id: 7, name: 'b'},
    ]);
    await db.create('Blob', {data: Buffer.from('hello')});
    await db.disconnect();

    const again = newConnector({file});
    again.define(def);
    await again.connect();
    const rows = await again.find('Customer', {});
    assert.deepEqual(rows, [
      {name: 'a', since: new Date('2020-01-01T00:00:00Z'), tags: ['x'], address: {city: 'Oslo'}, id: 1},
      {id: 7, name: 'b'},
    ]);
    assert.ok(rows[0].since instanceof Date);
    const [blob] = await again.find('Blob', {});
    assert.ok(Buffer.isBuffer(blob.data));
    assert.equal(blob.data.toString(), 'hello');
    // the id counter continues
    assert.equal((await again.create('Customer', {})).id, 8);
    // indexes work on loaded rows
    assert.deepEqual((await again.find('Customer', {where: {name: 'b'}})).map(r => r.id), [7]);
  });

  it('loads a file written by LoopBack, for models defined after loading', async () => {
    const file = nextFile();
    fs.writeFileSync(file, JSON.stringify({
      ids: {Customer: 4, Order: 3, Other: 2},
      models: {
        Customer: {
          '1': JSON.stringify({name: 'Ann', since: '2019-05-01T10:00:00.000Z', vip: true, id: 1}),
          '3': JSON.stringify({name: 'Cid', id: 3}),
        },
        Order: {
          '2': JSON.stringify({customerId: 3, total: 9, id: 2}),
        },
        Other: {'1': JSON.stringify({id: 1, x: 'kept'})},
      },
    }, null, '  '));
    const db = new MemoryConnector({file});
    await db.connect();
    db.define(customerDef());
    db.define(orderDef());
    const [ann] = await db.find('Customer', {where: {id: 1}});
    assert.deepEqual(ann, {name: 'Ann', since: new Date('2019-05-01T10:00:00.000Z'), vip: true, id: 1});
    assert.deepEqual(await db.find('Order', {where: {customerId: 3}}), [{customerId: 3, total: 9, id: 2}]);
    assert.equal((await db.create('Customer', {name: 'Dee'})).id, 4);
    assert.equal((await db.create('Order', {})).id, 3);

    // rows of models never defined survive the rewrite
    const data = readJson(file);
    assert.deepEqual(data.models.Other, {'1': '{"id":1,"x":"kept"}'});
    assert.equal(data.ids.Other, 2);
    assert.equal(data.ids.Customer, 5);
  });

  it('leaves no temporary files and writes atomically with rename', async () => {
    const file = nextFile();
    const db = newConnector({file});
    const renames: Array<[string, string]> = [];
    const rename = fs.promises.rename;
    fs.promises.rename = (async (from: fs.PathLike, to: fs.PathLike) => {
      renames.push([String(from), String(to)]);
      return rename(from, to);
    }) as typeof fs.promises.rename;
    try {
      await db.create('Customer', {name: 'a'});
    } finally {
      fs.promises.rename = rename;
    }
    assert.equal(renames.length, 1);
    assert.equal(renames[0][1], file);
    assert.match(renames[0][0], new RegExp(`^${escape(file)}\\.${process.pid}\\.[0-9a-f]+\\.tmp$`));
    assert.deepEqual(fs.readdirSync(dir).filter(f => f.endsWith('.tmp')), []);
  });

  it('serializes concurrent writes into one follow-up write, all persisted', async () => {
    const file = nextFile();
    const db = newConnector({file});
    let renames = 0;
    const rename = fs.promises.rename;
    fs.promises.rename = (async (from: fs.PathLike, to: fs.PathLike) => {
      renames++;
      return rename(from, to);
    }) as typeof fs.promises.rename;
    try {
      const creates = [];
      for (let i = 0; i < 50; i++) creates.push(db.create('Order', {total: i}));
      creates.push(db.updateAll('Order', {total: 0}, {status: 'first'}));
      await Promise.all(creates);
    } finally {
      fs.promises.rename = rename;
    }
    // the first write, then one write for everything requested meanwhile
    assert.equal(renames, 2);
    const data = readJson(file);
    assert.equal(Object.keys(data.models.Order).length, 50);
    assert.equal(data.ids.Order, 51);
    assert.equal(data.models.Order['1'], '{"total":0,"id":1,"status":"first"}');
    assert.deepEqual(fs.readdirSync(dir).filter(f => f.endsWith('.tmp')), []);

    const again = newConnector({file});
    assert.equal(await again.count('Order', undefined), 50);
  });

  it('disconnect waits for pending writes', async () => {
    const file = nextFile();
    const db = newConnector({file});
    const pending = db.create('Customer', {name: 'a'});
    void db.create('Customer', {name: 'b'});
    await db.disconnect();
    assert.equal(Object.keys(readJson(file).models.Customer).length, 2);
    await pending;
  });

  it('persists automigrate', async () => {
    const file = nextFile();
    const db = newConnector({file});
    await db.createAll('Customer', [{name: 'a'}, {name: 'b'}]);
    await db.automigrate(['Customer']);
    const data = readJson(file);
    assert.deepEqual(data.models.Customer, {});
    assert.equal(data.ids.Customer, 1);
  });

  it('rejects a corrupt file with an error naming it, and never overwrites it', async () => {
    const file = nextFile();
    fs.writeFileSync(file, '{"ids": {"Customer": 2}, "models": {');
    const db = newConnector({file});
    const check = (err: RelataError): boolean => {
      assert.ok(err instanceof RelataError);
      assert.equal(err.code, 'MEMORY_FILE_CORRUPT');
      assert.ok(err.message.startsWith(`The memory connector file "${file}" is not valid JSON: `), err.message);
      return true;
    };
    await assert.rejects(db.connect(), check);
    await assert.rejects(db.create('Customer', {name: 'a'}), check);
    await assert.rejects(db.find('Customer', {}), check);
    assert.equal(fs.readFileSync(file, 'utf8'), '{"ids": {"Customer": 2}, "models": {');
  });

  it('rejects a file with an invalid row', async () => {
    const file = nextFile();
    fs.writeFileSync(file, JSON.stringify({ids: {}, models: {Customer: {'1': '{oops'}}}));
    const db = newConnector({file});
    await assert.rejects(db.connect(), (err: RelataError) => {
      assert.equal(err.code, 'MEMORY_FILE_CORRUPT');
      assert.match(err.message, /^The memory connector file ".*" has an invalid row Customer\["1"\]: /);
      return true;
    });
  });

  it('rejects data JSON cannot hold before changing anything', async () => {
    const file = nextFile();
    const db = newConnector({file});
    await db.create('Customer', {name: 'a'});
    await assert.rejects(db.create('Customer', {name: 'b', big: 1n}), (err: RelataError) => {
      assert.equal(err.code, 'INVALID_DATA');
      assert.equal(err.statusCode, 400);
      assert.match(err.message, /^Cannot store Customer data in the memory connector file: /);
      return true;
    });
    await assert.rejects(db.updateAll('Customer', undefined, {big: 2n}), {code: 'INVALID_DATA'});
    assert.deepEqual(await db.find('Customer', {}), [{name: 'a', id: 1}]);
    await db.create('Customer', {name: 'c'});
    assert.deepEqual(Object.keys(readJson(file).models.Customer), ['1', '2']);
  });

  it('reports a failed write and leaves no temporary file', async () => {
    const file = path.join(dir, 'missing-dir', 'db.json');
    const db = newConnector({file});
    await assert.rejects(db.create('Customer', {name: 'a'}), (err: RelataError) => {
      assert.equal(err.code, 'MEMORY_FILE_WRITE_FAILED');
      assert.ok(err.message.startsWith(`The memory connector file "${file}" cannot be written: `));
      return true;
    });
    await db.disconnect();
  });
});

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
