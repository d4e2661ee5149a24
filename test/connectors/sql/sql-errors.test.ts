import assert from 'node:assert/strict';
import {join} from 'node:path';
import {tmpdir} from 'node:os';
import {after, before, beforeEach, describe, it} from 'node:test';
import {RelataError} from '../../../src/common/errors';
import {SqlConnector} from '../../../src/connectors/sql/sql-connector';
import {DataSource} from '../../../src/datasource/datasource';
import {ModelDefinition} from '../../../src/model/model-definition';
import {createTables, describeForEachSql, MARIADB, PG} from './sql-setups';

const SQL_WORDS = /\b(SELECT|INSERT|UPDATE|DELETE|FROM|WHERE|VALUES)\b/;

/** The error is a RelataError whose message and JSON hold neither SQL nor the driver's error. */
function assertClean(err: unknown, secret?: string): RelataError {
  assert.ok(err instanceof RelataError, `a RelataError, got ${String(err)}`);
  assert.doesNotMatch(err.message, SQL_WORDS);
  const json = JSON.stringify(err);
  assert.doesNotMatch(json, SQL_WORDS);
  if (secret) {
    assert.ok(!err.message.includes(secret) && !json.includes(secret), 'no password in the error');
  }
  assert.equal(Object.keys(err).includes('cause'), false, 'the driver error is not enumerable');
  return err;
}

async function rejection(p: Promise<unknown>): Promise<RelataError> {
  try {
    await p;
  } catch (err) {
    return err as RelataError;
  }
  assert.fail('expected a rejection');
}

function defs(): ModelDefinition[] {
  return [
    new ModelDefinition({
      name: 'Parent',
      properties: {
        id: {type: 'number', id: true, generated: true},
        code: {type: 'string', index: {unique: true}},
        name: {type: 'string', required: true},
        size: 'number',
        meta: 'object',
      },
    }),
    new ModelDefinition({
      name: 'Child',
      properties: {id: {type: 'number', id: true, generated: true}, parentId: {type: 'number', index: true}},
    }),
    new ModelDefinition({name: 'Ghost', properties: {id: {type: 'number', id: true}}}),
  ];
}

describeForEachSql('SQL errors', setup => {
  let ds: DataSource;
  let db: SqlConnector;

  before(() => {
    ds = new DataSource(setup.settings());
    for (const d of defs()) ds.attachDefinition(d);
    db = ds.connector as SqlConnector;
  });
  beforeEach(async () => {
    const q = (n: string) => setup.dialect === 'mysql' ? `\`${n}\`` : `"${n}"`;
    const parent = setup.dialect === 'postgresql' ? `${q(setup.namespace)}.${q('parent')}` : q('Parent');
    await createTables(ds, ['Parent', 'Child'], {
      Parent: [`UNIQUE (${q('code')})`],
      Child: [`FOREIGN KEY (${q(setup.dialect === 'postgresql' ? 'parentid' : 'parentId')}) REFERENCES ${parent} (${q('id')})`],
    });
  });
  after(() => ds.disconnect());

  it('duplicate ids and unique values → 409 DUPLICATE_ENTRY naming model and property', async () => {
    await db.create('Parent', {id: 1, name: 'a', code: 'c1'});
    const dupId = assertClean(await rejection(db.create('Parent', {id: 1, name: 'b'})));
    assert.equal(dupId.code, 'DUPLICATE_ENTRY');
    assert.equal(dupId.statusCode, 409);
    assert.equal(dupId.message, 'Duplicate entry for Parent.id');
    const dupCode = assertClean(await rejection(db.create('Parent', {name: 'b', code: 'c1'})));
    assert.equal(dupCode.message, 'Duplicate entry for Parent.code');
    const dupAll = assertClean(await rejection(db.createAll('Parent', [{name: 'x', code: 'c2'}, {name: 'y', code: 'c2'}])));
    assert.equal(dupAll.code, 'DUPLICATE_ENTRY');
  });

  it('foreign-key violations → 409 FOREIGN_KEY_VIOLATION', async () => {
    const missing = assertClean(await rejection(db.create('Child', {parentId: 42})));
    assert.equal(missing.code, 'FOREIGN_KEY_VIOLATION');
    assert.equal(missing.statusCode, 409);
    assert.match(missing.message, /^Foreign key violation on Child/);
    await db.create('Parent', {id: 1, name: 'p'});
    await db.create('Child', {parentId: 1});
    const referenced = assertClean(await rejection(db.deleteAll('Parent', {id: 1})));
    assert.equal(referenced.code, 'FOREIGN_KEY_VIOLATION');
    assert.match(referenced.message, /still referenced/);
  });

  it('NOT NULL violations → 422 ValidationError naming the property', async () => {
    const err = assertClean(await rejection(db.create('Parent', {code: 'x'})));
    assert.equal(err.statusCode, 422);
    assert.equal(err.code, 'VALIDATION_FAILED');
    assert.equal(err.name, 'ValidationError');
    assert.deepEqual((err.details as {codes: object}).codes, {name: ['presence']});
  });

  it('values a column cannot hold → 422 INVALID_DATA', async t => {
    if (setup.dialect === 'sqlite') {
      t.diagnostic('SQLite columns have no length limit');
      return;
    }
    const tooLong = assertClean(await rejection(db.create('Parent', {name: 'n', code: 'x'.repeat(300)})));
    assert.equal(tooLong.code, 'INVALID_DATA');
    assert.equal(tooLong.statusCode, 422);
    assert.match(tooLong.message, /^Invalid value for Parent/);
    if (setup.dialect === 'mysql') {
      const inf = assertClean(await rejection(db.create('Parent', {name: 'n', size: Infinity})));
      assert.equal(inf.message, 'Invalid value for Parent.size: MySQL cannot store Infinity or NaN');
      assert.equal(inf.statusCode, 422);
    }
  });

  it('a missing table → TABLE_NOT_FOUND, telling to migrate', async () => {
    const err = assertClean(await rejection(db.find('Ghost', {})));
    assert.equal(err.code, 'TABLE_NOT_FOUND');
    assert.match(err.message, /model Ghost does not exist.*automigrate or autoupdate/);
  });

  it('queries SQL cannot answer faithfully → 400 UNSUPPORTED_QUERY before reaching the database', async () => {
    for (const where of [{meta: {a: 1}}, {meta: {eq: 'x'}}, {meta: {gt: 1}}, {'meta.a': 1}, {name: {a: 1}}]) {
      const err = assertClean(await rejection(db.find('Parent', {where})));
      assert.equal(err.code, 'UNSUPPORTED_QUERY', JSON.stringify(where));
      assert.equal(err.statusCode, 400);
    }
    assert.deepEqual(await db.find('Parent', {where: {meta: null}}), []);
  });

  it('a regular expression the database cannot run → 400 INVALID_FILTER', async t => {
    if (setup.dialect !== 'postgresql') {
      t.diagnostic('MariaDB (PCRE) and SQLite (JavaScript) run every JavaScript pattern relata accepts');
      return;
    }
    const err = assertClean(await rejection(db.find('Parent', {where: {name: {regexp: /(?<n>a)\k<n>/}}})));
    assert.equal(err.code, 'INVALID_FILTER');
    assert.equal(err.statusCode, 400);
  });

  it('execute errors are translated without the statement', async () => {
    const err = assertClean(await rejection(db.execute('SELECT * FROM no_such_table_here WHERE x = 1', [])));
    assert.equal(err.code, 'TABLE_NOT_FOUND');
    const syntax = assertClean(await rejection(db.execute('SELEKT nonsense', [])));
    assert.equal(syntax.code, 'DATABASE_ERROR');
    assert.equal(syntax.statusCode, 500);
    assert.match(syntax.message, /^The \w+ database failed to run execute/);
    assert.ok((syntax as {cause?: unknown}).cause, 'the driver error is kept as cause');
  });
});

describe('SQL connection failures → 503 CONNECTION_FAILED naming host:port, never the password', () => {
  const secret = 'sekret-pw-123';
  const cases: Array<[string, object, RegExp]> = [
    ['postgresql, nothing listening', {connector: 'postgresql', ...PG, port: 1, password: secret}, /postgresql database at 127\.0\.0\.1:1: connection refused/],
    ['postgresql url', {connector: 'postgresql', url: `postgres://postgres:${secret}@127.0.0.1:1/test`}, /at 127\.0\.0\.1:1:/],
    ['postgresql, unknown database', {connector: 'postgresql', ...PG, database: 'relata_no_such_db', password: secret},
      /at 127\.0\.0\.1:5432: the database does not exist/],
    ['mariadb, nothing listening', {connector: 'mysql', ...MARIADB, port: 1, password: secret}, /mysql database at 127\.0\.0\.1:1: connection refused/],
    ['mariadb, bad login', {connector: 'mysql', ...MARIADB, user: 'relata_nobody', password: secret}, /at 127\.0\.0\.1:3306: access denied/],
    ['mysql url', {connector: 'mysql', url: `mysql://root:${secret}@127.0.0.1:1/test`}, /at 127\.0\.0\.1:1:/],
    ['sqlite, file in a missing directory', {connector: 'sqlite', file: join(tmpdir(), 'relata-no-such-dir', 'x', 'db.sqlite')},
      /sqlite database at .*relata-no-such-dir.*: cannot open the database file/],
  ];
  for (const [title, settings, message] of cases) {
    it(title, async () => {
      const ds = new DataSource(settings);
      try {
        const err = assertClean(await rejection(ds.connect()), secret);
        assert.equal(err.code, 'CONNECTION_FAILED');
        assert.equal(err.statusCode, 503);
        assert.match(err.message, message);
        const again = assertClean(await rejection(ds.execute('SELECT 1')), secret);
        assert.equal(again.code, 'CONNECTION_FAILED', 'every operation reports it');
      } finally {
        await ds.disconnect();
      }
    });
  }
});
