import {Kysely, sql} from 'kysely';
import {ExistingForeignKey, ExistingIndex, ExistingTable} from './introspection';
import {ReferentialAction} from './schema-spec';

/** The current database of the connection. */
export async function currentMysqlDatabase(db: Kysely<any>): Promise<string | undefined> {
  const {rows} = await sql<{db: string | null}>`SELECT DATABASE() AS db`.execute(db);
  return rows[0]?.db ?? undefined;
}

function action(rule: string | null): ReferentialAction {
  const r = (rule ?? '').toUpperCase();
  return r === 'CASCADE' || r === 'SET NULL' || r === 'SET DEFAULT' || r === 'RESTRICT' ? r : 'NO ACTION';
}

/** Reads a MySQL/MariaDB table from information_schema; undefined when it does not exist. */
export async function introspectMysql(db: Kysely<any>, schema: string, table: string): Promise<ExistingTable | undefined> {
  const columns = await sql<{name: string; type: string; nullable: string; extra: string | null; dflt: string | null}>`
    SELECT COLUMN_NAME AS name, COLUMN_TYPE AS type, IS_NULLABLE AS nullable, EXTRA AS extra, COLUMN_DEFAULT AS dflt
    FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = ${schema} AND TABLE_NAME = ${table}
    ORDER BY ORDINAL_POSITION`.execute(db);
  if (!columns.rows.length) return undefined;

  const stats = await sql<{name: string; nonUnique: number | string; col: string | null}>`
    SELECT INDEX_NAME AS name, NON_UNIQUE AS nonUnique, COLUMN_NAME AS col
    FROM information_schema.STATISTICS WHERE TABLE_SCHEMA = ${schema} AND TABLE_NAME = ${table}
    ORDER BY INDEX_NAME, SEQ_IN_INDEX`.execute(db);
  const byName = new Map<string, ExistingIndex & {expression?: boolean}>();
  for (const s of stats.rows) {
    let index = byName.get(s.name);
    if (!index) {
      index = {name: s.name, columns: [], unique: Number(s.nonUnique) === 0, primary: s.name === 'PRIMARY'};
      byName.set(s.name, index);
    }
    // MySQL 8 functional index parts have no column name.
    if (s.col === null) index.expression = true;
    else index.columns.push(s.col);
  }
  const indexes = [...byName.values()].filter(i => !i.expression).map(({expression: _e, ...i}) => i);

  const keyColumns = await sql<{name: string; col: string; targetSchema: string; targetTable: string;
    targetCol: string; onUpdate: string | null; onDelete: string | null}>`
    SELECT k.CONSTRAINT_NAME AS name, k.COLUMN_NAME AS col, k.REFERENCED_TABLE_SCHEMA AS targetSchema,
      k.REFERENCED_TABLE_NAME AS targetTable, k.REFERENCED_COLUMN_NAME AS targetCol,
      r.UPDATE_RULE AS onUpdate, r.DELETE_RULE AS onDelete
    FROM information_schema.KEY_COLUMN_USAGE k
    JOIN information_schema.REFERENTIAL_CONSTRAINTS r
      ON r.CONSTRAINT_SCHEMA = k.CONSTRAINT_SCHEMA AND r.CONSTRAINT_NAME = k.CONSTRAINT_NAME AND r.TABLE_NAME = k.TABLE_NAME
    WHERE k.TABLE_SCHEMA = ${schema} AND k.TABLE_NAME = ${table} AND k.REFERENCED_TABLE_NAME IS NOT NULL
    ORDER BY k.CONSTRAINT_NAME, k.ORDINAL_POSITION`.execute(db);
  const fks = new Map<string, ExistingForeignKey>();
  for (const k of keyColumns.rows) {
    let fk = fks.get(k.name);
    if (!fk) {
      fk = {name: k.name, columns: [], targetSchema: k.targetSchema, targetTable: k.targetTable, targetColumns: [],
        onDelete: action(k.onDelete), onUpdate: action(k.onUpdate)};
      fks.set(k.name, fk);
    }
    fk.columns.push(k.col);
    fk.targetColumns.push(k.targetCol);
  }

  return {
    schema, table,
    columns: columns.rows.map(c => ({
      name: c.name, type: c.type, notNull: c.nullable === 'NO',
      autoIncrement: /auto_increment/i.test(c.extra ?? ''),
      // MariaDB reports the default of a nullable column without one as the text NULL.
      hasDefault: c.dflt !== null && c.dflt !== 'NULL',
    })),
    primaryKey: byName.get('PRIMARY')?.columns ?? [],
    indexes,
    foreignKeys: [...fks.values()],
  };
}

/** Columns of a table that FOREIGN KEY constraints of any table refer to (MySQL refuses to retype them). */
export async function mysqlReferencedColumns(db: Kysely<any>, schema: string, table: string): Promise<Set<string>> {
  const {rows} = await sql<{col: string}>`
    SELECT DISTINCT REFERENCED_COLUMN_NAME AS col FROM information_schema.KEY_COLUMN_USAGE
    WHERE REFERENCED_TABLE_SCHEMA = ${schema} AND REFERENCED_TABLE_NAME = ${table}`.execute(db);
  return new Set(rows.map(r => r.col));
}
