import {randomBytes} from 'node:crypto';
import {mkdtempSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import Database from 'better-sqlite3';
import {Kysely, MysqlDialect, PostgresDialect, sql, SqliteDialect} from 'kysely';
import mysql from 'mysql2';
import {Pool} from 'pg';
import {AnyObject} from '../../../src/common/types';
import {Entity} from '../../../src/model/model';
import {ModelDefinition, ModelDefinitionSyntax} from '../../../src/model/model-definition';
import {RelationType} from '../../../src/relations/relation-types';
import {migrateSchema, MigrationHost} from '../../../src/connectors/sql/migration';
import {introspectTable, ExistingTable} from '../../../src/connectors/sql/migration/introspection';
import {SqlDialectName} from '../../../src/connectors/sql/sql-dialect-name';
import {mapTable, TableMapping} from '../../../src/connectors/sql/table-mapping';
import {createDatabase, dropDatabase, SERVER_SETTINGS} from '../../support/database-servers';

/** The dialects every migration test runs on (RELATA_CONNECTORS narrows them, as for the behaviour suites). */
export function migrationDialects(): SqlDialectName[] {
  const all: SqlDialectName[] = ['sqlite', 'postgresql', 'mysql'];
  const only = process.env.RELATA_CONNECTORS?.split(',').map(s => s.trim()).filter(Boolean);
  return only?.length ? all.filter(d => only.includes(d)) : all;
}

/**
 * A stand-in for `SqlConnector` with just what migrations use: a dialect,
 * a Kysely pool and model definitions (replaceable, to test autoupdate).
 */
export class TestHost implements MigrationHost {
  readonly dialect: {name: SqlDialectName};
  private defs = new Map<string, ModelDefinition>();

  constructor(name: SqlDialectName, readonly db: Kysely<any>, readonly settings: AnyObject = {}) {
    this.dialect = {name};
  }

  kysely(): Kysely<any> {
    return this.db;
  }

  mapping(model: string): TableMapping {
    const def = this.defs.get(model);
    if (!def) throw new Error(`unknown model ${model}`);
    return mapTable(def, this.dialect.name);
  }

  mappings(): TableMapping[] {
    return [...this.defs.values()].map(d => mapTable(d, this.dialect.name));
  }

  definitions(): ModelDefinition[] {
    return [...this.defs.values()];
  }

  /** Registers (or replaces) model definitions; forgets every other model when `only`. */
  define(classes: Array<{definition: ModelDefinition}>, only = true): this {
    if (only) this.defs.clear();
    for (const c of classes) this.defs.set(c.definition.name, c.definition);
    return this;
  }

  automigrate(models?: string[]): Promise<void> {
    return migrateSchema(this, models, 'drop');
  }

  autoupdate(models?: string[]): Promise<void> {
    return migrateSchema(this, models, 'alter');
  }
}

/** A test database: its own PostgreSQL schema, MariaDB database or SQLite file. */
export interface TestDatabase {
  dialect: SqlDialectName;
  /** The schema/database the pool's unqualified names resolve to (PostgreSQL/MySQL). */
  name: string;
  /** A second schema/database for models that name one in their settings (created by migration). */
  otherName: string;
  host: TestHost;
  db: Kysely<any>;
  close(): Promise<void>;
}

function uniqueName(prefix: string): string {
  return `${prefix}_${process.pid}_${randomBytes(4).toString('hex')}`;
}

/** Opens a fresh database for one test; a server that cannot be reached makes the test fail. */
export async function openTestDatabase(dialect: SqlDialectName): Promise<TestDatabase> {
  const name = uniqueName('relata_mig');
  const otherName = `${name}_x`;
  if (dialect === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'relata-mig-'));
    const file = join(dir, 'db.sqlite');
    const db = new Kysely<any>({
      dialect: new SqliteDialect({
        // As the SQLite connector does on every connection: enforce foreign keys.
        database: async () => {
          const conn = new Database(file);
          conn.pragma('foreign_keys = ON');
          return conn;
        },
      }),
    });
    return {
      dialect, name: file, otherName, db, host: new TestHost(dialect, db),
      close: async () => {
        await db.destroy();
        rmSync(dir, {recursive: true, force: true});
      },
    };
  }
  await createDatabase(dialect, name);
  let db: Kysely<any>;
  if (dialect === 'postgresql') {
    const pool = new Pool({...SERVER_SETTINGS.postgresql, max: 3, options: `-c search_path=${name}`});
    db = new Kysely<any>({dialect: new PostgresDialect({pool})});
  } else {
    const pool = mysql.createPool({...SERVER_SETTINGS.mysql, database: name, connectionLimit: 3, timezone: 'Z'});
    db = new Kysely<any>({dialect: new MysqlDialect({pool})});
  }
  return {
    dialect, name, otherName, db, host: new TestHost(dialect, db),
    close: async () => {
      await db.destroy();
      await dropDatabase(dialect, name);
      await dropDatabase(dialect, otherName);
    },
  };
}

/** Reads a table as migrations see it (in `schema`, else the pool's default one). */
export async function readTable(t: TestDatabase, table: string, schema?: string): Promise<ExistingTable | undefined> {
  const s = t.dialect === 'sqlite' ? undefined : schema ?? t.name;
  return introspectTable(t.db, t.dialect, s, table);
}

/** A model class with a static definition, as `@model` makes them. */
export type ModelClass = {definition: ModelDefinition; modelName: string};

/** Defines a model class without decorators. */
export function defineModel(syntax: ModelDefinitionSyntax): ModelClass {
  const cls = class extends Entity {};
  Object.defineProperty(cls, 'name', {value: syntax.name});
  cls.definition = new ModelDefinition(syntax);
  return cls as unknown as ModelClass;
}

/** Adds a relation in LoopBack 4 form (`source` class, `target` resolver). */
export function relate(
  source: ModelClass, type: 'belongsTo' | 'hasMany' | 'hasOne', name: string, target: () => ModelClass,
  extra: AnyObject = {},
): void {
  source.definition.addRelation({
    name, type: type as RelationType, targetsMany: type === 'hasMany', source, target, ...extra,
  } as never);
}

/** Inserts a row with plain Kysely (unqualified table, or schema-qualified). */
export async function insertRow(t: TestDatabase, table: string, row: AnyObject, schema?: string): Promise<void> {
  await sql`INSERT INTO ${schema ? sql.id(schema, table) : sql.id(table)} (${sql.join(Object.keys(row).map(k => sql.id(k)))})
    VALUES (${sql.join(Object.values(row))})`.execute(t.db);
}

/** Reads every row of a table ordered by `orderBy`. */
export async function selectRows(t: TestDatabase, table: string, orderBy: string, schema?: string): Promise<AnyObject[]> {
  const {rows} = await sql<AnyObject>`SELECT * FROM ${schema ? sql.id(schema, table) : sql.id(table)} ORDER BY ${
    sql.id(orderBy)}`.execute(t.db);
  return rows;
}

/** The error a database raises for a foreign-key violation, per dialect. */
export function foreignKeyViolation(dialect: SqlDialectName): (err: AnyObject) => boolean {
  return err => dialect === 'postgresql' ? err.code === '23503'
    : dialect === 'mysql' ? err.errno === 1452 || err.errno === 1451
    : err.code === 'SQLITE_CONSTRAINT_FOREIGNKEY';
}

/** The error a database raises for a NOT NULL violation, per dialect. */
export function notNullViolation(dialect: SqlDialectName): (err: AnyObject) => boolean {
  return err => dialect === 'postgresql' ? err.code === '23502'
    : dialect === 'mysql' ? err.errno === 1048 || err.errno === 1364
    : err.code === 'SQLITE_CONSTRAINT_NOTNULL';
}
