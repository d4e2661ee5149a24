import {RawBuilder, sql} from 'kysely';
import {notNullChange} from './alter-table';
import {foreignKeyClause, findForeignKey, sameActions} from './foreign-keys';
import {columnList, objectName} from './identifiers';
import {ExistingTable} from './introspection';
import {sqliteHasAutoincrement} from './introspect-sqlite';
import {MigrationError} from './migration-error';
import {MigrationSession, step} from './migration-session';
import {ForeignKeySpec, TableSpec} from './schema-spec';

/** What a SQLite table lacks that only a rebuild can give it. */
interface RebuildPlan {
  /** Foreign keys to declare: the existing ones kept, changed ones replaced, missing ones added. */
  foreignKeys: ForeignKeySpec[];
  /** Columns whose NOT NULL changes (true: set, false: dropped). */
  notNull: Map<string, boolean>;
}

/**
 * Decides whether a SQLite table must be rebuilt to match its spec: SQLite
 * cannot add a FOREIGN KEY to an existing column, change a constraint's
 * actions or change NOT NULL in place. NOT NULL is set only where no row
 * holds NULL.
 */
export async function planSqliteRebuild(
  s: MigrationSession, spec: TableSpec, existing: ExistingTable, targetExists: (fk: ForeignKeySpec) => boolean,
): Promise<RebuildPlan | undefined> {
  let changed = false;
  const kept = existing.foreignKeys.map<ForeignKeySpec>(e => ({
    name: objectName('fk', spec.table, ...e.columns), columns: e.columns, targetModel: '', targetTable: e.targetTable,
    targetColumns: e.targetColumns, onDelete: e.onDelete, onUpdate: e.onUpdate,
  }));
  for (const fk of spec.foreignKeys) {
    if (!targetExists(fk)) continue;
    const found = findForeignKey(existing.foreignKeys, fk, undefined);
    if (found && sameActions(found, fk)) continue;
    changed = true;
    if (found) kept[existing.foreignKeys.indexOf(found)] = fk;
    else kept.push(fk);
  }
  const notNull = new Map<string, boolean>();
  const byName = new Map(existing.columns.map(c => [c.name, c]));
  for (const col of spec.columns) {
    const current = byName.get(col.column);
    if (!current) continue;
    const change = await notNullChange(s, spec, existing, col, current);
    if (change) {
      notNull.set(col.column, change === 'set');
      changed = true;
    }
  }
  return changed ? {foreignKeys: kept, notNull} : undefined;
}

/**
 * Rebuilds a SQLite table with new constraints, keeping every row, as
 * SQLite documents it: create the new table, copy the rows, drop the old
 * table, rename the new one, recreate the indexes and triggers from their
 * stored definitions, restore the AUTOINCREMENT counter, then check the
 * foreign keys (a row pointing nowhere fails the migration, which rolls
 * back). Runs inside the session's transaction with `foreign_keys` off.
 */
export async function rebuildSqliteTable(
  s: MigrationSession, spec: TableSpec, existing: ExistingTable, plan: RebuildPlan,
): Promise<void> {
  const {db} = s;
  const what = `rebuild table of ${spec.model}`;
  await step(what, async () => {
    const autoincrement = await sqliteHasAutoincrement(db, spec.table);
    const rowid = existing.indexes.some(i => i.name === 'rowid');
    const parts: RawBuilder<unknown>[] = existing.columns.map(c => {
      const name = sql.id(c.name);
      if (rowid && c.name === existing.primaryKey[0]) {
        return autoincrement ? sql`${name} INTEGER PRIMARY KEY AUTOINCREMENT` : sql`${name} INTEGER PRIMARY KEY`;
      }
      const notNull = plan.notNull.get(c.name) ?? c.notNull;
      // The type and default are the table's own stored text, carried over unchanged.
      const type = c.type ? sql` ${sql.raw(c.type)}` : sql``;
      const dflt = c.defaultSql !== undefined ? sql` DEFAULT ${sql.raw(c.defaultSql)}` : sql``;
      return sql`${name}${type}${notNull ? sql` NOT NULL` : sql``}${dflt}`;
    });
    if (existing.primaryKey.length && !rowid) parts.push(sql`PRIMARY KEY (${columnList(existing.primaryKey)})`);
    for (const fk of plan.foreignKeys) parts.push(foreignKeyClause('sqlite', fk));

    const stored = await sql<{type: string; sql: string}>`
      SELECT type, sql FROM sqlite_master WHERE tbl_name = ${spec.table} AND type IN ('index', 'trigger')
      AND sql IS NOT NULL`.execute(db);
    const uniques = existing.indexes.filter(i => i.unique && !i.primary && i.name.startsWith('sqlite_autoindex_'));
    const seq = autoincrement
      ? await sql<{seq: number}>`SELECT seq FROM sqlite_sequence WHERE name = ${spec.table}`.execute(db)
      : {rows: [] as {seq: number}[]};

    const temp = objectName(spec.table, 'relata_rebuild');
    const cols = columnList(existing.columns.map(c => c.name));
    await sql`CREATE TABLE ${sql.id(temp)} (${sql.join(parts)})`.execute(db);
    await sql`INSERT INTO ${sql.id(temp)} (${cols}) SELECT ${cols} FROM ${sql.id(spec.table)}`.execute(db);
    await sql`DROP TABLE ${sql.id(spec.table)}`.execute(db);
    await sql`ALTER TABLE ${sql.id(temp)} RENAME TO ${sql.id(spec.table)}`.execute(db);
    // Explicit indexes and triggers: their definitions as SQLite stored them (not user input).
    for (const row of stored.rows) await sql.raw(row.sql).execute(db);
    for (const u of uniques) {
      await sql`CREATE UNIQUE INDEX ${sql.id(objectName(spec.table, ...u.columns, 'uniq'))} ON ${sql.id(spec.table)} (${
        columnList(u.columns)})`.execute(db);
    }
    if (seq.rows.length) {
      await sql`UPDATE sqlite_sequence SET seq = max(seq, ${seq.rows[0].seq}) WHERE name = ${spec.table}`.execute(db);
    }
  });
  const violations = await sql<{parent: string}>`SELECT parent FROM pragma_foreign_key_check(${spec.table})`.execute(db);
  if (violations.rows.length) {
    throw new MigrationError(
      `Cannot add the foreign keys of ${spec.model}: ${violations.rows.length} row(s) refer to missing ` +
        `${violations.rows[0].parent} rows`, 'FOREIGN_KEY_VIOLATION');
  }
}
