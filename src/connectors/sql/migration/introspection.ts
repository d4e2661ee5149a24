import {Kysely} from 'kysely';
import {SqlDialectName} from '../sql-dialect-name';
import {introspectMysql} from './introspect-mysql';
import {introspectPostgresql} from './introspect-postgresql';
import {introspectSqlite} from './introspect-sqlite';
import {ReferentialAction} from './schema-spec';

/** A column as the database has it. */
export interface ExistingColumn {
  name: string;
  /** The type as the database spells it (`character varying(255)`, `int(11)`, `TEXT`). */
  type: string;
  notNull: boolean;
  /** Filled by the database (serial/identity, AUTO_INCREMENT, INTEGER PRIMARY KEY). */
  autoIncrement: boolean;
  /** Has a DEFAULT expression (other than a serial's). */
  hasDefault: boolean;
  /** SQLite only: the stored DEFAULT expression, kept when a table is rebuilt. */
  defaultSql?: string;
}

/** A plain-column index as the database has it (expression and partial indexes are left out). */
export interface ExistingIndex {
  name: string;
  columns: string[];
  unique: boolean;
  primary: boolean;
}

/** A FOREIGN KEY constraint as the database has it. */
export interface ExistingForeignKey {
  name: string;
  columns: string[];
  targetSchema?: string;
  targetTable: string;
  targetColumns: string[];
  onDelete: ReferentialAction;
  onUpdate: ReferentialAction;
}

/** A table as the database has it. */
export interface ExistingTable {
  /** The schema (PostgreSQL) or database (MySQL) it was found in; undefined on SQLite. */
  schema?: string;
  table: string;
  columns: ExistingColumn[];
  primaryKey: string[];
  indexes: ExistingIndex[];
  foreignKeys: ExistingForeignKey[];
}

/**
 * Reads a table's columns, primary key, indexes and foreign keys from the
 * catalog (`pg_catalog`, `information_schema`, SQLite's `pragma_*`
 * functions); undefined when the table does not exist. `schema` is the
 * resolved schema/database (the connection's current one when the model
 * names none).
 */
export function introspectTable(
  db: Kysely<any>, dialect: SqlDialectName, schema: string | undefined, table: string,
): Promise<ExistingTable | undefined> {
  switch (dialect) {
    case 'postgresql': return introspectPostgresql(db, schema!, table);
    case 'mysql': return introspectMysql(db, schema!, table);
    default: return introspectSqlite(db, table);
  }
}
