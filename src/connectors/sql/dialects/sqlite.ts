import Database from 'better-sqlite3';
import {
  DatabaseConnection, Driver, Kysely, RawBuilder, sql, SqlBool, SqliteDatabase, SqliteDialect, SqliteDialectConfig, SqliteDriver,
  SqliteStatement,
} from 'kysely';
import {AnyObject} from '../../../common/types';
import {likeToRegExp} from '../../../filter/like-pattern';
import {PropertyKind} from '../../../model/property-definition';
import {DbErrorInfo, SqlDialect} from '../sql-dialect';
import {ColumnMapping} from '../table-mapping';
import {encodeOperand, encodeValue} from '../value-codec';

/**
 * Data source settings of the SQLite connector: `{connector: 'sqlite', file}`
 * (LoopBack's sqlite3 connector calls it `file` too; `':memory:'` for an
 * in-memory database, the default). `busyTimeout` (ms, default 5000) is how
 * long a write waits for another process's lock.
 */
export interface SqliteSettings extends AnyObject {
  file?: string;
  busyTimeout?: number;
}

/** Compiled patterns of the registered SQL functions, bounded. */
class PatternCache {
  private readonly map = new Map<string, RegExp>();

  get(key: string, build: () => RegExp): RegExp {
    let re = this.map.get(key);
    if (re === undefined) {
      if (this.map.size >= 500) this.map.clear();
      re = build();
      this.map.set(key, re);
    }
    return re;
  }
}

const STATEMENT_CACHE_SIZE = 500;

/**
 * better-sqlite3 behind Kysely's SQLite dialect, with prepared statements
 * cached by SQL text (Kysely prepares every query anew).
 */
class CachingDatabase implements SqliteDatabase {
  private readonly statements = new Map<string, SqliteStatement>();

  constructor(readonly db: Database.Database) {}

  close(): void {
    this.statements.clear();
    this.db.close();
  }

  prepare(text: string): SqliteStatement {
    let stmt = this.statements.get(text);
    if (stmt === undefined) {
      stmt = this.db.prepare(text) as unknown as SqliteStatement;
      if (this.statements.size >= STATEMENT_CACHE_SIZE) this.statements.clear();
      this.statements.set(text, stmt);
    }
    return stmt;
  }
}

/**
 * Who uses the one connection of a Kysely instance: the database once
 * opened, and how many have asked Kysely's driver for the connection and not
 * released it yet (holding it, as a transaction does, or waiting for it).
 */
interface ConnectionUse {
  database: CachingDatabase | undefined;
  users: number;
}

/** Kysely's SQLite driver, counting the users of its connection. */
class CountingDriver extends SqliteDriver {
  constructor(config: SqliteDialectConfig, private readonly use: ConnectionUse) {
    super(config);
  }

  override async acquireConnection(): Promise<DatabaseConnection> {
    this.use.users++;
    try {
      return await super.acquireConnection();
    } catch (err) {
      this.use.users--;
      throw err;
    }
  }

  override async releaseConnection(): Promise<void> {
    this.use.users--;
    await super.releaseConnection();
  }

  override async destroy(): Promise<void> {
    this.use.database = undefined;
    await super.destroy();
  }
}

class CountingDialect extends SqliteDialect {
  constructor(private readonly config: SqliteDialectConfig, private readonly use: ConnectionUse) {
    super(config);
  }

  override createDriver(): Driver {
    return new CountingDriver(this.config, this.use);
  }
}

/** Error raised when the database file cannot be opened (reported as CONNECTION_FAILED). */
class SqliteOpenError extends Error {
  constructor(readonly original: unknown) {
    super('cannot open the database file');
  }
}

/**
 * SQLite on better-sqlite3: one synchronous connection. Kysely's driver
 * serializes its use, so a transaction holds the connection and every
 * other operation (and a second transaction) waits until it finishes.
 */
export class SqliteAdapter implements SqlDialect {
  readonly name = 'sqlite' as const;
  readonly maxParameters = 32766;
  readonly maxInList = 1000;
  readonly insertReturning = true;
  readonly target: string;
  private readonly file: string;
  private readonly busyTimeout: number;

  constructor(settings: SqliteSettings) {
    this.file = typeof settings.file === 'string' && settings.file !== '' ? settings.file
      : typeof settings.database === 'string' && settings.database !== '' ? settings.database
      : ':memory:';
    this.busyTimeout = settings.busyTimeout ?? 5000;
    this.target = this.file;
  }

  /** The connection use of each Kysely instance this adapter created. */
  private readonly uses = new WeakMap<Kysely<any>, ConnectionUse>();

  createKysely(): Kysely<any> {
    const use: ConnectionUse = {database: undefined, users: 0};
    const db = new Kysely<any>({dialect: new CountingDialect({database: async () => use.database = this.open()}, use)});
    this.uses.set(db, use);
    return db;
  }

  /**
   * Runs a read statement synchronously on the pool's connection when no one
   * holds or waits for it (so no transaction is open on it): the same rows as
   * Kysely's executor, which would take the connection, run the same
   * prepared statement and release it. A transaction's executor is never
   * the pool's, so its statements never come here.
   */
  directRows(db: Kysely<any>, text: string, parameters: readonly unknown[]): AnyObject[] | undefined {
    const use = this.uses.get(db);
    if (use === undefined || use.users !== 0 || use.database === undefined) return undefined;
    const raw = use.database.db;
    if (!raw.open || raw.inTransaction) return undefined;
    const stmt = use.database.prepare(text) as unknown as Database.Statement;
    if (!stmt.reader) return undefined;
    return stmt.all(parameters) as AnyObject[];
  }

  private open(): CachingDatabase {
    let db: Database.Database;
    try {
      db = new Database(this.file, {timeout: this.busyTimeout});
    } catch (err) {
      throw new SqliteOpenError(err);
    }
    // Foreign keys are enforced per connection; LIKE is case-sensitive as on the other databases.
    db.pragma('foreign_keys = ON');
    db.pragma('case_sensitive_like = ON');
    const patterns = new PatternCache();
    // `x REGEXP p` calls regexp(p, x); p is `/source/flags`, as relata binds it.
    db.function('regexp', {deterministic: true}, (pattern: unknown, value: unknown) => {
      if (typeof value !== 'string' || typeof pattern !== 'string') return null;
      const re = patterns.get(pattern, () => {
        const slash = pattern.lastIndexOf('/');
        return pattern.startsWith('/') && slash > 0
          ? new RegExp(pattern.slice(1, slash), pattern.slice(slash + 1).replace(/[gy]/g, ''))
          : new RegExp(pattern);
      });
      return re.test(value) ? 1 : 0;
    });
    // Case-insensitive LIKE with JavaScript's Unicode case folding (SQLite folds ASCII only).
    db.function('relata_ilike', {deterministic: true}, (value: unknown, pattern: unknown) => {
      if (typeof value !== 'string' || typeof pattern !== 'string') return null;
      return patterns.get('ilike:' + pattern, () => likeToRegExp(pattern, true)).test(value) ? 1 : 0;
    });
    return new CachingDatabase(db);
  }

  async probe(db: Kysely<any>): Promise<void> {
    await sql`SELECT 1`.execute(db);
  }

  operand(kind: PropertyKind, value: unknown): unknown {
    return encodeOperand(kind, value, this.name);
  }

  stringRef(ref: RawBuilder<unknown>, _column: ColumnMapping): RawBuilder<unknown> {
    return ref;
  }

  inList(ref: RawBuilder<unknown>, values: unknown[], kind: PropertyKind): RawBuilder<SqlBool> {
    if (values.length <= this.maxInList) {
      return sql<SqlBool>`${ref} IN (${sql.join(values.map(v => encodeValue(kind, v, this.name)))})`;
    }
    // One JSON parameter, however long the list (the bind limit is 32766).
    if (kind === 'buffer') {
      const hex = JSON.stringify(values.map(v => (v as Buffer).toString('hex')));
      return sql<SqlBool>`${ref} IN (SELECT unhex(value) FROM json_each(${hex}))`;
    }
    return sql<SqlBool>`${ref} IN (SELECT value FROM json_each(${JSON.stringify(values.map(v => encodeValue(kind, v, this.name)))}))`;
  }

  like(ref: RawBuilder<unknown>, _column: ColumnMapping, pattern: string, caseInsensitive: boolean): RawBuilder<SqlBool> {
    if (caseInsensitive) return sql<SqlBool>`relata_ilike(${ref}, ${pattern})`;
    return sql<SqlBool>`${ref} LIKE ${pattern} ESCAPE '\\'`;
  }

  regexp(ref: RawBuilder<unknown>, _column: ColumnMapping, re: RegExp): RawBuilder<SqlBool> {
    return sql<SqlBool>`${ref} REGEXP ${`/${re.source}/${re.flags}`}`;
  }

  orderTerm(ref: RawBuilder<unknown>, descending: boolean, _nullable: boolean): RawBuilder<unknown> {
    // SQLite sorts NULLs first ascending and last descending already.
    return descending ? sql`${ref} DESC` : sql`${ref} ASC`;
  }

  limitOffset(limit: number | undefined, offset: number | undefined): RawBuilder<unknown> {
    if (limit !== undefined && offset) return sql` LIMIT ${limit} OFFSET ${offset}`;
    if (limit !== undefined) return sql` LIMIT ${limit}`;
    if (offset) return sql` LIMIT -1 OFFSET ${offset}`;
    return sql``;
  }

  jsonValue(ref: RawBuilder<unknown>, kind: PropertyKind): RawBuilder<unknown> {
    // hex(NULL) is '', so NULL is kept apart from an empty buffer.
    if (kind === 'buffer') return sql`CASE WHEN ${ref} IS NULL THEN NULL ELSE hex(${ref}) END`;
    // JSON renders REAL with 15 digits: 17 significant digits as text restore the exact double.
    if (kind === 'number') return sql`CASE WHEN typeof(${ref}) = 'real' THEN printf('%!.17g', ${ref}) ELSE ${ref} END`;
    if (kind === 'object' || kind === 'array' || kind === 'any') return sql`json(${ref})`;
    return ref;
  }

  classifyError(err: unknown): DbErrorInfo | undefined {
    if (err instanceof SqliteOpenError) {
      const code = (err.original as AnyObject | undefined)?.code;
      return {kind: 'connection', reason: 'cannot open the database file', code: typeof code === 'string' ? code : undefined};
    }
    if (!err || typeof err !== 'object') return undefined;
    const e = err as AnyObject;
    const code: unknown = e.code;
    if (typeof code !== 'string' || !code.startsWith('SQLITE_')) return undefined;
    const message = String(e.message ?? '');
    const columns = (): string[] | undefined => {
      const m = /constraint failed: (.+)$/.exec(message);
      return m ? m[1].split(', ').map(c => c.slice(c.lastIndexOf('.') + 1)) : undefined;
    };
    if (code === 'SQLITE_CONSTRAINT_PRIMARYKEY' || code === 'SQLITE_CONSTRAINT_UNIQUE') {
      return {kind: 'duplicate', columns: columns(), code};
    }
    if (code === 'SQLITE_CONSTRAINT_FOREIGNKEY') return {kind: 'foreign-key', code};
    if (code === 'SQLITE_CONSTRAINT_NOTNULL') return {kind: 'not-null', columns: columns(), code};
    if (code === 'SQLITE_CONSTRAINT_CHECK') return {kind: 'invalid-data', reason: 'a check constraint failed', code};
    if (code === 'SQLITE_MISMATCH') return {kind: 'invalid-data', reason: 'invalid value for the column type', code};
    if (code === 'SQLITE_TOOBIG') return {kind: 'invalid-data', reason: 'value too big', code};
    if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) {
      return {kind: 'conflict', reason: 'the database is locked', code};
    }
    if (code.startsWith('SQLITE_CANTOPEN') || code === 'SQLITE_NOTADB') {
      return {kind: 'connection', reason: 'cannot open the database file', code};
    }
    if (/no such table/.test(message)) return {kind: 'missing-table', code};
    if (/no such column|has no column named/.test(message)) return {kind: 'missing-column', code};
    return {kind: 'other', code};
  }
}
