import {RawBuilder, sql, SqlBool} from 'kysely';
import {TableMapping} from './table-mapping';

/** Always true / always false conditions, shared so callers can test for them (`cond === SQL_TRUE`). */
export const SQL_TRUE: RawBuilder<SqlBool> = sql<SqlBool>`1 = 1`;
export const SQL_FALSE: RawBuilder<SqlBool> = sql<SqlBool>`1 = 0`;

/**
 * The table of a mapping as a quoted identifier, schema-qualified when the
 * mapping names a schema (PostgreSQL) or database (MySQL). SQLite tables are
 * never qualified (one schema per connection).
 */
export function tableRef(mapping: TableMapping): RawBuilder<unknown> {
  return mapping.schema && mapping.dialect !== 'sqlite' ? sql.id(mapping.schema, mapping.table) : sql.id(mapping.table);
}

/** A quoted column identifier, qualified by a table alias when given. Dots in names stay part of the name. */
export function columnRef(column: string, tableAlias?: string): RawBuilder<unknown> {
  return tableAlias === undefined ? sql.id(column) : sql.id(tableAlias, column);
}

/** Conjunction, folding constants (an empty list is true). */
export function sqlAnd(parts: RawBuilder<SqlBool>[]): RawBuilder<SqlBool> {
  const kept: RawBuilder<SqlBool>[] = [];
  for (const p of parts) {
    if (p === SQL_FALSE) return SQL_FALSE;
    if (p !== SQL_TRUE) kept.push(p);
  }
  if (kept.length === 0) return SQL_TRUE;
  if (kept.length === 1) return kept[0];
  return sql<SqlBool>`(${sql.join(kept, sql` AND `)})`;
}

/** Disjunction, folding constants (an empty list is false). */
export function sqlOr(parts: RawBuilder<SqlBool>[]): RawBuilder<SqlBool> {
  const kept: RawBuilder<SqlBool>[] = [];
  for (const p of parts) {
    if (p === SQL_TRUE) return SQL_TRUE;
    if (p !== SQL_FALSE) kept.push(p);
  }
  if (kept.length === 0) return SQL_FALSE;
  if (kept.length === 1) return kept[0];
  return sql<SqlBool>`(${sql.join(kept, sql` OR `)})`;
}
