import {Kysely, RawBuilder, sql} from 'kysely';
import {SqlDialectName} from '../sql-dialect-name';
import {columnDefinition} from './column-definition';
import {foreignKeyClause} from './foreign-keys';
import {columnList, tableId} from './identifiers';
import {ForeignKeySpec, TableSpec} from './schema-spec';

/** MySQL tables: transactional engine, full Unicode, binary (case-sensitive, code point) comparison like memory. */
const MYSQL_TABLE_OPTIONS = sql` ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin`;

/**
 * Creates a model's table: columns, primary key (composite too) and, on
 * SQLite, which cannot add constraints later, the FOREIGN KEY constraints
 * given in `inlineForeignKeys`.
 *
 * ```sql
 * -- PostgreSQL, Order with a generated id
 * CREATE TABLE "order" ("id" SERIAL NOT NULL, "customerid" INTEGER, PRIMARY KEY ("id"))
 * ```
 */
export async function createTable(
  db: Kysely<any>, dialect: SqlDialectName, spec: TableSpec, inlineForeignKeys: ForeignKeySpec[] = [],
): Promise<void> {
  // SQLite generates ids only for a lone `INTEGER PRIMARY KEY` declared on the column itself.
  const inlinePk = dialect === 'sqlite' && spec.primaryKey.length === 1 &&
    spec.columns.some(c => c.column === spec.primaryKey[0] && c.autoIncrement);
  const parts: RawBuilder<unknown>[] = spec.columns.map(c =>
    columnDefinition(dialect, c, {inlinePrimaryKey: inlinePk && c.column === spec.primaryKey[0]}));
  if (spec.primaryKey.length && !inlinePk) parts.push(sql`PRIMARY KEY (${columnList(spec.primaryKey)})`);
  for (const fk of inlineForeignKeys) parts.push(foreignKeyClause(dialect, fk));
  const options = dialect === 'mysql' ? MYSQL_TABLE_OPTIONS : sql``;
  await sql`CREATE TABLE ${tableId(dialect, spec.schema, spec.table)} (${sql.join(parts)})${options}`.execute(db);
}
