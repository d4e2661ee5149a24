import {Kysely, RawBuilder, sql} from 'kysely';
import {SqlDialectName} from '../sql-dialect-name';
import {columnList, tableId} from './identifiers';
import {ExistingForeignKey} from './introspection';
import {sameAction} from './referential-action';
import {ForeignKeySpec, TableSpec} from './schema-spec';

/**
 * `CONSTRAINT name FOREIGN KEY (cols) REFERENCES target (cols) ON DELETE ..
 * ON UPDATE ..`, as CREATE TABLE (SQLite) and ALTER TABLE write it.
 */
export function foreignKeyClause(dialect: SqlDialectName, fk: ForeignKeySpec): RawBuilder<unknown> {
  const target = tableId(dialect, fk.targetSchema, fk.targetTable);
  return sql`CONSTRAINT ${sql.id(fk.name)} FOREIGN KEY (${columnList(fk.columns)}) REFERENCES ${target} (${
    columnList(fk.targetColumns)}) ON DELETE ${sql.raw(fk.onDelete)} ON UPDATE ${sql.raw(fk.onUpdate)}`;
}

/**
 * Adds a FOREIGN KEY constraint to an existing table (PostgreSQL, MySQL).
 * `validate: false` keeps existing rows as they are and enforces the key
 * for new writes only (PostgreSQL `NOT VALID`; MySQL callers turn
 * FOREIGN_KEY_CHECKS off around it).
 */
export async function addForeignKey(
  db: Kysely<any>, dialect: SqlDialectName, spec: TableSpec, fk: ForeignKeySpec, validate = true,
): Promise<void> {
  const notValid = !validate && dialect === 'postgresql' ? sql` NOT VALID` : sql``;
  await sql`ALTER TABLE ${tableId(dialect, spec.schema, spec.table)} ADD ${foreignKeyClause(dialect, fk)}${notValid}`
    .execute(db);
}

/** Drops a FOREIGN KEY constraint (PostgreSQL, MySQL). */
export async function dropForeignKey(
  db: Kysely<any>, dialect: SqlDialectName, spec: TableSpec, name: string,
): Promise<void> {
  const table = tableId(dialect, spec.schema, spec.table);
  if (dialect === 'mysql') await sql`ALTER TABLE ${table} DROP FOREIGN KEY ${sql.id(name)}`.execute(db);
  else await sql`ALTER TABLE ${table} DROP CONSTRAINT ${sql.id(name)}`.execute(db);
}

function sameList(a: string[], b: string[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

/** The existing constraint on the same columns to the same target key, if any. */
export function findForeignKey(
  existing: ExistingForeignKey[], fk: ForeignKeySpec, targetSchema: string | undefined,
): ExistingForeignKey | undefined {
  return existing.find(e => sameList(e.columns, fk.columns) && e.targetTable === fk.targetTable &&
    (targetSchema === undefined || e.targetSchema === undefined || e.targetSchema === targetSchema) &&
    sameList(e.targetColumns, fk.targetColumns));
}

/** True when the existing constraint already has the wanted ON DELETE / ON UPDATE actions. */
export function sameActions(existing: ExistingForeignKey, fk: ForeignKeySpec): boolean {
  return sameAction(existing.onDelete, fk.onDelete) && sameAction(existing.onUpdate, fk.onUpdate);
}
