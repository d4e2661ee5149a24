import {Kysely, sql} from 'kysely';
import {SqlDialectName} from '../sql-dialect-name';
import {columnList, tableId} from './identifiers';
import {ExistingIndex} from './introspection';
import {IndexSpec, TableSpec} from './schema-spec';

/** Creates an index on a model's table (the index lives in the table's schema). */
export async function createIndex(
  db: Kysely<any>, dialect: SqlDialectName, spec: TableSpec, index: IndexSpec, name = index.name,
): Promise<void> {
  const unique = index.unique ? sql`UNIQUE ` : sql``;
  // SQLite qualifies the index name, not the table, with a schema; relata's SQLite tables have none.
  await sql`CREATE ${unique}INDEX ${sql.id(name)} ON ${tableId(dialect, spec.schema, spec.table)} (${
    columnList(index.columns)})`.execute(db);
}

/**
 * True when an existing index serves the wanted one: lookup indexes need
 * any index whose leading columns are theirs (the primary key included);
 * declared indexes need the same columns, and uniqueness when declared.
 */
export function indexSatisfied(existing: ExistingIndex[], index: IndexSpec): boolean {
  return existing.some(e => {
    if (index.lookup) return index.columns.every((c, i) => e.columns[i] === c);
    return e.columns.length === index.columns.length && index.columns.every((c, i) => e.columns[i] === c) &&
      (!index.unique || e.unique);
  });
}

/** A name for a new index that no existing index of the table uses. */
export function freeIndexName(existing: ExistingIndex[], name: string): string {
  const taken = new Set(existing.map(e => e.name));
  let candidate = name;
  for (let n = 2; taken.has(candidate); n++) candidate = `${name.slice(0, 56)}_${n}`;
  return candidate;
}
