import {Kysely, sql} from 'kysely';
import {RelataError} from '../../../common/errors';
import {SqlDialectName} from '../sql-dialect-name';
import {currentMysqlDatabase} from './introspect-mysql';
import {currentPostgresqlSchema} from './introspect-postgresql';
import {MigrationError} from './migration-error';

/** One migration's pinned connection and what it knows about it. */
export interface MigrationSession {
  /** Executor bound to one connection (a transaction on PostgreSQL and SQLite). */
  readonly db: Kysely<any>;
  readonly dialect: SqlDialectName;
  /** The schema/database unqualified names resolve to (undefined on SQLite). */
  readonly currentSchema?: string;
  /** Runs `fn` with foreign-key checks off where the database has such a switch (MySQL). */
  withoutForeignKeyChecks<T>(fn: () => Promise<T>): Promise<T>;
}

/**
 * Runs a migration on one connection of the pool:
 * - PostgreSQL: in one transaction (DDL is transactional: all or nothing);
 * - MySQL: on one connection, so `SET FOREIGN_KEY_CHECKS` applies to the
 *   statements it guards (MySQL commits each DDL statement on its own);
 * - SQLite: `PRAGMA foreign_keys` off for the connection (it cannot change
 *   inside a transaction; dropping or rebuilding a referenced table needs
 *   it), then one transaction, then the pragma restored.
 *
 * Errors from the database are wrapped in `MigrationError`s whose message
 * says what failed, except a failure to reach the database at all, which
 * is rethrown as is for the connector to translate.
 */
export async function runMigrationSession(
  pool: Kysely<any>, dialect: SqlDialectName, fn: (session: MigrationSession) => Promise<void>,
): Promise<void> {
  let reached = false;
  try {
    if (dialect === 'postgresql') {
      await pool.transaction().execute(async trx => {
        const currentSchema = await currentPostgresqlSchema(trx);
        reached = true;
        await fn({db: trx, dialect, currentSchema, withoutForeignKeyChecks: run => run()});
      });
    } else if (dialect === 'mysql') {
      await pool.connection().execute(async conn => {
        const currentSchema = await currentMysqlDatabase(conn);
        reached = true;
        await fn({
          db: conn, dialect, currentSchema,
          withoutForeignKeyChecks: async run => {
            const {rows} = await sql<{checks: number | string}>`SELECT @@SESSION.FOREIGN_KEY_CHECKS AS checks`
              .execute(conn);
            const was = Number(rows[0]?.checks) === 1;
            if (was) await sql`SET FOREIGN_KEY_CHECKS = 0`.execute(conn);
            try {
              return await run();
            } finally {
              if (was) await sql`SET FOREIGN_KEY_CHECKS = 1`.execute(conn);
            }
          },
        });
      });
    } else {
      await pool.connection().execute(async conn => {
        const {rows} = await sql<{foreign_keys: number}>`PRAGMA foreign_keys`.execute(conn);
        reached = true;
        const was = Number(rows[0]?.foreign_keys) === 1;
        if (was) await sql`PRAGMA foreign_keys = OFF`.execute(conn);
        try {
          await conn.transaction().execute(trx =>
            fn({db: trx, dialect, withoutForeignKeyChecks: run => run()}));
        } finally {
          if (was) await sql`PRAGMA foreign_keys = ON`.execute(conn);
        }
      });
    }
  } catch (err) {
    if (err instanceof RelataError || !reached) throw err;
    throw new MigrationError(`Schema migration failed: ${(err as Error)?.message ?? String(err)}`,
      'MIGRATION_FAILED', err);
  }
}

/**
 * Runs one step of a migration, turning a database error into a
 * `MigrationError` that names the model and the step.
 */
export async function step<T>(what: string, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    if (err instanceof RelataError) throw err;
    throw new MigrationError(`Schema migration failed to ${what}: ${(err as Error)?.message ?? String(err)}`,
      'MIGRATION_FAILED', err);
  }
}
