import assert from 'node:assert/strict';
import {after, before, it} from 'node:test';
import {SqlConnector} from '../../../src/connectors/sql/sql-connector';
import {DataSource} from '../../../src/datasource/datasource';
import {model, property} from '../../../src/model/decorators';
import {Entity} from '../../../src/model/model';
import {DefaultCrudRepository} from '../../../src/repository/default-crud-repository';
import {createTables, describeForEachSql} from './sql-setups';

@model()
class Victim extends Entity {
  @property({type: 'number', id: true, generated: true})
  id?: number;

  @property({type: 'string'})
  name?: string;

  @property({type: 'number'})
  rank?: number;

  constructor(data?: Partial<Victim>) {
    super(data);
  }
}

/** Strings that would break out of a naively quoted SQL literal on one database or another. */
const PAYLOADS = [
  "x'; DROP TABLE victim; --",
  "x'); DELETE FROM victim; --",
  "\\'; DROP TABLE victim; --",
  "\\\\'; DROP TABLE victim; #",
  "' OR '1'='1",
  "\" OR \"1\"=\"1",
  '`; DROP TABLE `Victim`; --',
  "$1 $2 ? ?? :name @x",
  "%' OR name LIKE '%",
  "'; SELECT pg_sleep(10); --",
  "\u2019; DROP TABLE victim; --",
  "x'/**/OR/**/1=1",
];

describeForEachSql('SQL injection attempts', setup => {
  let ds: DataSource;
  let db: SqlConnector;
  let repo: DefaultCrudRepository<Victim, number>;

  before(async () => {
    ds = new DataSource(setup.settings());
    repo = new DefaultCrudRepository(Victim, ds);
    db = ds.connector as SqlConnector;
    await createTables(ds, ['Victim']);
    await repo.createAll(PAYLOADS.map((name, i) => ({name, rank: i})));
    await repo.create({name: 'innocent', rank: 100});
  });
  after(() => ds.disconnect());

  const tableIntact = async () => {
    assert.equal((await repo.count()).count, PAYLOADS.length + 1, 'the table and its rows are still there');
  };

  it('string values are stored and compared literally', async () => {
    const stored = await repo.find({order: ['rank ASC']});
    assert.deepEqual(stored.map(v => v.name), [...PAYLOADS, 'innocent']);
    for (const [i, payload] of PAYLOADS.entries()) {
      const found = await repo.find({where: {name: payload}});
      assert.deepEqual(found.map(v => v.rank), [i], payload);
      assert.deepEqual((await repo.find({where: {name: {neq: payload}}})).length, PAYLOADS.length);
      assert.deepEqual((await repo.find({where: {name: {inq: [payload, 'nothing']}}})).map(v => v.rank), [i]);
      await repo.updateAll({name: payload}, {rank: i});
    }
    await tableIntact();
  });

  it('like, ilike and nlike patterns are bound values', async () => {
    for (const payload of PAYLOADS) {
      const escaped = payload.replace(/[\\%_]/g, c => '\\' + c);
      const byLike = await repo.find({where: {name: {like: escaped}}});
      assert.deepEqual(byLike.map(v => v.name), [payload], `like ${payload}`);
      const byIlike = await repo.find({where: {name: {ilike: escaped.toUpperCase()}}});
      assert.ok(byIlike.every(v => v.name!.toUpperCase() === payload.toUpperCase()), `ilike ${payload}`);
      assert.equal((await repo.find({where: {name: {nlike: escaped}}})).length, PAYLOADS.length);
    }
    assert.deepEqual((await repo.find({where: {name: {like: "%' OR '1'='1"}}})).map(v => v.name), ["' OR '1'='1"]);
    await tableIntact();
  });

  it('regexp values are bound patterns', async () => {
    assert.deepEqual((await repo.find({where: {name: {regexp: "^x'; DROP"}}})).map(v => v.rank), [0]);
    assert.deepEqual((await repo.find({where: {name: {regexp: "/'; DROP TABLE victim; --$/i"}}})).map(v => v.rank), [0, 2]);
    assert.deepEqual((await repo.find({where: {name: {regexp: "x'\\); DELETE FROM victim; --"}}})).map(v => v.rank), [1]);
    await assert.rejects(repo.find({where: {name: {regexp: "'); DROP TABLE victim; --"}}}), {code: 'INVALID_FILTER', statusCode: 400});
    await tableIntact();
  });

  it('property names, operators, order and fields never reach SQL unchecked', async () => {
    const bad = [
      {where: {"name'; DROP TABLE victim; --": 'x'}},
      {where: {'name" = name OR "1': 'x'}},
      {where: {name: {"eq'; DROP TABLE victim; --": 'x'}}},
      {where: {name: {$where: 'sleep(1)'}}},
      {where: {or: [{'rank; DELETE FROM victim': 1}]}},
      {order: 'name; DROP TABLE victim'},
      {order: ['name DESC; DROP TABLE victim']},
      {order: ['rank) DESC --']},
      {fields: ['name; DROP TABLE victim']},
      {fields: {'name FROM victim; --': true}},
      {limit: '1; DROP TABLE victim'},
      {skip: '0 UNION SELECT 1'},
    ];
    for (const filter of bad) {
      await assert.rejects(repo.find(filter as object), (err: Error & {statusCode?: number}) => {
        assert.equal(err.statusCode, 400, `${JSON.stringify(filter)} → ${err.message}`);
        return true;
      });
    }
    await assert.rejects(repo.count({"name'); --": 'x'} as object), {statusCode: 400});
    await assert.rejects(repo.updateAll({name: 'x'}, {"rank = 0; --": 1} as object), {statusCode: 400});
    await assert.rejects(repo.deleteAll({'1=1 OR name': 'x'} as object), {statusCode: 400});
    await tableIntact();
  });

  it('numbers, dates and booleans from the query string are coerced or rejected, never spliced', async () => {
    await assert.rejects(repo.find({where: {rank: '1 OR 1=1'}} as object), {statusCode: 400});
    await assert.rejects(repo.find({where: {rank: {gt: '0; DROP TABLE victim'}}} as object), {statusCode: 400});
    assert.deepEqual((await repo.find({where: {rank: '1'}} as object)).map(v => v.rank), [1]);
    await tableIntact();
  });

  it('execute binds its parameters', async () => {
    const p = setup.dialect === 'postgresql' ? '$1' : '?';
    const table = setup.dialect === 'postgresql' ? `"${setup.namespace}"."victim"` : setup.dialect === 'mysql' ? '`Victim`' : '"Victim"';
    const rows = await db.execute(`SELECT rank FROM ${table} WHERE name = ${p}`, [PAYLOADS[0]]) as Array<{rank: number}>;
    assert.deepEqual(rows.map(r => Number(r.rank)), [0]);
    await tableIntact();
  });
});
