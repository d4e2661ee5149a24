// The parents' keys of a batched level: normalized for lookups, made distinct,
// and bound into the level's statements within each dialect's bind limits.
import {CompiledQuery, Kysely, RawBuilder, sql, SqlBool} from 'kysely';
import {encodeOperand} from '../value-codec';
import {IncludeHost} from './include-host';
import {IncludeLevel} from './include-level';
import {FragmentCache} from './level-statements';

/** Normalizes a key for lookups: Dates by time, other objects by their string form. */
export function keyOf(value: unknown): unknown {
  if (value !== null && typeof value === 'object') return value instanceof Date ? value.getTime() : String(value);
  return value;
}

/**
 * The rows of a level are distinct rows of its table when one statement
 * loaded them (root or batched); a JSON level may repeat a row under
 * several parents.
 */
export function uniqueRows(level: IncludeLevel, property: string): boolean {
  const ids = level.mapping.columns.filter(c => c.isId);
  return (level.strategy === 'query' || level.strategy === 'batched') && ids.length === 1 && ids[0].property === property;
}

/** The distinct non-null keys of the parents (already distinct when they are the ids of distinct rows). */
export function distinctKeys(keys: unknown[], unique: boolean): unknown[] {
  const values: unknown[] = [];
  if (unique) {
    for (let i = 0; i < keys.length; i++) {
      const v = keys[i];
      if (v !== null && v !== undefined) values.push(v);
    }
    return values;
  }
  const seen = new Set<unknown>();
  for (let i = 0; i < keys.length; i++) {
    const v = keys[i];
    if (v === null || v === undefined) continue;
    const k = typeof v === 'object' ? keyOf(v) : v;
    if (seen.has(k)) continue;
    seen.add(k);
    values.push(v);
  }
  return values;
}

/** Keys per MySQL statement: a list is one parameter there, kept well under the packet size. */
const MYSQL_KEYS_PER_STATEMENT = 65535;
/** Up to this many keys SQLite gets `IN (?, ...)`; beyond, one JSON parameter read by json_each. */
const SQLITE_IN_LIST = 50;

/**
 * The statements of a batched level, the parents' keys bound as ONE
 * parameter: a PostgreSQL array (`= ANY($1)`), a JSON list on SQLite
 * (`IN (SELECT value FROM json_each(?))`), a list mysql2 expands into
 * `IN (1, 2, ...)` on MySQL (escaped client side like every value; lists
 * beyond 65,535 keys are split into several statements).
 */
export function keyStatements(
  level: IncludeLevel, values: unknown[], kind: IncludeLevel['slots'][number]['kind'], db: Kysely<any>, host: IncludeHost,
  fragments: FragmentCache,
  build: (level: IncludeLevel, dialect: IncludeHost['dialect'], condition: (ref: RawBuilder<unknown>) => RawBuilder<SqlBool>,
    fragments?: FragmentCache) => RawBuilder<unknown>,
  single = false,
): CompiledQuery[] {
  if (values.length === 0) return [];
  const dialect = host.dialect;
  const compile = (condition: (ref: RawBuilder<unknown>) => RawBuilder<SqlBool>) =>
    build(level, dialect, condition, fragments).compile(db);
  if (dialect.name === 'postgresql') return [compile(ref => dialect.inList(ref, values, kind))];
  if (dialect.name === 'sqlite') {
    if (values.length <= SQLITE_IN_LIST || kind === 'buffer') return [compile(ref => dialect.inList(ref, values, kind))];
    const list = JSON.stringify(values.map(v => encodeOperand(kind, v, dialect.name)));
    return [compile(ref => sql<SqlBool>`${ref} IN (SELECT value FROM json_each(${list}))`)];
  }
  if ((single || level.relation!.globalLimit) && values.length > MYSQL_KEYS_PER_STATEMENT) {
    // One limit or one order over every key: one statement (the dialect binds long lists as one JSON parameter).
    return [compile(ref => dialect.inList(ref, values, kind))];
  }
  const out: CompiledQuery[] = [];
  for (let i = 0; i < values.length; i += MYSQL_KEYS_PER_STATEMENT) {
    const part = values.slice(i, i + MYSQL_KEYS_PER_STATEMENT).map(v => encodeOperand(kind, v, dialect.name));
    out.push(compile(ref => sql<SqlBool>`${ref} IN (${part})`));
  }
  return out;
}
