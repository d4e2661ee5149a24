import {Kysely, sql} from 'kysely';
import {ExistingForeignKey, ExistingIndex, ExistingTable} from './introspection';
import {ReferentialAction} from './schema-spec';

function action(rule: string | null): ReferentialAction {
  const r = (rule ?? '').toUpperCase();
  return r === 'CASCADE' || r === 'SET NULL' || r === 'SET DEFAULT' || r === 'RESTRICT' ? r : 'NO ACTION';
}

interface TableInfoRow {
  name: string;
  type: string;
  notnull: number;
  dflt: string | null;
  pk: number;
}

async function tableInfo(db: Kysely<any>, table: string): Promise<TableInfoRow[]> {
  const {rows} = await sql<TableInfoRow>`
    SELECT name, type, "notnull", dflt_value AS dflt, pk FROM pragma_table_info(${table}) ORDER BY cid`.execute(db);
  return rows;
}

/** Reads a SQLite table through the `pragma_*` table functions; undefined when it does not exist. */
export async function introspectSqlite(db: Kysely<any>, table: string): Promise<ExistingTable | undefined> {
  const master = await sql<{name: string}>`
    SELECT name FROM sqlite_master WHERE type = 'table' AND name = ${table}`.execute(db);
  if (!master.rows.length) return undefined;
  const info = await tableInfo(db, table);
  const primaryKey = info.filter(c => c.pk > 0).sort((a, b) => a.pk - b.pk).map(c => c.name);
  // A lone INTEGER PRIMARY KEY is the rowid: SQLite fills it when absent.
  const rowid = primaryKey.length === 1 ? info.find(c => c.name === primaryKey[0] && /^integer$/i.test(c.type)) : undefined;

  const list = await sql<{name: string; unique: number; origin: string; partial: number}>`
    SELECT name, "unique", origin, partial FROM pragma_index_list(${table})`.execute(db);
  const indexes: ExistingIndex[] = [];
  for (const idx of list.rows) {
    if (idx.partial) continue;
    const cols = await sql<{name: string | null}>`
      SELECT name FROM pragma_index_info(${idx.name}) ORDER BY seqno`.execute(db);
    if (cols.rows.some(c => c.name === null)) continue; // expression index
    indexes.push({name: idx.name, columns: cols.rows.map(c => c.name!), unique: !!idx.unique, primary: idx.origin === 'pk'});
  }
  if (rowid) indexes.push({name: 'rowid', columns: primaryKey, unique: true, primary: true});

  const fkRows = await sql<{id: number; table: string; from: string; to: string | null; on_update: string;
    on_delete: string}>`
    SELECT id, "table", "from", "to", on_update, on_delete FROM pragma_foreign_key_list(${table})
    ORDER BY id, seq`.execute(db);
  const fks = new Map<number, ExistingForeignKey>();
  for (const r of fkRows.rows) {
    let fk = fks.get(r.id);
    if (!fk) {
      fk = {name: `fk_${r.id}`, columns: [], targetTable: r.table, targetColumns: [],
        onDelete: action(r.on_delete), onUpdate: action(r.on_update)};
      fks.set(r.id, fk);
    }
    fk.columns.push(r.from);
    if (r.to !== null) fk.targetColumns.push(r.to);
  }
  // `REFERENCES t` without columns means t's primary key.
  for (const fk of fks.values()) {
    if (fk.targetColumns.length === 0) {
      fk.targetColumns = (await tableInfo(db, fk.targetTable)).filter(c => c.pk > 0).sort((a, b) => a.pk - b.pk)
        .map(c => c.name);
    }
  }

  return {
    table,
    columns: info.map(c => ({
      name: c.name, type: c.type, notNull: !!c.notnull || c.name === rowid?.name,
      autoIncrement: c.name === rowid?.name, hasDefault: c.dflt !== null,
      ...(c.dflt !== null ? {defaultSql: c.dflt} : {}),
    })),
    primaryKey,
    indexes,
    foreignKeys: [...fks.values()],
  };
}

/** The AUTOINCREMENT keyword of a table's stored definition (kept when the table is rebuilt). */
export async function sqliteHasAutoincrement(db: Kysely<any>, table: string): Promise<boolean> {
  const {rows} = await sql<{n: number}>`
    SELECT count(*) AS n FROM sqlite_master WHERE type = 'table' AND name = 'sqlite_sequence'`.execute(db);
  if (!rows[0]?.n) return false;
  const master = await sql<{sql: string | null}>`
    SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ${table}`.execute(db);
  return /\bAUTOINCREMENT\b/i.test(master.rows[0]?.sql ?? '');
}
