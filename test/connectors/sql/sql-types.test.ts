import assert from 'node:assert/strict';
import {after, before, beforeEach, it} from 'node:test';
import {RawBuilder, sql} from 'kysely';
import {AnyObject} from '../../../src/common/types';
import {SqlConnector} from '../../../src/connectors/sql/sql-connector';
import {columnRef, tableRef} from '../../../src/connectors/sql/sql-refs';
import {decodeJsonRow, decodeRow, encodeValue} from '../../../src/connectors/sql/value-codec';
import {DataSource} from '../../../src/datasource/datasource';
import {normalizeFilter} from '../../../src/filter/normalize-filter';
import {ModelDefinition} from '../../../src/model/model-definition';
import {createTables, describeForEachSql} from './sql-setups';

function sampleDef(): ModelDefinition {
  return new ModelDefinition({
    name: 'Sample',
    properties: {
      id: {type: 'number', id: true, generated: true},
      s: 'string',
      n: 'number',
      b: 'boolean',
      d: 'date',
      o: 'object',
      a: {type: 'array', itemType: 'any'},
      x: 'any',
      buf: 'buffer',
    },
  });
}

const SAMPLES: AnyObject[] = [
  {
    s: 'ünïcödé 😀 \'quoted\' "double" \\ back', n: -1.25, b: true, d: new Date('2024-02-29T12:34:56.789Z'),
    o: {a: 1, nested: {b: [1, 'x', null, true]}, empty: {}}, a: [1, 'two', {three: 3}, [4]], x: 'plain',
    buf: Buffer.from([0, 1, 2, 255]),
  },
  {s: '', n: 0, b: false, d: new Date(0), o: {}, a: [], x: 42, buf: Buffer.alloc(0)},
  {s: 'x'.repeat(10000), n: 1e300, b: false, d: new Date('1969-07-20T20:17:40.000Z'), x: {k: 'v'}, a: ['only']},
  {n: Number.MAX_SAFE_INTEGER, x: true},
  {n: 2 ** -1074, x: null, a: [null]},
  {},
];

/** A JSON object of every column, built by the database the way include plans aggregate rows. */
function jsonObjectOf(connector: SqlConnector, model: string): RawBuilder<unknown> {
  const mapping = connector.mapping(model);
  const key = (name: string) => connector.dialect.name === 'postgresql' ? sql`${name}::text` : sql`${name}`;
  const pairs = sql.join(mapping.columns.map(c => sql`${key(c.column)}, ${connector.dialect.jsonValue(columnRef(c.column), c.kind)}`));
  switch (connector.dialect.name) {
    case 'postgresql': return sql`json_build_object(${pairs})`;
    case 'mysql': return sql`JSON_OBJECT(${pairs})`;
    default: return sql`json_object(${pairs})`;
  }
}

describeForEachSql('SQL value types', setup => {
  let ds: DataSource;
  let db: SqlConnector;

  before(() => {
    ds = new DataSource(setup.settings());
    ds.attachDefinition(sampleDef());
    ds.attachDefinition(new ModelDefinition({
      name: 'Num', properties: {id: {type: 'number', id: true}, label: 'string', at: 'date', bin: 'buffer', on: 'boolean'},
    }));
    db = ds.connector as SqlConnector;
  });
  beforeEach(() => createTables(ds, ['Sample', 'Num']));
  after(() => ds.disconnect());

  it('round-trips every kind (numbers, strings, booleans, Dates, JSON objects and arrays, any, Buffers)', async () => {
    const created = await db.createAll('Sample', SAMPLES);
    const expected = SAMPLES.map((s, i) => {
      const row: AnyObject = {id: i + 1};
      for (const [k, v] of Object.entries(s)) if (v !== null) row[k] = v;
      return row;
    });
    const found = await db.find('Sample', {});
    assert.deepEqual(found, expected);
    assert.deepEqual(created.map(r => r.id), [1, 2, 3, 4, 5, 6]);
    assert.ok(found[0].d instanceof Date && Buffer.isBuffer(found[0].buf));
    assert.deepEqual(await db.find('Sample', {where: {id: 4}}), [{id: 4, n: Number.MAX_SAFE_INTEGER, x: true}]);
  });

  it('compares Dates as instants, booleans as booleans, Buffers by content', async () => {
    await db.createAll('Sample', SAMPLES);
    const def = sampleDef();
    const ids = async (where: AnyObject) =>
      (await db.find('Sample', normalizeFilter({where}, def))).map(r => r.id);
    assert.deepEqual(await ids({d: new Date('2024-02-29T13:34:56.789+01:00')}), [1]);
    assert.deepEqual(await ids({d: {lt: '1970-01-01T00:00:00.001Z'}}), [2, 3]);
    assert.deepEqual(await ids({b: false}), [2, 3]);
    assert.deepEqual(await ids({b: 'true'}), [1]);
    assert.deepEqual(await ids({buf: Buffer.from([0, 1, 2, 255])}), [1]);
    assert.deepEqual(await ids({buf: {inq: [Buffer.alloc(0), Buffer.from('zz')]}}), [2]);
    assert.deepEqual(await ids({buf: {neq: Buffer.alloc(0)}}), [1, 3, 4, 5, 6]);
    assert.deepEqual(await ids({buf: {gt: Buffer.alloc(0)}}), [], 'buffers are not ordered (as in memory)');
    assert.deepEqual(await ids({n: {gte: 1e300}}), [3]);
    assert.deepEqual(await ids({s: ''}), [2]);
  });

  it('rows built as JSON by the database decode like plain rows (decodeJsonRow)', async () => {
    await db.createAll('Sample', SAMPLES);
    const mapping = db.mapping('Sample');
    const {rows} = await sql<AnyObject>`SELECT ${jsonObjectOf(db, 'Sample')} AS j FROM ${tableRef(mapping)} ORDER BY ${
      sql.id(mapping.idColumn!.column)}`.execute(db.kysely());
    const plain = await sql<AnyObject>`SELECT * FROM ${tableRef(mapping)} ORDER BY ${sql.id(mapping.idColumn!.column)}`
      .execute(db.kysely());
    const fromJson = rows.map(r => decodeJsonRow(mapping, typeof r.j === 'string' ? JSON.parse(r.j) : r.j));
    assert.deepEqual(fromJson, plain.rows.map(r => decodeRow(mapping, r)));
    assert.deepEqual(fromJson, await db.find('Sample', {}));
  });

  it('encodes values per dialect', () => {
    assert.equal(encodeValue('object', {a: [1]}, setup.dialect), '{"a":[1]}');
    assert.equal(encodeValue('array', [1, 'x'], setup.dialect), '[1,"x"]');
    assert.equal(encodeValue('string', null, setup.dialect), null);
    assert.equal(encodeValue('boolean', true, setup.dialect), setup.dialect === 'postgresql' ? true : 1);
    const date = new Date('2024-01-02T03:04:05.678Z');
    assert.deepEqual(encodeValue('date', date, setup.dialect), setup.dialect === 'sqlite' ? '2024-01-02T03:04:05.678Z' : date);
  });

  it('long inq/nin lists (70,000 values) run as one statement on every database', async () => {
    await db.createAll('Num', Array.from({length: 1000}, (_, i) => ({id: i + 1, label: `L${i + 1}`})));
    const many = Array.from({length: 70000}, (_, i) => i * 2 + 1);
    assert.equal(await db.count('Num', {id: {inq: many}}), 500);
    assert.equal(await db.count('Num', {id: {nin: many}}), 500);
    const labels = many.map(n => `L${n}`);
    assert.equal(await db.count('Num', {label: {inq: labels}}), 500);
    assert.equal(await db.count('Num', {label: {nin: [...labels, null]}}), 500);
    const found = await db.find('Num', {where: {id: {inq: many}}, order: [{property: 'id', direction: 'DESC'}], limit: 2});
    assert.deepEqual(found, [{id: 999, label: 'L999'}, {id: 997, label: 'L997'}]);
    assert.equal(await db.deleteAll('Num', {id: {inq: many}}), 500);
    assert.equal(await db.updateAll('Num', {label: {inq: labels.concat(['L2', 'L4'])}}, {label: 'x'}), 2);
  });

  it('long lists of dates, booleans and buffers compare like short ones', async () => {
    const base = Date.UTC(2024, 0, 1);
    await db.createAll('Num', Array.from({length: 50}, (_, i) => ({
      id: i + 1, at: new Date(base + i * 1000), bin: Buffer.from([i]), on: i % 2 === 0,
    })));
    const dates = Array.from({length: 3000}, (_, i) => new Date(base + i * 2000));
    assert.equal(await db.count('Num', {at: {inq: dates}}), 25);
    const bins = Array.from({length: 3000}, (_, i) => Buffer.from([i % 256, 7]));
    bins.push(Buffer.from([3]), Buffer.from([4]));
    assert.equal(await db.count('Num', {bin: {inq: bins}}), 2);
    assert.equal(await db.count('Num', {on: {inq: Array.from({length: 3000}, () => true)}}), 25);
    assert.equal(await db.count('Num', {at: {inq: dates.slice(0, 3)}}), 3);
  });
});
