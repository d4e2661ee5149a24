import assert from 'node:assert/strict';
import {after, before, it} from 'node:test';
import {sql} from 'kysely';
import {AnyObject} from '../../../src/common/types';
import {SqlConnector} from '../../../src/connectors/sql/sql-connector';
import {tableRef} from '../../../src/connectors/sql/sql-refs';
import {DataSource} from '../../../src/datasource/datasource';
import {model, property} from '../../../src/model/decorators';
import {Entity} from '../../../src/model/model';
import {ModelDefinition} from '../../../src/model/model-definition';
import {DefaultCrudRepository} from '../../../src/repository/default-crud-repository';
import {createTables, describeForEachSql} from './sql-setups';

@model({
  settings: {
    postgresql: {table: 'people'},
    mysql: {table: 'people'},
    sqlite3: {table: 'people'},
  },
})
class Person extends Entity {
  @property({type: 'number', id: true, generated: true})
  id?: number;

  @property({type: 'string', name: 'full_name'})
  fullName?: string;

  @property({
    type: 'string',
    postgresql: {columnName: 'pg_nick'}, mysql: {columnName: 'my_nick'}, sqlite3: {columnName: 'sq_nick'},
  })
  nickname?: string;

  @property({type: 'number', name: 'weird "col" `x`'})
  weird?: number;

  constructor(data?: Partial<Person>) {
    super(data);
  }
}

describeForEachSql('SQL table and column mapping', setup => {
  let ds: DataSource;
  let db: SqlConnector;
  let repo: DefaultCrudRepository<Person, number>;
  const otherSchema = `${setup.namespace}_other`;

  before(async () => {
    ds = new DataSource(setup.settings());
    repo = new DefaultCrudRepository(Person, ds);
    ds.attachDefinition(new ModelDefinition({
      name: 'Dotted',
      properties: {id: {type: 'number', id: true}, 'a.b': {type: 'string', name: 'a.b'}},
      settings: {postgresql: {table: 'dotted.table'}, mysql: {table: 'dotted.table'}, sqlite3: {table: 'dotted.table'}},
    }));
    if (setup.dialect === 'postgresql') {
      ds.attachDefinition(new ModelDefinition({
        name: 'Elsewhere',
        properties: {id: {type: 'number', id: true}, label: 'string'},
        settings: {postgresql: {schema: `${setup.namespace}_other`, table: 'elsewhere_items'}},
      }));
    }
    db = ds.connector as SqlConnector;
    await createTables(ds, setup.dialect === 'postgresql' ? ['Person', 'Dotted', 'Elsewhere'] : ['Person', 'Dotted']);
  });
  after(async () => {
    if (setup.dialect === 'postgresql') await sql.raw(`DROP SCHEMA IF EXISTS "${otherSchema}" CASCADE`).execute(db.kysely());
    await ds.disconnect();
  });

  it('maps names from @property({name}), per-connector columnName and model table settings', async () => {
    const mapping = db.mapping('Person');
    assert.equal(mapping.table, 'people');
    const nick = {postgresql: 'pg_nick', mysql: 'my_nick', sqlite: 'sq_nick'}[setup.dialect];
    assert.deepEqual(mapping.columns.map(c => c.column), ['id', 'full_name', nick, 'weird "col" `x`']);

    const created = await repo.create({fullName: 'Ada Lovelace', nickname: 'ada', weird: 1});
    assert.equal(created.id, 1);
    const raw = await sql<AnyObject>`SELECT * FROM ${tableRef(mapping)}`.execute(db.kysely());
    assert.deepEqual(raw.rows.map(r => ({...r})), [{id: 1, full_name: 'Ada Lovelace', [nick]: 'ada', 'weird "col" `x`': 1}]);

    const found = await repo.find({where: {fullName: {like: 'Ada%'}, weird: 1}, order: ['nickname DESC'], fields: ['fullName', 'nickname']});
    assert.deepEqual(found.map(p => p.toJSON()), [{fullName: 'Ada Lovelace', nickname: 'ada'}]);
    await repo.updateAll({nickname: 'countess'}, {fullName: 'Ada Lovelace'});
    assert.equal((await repo.findById(1)).nickname, 'countess');
    assert.deepEqual((await repo.count({weird: {gt: 0}})), {count: 1});
  });

  it('keeps dots inside names (never read as schema or table qualifiers)', async () => {
    await db.create('Dotted', {id: 1, 'a.b': 'x'});
    assert.deepEqual(await db.find('Dotted', {where: {'a.b': 'x'}}), [{id: 1, 'a.b': 'x'}]);
    assert.equal(db.mapping('Dotted').table, 'dotted.table');
  });

  it('PostgreSQL: a model schema overrides the data source default schema', async t => {
    if (setup.dialect !== 'postgresql') {
      assert.equal(db.mapping('Person').schema, undefined, 'only PostgreSQL has a default schema setting');
      return;
    }
    assert.equal(db.mapping('Person').schema, setup.namespace);
    assert.equal(db.mapping('Elsewhere').schema, otherSchema);
    await db.create('Elsewhere', {id: 7, label: 'far'});
    const raw = await sql<AnyObject>`SELECT label FROM ${sql.id(otherSchema, 'elsewhere_items')}`.execute(db.kysely());
    assert.deepEqual(raw.rows, [{label: 'far'}]);
    assert.deepEqual(await db.find('Elsewhere', {}), [{id: 7, label: 'far'}]);
    t.diagnostic('model schema honoured');
  });

  it('unmapped and nested properties fail with a 400 naming them, before any SQL', async () => {
    await assert.rejects(db.find('Person', {where: {'fullName.first': 'x'}}),
      {code: 'UNSUPPORTED_QUERY', statusCode: 400, message: /nested property "fullName\.first".*"Person"/});
    await assert.rejects(db.find('Person', {where: {ghost: 1}}),
      {code: 'UNSUPPORTED_QUERY', statusCode: 400, message: /Property "ghost".*"Person"/});
    await assert.rejects(db.find('Person', {order: [{property: 'ghost', direction: 'ASC'}]}),
      {code: 'UNSUPPORTED_QUERY', message: /order clause/});
    await assert.rejects(db.find('Person', {limit: 1}, {partitionBy: 'ghost'}), {code: 'UNSUPPORTED_QUERY'});
  });
});
