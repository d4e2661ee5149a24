import {Kysely, RawBuilder, SqlBool} from 'kysely';
import {AnyObject} from '../../common/types';
import {PropertyKind} from '../../model/property-definition';
import {SqlDialectName} from './sql-dialect-name';
import {ColumnMapping} from './table-mapping';

export {SqlDialectName} from './sql-dialect-name';

/** What a database error means, as far as relata cares (see `translateDbError`). */
export type DbErrorKind =
  | 'duplicate' | 'foreign-key' | 'not-null' | 'invalid-data' | 'invalid-regexp'
  | 'conflict' | 'aborted' | 'connection' | 'missing-table' | 'missing-column' | 'other';

/** A database error, classified by a dialect. Never carries SQL text or values. */
export interface DbErrorInfo {
  kind: DbErrorKind;
  /** Columns named by the database (unique, not-null and foreign-key violations), when it names them. */
  columns?: string[];
  /** The constraint or index named by the database, when it names one. */
  constraint?: string;
  /** For foreign-key violations: the row is still referenced (a delete/update of a parent). */
  referenced?: boolean;
  /** The database's own error code (SQLSTATE, errno or SQLite code), safe to show. */
  code?: string;
  /** A short reason in relata's words ("connection refused", "value too long"). */
  reason?: string;
}

/**
 * A SQL dialect adapter: everything that differs between PostgreSQL,
 * MySQL/MariaDB and SQLite, so `SqlConnector`, the where compiler and the
 * value codec have one code path. An adapter is created per connector from
 * the data source settings (it owns the pool configuration); its SQL
 * fragment builders are pure.
 *
 * Every fragment uses Kysely's identifier nodes and bound values: no value
 * and no name ever becomes SQL text.
 */
export interface SqlDialect {
  readonly name: SqlDialectName;
  /** Most bind parameters one statement may carry (PostgreSQL/MySQL 65535, SQLite 32766). */
  readonly maxParameters: number;
  /**
   * Longest value list compiled to `IN (?, ?, ...)`; longer lists are bound
   * as ONE parameter (a PostgreSQL array, a JSON array on SQLite), so no
   * filter ever exceeds the bind limit. PostgreSQL always binds one array;
   * MySQL always writes the list (its driver substitutes values client side:
   * no placeholder limit applies).
   */
  readonly maxInList: number;
  /** `INSERT ... RETURNING` works (PostgreSQL, SQLite, MariaDB >= 10.5; known after `probe`). */
  readonly insertReturning: boolean;
  /** Where the database is, for messages: `host:port` or the SQLite file. Never a password. */
  readonly target: string;

  /** A new Kysely instance with its pool (one per connect). */
  createKysely(): Kysely<any>;
  /**
   * The rows of a read statement run at once on the connection behind `db`,
   * skipping Kysely's executor, when that is safe (SQLite: `db` is the pool's
   * executor and nothing holds or waits for the connection, so no transaction
   * is open); `undefined` when the caller must go through `db`.
   */
  directRows?(db: Kysely<any>, sql: string, parameters: readonly unknown[]): AnyObject[] | undefined;
  /** Checks that the database answers (and learns what the server supports). */
  probe(db: Kysely<any>): Promise<void>;

  /**
   * A value to compare a column of `kind` with: the encoded value (see
   * `encodeValue`), or an expression around it (PostgreSQL casts numbers
   * that are not int4 to double precision, so comparing them with an
   * INTEGER column never fails).
   */
  operand(kind: PropertyKind, value: unknown): unknown;

  /** A column reference for string comparison and ordering (PostgreSQL: `COLLATE "C"`, code point order). */
  stringRef(ref: RawBuilder<unknown>, column: ColumnMapping): RawBuilder<unknown>;
  /** `ref` is one of `values` (at least two JS values of the column's kind, no nulls; the adapter encodes them). */
  inList(ref: RawBuilder<unknown>, values: unknown[], kind: PropertyKind): RawBuilder<SqlBool>;
  /** Case-sensitive (or not) LIKE with `\` as escape; the pattern is already normalized. */
  like(ref: RawBuilder<unknown>, column: ColumnMapping, pattern: string, caseInsensitive: boolean): RawBuilder<SqlBool>;
  /** A JS RegExp test (source and `i`/`m` flags honoured). */
  regexp(ref: RawBuilder<unknown>, column: ColumnMapping, re: RegExp): RawBuilder<SqlBool>;
  /**
   * One ORDER BY term with relata's NULL placement (first in ASC, last in
   * DESC). `nullable: false` (ids) leaves the placement out, so PostgreSQL
   * can walk the primary key index instead of sorting.
   */
  orderTerm(ref: RawBuilder<unknown>, descending: boolean, nullable: boolean): RawBuilder<unknown>;
  /** ` LIMIT ... OFFSET ...` (with a leading space), or empty SQL. */
  limitOffset(limit: number | undefined, offset: number | undefined): RawBuilder<unknown>;
  /**
   * The expression to put in a JSON object for a column (JSON aggregation by
   * include plans): JSON columns embedded as JSON, buffers as hex text, so
   * `decodeJsonRow` restores every kind.
   */
  jsonValue(ref: RawBuilder<unknown>, kind: PropertyKind): RawBuilder<unknown>;

  /** Classifies a driver error; undefined when it is not a database error. */
  classifyError(err: unknown): DbErrorInfo | undefined;
}
