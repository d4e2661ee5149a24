import {sql} from 'kysely';
import {columnDefinition} from './column-definition';
import {canWiden, FitCheck, fitCheck, normalizeType, referencingType} from './column-types';
import {columnList, tableId} from './identifiers';
import {createIndex, freeIndexName, indexSatisfied} from './indexes';
import {ExistingColumn, ExistingTable} from './introspection';
import {mysqlReferencedColumns} from './introspect-mysql';
import {MigrationSession, step} from './migration-session';
import {ColumnSpec, TableSpec} from './schema-spec';

/** True when the table holds at least one row (where `column` is given: one row with it NULL). */
async function anyRow(s: MigrationSession, spec: TableSpec, nullColumn?: string): Promise<boolean> {
  const table = tableId(s.dialect, spec.schema, spec.table);
  const where = nullColumn ? sql` WHERE ${sql.id(nullColumn)} IS NULL` : sql``;
  const {rows} = await sql`SELECT 1 AS found FROM ${table}${where} LIMIT 1`.execute(s.db);
  return rows.length > 0;
}

/** True when every stored value of the column satisfies the check. */
async function valuesFit(s: MigrationSession, spec: TableSpec, column: string, check: FitCheck): Promise<boolean> {
  const table = tableId(s.dialect, spec.schema, spec.table);
  const col = sql.id(column);
  const bad = check.kind === 'integer'
    ? sql`${col} <> FLOOR(${col}) OR ${col} < ${check.min} OR ${col} > ${check.max}`
    : sql`CHAR_LENGTH(${col}) > ${check.max}`;
  const {rows} = await sql`SELECT 1 AS found FROM ${table} WHERE ${col} IS NOT NULL AND (${bad}) LIMIT 1`.execute(s.db);
  return rows.length === 0;
}

/**
 * Adds the model's missing columns. A NOT NULL column is added as such only
 * to an empty table (a table with rows has no value to put in it; the
 * column stays nullable until its rows are filled and autoupdate runs
 * again). On SQLite, which adds no NOT NULL column without a default, NOT
 * NULL comes with the rebuild step; a new single-column foreign key is
 * declared on the column itself, as SQLite allows.
 */
export async function addMissingColumns(s: MigrationSession, spec: TableSpec, existing: ExistingTable): Promise<boolean> {
  const present = new Set(existing.columns.map(c => c.name));
  const missing = spec.columns.filter(c => !present.has(c.column));
  if (!missing.length) return false;
  const table = tableId(s.dialect, spec.schema, spec.table);
  const empty = s.dialect === 'sqlite' ? false : !(await anyRow(s, spec));
  for (const col of missing) {
    // Primary keys are not changed: a missing (generated) id column comes as a plain column.
    const def: ColumnSpec = col.autoIncrement
      ? {...col, autoIncrement: false, type: referencingType(s.dialect, col.type)} : col;
    const notNull = s.dialect === 'sqlite' ? false : col.notNull && empty;
    let clause = columnDefinition(s.dialect, def, {notNull});
    if (s.dialect === 'sqlite') {
      const fk = spec.foreignKeys.find(f => f.columns.length === 1 && f.columns[0] === col.column);
      if (fk) {
        clause = sql`${clause} CONSTRAINT ${sql.id(fk.name)} REFERENCES ${sql.id(fk.targetTable)} (${
          columnList(fk.targetColumns)}) ON DELETE ${sql.raw(fk.onDelete)} ON UPDATE ${sql.raw(fk.onUpdate)}`;
      }
    }
    await step(`add column ${spec.model}.${col.property}`, () =>
      sql`ALTER TABLE ${table} ADD COLUMN ${clause}`.execute(s.db));
  }
  return true;
}

/** What changing a column's NOT NULL would do, when it is safe. */
export async function notNullChange(
  s: MigrationSession, spec: TableSpec, existing: ExistingTable, col: ColumnSpec, current: ExistingColumn,
): Promise<'set' | 'drop' | undefined> {
  if (col.notNull && !current.notNull) {
    return (await anyRow(s, spec, col.column)) ? undefined : 'set';
  }
  if (!col.notNull && current.notNull && !existing.primaryKey.includes(col.column) && !current.autoIncrement) {
    return 'drop';
  }
  return undefined;
}

/**
 * Brings existing columns closer to the definitions where no value can be
 * lost (PostgreSQL and MySQL; SQLite's types are affinities and its NOT
 * NULL changes need a rebuild): widens types (`canWiden`), changes types
 * whose stored values all fit the new one (`fitCheck`), sets NOT NULL
 * where no row holds NULL, drops NOT NULL from columns of properties that
 * are no longer required. MySQL columns with a DEFAULT, and MySQL columns
 * in a foreign key, keep their type (MODIFY would drop the default; MySQL
 * refuses to retype foreign-key columns).
 */
export async function alterExistingColumns(s: MigrationSession, spec: TableSpec, existing: ExistingTable): Promise<void> {
  if (s.dialect === 'sqlite') return;
  const table = tableId(s.dialect, spec.schema, spec.table);
  const byName = new Map(existing.columns.map(c => [c.name, c]));
  let referenced: Set<string> | undefined;
  for (const col of spec.columns) {
    const current = byName.get(col.column);
    if (!current) continue;
    const wanted = referencingType(s.dialect, col.type);
    const from = normalizeType(s.dialect, current.type);
    const to = normalizeType(s.dialect, wanted);
    let widen = canWiden(s.dialect, from, to);
    if (!widen && from !== to) {
      const check = fitCheck(s.dialect, from, to);
      widen = !!check && await valuesFit(s, spec, col.column, check);
    }
    const nullChange = await notNullChange(s, spec, existing, col, current);
    const what = `alter column ${spec.model}.${col.property}`;
    if (s.dialect === 'postgresql') {
      const id = sql.id(col.column);
      if (widen) await step(what, () => sql`ALTER TABLE ${table} ALTER COLUMN ${id} TYPE ${sql.raw(wanted)}`.execute(s.db));
      if (nullChange === 'set') await step(what, () => sql`ALTER TABLE ${table} ALTER COLUMN ${id} SET NOT NULL`.execute(s.db));
      if (nullChange === 'drop') await step(what, () => sql`ALTER TABLE ${table} ALTER COLUMN ${id} DROP NOT NULL`.execute(s.db));
      continue;
    }
    if (!widen && !nullChange) continue;
    if (current.hasDefault) continue;
    if (widen) {
      referenced ??= await mysqlReferencedColumns(s.db, existing.schema!, spec.table);
      const inForeignKey = referenced.has(col.column) || existing.foreignKeys.some(f => f.columns.includes(col.column));
      if (inForeignKey) widen = false;
    }
    // MODIFY restates the whole column: write the wanted type only when it is the same or a widening.
    if (!widen && from !== to) continue;
    if (!widen && !nullChange) continue;
    const notNull = nullChange === 'set' ? true : nullChange === 'drop' ? false : current.notNull;
    const def = columnDefinition(s.dialect, {...col, type: wanted, autoIncrement: current.autoIncrement}, {notNull});
    await step(what, () => sql`ALTER TABLE ${table} MODIFY COLUMN ${def}`.execute(s.db));
  }
}

/** Creates the indexes the definitions want and the table lacks. */
export async function addMissingIndexes(s: MigrationSession, spec: TableSpec, existing: ExistingTable): Promise<void> {
  const indexes = [...existing.indexes];
  for (const index of spec.indexes) {
    if (indexSatisfied(indexes, index)) continue;
    const name = freeIndexName(indexes, index.name);
    await step(`create index ${name} on ${spec.model}`, () => createIndex(s.db, s.dialect, spec, index, name));
    indexes.push({name, columns: index.columns, unique: index.unique, primary: false});
  }
}
