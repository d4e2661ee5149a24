import {Kysely, sql} from 'kysely';
import {SqlDialectName} from '../sql-dialect-name';
import {tableId} from './identifiers';
import {TableSpec} from './schema-spec';

/**
 * Drops a model's table when it exists. Foreign keys of other tables cannot
 * block it: PostgreSQL drops them with `CASCADE`; on MySQL and SQLite the
 * migration session runs with foreign-key checks off (MySQL keeps the other
 * tables' constraints, which point at the recreated table again).
 */
export async function dropTable(db: Kysely<any>, dialect: SqlDialectName, spec: TableSpec): Promise<void> {
  const table = tableId(dialect, spec.schema, spec.table);
  if (dialect === 'postgresql') await sql`DROP TABLE IF EXISTS ${table} CASCADE`.execute(db);
  else await sql`DROP TABLE IF EXISTS ${table}`.execute(db);
}
