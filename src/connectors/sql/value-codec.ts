import {RelataError} from '../../common/errors';
import {AnyObject} from '../../common/types';
import {PropertyKind} from '../../model/property-definition';
import {SqlDialect} from './sql-dialect';
import {SqlDialectName} from './sql-dialect-name';
import {TableMapping} from './table-mapping';

/** Restores a value read from the database (or from JSON built by it) to its property kind. */
export type ValueDecoder = (value: unknown) => unknown;

/**
 * How each kind is stored and read back, per dialect (the storage table of
 * the SQL design):
 *
 * | kind | PostgreSQL | MySQL/MariaDB | SQLite |
 * |---|---|---|---|
 * | boolean | boolean | 1/0 | 1/0 |
 * | date | Date (timestamptz) | Date (DATETIME(3), UTC) | ISO-8601 text |
 * | object/array/any | JSON text | JSON text | JSON text |
 * | buffer | Buffer | Buffer | Buffer |
 *
 * Inside JSON built by the database (include plans aggregating rows), each
 * dialect yields: dates as text (ISO-8601 with offset on PostgreSQL,
 * `YYYY-MM-DD hh:mm:ss.fff` UTC on MySQL, ISO-8601 on SQLite), booleans as
 * `true/false` (PostgreSQL) or `0/1`, buffers as hex text (`\x0102` from
 * PostgreSQL's bytea, `0102` from `HEX()`/`hex()` elsewhere, see
 * `SqlDialect.jsonValue`), JSON columns embedded as JSON.
 */
const MYSQL_MAX = Number.MAX_VALUE;

function nameOf(dialect: SqlDialect | SqlDialectName): SqlDialectName {
  return typeof dialect === 'string' ? dialect : dialect.name;
}

function json(value: unknown): unknown {
  return value === null || value === undefined ? null : JSON.stringify(value);
}

/**
 * Encodes a JS value of a property kind as the driver binds it: booleans as
 * 1/0 on MySQL and SQLite, Dates as ISO text on SQLite, object/array/any
 * values as JSON text everywhere (drivers would otherwise expand arrays and
 * objects into SQL lists). `null`/`undefined` give `null`.
 *
 * @example
 * encodeValue('boolean', true, 'sqlite')   // 1
 * encodeValue('object', {a: 1}, 'mysql')   // '{"a":1}'
 */
export function encodeValue(kind: PropertyKind, value: unknown, dialect: SqlDialect | SqlDialectName): unknown {
  if (value === null || value === undefined) return null;
  const name = nameOf(dialect);
  switch (kind) {
    case 'object':
    case 'array':
    case 'any':
      return json(value);
    case 'boolean':
      if (name === 'postgresql') return value;
      return typeof value === 'boolean' ? (value ? 1 : 0) : value;
    case 'date':
      if (name === 'sqlite' && value instanceof Date) return value.toISOString();
      return value;
    case 'number':
      if (typeof value === 'bigint') return Number(value);
      if (name === 'mysql' && typeof value === 'number' && !Number.isFinite(value)) {
        throw new RelataError('MySQL cannot store Infinity or NaN', 'INVALID_DATA', 422);
      }
      return value;
    default:
      return value;
  }
}

/**
 * Like {@link encodeValue}, for a value a column is compared with: on MySQL
 * an infinite number becomes the largest double (MySQL has no infinity), so
 * `{gt: -Infinity}` still means "every number".
 */
export function encodeOperand(kind: PropertyKind, value: unknown, dialect: SqlDialect | SqlDialectName): unknown {
  if (kind === 'number' && typeof value === 'number' && nameOf(dialect) === 'mysql' && !Number.isFinite(value)) {
    return value > 0 ? MYSQL_MAX : -MYSQL_MAX;
  }
  return encodeValue(kind, value, dialect);
}

// ---------------------------------------------------------------------------
// Decoders
// ---------------------------------------------------------------------------

const LOCAL_DATE_TIME = /^\d{4}-\d\d-\d\d(?:[ T]\d\d:\d\d(?::\d\d(?:\.\d+)?)?)?$/;

/** A Date from stored text: ISO-8601, or `YYYY-MM-DD hh:mm:ss.fff` without zone read as UTC. */
function toDate(value: unknown): unknown {
  if (value instanceof Date) return value;
  if (typeof value === 'number') return new Date(value);
  if (typeof value !== 'string') return value;
  if (LOCAL_DATE_TIME.test(value)) {
    return new Date(value.length === 10 ? `${value}T00:00:00Z` : `${value.replace(' ', 'T')}Z`);
  }
  return new Date(value);
}

function toBoolean(value: unknown): unknown {
  if (typeof value === 'boolean') return value;
  if (typeof value === 'number' || typeof value === 'bigint') return value !== 0 && value !== 0n;
  if (value === '1' || value === 'true' || value === 't') return true;
  if (value === '0' || value === 'false' || value === 'f') return false;
  return value;
}

function toNumber(value: unknown): unknown {
  if (typeof value === 'number') return value;
  if (typeof value === 'string' || typeof value === 'bigint') return Number(value);
  return value;
}

function toStringValue(value: unknown): unknown {
  if (typeof value === 'string') return value;
  // SQLite's dynamic typing may hand back a number stored in a TEXT column by someone else.
  if (typeof value === 'number' || typeof value === 'bigint') return String(value);
  if (Buffer.isBuffer(value)) return value.toString('utf8');
  return value;
}

function parseJson(value: unknown): unknown {
  if (typeof value === 'string') return JSON.parse(value);
  if (Buffer.isBuffer(value)) return JSON.parse(value.toString('utf8'));
  return value;
}

function toBuffer(value: unknown): unknown {
  if (Buffer.isBuffer(value)) return value;
  if (value instanceof Uint8Array) return Buffer.from(value.buffer, value.byteOffset, value.byteLength);
  if (typeof value === 'string') return Buffer.from(value, 'utf8');
  return value;
}

function hexToBuffer(value: unknown): unknown {
  if (typeof value !== 'string') return toBuffer(value);
  return Buffer.from(value.startsWith('\\x') ? value.slice(2) : value, 'hex');
}

/** Decoders of row values: undefined where the driver already returns the right JS value. */
const ROW_DECODERS: Record<SqlDialectName, Partial<Record<PropertyKind, ValueDecoder>>> = {
  // pg: timestamptz → Date, jsonb → parsed, bytea → Buffer; int8/numeric parsed as numbers by the pool's types.
  postgresql: {number: toNumber, date: toDate},
  // mysql2: DATETIME → Date (timezone 'Z'), JSON columns handed over as text (see the pool's typeCast).
  mysql: {boolean: toBoolean, object: parseJson, array: parseJson, any: parseJson, date: toDate},
  sqlite: {
    boolean: toBoolean, date: toDate, object: parseJson, array: parseJson, any: parseJson,
    string: toStringValue, buffer: toBuffer,
  },
};

const JSON_DECODERS: Record<SqlDialectName, Partial<Record<PropertyKind, ValueDecoder>>> = {
  postgresql: {number: toNumber, date: toDate, buffer: hexToBuffer},
  mysql: {number: toNumber, date: toDate, boolean: toBoolean, buffer: hexToBuffer},
  sqlite: {number: toNumber, date: toDate, boolean: toBoolean, buffer: hexToBuffer},
};

/** How values of a kind read from rows are restored on a dialect (undefined: as the driver gives them). */
export function rowDecoder(kind: PropertyKind, dialect: SqlDialect | SqlDialectName): ValueDecoder | undefined {
  return ROW_DECODERS[nameOf(dialect)][kind];
}

/** How values of a kind read from JSON built by the database are restored. */
export function jsonDecoder(kind: PropertyKind, dialect: SqlDialect | SqlDialectName): ValueDecoder | undefined {
  return JSON_DECODERS[nameOf(dialect)][kind];
}

/** A mapping's columns with their decoders, prepared once per mapping. */
interface RowPlan {
  columns: string[];
  properties: string[];
  decoders: Array<ValueDecoder | undefined>;
}

const rowPlans = new WeakMap<TableMapping, RowPlan>();
const jsonPlans = new WeakMap<TableMapping, RowPlan>();

function planFor(mapping: TableMapping, cache: WeakMap<TableMapping, RowPlan>, forJson: boolean): RowPlan {
  let plan = cache.get(mapping);
  if (plan === undefined) {
    const cols = mapping.columns;
    plan = {
      columns: cols.map(c => c.column),
      properties: cols.map(c => c.property),
      decoders: cols.map(c => (forJson ? jsonDecoder : rowDecoder)(c.kind, mapping.dialect)),
    };
    cache.set(mapping, plan);
  }
  return plan;
}

function decodeWith(plan: RowPlan, row: AnyObject): AnyObject {
  const out: AnyObject = {};
  const {columns, properties, decoders} = plan;
  for (let i = 0; i < columns.length; i++) {
    const v = row[columns[i]];
    // NULL columns are left out, as the memory connector leaves out properties never set.
    if (v === null || v === undefined) continue;
    const decode = decoders[i];
    out[properties[i]] = decode === undefined ? v : decode(v);
  }
  return out;
}

/**
 * Turns a database row (keyed by column names) into model data (keyed by
 * property names), restoring kinds: 0/1 to booleans, ISO text to Dates,
 * JSON text to values. NULL columns are left out; columns the mapping does
 * not know are ignored.
 *
 * @example
 * decodeRow(mapping, {id: 1, customer_name: 'A', active: 1}) // {id: 1, name: 'A', active: true}
 */
export function decodeRow(mapping: TableMapping, dbRow: AnyObject): AnyObject {
  return decodeWith(planFor(mapping, rowPlans, false), dbRow);
}

/**
 * Like {@link decodeRow}, for a row that arrived inside JSON built by the
 * database (JSON aggregation), keyed by column names: dates from text,
 * booleans from 0/1, buffers from hex text (build the JSON with
 * `SqlDialect.jsonValue` per column so every kind arrives in that form).
 */
export function decodeJsonRow(mapping: TableMapping, obj: AnyObject): AnyObject {
  return decodeWith(planFor(mapping, jsonPlans, true), obj);
}
