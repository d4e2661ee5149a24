import {randomBytes} from 'node:crypto';
import {mkdtempSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {after, before, describe} from 'node:test';
import {sql} from 'kysely';
import {createConnection} from 'mysql2/promise';
import {Client} from 'pg';
import {AnyObject} from '../../../src/common/types';
import {SqlConnector} from '../../../src/connectors/sql/sql-connector';
import {SqlDialectName} from '../../../src/connectors/sql/sql-dialect-name';
import {ColumnMapping, TableMapping} from '../../../src/connectors/sql/table-mapping';
import {DataSource} from '../../../src/datasource/datasource';
import {ModelDefinition} from '../../../src/model/model-definition';

/**
 * One database the SQL tests run against, with a scratch namespace of its
 * own: a PostgreSQL schema, a MariaDB database or a SQLite file, created by
 * `start()` and dropped by `stop()`. PostgreSQL and MariaDB must be
 * reachable (127.0.0.1, the CI services): when they are not, the tests
 * FAIL (`start` throws), they never skip.
 */
export interface SqlSetup {
  /** `sqlite`, `postgresql` or `mariadb`. */
  name: string;
  dialect: SqlDialectName;
  /** The scratch schema (PostgreSQL) / database (MariaDB) / file (SQLite). */
  namespace: string;
  /** Data source settings pointing at the scratch namespace. */
  settings(extra?: AnyObject): AnyObject;
  start(): Promise<void>;
  stop(): Promise<void>;
}

export const PG = {host: '127.0.0.1', port: 5432, user: 'postgres', database: 'test'};
export const MARIADB = {host: '127.0.0.1', port: 3306, user: 'root', password: ''};

function uniqueName(): string {
  return `relata_test_${process.pid}_${randomBytes(4).toString('hex')}`;
}

function postgresql(): SqlSetup {
  const schema = uniqueName();
  const admin = async (text: string) => {
    const client = new Client(PG);
    await client.connect();
    try {
      await client.query(text);
    } finally {
      await client.end();
    }
  };
  return {
    name: 'postgresql', dialect: 'postgresql', namespace: schema,
    settings: extra => ({name: 'db', connector: 'postgresql', ...PG, schema, ...extra}),
    start: () => admin(`CREATE SCHEMA "${schema}"`),
    stop: () => admin(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`),
  };
}

function mariadb(): SqlSetup {
  const database = uniqueName();
  const admin = async (text: string) => {
    const conn = await createConnection(MARIADB);
    try {
      await conn.query(text);
    } finally {
      await conn.end();
    }
  };
  return {
    name: 'mariadb', dialect: 'mysql', namespace: database,
    settings: extra => ({name: 'db', connector: 'mysql', ...MARIADB, database, ...extra}),
    start: () => admin(`CREATE DATABASE \`${database}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_bin`),
    stop: () => admin(`DROP DATABASE IF EXISTS \`${database}\``),
  };
}

function sqlite(): SqlSetup {
  let dir: string | undefined;
  const setup: SqlSetup = {
    name: 'sqlite', dialect: 'sqlite', namespace: '',
    settings: extra => ({name: 'db', connector: 'sqlite', file: setup.namespace, ...extra}),
    start: async () => {
      dir = mkdtempSync(join(tmpdir(), 'relata-sqlite-'));
      setup.namespace = join(dir, 'test.db');
    },
    stop: async () => {
      if (dir !== undefined) rmSync(dir, {recursive: true, force: true});
    },
  };
  return setup;
}

/**
 * The SQL setups, optionally narrowed with RELATA_CONNECTORS
 * (comma-separated: `sqlite`, `postgresql`, `mariadb`).
 */
export function sqlSetups(): SqlSetup[] {
  const all = [sqlite(), postgresql(), mariadb()];
  const only = process.env.RELATA_CONNECTORS?.split(',').map(s => s.trim()).filter(Boolean);
  return only?.length ? all.filter(s => only.includes(s.name) || (s.name === 'mariadb' && only.includes('mysql'))) : all;
}

/** Runs `suite` once per SQL database, inside a describe that creates and drops its scratch namespace. */
export function describeForEachSql(title: string, suite: (setup: SqlSetup) => void): void {
  for (const setup of sqlSetups()) {
    describe(`${title} [${setup.name}]`, () => {
      before(() => setup.start());
      after(() => setup.stop());
      suite(setup);
    });
  }
}

// ---------------------------------------------------------------------------
// Tables for the tests (the storage types of the SQL design), independent of
// the migration module so these tests exercise the connector alone.
// ---------------------------------------------------------------------------

/** A quoted identifier in test DDL (quotes doubled). */
function quote(dialect: SqlDialectName, name: string): string {
  return dialect === 'mysql' ? `\`${name.replace(/`/g, '``')}\`` : `"${name.replace(/"/g, '""')}"`;
}

const TYPES: Record<SqlDialectName, Record<string, string>> = {
  postgresql: {
    string: 'TEXT COLLATE "C"', number: 'DOUBLE PRECISION', boolean: 'BOOLEAN', date: 'TIMESTAMP(3) WITH TIME ZONE',
    object: 'JSONB', array: 'JSONB', any: 'JSONB', buffer: 'BYTEA',
  },
  mysql: {
    string: 'TEXT', number: 'DOUBLE', boolean: 'TINYINT(1)', date: 'DATETIME(3)',
    object: 'JSON', array: 'JSON', any: 'JSON', buffer: 'LONGBLOB',
  },
  sqlite: {
    string: 'TEXT', number: 'REAL', boolean: 'INTEGER', date: 'TEXT',
    object: 'TEXT', array: 'TEXT', any: 'TEXT', buffer: 'BLOB',
  },
};

function columnDdl(dialect: SqlDialectName, c: ColumnMapping, singleId: boolean): string {
  const name = quote(dialect, c.column);
  if (c.isId && c.generated) {
    if (dialect === 'postgresql') return `${name} SERIAL PRIMARY KEY`;
    if (dialect === 'mysql') return `${name} INT AUTO_INCREMENT PRIMARY KEY`;
    return `${name} INTEGER PRIMARY KEY AUTOINCREMENT`;
  }
  let type = TYPES[dialect][c.kind];
  if (c.isId || c.definition.index) {
    if (c.kind === 'number') type = dialect === 'mysql' ? 'INT' : 'INTEGER';
    if (c.kind === 'string') type = dialect === 'postgresql' ? 'VARCHAR(255) COLLATE "C"' : dialect === 'mysql' ? 'VARCHAR(255)' : 'TEXT';
  }
  const dataType = c.connectorSettings.dataType;
  if (typeof dataType === 'string') type = dataType;
  const notNull = c.definition.required ? ' NOT NULL' : '';
  return `${name} ${type}${notNull}${c.isId && singleId ? ' PRIMARY KEY' : ''}`;
}

/** CREATE TABLE text for a mapping (constant test DDL, names from test models). */
export function tableDdl(mapping: TableMapping, extra: string[] = []): string {
  const d = mapping.dialect;
  const q = (n: string) => quote(d, n);
  const table = mapping.schema && d !== 'sqlite' ? `${q(mapping.schema)}.${q(mapping.table)}` : q(mapping.table);
  const ids = mapping.columns.filter(c => c.isId);
  const cols = mapping.columns.map(c => columnDdl(d, c, ids.length === 1));
  if (ids.length > 1) cols.push(`PRIMARY KEY (${ids.map(c => q(c.column)).join(', ')})`);
  cols.push(...extra);
  const suffix = d === 'mysql' ? ' CHARACTER SET utf8mb4 COLLATE utf8mb4_bin' : '';
  return `CREATE TABLE ${table} (${cols.join(', ')})${suffix}`;
}

/** Drops (if present) and creates the tables of the given models on a SQL data source. */
export async function createTables(ds: DataSource, models: string[], extra: {[model: string]: string[]} = {}): Promise<void> {
  const connector = ds.connector as SqlConnector;
  await ds.connect();
  const db = connector.kysely();
  for (const model of [...models].reverse()) {
    const m = connector.mapping(model);
    const d = m.dialect;
    const q = (n: string) => quote(d, n);
    const table = m.schema && d !== 'sqlite' ? `${q(m.schema)}.${q(m.table)}` : q(m.table);
    await sql.raw(`DROP TABLE IF EXISTS ${table}${d === 'postgresql' ? ' CASCADE' : ''}`).execute(db);
  }
  for (const model of models) {
    const m = connector.mapping(model);
    if (m.schema && m.dialect === 'postgresql') await sql.raw(`CREATE SCHEMA IF NOT EXISTS "${m.schema}"`).execute(db);
    await sql.raw(tableDdl(m, extra[model])).execute(db);
  }
}

/** A data source on the setup with the definitions attached and their tables created. */
export async function dataSourceWith(
  setup: SqlSetup, definitions: ModelDefinition[], extra: {[model: string]: string[]} = {}, settings?: AnyObject,
): Promise<DataSource> {
  const ds = new DataSource(setup.settings(settings));
  for (const d of definitions) ds.attachDefinition(d);
  await createTables(ds, definitions.map(d => d.name), extra);
  return ds;
}
