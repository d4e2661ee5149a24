import {createHash} from 'node:crypto';
import {RawBuilder, sql} from 'kysely';
import {SqlDialectName} from '../sql-dialect-name';

/**
 * A table identifier, schema-qualified when a schema (PostgreSQL) or
 * database (MySQL) is named. SQLite has one schema per connection: its
 * tables are never qualified. Names are quoted by Kysely, never spliced.
 */
export function tableId(dialect: SqlDialectName, schema: string | undefined, table: string): RawBuilder<unknown> {
  return schema && dialect !== 'sqlite' ? sql.id(schema, table) : sql.id(table);
}

/** A comma-separated list of quoted column identifiers. */
export function columnList(columns: string[]): RawBuilder<unknown> {
  return sql.join(columns.map(c => sql.id(c)));
}

/** PostgreSQL truncates names at 63 bytes, MySQL refuses more than 64 characters. */
const MAX_NAME = 60;

/**
 * A constraint or index name from its parts (`fk_order_customerId`), made
 * short enough for every database by replacing the tail with a hash of the
 * full name, so distinct long names stay distinct.
 */
export function objectName(...parts: string[]): string {
  const full = parts.join('_');
  if (Buffer.byteLength(full) <= MAX_NAME) return full;
  const hash = createHash('sha1').update(full).digest('hex').slice(0, 10);
  let head = full;
  while (Buffer.byteLength(head) > MAX_NAME - 11) head = head.slice(0, -1);
  return `${head}_${hash}`;
}
