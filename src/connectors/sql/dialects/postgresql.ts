import {Kysely, PostgresDialect, RawBuilder, sql, SqlBool} from 'kysely';
import {Pool, PoolConfig, TypeOverrides} from 'pg';
import {AnyObject} from '../../../common/types';
import {PropertyKind} from '../../../model/property-definition';
import {DbErrorInfo, SqlDialect} from '../sql-dialect';
import {ColumnMapping} from '../table-mapping';
import {encodeOperand, encodeValue} from '../value-codec';
import {networkReason, urlTarget} from './connection-errors';

/**
 * Data source settings of the PostgreSQL connector (LoopBack's names):
 * `{connector: 'postgresql', host, port, user | username, password, database}`
 * or `{connector: 'postgresql', url | connectionString}`; `schema` is the
 * default schema of tables whose model names none. Pool: `max` or
 * `connectionLimit` (default 10), `idleTimeoutMillis` (10000),
 * `connectionTimeoutMillis` (alias `connectTimeout`), `ssl`,
 * `application_name`, `statement_timeout`, `query_timeout`.
 */
export interface PostgresqlSettings extends AnyObject {
  host?: string;
  port?: number | string;
  user?: string;
  username?: string;
  password?: string;
  database?: string;
  url?: string;
  connectionString?: string;
  schema?: string;
  max?: number;
  connectionLimit?: number;
}

const INT4_MIN = -2147483648;
const INT4_MAX = 2147483647;

function isInt4(v: unknown): boolean {
  return typeof v === 'number' && Number.isInteger(v) && v >= INT4_MIN && v <= INT4_MAX;
}

const TEXT_TYPES = /^\s*(text|varchar|character|char|bpchar|citext|name)\b/i;

/** PostgreSQL, on `pg`'s pool. */
export class PostgresqlAdapter implements SqlDialect {
  readonly name = 'postgresql' as const;
  readonly maxParameters = 65535;
  /** Lists are always bound as one array parameter (`= ANY($1)`). */
  readonly maxInList = 0;
  readonly insertReturning = true;
  readonly target: string;
  /**
   * A collation folding case beyond ASCII for `ilike` and `regexp` with `i`
   * (learned by `probe`; the "C" collation of relata's text columns folds
   * ASCII only, JavaScript folds Unicode).
   */
  caseFoldCollation: string | undefined;
  private readonly config: PoolConfig;

  constructor(settings: PostgresqlSettings) {
    const url = settings.url ?? settings.connectionString;
    const config: AnyObject = {
      connectionString: url,
      host: settings.host ?? settings.hostname,
      port: settings.port === undefined ? undefined : Number(settings.port),
      user: settings.user ?? settings.username,
      password: settings.password,
      database: settings.database ?? settings.db,
      max: settings.connectionLimit ?? settings.max ?? 10,
      idleTimeoutMillis: settings.idleTimeoutMillis ?? 10000,
      connectionTimeoutMillis: settings.connectionTimeoutMillis ?? settings.connectTimeout,
      ssl: settings.ssl,
      application_name: settings.application_name ?? settings.applicationName,
      statement_timeout: settings.statement_timeout,
      query_timeout: settings.query_timeout,
    };
    for (const k of Object.keys(config)) if (config[k] === undefined) delete config[k];
    this.config = config as PoolConfig;
    this.target = (url && urlTarget(url, 5432)) ??
      `${config.host ?? 'localhost'}:${config.port ?? 5432}`;
  }

  createKysely(): Kysely<any> {
    // Parsers on this pool only (never pg's global types): 64-bit counts and numerics as numbers.
    const types = new TypeOverrides();
    types.setTypeParser(20, (v: string) => Number(v));
    types.setTypeParser(1700, (v: string) => Number(v));
    const pool = new Pool({...this.config, types});
    // An idle client losing its server must not crash the process; the next query reports it.
    pool.on('error', () => undefined);
    return new Kysely<any>({dialect: new PostgresDialect({pool})});
  }

  async probe(db: Kysely<any>): Promise<void> {
    const {rows} = await sql<{name: string}>`SELECT collname AS name FROM pg_collation
      WHERE collname IN ('und-x-icu', 'C.utf8', 'C.UTF-8') ORDER BY collname = 'und-x-icu' DESC, collname`.execute(db);
    this.caseFoldCollation = rows[0]?.name;
  }

  /** The column as text, in the case-folding collation when one exists. */
  private foldRef(ref: RawBuilder<unknown>, column: ColumnMapping): RawBuilder<unknown> {
    const text = textRef(ref, column);
    return this.caseFoldCollation ? sql`${text} COLLATE ${sql.id(this.caseFoldCollation)}` : text;
  }

  operand(kind: PropertyKind, value: unknown): unknown {
    const v = encodeOperand(kind, value, this.name);
    // An INTEGER column compared with 1.5 would fail to parse the parameter; as a double it just does not match.
    if (kind === 'number' && typeof v === 'number' && !isInt4(v)) return sql`${v}::double precision`;
    return v;
  }

  stringRef(ref: RawBuilder<unknown>, column: ColumnMapping): RawBuilder<unknown> {
    return isTextColumn(column) ? sql`${ref} COLLATE "C"` : ref;
  }

  inList(ref: RawBuilder<unknown>, values: unknown[], kind: PropertyKind): RawBuilder<SqlBool> {
    const list = values.map(v => encodeValue(kind, v, this.name));
    if (kind === 'number' && !list.every(isInt4)) return sql<SqlBool>`${ref} = ANY(${list}::double precision[])`;
    return sql<SqlBool>`${ref} = ANY(${list})`;
  }

  like(ref: RawBuilder<unknown>, column: ColumnMapping, pattern: string, caseInsensitive: boolean): RawBuilder<SqlBool> {
    // `\` is PostgreSQL's default LIKE escape.
    return caseInsensitive
      ? sql<SqlBool>`${this.foldRef(ref, column)} ILIKE ${pattern}`
      : sql<SqlBool>`${textRef(ref, column)} LIKE ${pattern}`;
  }

  regexp(ref: RawBuilder<unknown>, column: ColumnMapping, re: RegExp): RawBuilder<SqlBool> {
    // Embedded options: `p` keeps `.` off newlines (as in JS), `n` also anchors ^/$ at lines (JS `m`).
    const options = (re.multiline ? 'n' : 'p') + (re.ignoreCase ? 'i' : '');
    const text = re.ignoreCase ? this.foldRef(ref, column) : textRef(ref, column);
    return sql<SqlBool>`${text} ~ ${`(?${options})${toAdvancedRegExp(re.source)}`}`;
  }

  orderTerm(ref: RawBuilder<unknown>, descending: boolean, nullable: boolean): RawBuilder<unknown> {
    if (!nullable) return descending ? sql`${ref} DESC` : sql`${ref} ASC`;
    return descending ? sql`${ref} DESC NULLS LAST` : sql`${ref} ASC NULLS FIRST`;
  }

  limitOffset(limit: number | undefined, offset: number | undefined): RawBuilder<unknown> {
    if (limit !== undefined && offset) return sql` LIMIT ${limit} OFFSET ${offset}`;
    if (limit !== undefined) return sql` LIMIT ${limit}`;
    if (offset) return sql` OFFSET ${offset}`;
    return sql``;
  }

  jsonValue(ref: RawBuilder<unknown>, _kind: PropertyKind): RawBuilder<unknown> {
    // jsonb embeds as JSON, bytea as "\x..." text, timestamptz as ISO-8601 text.
    return ref;
  }

  classifyError(err: unknown): DbErrorInfo | undefined {
    if (!err || typeof err !== 'object') return undefined;
    const e = err as AnyObject;
    const network = networkReason(e);
    if (network) return {kind: 'connection', reason: network, code: e.code};
    const code: unknown = e.code;
    if (typeof code !== 'string' || !/^[0-9A-Z]{5}$/.test(code)) {
      const message = String(e.message ?? '');
      if (/timeout exceeded when trying to connect|Connection terminated|connection timeout/i.test(message)) {
        return {kind: 'connection', reason: 'connection timed out or was closed'};
      }
      return undefined;
    }
    const detailColumns = keyColumns(e.detail);
    switch (code) {
      case '23505':
        return {kind: 'duplicate', columns: detailColumns, constraint: e.constraint, code};
      case '23503':
        return {kind: 'foreign-key', columns: detailColumns, constraint: e.constraint, code,
          referenced: /still referenced/.test(String(e.detail ?? ''))};
      case '23502':
        return {kind: 'not-null', columns: typeof e.column === 'string' ? [e.column] : undefined, code};
      case '23514':
        return {kind: 'invalid-data', reason: 'a check constraint failed', constraint: e.constraint, code};
      case '2201B':
        return {kind: 'invalid-regexp', code};
      case '22001':
        return {kind: 'invalid-data', reason: 'value too long for the column', code};
      case '22003':
        return {kind: 'invalid-data', reason: 'numeric value out of range', code};
      case '40001':
        return {kind: 'conflict', reason: 'serialization failure', code};
      case '40P01':
        return {kind: 'conflict', reason: 'deadlock', code};
      case '55P03':
        return {kind: 'conflict', reason: 'lock not available', code};
      case '25P02':
        return {kind: 'aborted', code};
      case '42P01':
      case '3F000':
        return {kind: 'missing-table', code};
      case '42703':
        return {kind: 'missing-column', code};
      case '3D000':
        return {kind: 'connection', reason: 'the database does not exist', code};
      case '53300':
        return {kind: 'connection', reason: 'too many connections', code};
      default:
        break;
    }
    if (code.startsWith('22')) return {kind: 'invalid-data', reason: 'invalid value for the column type', code};
    if (code.startsWith('28')) return {kind: 'connection', reason: 'authentication failed', code};
    if (code.startsWith('08') || code.startsWith('57P')) return {kind: 'connection', reason: 'connection failed', code};
    return {kind: 'other', code};
  }
}

/** True for string columns stored as text (no `dataType` override to uuid, inet...). */
function isTextColumn(column: ColumnMapping): boolean {
  const type = column.connectorSettings.dataType;
  return typeof type !== 'string' || TEXT_TYPES.test(type);
}

function textRef(ref: RawBuilder<unknown>, column: ColumnMapping): RawBuilder<unknown> {
  return isTextColumn(column) ? ref : sql`CAST(${ref} AS TEXT)`;
}

/** Column names of a key in a PostgreSQL error detail (`Key (a, b)=(...) ...`); values are never kept. */
function keyColumns(detail: unknown): string[] | undefined {
  if (typeof detail !== 'string') return undefined;
  const m = /^Key \((.+?)\)=\(/.exec(detail);
  if (!m) return undefined;
  return m[1].split(', ').map(c => c.replace(/^"(.*)"$/, '$1').replace(/""/g, '"'));
}

/**
 * A JS RegExp source in PostgreSQL's advanced regular expression syntax: the
 * escapes that differ are rewritten (`\b`/`\B` word boundaries are `\y`/`\Y`,
 * `\xhh` is `\u00hh`, `\/` is `/`); the rest is common syntax.
 */
export function toAdvancedRegExp(source: string): string {
  let out = '';
  let inClass = false;
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    if (c === '\\' && i + 1 < source.length) {
      const n = source[++i];
      if (!inClass && n === 'b') out += '\\y';
      else if (!inClass && n === 'B') out += '\\Y';
      else if (n === '/') out += '/';
      else if (n === 'x' && /^[0-9a-fA-F]{2}$/.test(source.slice(i + 1, i + 3))) {
        out += '\\u00' + source.slice(i + 1, i + 3);
        i += 2;
      } else out += '\\' + n;
      continue;
    }
    if (c === '[' && !inClass) inClass = true;
    else if (c === ']' && inClass) inClass = false;
    out += c;
  }
  return out;
}
