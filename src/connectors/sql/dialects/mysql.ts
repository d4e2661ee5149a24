import {CompiledQuery, Kysely, MysqlDialect, RawBuilder, sql, SqlBool} from 'kysely';
import {createPool, PoolOptions} from 'mysql2';
import {AnyObject} from '../../../common/types';
import {PropertyKind} from '../../../model/property-definition';
import {DbErrorInfo, SqlDialect} from '../sql-dialect';
import {ColumnMapping} from '../table-mapping';
import {encodeOperand} from '../value-codec';
import {networkReason, urlTarget} from './connection-errors';

/**
 * Data source settings of the MySQL/MariaDB connector (LoopBack's names):
 * `{connector: 'mysql', host, port, user | username, password, database}` or
 * `{connector: 'mysql', url}` (`mysql://user:pass@host:port/db`). Pool:
 * `connectionLimit` or `max` (default 10), `connectTimeout`, `ssl`.
 */
export interface MysqlSettings extends AnyObject {
  host?: string;
  port?: number | string;
  user?: string;
  username?: string;
  password?: string;
  database?: string;
  url?: string;
  connectionLimit?: number;
}

/** Version text → true when MariaDB >= 10.5 (INSERT ... RETURNING). */
function mariaDbReturning(version: string): boolean {
  if (!/mariadb/i.test(version)) return false;
  const m = /^(\d+)\.(\d+)/.exec(version);
  if (!m) return false;
  const major = Number(m[1]);
  const minor = Number(m[2]);
  return major > 10 || (major === 10 && minor >= 5);
}

/** MySQL and MariaDB, on `mysql2`'s pool. */
export class MysqlAdapter implements SqlDialect {
  readonly name = 'mysql' as const;
  /** Placeholders of a server-side prepared statement (relata's INSERT chunks stay under it). */
  readonly maxParameters = 65535;
  /**
   * Every list is an `IN (...)` list: mysql2 substitutes values client side
   * (text protocol), so no placeholder limit applies, only
   * `max_allowed_packet`. Measured on MariaDB 10.11 (70,000 values, 1,000
   * rows): an IN list takes 60-100 ms for numbers and strings, `IN`/`NOT IN`
   * alike, where a JSON_TABLE parameter took 1.5 s for strings and 7 s for
   * `NOT IN` (no semi-join materialization).
   */
  readonly maxInList = Infinity;
  /** Learned by `probe`: MariaDB >= 10.5 has `INSERT ... RETURNING`, MySQL has not. */
  insertReturning = false;
  readonly target: string;
  private readonly config: PoolOptions;

  constructor(settings: MysqlSettings) {
    const config: AnyObject = {
      host: settings.host ?? settings.hostname,
      port: settings.port === undefined ? undefined : Number(settings.port),
      user: settings.user ?? settings.username,
      password: settings.password,
      database: settings.database ?? settings.db,
      socketPath: settings.socketPath,
      ssl: settings.ssl,
      connectTimeout: settings.connectTimeout,
    };
    if (typeof settings.url === 'string') {
      try {
        const u = new URL(settings.url);
        config.host = u.hostname || config.host;
        if (u.port) config.port = Number(u.port);
        if (u.username) config.user = decodeURIComponent(u.username);
        if (u.password) config.password = decodeURIComponent(u.password);
        const db = u.pathname.replace(/^\//, '');
        if (db) config.database = decodeURIComponent(db);
      } catch {
        // An unparsable url is reported when connecting (host unknown).
      }
    }
    for (const k of Object.keys(config)) if (config[k] === undefined) delete config[k];
    this.config = {
      ...config,
      connectionLimit: settings.connectionLimit ?? settings.max ?? 10,
      charset: 'utf8mb4',
      // DATETIME holds UTC; rows give Dates, JSON columns text (parsed by the codec), decimals numbers.
      timezone: 'Z',
      dateStrings: false,
      jsonStrings: true,
      decimalNumbers: true,
      supportBigNumbers: true,
      bigNumberStrings: false,
      multipleStatements: false,
      flags: ['-LOCAL_FILES'],
    };
    this.target = settings.socketPath ?? (settings.url && urlTarget(settings.url, 3306)) ??
      `${config.host ?? 'localhost'}:${config.port ?? 3306}`;
  }

  createKysely(): Kysely<any> {
    const pool = createPool(this.config);
    return new Kysely<any>({
      dialect: new MysqlDialect({
        pool,
        // Values are escaped client side with backslashes: the session must read them so.
        onCreateConnection: async connection => {
          await connection.executeQuery(CompiledQuery.raw(
            "SET SESSION sql_mode = REPLACE(@@SESSION.sql_mode, 'NO_BACKSLASH_ESCAPES', ''), time_zone = '+00:00'"));
        },
      }),
    });
  }

  async probe(db: Kysely<any>): Promise<void> {
    const {rows} = await sql<{v: string}>`SELECT VERSION() AS v`.execute(db);
    this.insertReturning = mariaDbReturning(String(rows[0]?.v ?? ''));
  }

  operand(kind: PropertyKind, value: unknown): unknown {
    return encodeOperand(kind, value, this.name);
  }

  stringRef(ref: RawBuilder<unknown>, _column: ColumnMapping): RawBuilder<unknown> {
    // String order and case follow the column collation (utf8mb4_bin in relata's tables).
    return ref;
  }

  inList(ref: RawBuilder<unknown>, values: unknown[], kind: PropertyKind): RawBuilder<SqlBool> {
    return sql<SqlBool>`${ref} IN (${sql.join(values.map(v => encodeOperand(kind, v, this.name)))})`;
  }

  like(ref: RawBuilder<unknown>, _column: ColumnMapping, pattern: string, caseInsensitive: boolean): RawBuilder<SqlBool> {
    // `\` is MySQL's default LIKE escape; case follows the (binary) column collation.
    return caseInsensitive
      ? sql<SqlBool>`LOWER(${ref}) LIKE LOWER(${pattern})`
      : sql<SqlBool>`${ref} LIKE ${pattern}`;
  }

  regexp(ref: RawBuilder<unknown>, _column: ColumnMapping, re: RegExp): RawBuilder<SqlBool> {
    const on = re.multiline ? 'm' : '';
    const flags = re.ignoreCase ? `(?i${on})` : `(?${on}-i)`;
    return sql<SqlBool>`${ref} REGEXP ${flags + re.source}`;
  }

  orderTerm(ref: RawBuilder<unknown>, descending: boolean, _nullable: boolean): RawBuilder<unknown> {
    // MySQL sorts NULLs first ascending and last descending already.
    return descending ? sql`${ref} DESC` : sql`${ref} ASC`;
  }

  limitOffset(limit: number | undefined, offset: number | undefined): RawBuilder<unknown> {
    if (limit !== undefined && offset) return sql` LIMIT ${limit} OFFSET ${offset}`;
    if (limit !== undefined) return sql` LIMIT ${limit}`;
    // MySQL has no OFFSET without LIMIT: the documented "all rows" limit.
    if (offset) return sql` LIMIT 18446744073709551615 OFFSET ${offset}`;
    return sql``;
  }

  jsonValue(ref: RawBuilder<unknown>, kind: PropertyKind): RawBuilder<unknown> {
    if (kind === 'buffer') return sql`HEX(${ref})`;
    if (kind === 'object' || kind === 'array' || kind === 'any') return sql`JSON_EXTRACT(${ref}, '$')`;
    return ref;
  }

  classifyError(err: unknown): DbErrorInfo | undefined {
    if (!err || typeof err !== 'object') return undefined;
    const e = err as AnyObject;
    const network = networkReason(e);
    if (network) return {kind: 'connection', reason: network, code: e.code};
    const errno: unknown = e.errno;
    const message = String(e.sqlMessage ?? e.message ?? '');
    if (typeof errno !== 'number') {
      if (e.code === 'PROTOCOL_CONNECTION_LOST' || e.code === 'POOL_CLOSED' || e.fatal === true) {
        return {kind: 'connection', reason: 'connection lost', code: e.code};
      }
      return undefined;
    }
    const code = String(e.code ?? errno);
    const quoted = (re: RegExp): string[] | undefined => {
      const m = re.exec(message);
      return m ? [m[1]] : undefined;
    };
    switch (errno) {
      case 1062: {
        const key = /for key '([^']*)'/.exec(message)?.[1];
        return {kind: 'duplicate', constraint: key?.replace(/^.*\./, ''), code};
      }
      case 1451:
      case 1452: {
        const cols = /FOREIGN KEY \(([^)]*)\)/.exec(message)?.[1];
        return {kind: 'foreign-key', referenced: errno === 1451, code,
          columns: cols?.split(',').map(c => c.trim().replace(/^`(.*)`$/, '$1'))};
      }
      case 1048:
        return {kind: 'not-null', columns: quoted(/Column '([^']*)' cannot be null/), code};
      case 1364:
        return {kind: 'not-null', columns: quoted(/Field '([^']*)' doesn't have a default value/), code};
      case 1406:
        return {kind: 'invalid-data', reason: 'value too long for the column', columns: quoted(/for column '([^']*)'/), code};
      case 1264:
        return {kind: 'invalid-data', reason: 'numeric value out of range', columns: quoted(/for column '([^']*)'/), code};
      case 1366:
      case 1292:
      case 1265:
      case 3140:
      case 4025:
        return {kind: 'invalid-data', reason: 'invalid value for the column type', code};
      case 1139:
        return {kind: 'invalid-regexp', code};
      case 1213:
        return {kind: 'conflict', reason: 'deadlock', code};
      case 1205:
        return {kind: 'conflict', reason: 'lock wait timeout', code};
      case 1146:
        return {kind: 'missing-table', code};
      case 1054:
        return {kind: 'missing-column', code};
      case 1049:
        return {kind: 'connection', reason: 'the database does not exist', code};
      case 1044:
      case 1045:
      case 1698:
        return {kind: 'connection', reason: 'access denied', code};
      case 1040:
        return {kind: 'connection', reason: 'too many connections', code};
      default:
        break;
    }
    // MySQL 8's ICU regular expression errors.
    if (errno >= 3685 && errno <= 3699) return {kind: 'invalid-regexp', code};
    return {kind: 'other', code};
  }
}
