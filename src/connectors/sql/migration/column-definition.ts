import {RawBuilder, sql} from 'kysely';
import {SqlDialectName} from '../sql-dialect-name';
import {ColumnSpec} from './schema-spec';

/**
 * One column of CREATE TABLE / ADD COLUMN: quoted name, type, NOT NULL and
 * the dialect's generation keyword. The type is relata's own constant or
 * an override validated by `columnType`, never a user value.
 *
 * ```ts
 * columnDefinition('mysql', {column: 'id', type: 'INT', notNull: true, autoIncrement: true, ...});
 * // `id` INT NOT NULL AUTO_INCREMENT
 * ```
 */
export function columnDefinition(
  dialect: SqlDialectName, column: ColumnSpec, options: {inlinePrimaryKey?: boolean; notNull?: boolean} = {},
): RawBuilder<unknown> {
  const name = sql.id(column.column);
  const type = sql.raw(column.type);
  if (dialect === 'sqlite' && options.inlinePrimaryKey) {
    // Only `INTEGER PRIMARY KEY` aliases the rowid; AUTOINCREMENT never reuses ids of deleted rows.
    return column.autoIncrement ? sql`${name} INTEGER PRIMARY KEY AUTOINCREMENT` : sql`${name} ${type} PRIMARY KEY`;
  }
  const notNull = (options.notNull ?? column.notNull) ? sql` NOT NULL` : sql``;
  const generated = dialect === 'mysql' && column.autoIncrement ? sql` AUTO_INCREMENT` : sql``;
  return sql`${name} ${type}${notNull}${generated}`;
}
