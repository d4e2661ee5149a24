import {Kysely, sql} from 'kysely';
import {SqlDialectName} from '../sql-dialect-name';

/**
 * Creates the PostgreSQL schema or MySQL database a model's settings name,
 * when it does not exist (MySQL databases with relata's binary collation).
 * SQLite has no schemas to create.
 */
export async function ensureSchema(db: Kysely<any>, dialect: SqlDialectName, schema: string): Promise<void> {
  if (dialect === 'postgresql') {
    await sql`CREATE SCHEMA IF NOT EXISTS ${sql.id(schema)}`.execute(db);
  } else if (dialect === 'mysql') {
    await sql`CREATE DATABASE IF NOT EXISTS ${sql.id(schema)} CHARACTER SET utf8mb4 COLLATE utf8mb4_bin`.execute(db);
  }
}
