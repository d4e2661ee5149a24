import assert from 'node:assert/strict';
import {after, before, beforeEach, it} from 'node:test';
import {AnyObject} from '../../../src/common/types';
import {MysqlAdapter} from '../../../src/connectors/sql/dialects/mysql';
import {SqlConnector} from '../../../src/connectors/sql/sql-connector';
import {DataSource} from '../../../src/datasource/datasource';
import {ModelDefinition} from '../../../src/model/model-definition';
import {createTables, describeForEachSql} from './sql-setups';

function itemDef(): ModelDefinition {
  return new ModelDefinition({
    name: 'Item',
    properties: {
      id: {type: 'number', id: true, generated: true},
      name: 'string',
      qty: 'number',
      note: 'string',
    },
  });
}

function noteDef(): ModelDefinition {
  return new ModelDefinition({
    name: 'Note',
    properties: {id: {type: 'string', id: true}, text: 'string'},
  });
}

const ids = (rows: AnyObject[]) => rows.map(r => r.id);

describeForEachSql('SqlConnector CRUD', setup => {
  let ds: DataSource;
  let db: SqlConnector;

  before(async () => {
    ds = new DataSource(setup.settings());
    ds.attachDefinition(itemDef());
    ds.attachDefinition(noteDef());
    db = ds.connector as SqlConnector;
  });
  beforeEach(() => createTables(ds, ['Item', 'Note']));
  after(() => ds.disconnect());

  it('is the connector LoopBack settings name, relational, with transactions and partitioned finds', () => {
    assert.equal(db.name, setup.dialect);
    assert.equal(db.dialect.name, setup.dialect);
    assert.equal(ds.isRelational(), true);
    assert.deepEqual(db.capabilities, {maxInqSize: Infinity, partitionedFind: true, transactions: true});
  });

  it('create generates ids, keeps explicit ones, and later generated ids pass explicit ones', async () => {
    assert.deepEqual(await db.create('Item', {name: 'a', qty: 1}), {id: 1, name: 'a', qty: 1});
    assert.deepEqual(await db.create('Item', {id: 100, name: 'b'}), {id: 100, name: 'b'});
    assert.deepEqual(await db.create('Item', {name: 'c'}), {id: 101, name: 'c'});
    assert.deepEqual(await db.create('Note', {id: 'n1', text: 'x'}), {id: 'n1', text: 'x'});
    assert.deepEqual(await db.create('Item', {}), {id: 102});
  });

  it('create returns a copy the caller owns', async () => {
    const data = {name: 'a'};
    const created = await db.create('Item', data);
    created.name = 'changed';
    assert.deepEqual(data, {name: 'a'});
    assert.deepEqual(await db.find('Item', {}), [{id: 1, name: 'a'}]);
  });

  it('createAll inserts in order with generated and explicit ids mixed, like memory', async () => {
    const created = await db.createAll('Item', [
      {name: 'a', qty: 1}, {name: 'b'}, {id: 10, name: 'c'}, {name: 'd'}, {name: 'e', qty: 2},
    ]);
    assert.deepEqual(created, [
      {id: 1, name: 'a', qty: 1}, {id: 2, name: 'b'}, {id: 10, name: 'c'}, {id: 11, name: 'd'}, {id: 12, name: 'e', qty: 2},
    ]);
    assert.deepEqual(ids(await db.find('Item', {})), [1, 2, 10, 11, 12]);
    assert.deepEqual(await db.createAll('Item', []), []);
  });

  it('without INSERT ... RETURNING (MySQL), generated ids come from insertId', async t => {
    if (setup.dialect !== 'mysql') {
      t.diagnostic('MySQL only (MariaDB >= 10.5 has RETURNING; this forces the MySQL path)');
      return;
    }
    await ds.connect();
    const adapter = db.dialect as MysqlAdapter;
    assert.equal(adapter.insertReturning, true, 'MariaDB 10.11 was detected');
    adapter.insertReturning = false;
    try {
      assert.deepEqual(await db.create('Item', {name: 'a'}), {id: 1, name: 'a'});
      assert.deepEqual(await db.createAll('Item', [{name: 'b'}, {id: 20, name: 'c'}, {name: 'd'}]),
        [{id: 2, name: 'b'}, {id: 20, name: 'c'}, {id: 21, name: 'd'}]);
    } finally {
      adapter.insertReturning = true;
    }
  });

  it('createAll is atomic: a duplicate in the batch stores nothing', async () => {
    await db.create('Item', {id: 5, name: 'x'});
    await assert.rejects(db.createAll('Item', [{id: 6, name: 'a'}, {name: 'b'}, {id: 5, name: 'dup'}]),
      {code: 'DUPLICATE_ENTRY', statusCode: 409});
    assert.deepEqual(await db.find('Item', {}), [{id: 5, name: 'x'}]);
    await assert.rejects(db.createAll('Note', [{id: 'a'}, {id: 'a'}]), {code: 'DUPLICATE_ENTRY'});
    assert.equal(await db.count('Note', undefined), 0);
  });

  it('createAll of many rows is chunked under the bind limit', async () => {
    const rows = Array.from({length: 40000}, (_, i) => ({name: `n${i}`, qty: i, note: 'x'}));
    const created = await db.createAll('Item', rows);
    assert.equal(created.length, 40000);
    assert.deepEqual(created[39999], {id: 40000, name: 'n39999', qty: 39999, note: 'x'});
    assert.equal(await db.count('Item', {qty: {gte: 20000}}), 20000);
  });

  it('find: default id order, fields, limit and skip', async () => {
    await db.createAll('Item', [{id: 3, name: 'c'}, {id: 1, name: 'a', qty: 5}, {id: 2, name: 'b'}]);
    assert.deepEqual(ids(await db.find('Item', {})), [1, 2, 3]);
    assert.deepEqual(await db.find('Item', {fields: ['name']}), [{name: 'a'}, {name: 'b'}, {name: 'c'}]);
    assert.deepEqual(await db.find('Item', {fields: ['qty']}), [{qty: 5}, {}, {}]);
    assert.deepEqual(ids(await db.find('Item', {limit: 2})), [1, 2]);
    assert.deepEqual(ids(await db.find('Item', {skip: 1, limit: 1})), [2]);
    assert.deepEqual(ids(await db.find('Item', {skip: 2})), [3]);
    assert.deepEqual(ids(await db.find('Item', {skip: 5})), []);
    assert.deepEqual(ids(await db.find('Item', {limit: 0})), [1, 2, 3], 'a falsy limit is no limit');
  });

  it('count with and without where', async () => {
    await db.createAll('Item', [{name: 'a', qty: 1}, {name: 'b', qty: 2}, {name: 'c'}]);
    assert.equal(await db.count('Item', undefined), 3);
    assert.equal(await db.count('Item', {qty: {gt: 1}}), 1);
    assert.equal(await db.count('Item', {qty: {inq: []}}), 0);
  });

  it('updateAll patches matching rows, never the id, and counts matches (even unchanged ones)', async () => {
    await db.createAll('Item', [{name: 'a', qty: 1}, {name: 'b', qty: 1}, {name: 'c', qty: 2}]);
    assert.equal(await db.updateAll('Item', {qty: 1}, {note: 'n', id: 99}), 2);
    assert.equal(await db.updateAll('Item', {qty: 1}, {note: 'n'}), 2);
    assert.equal(await db.updateAll('Item', {qty: 7}, {note: 'n'}), 0);
    assert.equal(await db.updateAll('Item', undefined, {qty: undefined}), 3);
    assert.deepEqual(await db.find('Item', {}), [
      {id: 1, name: 'a', note: 'n'}, {id: 2, name: 'b', note: 'n'}, {id: 3, name: 'c'},
    ]);
    assert.equal(await db.updateAll('Item', {name: 'a'}, {id: 5}), 1, 'nothing to set: the count');
  });

  it('replaceById sets every column not given to NULL, keeps the id, and finds loose ids', async () => {
    await db.create('Item', {name: 'a', qty: 1, note: 'x'});
    assert.equal(await db.replaceById('Item', 1, {name: 'b', id: 7}), true);
    assert.deepEqual(await db.find('Item', {}), [{id: 1, name: 'b'}]);
    assert.equal(await db.replaceById('Item', '1', {qty: 3}), true);
    assert.deepEqual(await db.find('Item', {}), [{id: 1, qty: 3}]);
    assert.equal(await db.replaceById('Item', 2, {name: 'c'}), false);
    assert.equal(await db.replaceById('Item', 'nope', {name: 'c'}), false);
  });

  it('deleteAll deletes matches and counts them', async () => {
    await db.createAll('Item', [{name: 'a'}, {name: 'b'}, {name: 'c'}]);
    assert.equal(await db.deleteAll('Item', {name: {inq: ['a', 'c']}}), 2);
    assert.equal(await db.deleteAll('Item', {name: 'zz'}), 0);
    assert.equal(await db.deleteAll('Item', undefined), 1);
    assert.equal(await db.count('Item', undefined), 0);
  });

  it('execute runs parameterized statements with the database placeholders', async () => {
    await db.createAll('Item', [{name: 'a', qty: 1}, {name: 'b', qty: 2}]);
    const p = setup.dialect === 'postgresql' ? '$1' : '?';
    const table = setup.dialect === 'postgresql' ? `"${setup.namespace}"."item"` : setup.dialect === 'mysql' ? '`Item`' : '"Item"';
    const qty = setup.dialect === 'postgresql' ? 'qty' : 'qty';
    const rows = await ds.execute(`SELECT name FROM ${table} WHERE ${qty} = ${p}`, [2]);
    assert.deepEqual(rows, [{name: 'b'}]);
    const written = await db.execute(`UPDATE ${table} SET note = ${p}`, ['z']) as AnyObject;
    assert.equal(written.count, 2);
    assert.equal(written.affectedRows, 2);
    assert.deepEqual(await db.execute(`SELECT name FROM ${table} WHERE name = ${p}`, ['none']), []);
    await assert.rejects(db.execute(42), {code: 'INVALID_COMMAND', statusCode: 400});
    await assert.rejects(db.execute('SELECT 1', 'x'), {code: 'INVALID_COMMAND', statusCode: 400});
  });

  it('rejects non-object data and undefined models with clear errors', async () => {
    await assert.rejects(db.create('Item', null as unknown as AnyObject), {code: 'INVALID_DATA', statusCode: 400});
    await assert.rejects(db.createAll('Item', {} as unknown as AnyObject[]), {code: 'INVALID_DATA', statusCode: 400});
    await assert.rejects(db.find('Nope', {}), {code: 'MODEL_NOT_DEFINED'});
  });

  it('disconnect closes everything and the data source can connect again', async () => {
    await db.create('Item', {name: 'a'});
    await ds.disconnect();
    await ds.connect();
    assert.deepEqual(await db.find('Item', {}), [{id: 1, name: 'a'}]);
  });

  it('exposes mappings, definitions and the pool executor', () => {
    assert.deepEqual(db.definitions().map(d => d.name).sort(), ['Item', 'Note']);
    assert.deepEqual(db.mappings().map(m => m.model).sort(), ['Item', 'Note']);
    assert.equal(db.mapping('Item'), db.mapping('Item'), 'cached');
    assert.equal(db.mapping('Item').schema, setup.dialect === 'postgresql' ? setup.namespace : undefined);
    assert.equal(db.kysely(), db.kysely({}));
  });
});
