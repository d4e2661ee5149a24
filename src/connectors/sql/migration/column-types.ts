import {AnyObject} from '../../../common/types';
import {SqlDialectName} from '../sql-dialect-name';
import {ColumnMapping} from '../table-mapping';
import {MigrationError} from './migration-error';

/**
 * How a column is used, which decides its storage type: `key` columns (ids,
 * foreign keys, indexed columns) need bounded, indexable types; `generated`
 * ids are filled by the database.
 */
export type ColumnRole = 'plain' | 'key' | 'generated';

type Kind = ColumnMapping['kind'];

/** The storage table of the SQL design (kind → type per dialect). */
const PLAIN: Record<SqlDialectName, Record<Kind, string>> = {
  postgresql: {
    string: 'TEXT COLLATE "C"', number: 'DOUBLE PRECISION', boolean: 'BOOLEAN',
    date: 'TIMESTAMP(3) WITH TIME ZONE', object: 'JSONB', array: 'JSONB', any: 'JSONB', buffer: 'BYTEA',
  },
  mysql: {
    string: 'TEXT', number: 'DOUBLE', boolean: 'TINYINT(1)',
    date: 'DATETIME(3)', object: 'JSON', array: 'JSON', any: 'JSON', buffer: 'LONGBLOB',
  },
  sqlite: {
    string: 'TEXT', number: 'REAL', boolean: 'INTEGER',
    date: 'TEXT', object: 'TEXT', array: 'TEXT', any: 'TEXT', buffer: 'BLOB',
  },
};

/** Ids, foreign keys and indexed columns: integers for numbers, bounded strings (MySQL cannot index TEXT/JSON/BLOB). */
const KEY: Record<SqlDialectName, Partial<Record<Kind, string>>> = {
  postgresql: {string: 'VARCHAR(255) COLLATE "C"', number: 'INTEGER'},
  mysql: {string: 'VARCHAR(255)', number: 'INT', object: 'VARCHAR(255)', array: 'VARCHAR(255)', any: 'VARCHAR(255)',
    buffer: 'VARBINARY(255)'},
  sqlite: {number: 'INTEGER'},
};

const GENERATED: Record<SqlDialectName, string> = {postgresql: 'SERIAL', mysql: 'INT', sqlite: 'INTEGER'};

/**
 * A type override from a model definition is SQL text by nature; it is
 * accepted only in this shape (a type name, optional numeric or simple
 * quoted arguments, trailing words such as `UNSIGNED` or `WITH TIME ZONE`),
 * so no definition can smuggle a statement into DDL.
 */
const TYPE_PATTERN =
  /^[A-Za-z][A-Za-z0-9_ ]*(\(\s*(\d+|'[A-Za-z0-9_ .-]*')\s*(,\s*(\d+|'[A-Za-z0-9_ .-]*')\s*)*\))?[A-Za-z0-9_ ]*(\[\])?$/;

const PG_SERIALS: Record<string, string> = {
  integer: 'SERIAL', int: 'SERIAL', int4: 'SERIAL', serial: 'SERIAL', serial4: 'SERIAL',
  bigint: 'BIGSERIAL', int8: 'BIGSERIAL', bigserial: 'BIGSERIAL', serial8: 'BIGSERIAL',
  smallint: 'SMALLSERIAL', int2: 'SMALLSERIAL', smallserial: 'SMALLSERIAL', serial2: 'SMALLSERIAL',
};

function isCount(v: unknown): v is number | string {
  return (typeof v === 'number' && Number.isInteger(v) && v >= 0) || (typeof v === 'string' && /^\d+$/.test(v));
}

/** The override of `postgresql|mysql|sqlite3: {dataType, dataLength, precision, scale}`, if any. */
function overrideType(column: ColumnMapping, model: string): string | undefined {
  const cs: AnyObject = column.connectorSettings;
  let base: unknown = cs.dataType;
  if (base === undefined && cs.dataLength !== undefined && column.kind === 'string') base = 'VARCHAR';
  if (base === undefined || base === null) return undefined;
  const bad = (what: string) => new MigrationError(
    `Invalid ${what} for ${model}.${column.property}: ${JSON.stringify(cs[what] ?? base)}`, 'INVALID_COLUMN_TYPE');
  if (typeof base !== 'string') throw bad('dataType');
  let type = base.trim();
  if (!type.includes('(')) {
    if (cs.dataLength !== undefined && cs.dataLength !== null) {
      if (!isCount(cs.dataLength)) throw bad('dataLength');
      type = `${type}(${cs.dataLength})`;
    } else if (cs.precision !== undefined && cs.precision !== null) {
      if (!isCount(cs.precision)) throw bad('precision');
      if (cs.scale !== undefined && cs.scale !== null && !isCount(cs.scale)) throw bad('scale');
      type = cs.scale !== undefined && cs.scale !== null ? `${type}(${cs.precision},${cs.scale})` : `${type}(${cs.precision})`;
    }
  }
  if (!TYPE_PATTERN.test(type)) throw bad('dataType');
  return type;
}

/**
 * The SQL type of a column: its per-dialect override when it has one,
 * else the storage table of the SQL design for its kind and role.
 *
 * ```ts
 * columnType('postgresql', idColumn, 'generated', 'Customer'); // 'SERIAL'
 * columnType('mysql', nameColumn, 'plain', 'Customer');        // 'TEXT'
 * ```
 */
export function columnType(dialect: SqlDialectName, column: ColumnMapping, role: ColumnRole, model: string): string {
  const override = overrideType(column, model);
  if (role === 'generated') {
    // SQLite only generates values for exactly `INTEGER PRIMARY KEY`.
    if (dialect === 'sqlite' || override === undefined) return GENERATED[dialect];
    if (dialect === 'postgresql') {
      const serial = PG_SERIALS[override.toLowerCase()];
      if (!serial) {
        throw new MigrationError(
          `Invalid dataType for ${model}.${column.property}: PostgreSQL cannot generate values of type ${override}`,
          'INVALID_COLUMN_TYPE');
      }
      return serial;
    }
    return override;
  }
  if (override !== undefined) {
    // Strings compare by code point on every database (as in memory): keep PostgreSQL's text overrides binary.
    if (dialect === 'postgresql' && column.kind === 'string' && /^(text|varchar|character varying|char|character)\b/i
      .test(override) && !/collate/i.test(override)) {
      return `${override} COLLATE "C"`;
    }
    return override;
  }
  return (role === 'key' ? KEY[dialect][column.kind] : undefined) ?? PLAIN[dialect][column.kind];
}

/**
 * The type a foreign-key column takes from the key it refers to: the key's
 * type, with PostgreSQL's serial pseudo-types turned into their integers.
 */
export function referencingType(dialect: SqlDialectName, referencedType: string): string {
  if (dialect !== 'postgresql') return referencedType;
  switch (referencedType.toUpperCase()) {
    case 'SERIAL': return 'INTEGER';
    case 'BIGSERIAL': return 'BIGINT';
    case 'SMALLSERIAL': return 'SMALLINT';
    default: return referencedType;
  }
}

const PG_SYNONYMS: Record<string, string> = {
  serial: 'integer', serial4: 'integer', int: 'integer', int4: 'integer',
  bigserial: 'bigint', serial8: 'bigint', int8: 'bigint',
  smallserial: 'smallint', serial2: 'smallint', int2: 'smallint',
  float8: 'double precision', float: 'double precision', float4: 'real',
  bool: 'boolean', timestamptz: 'timestamp with time zone', decimal: 'numeric',
  varchar: 'character varying', char: 'character', 'character': 'character(1)',
};

const MYSQL_SYNONYMS: Record<string, string> = {
  integer: 'int', bool: 'tinyint(1)', boolean: 'tinyint(1)', 'double precision': 'double', real: 'double',
  // MariaDB stores JSON as LONGTEXT with a json_valid check.
  json: 'longtext', dec: 'decimal', numeric: 'decimal', fixed: 'decimal', datetime: 'datetime(0)',
};

/**
 * A comparable spelling of a SQL type: lower case, collation and
 * generation keywords removed, synonyms and display widths folded.
 */
export function normalizeType(dialect: SqlDialectName, type: string): string {
  let t = type.toLowerCase().replace(/\s+collate\s+("[^"]*"|\S+)/g, '').replace(/\s+/g, ' ').trim();
  t = t.replace(/\s*\(\s*/g, '(').replace(/\s*,\s*/g, ',').replace(/\s*\)/g, ')');
  if (dialect === 'postgresql') {
    const m = /^(varchar|char)(\(.*)$/.exec(t);
    if (m) t = (m[1] === 'varchar' ? 'character varying' : 'character') + m[2];
    t = t.replace(/^timestamptz(\(\d+\))?$/, 'timestamp$1 with time zone');
    return PG_SYNONYMS[t] ?? t;
  }
  if (dialect === 'mysql') {
    t = t.replace(/\s*auto_increment/g, '');
    // Display widths mean nothing, except TINYINT(1), the boolean type.
    t = t.replace(/^(tinyint|smallint|mediumint|int|integer|bigint)\((\d+)\)/, (all, name: string, w: string) =>
      name === 'tinyint' && w === '1' ? all : name);
    return MYSQL_SYNONYMS[t] ?? t;
  }
  return t;
}

function args(t: string): number[] | undefined {
  const m = /\(([\d,]+)\)/.exec(t);
  return m ? m[1].split(',').map(Number) : undefined;
}

function baseOf(t: string): string {
  return t.replace(/\(.*?\)/, '');
}

const PG_INT_RANK: Record<string, number> = {smallint: 1, integer: 2, bigint: 3};
const MYSQL_INT_RANK: Record<string, number> = {tinyint: 1, smallint: 2, mediumint: 3, int: 4, bigint: 5};
const MYSQL_TEXT_RANK: Record<string, number> = {tinytext: 1, text: 2, mediumtext: 3, longtext: 4};
const MYSQL_BLOB_RANK: Record<string, number> = {tinyblob: 1, blob: 2, mediumblob: 3, longblob: 4};

/** `numeric(p,s)` → `numeric(p2,s2)` keeps every value when both integer and fraction digits grow or stay. */
function decimalFits(from: number[] | undefined, to: number[] | undefined): boolean {
  if (!to) return true;
  if (!from) return false;
  const [p1, s1 = 0] = from;
  const [p2, s2 = 0] = to;
  return s2 >= s1 && p2 - s2 >= p1 - s1;
}

/**
 * True when a column of type `from` can be altered to `to` keeping every
 * stored value exactly (both normalized): longer strings, wider integers,
 * integers to doubles, more precise decimals and timestamps, bigger blobs.
 * Anything else (narrowing, text to number, JSON to text, ...) is left to
 * the user.
 */
export function canWiden(dialect: SqlDialectName, from: string, to: string): boolean {
  if (from === to) return false;
  const fb = baseOf(from), tb = baseOf(to);
  const fa = args(from), ta = args(to);
  if (dialect === 'postgresql') {
    if (fb === 'character varying') {
      return to === 'text' || to === 'character varying' || (tb === 'character varying' && !!fa && !!ta && ta[0] >= fa[0]);
    }
    if (fb in PG_INT_RANK) {
      return (tb in PG_INT_RANK && PG_INT_RANK[tb] > PG_INT_RANK[fb]) ||
        (to === 'double precision' && fb !== 'bigint') || (tb === 'numeric' && !ta);
    }
    if (from === 'real') return to === 'double precision';
    if (fb === 'numeric' && tb === 'numeric') return decimalFits(fa, ta);
    const ts = /^timestamp(\(\d+\))? with time zone$/;
    if (ts.test(from) && ts.test(to)) return (ta?.[0] ?? 6) >= (fa?.[0] ?? 6);
    return false;
  }
  if (dialect === 'mysql') {
    const unsigned = (t: string) => / unsigned/.test(t);
    if (unsigned(from) !== unsigned(to)) return false;
    const f = from.replace(/ unsigned| zerofill/g, ''), t = to.replace(/ unsigned| zerofill/g, '');
    if (f === 'tinyint(1)') return false;
    if (f in MYSQL_INT_RANK) {
      return (t in MYSQL_INT_RANK && MYSQL_INT_RANK[t] > MYSQL_INT_RANK[f]) || (t === 'double' && f !== 'bigint');
    }
    if (f === 'float') return t === 'double';
    if (fb === 'varchar') return t in MYSQL_TEXT_RANK || (tb === 'varchar' && !!fa && !!ta && ta[0] >= fa[0]);
    if (f in MYSQL_TEXT_RANK) return t in MYSQL_TEXT_RANK && MYSQL_TEXT_RANK[t] > MYSQL_TEXT_RANK[f];
    if (fb === 'varbinary') return t in MYSQL_BLOB_RANK || (tb === 'varbinary' && !!fa && !!ta && ta[0] >= fa[0]);
    if (f in MYSQL_BLOB_RANK) return t in MYSQL_BLOB_RANK && MYSQL_BLOB_RANK[t] > MYSQL_BLOB_RANK[f];
    if (fb === 'decimal' && tb === 'decimal') return decimalFits(fa, ta);
    if (fb === 'datetime' && tb === 'datetime') return (ta?.[0] ?? 0) >= (fa?.[0] ?? 0);
    return false;
  }
  // SQLite's column types are affinities; ALTER TABLE cannot change them.
  return false;
}

/** A type change that keeps every value only if the stored values fit the new type. */
export type FitCheck =
  | {kind: 'integer'; min: number; max: number}
  | {kind: 'length'; max: number};

const INT_RANGES: Record<string, [number, number]> = {
  smallint: [-32768, 32767], integer: [-2147483648, 2147483647], int: [-2147483648, 2147483647],
  mediumint: [-8388608, 8388607], bigint: [-9007199254740991, 9007199254740991],
};

/**
 * For a change `canWiden` refuses, the condition under which it still loses
 * nothing: fractional numbers to integers when every stored value is a
 * whole number in range (a number property that becomes a foreign key to
 * an integer id), MySQL TEXT to VARCHAR(n) when no value is longer (a
 * string property that becomes indexed). Undefined: never.
 */
export function fitCheck(dialect: SqlDialectName, from: string, to: string): FitCheck | undefined {
  const fb = baseOf(from), tb = baseOf(to);
  if (dialect === 'postgresql') {
    if ((from === 'double precision' || from === 'real' || fb === 'numeric') && tb in PG_INT_RANK) {
      const [min, max] = INT_RANGES[tb];
      return {kind: 'integer', min, max};
    }
    return undefined;
  }
  if (dialect === 'mysql') {
    if (/ unsigned/.test(from) || / unsigned/.test(to)) return undefined;
    if ((from === 'double' || from === 'float' || fb === 'decimal') && tb in MYSQL_INT_RANK && to !== 'tinyint(1)' &&
        tb !== 'tinyint') {
      const [min, max] = INT_RANGES[tb];
      return {kind: 'integer', min, max};
    }
    const ta = args(to);
    if (from in MYSQL_TEXT_RANK && tb === 'varchar' && ta) return {kind: 'length', max: ta[0]};
  }
  return undefined;
}
