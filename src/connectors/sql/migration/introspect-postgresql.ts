import {Kysely, sql} from 'kysely';
import {ExistingColumn, ExistingForeignKey, ExistingIndex, ExistingTable} from './introspection';
import {ReferentialAction} from './schema-spec';

const PG_ACTIONS: Record<string, ReferentialAction> = {
  a: 'NO ACTION', r: 'RESTRICT', c: 'CASCADE', n: 'SET NULL', d: 'SET DEFAULT',
};

/** The current schema of the connection (the first existing one of its search_path). */
export async function currentPostgresqlSchema(db: Kysely<any>): Promise<string> {
  const {rows} = await sql<{schema: string}>`SELECT current_schema()::text AS schema`.execute(db);
  return rows[0]?.schema ?? 'public';
}

/** Reads a PostgreSQL table from pg_catalog; undefined when it does not exist. */
export async function introspectPostgresql(
  db: Kysely<any>, schema: string, table: string,
): Promise<ExistingTable | undefined> {
  const found = await sql<{oid: string}>`
    SELECT c.oid::text AS oid FROM pg_catalog.pg_class c
    JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
    WHERE c.relname = ${table} AND n.nspname = ${schema} AND c.relkind IN ('r', 'p')`.execute(db);
  if (!found.rows.length) return undefined;
  const oid = found.rows[0].oid;

  const columns = await sql<ExistingColumn>`
    SELECT a.attname::text AS name, format_type(a.atttypid, a.atttypmod) AS type, a.attnotnull AS "notNull",
      (a.attidentity <> '' OR COALESCE(pg_get_expr(d.adbin, d.adrelid), '') LIKE 'nextval(%') AS "autoIncrement",
      (d.adbin IS NOT NULL AND COALESCE(pg_get_expr(d.adbin, d.adrelid), '') NOT LIKE 'nextval(%') AS "hasDefault"
    FROM pg_catalog.pg_attribute a
    LEFT JOIN pg_catalog.pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
    WHERE a.attrelid = ${oid}::oid AND a.attnum > 0 AND NOT a.attisdropped
    ORDER BY a.attnum`.execute(db);

  const indexes = await sql<ExistingIndex & {expression: boolean}>`
    SELECT ic.relname::text AS name, ix.indisunique AS "unique", ix.indisprimary AS "primary",
      ARRAY(SELECT a.attname::text FROM unnest(ix.indkey::int2[]) WITH ORDINALITY AS k(attnum, ord)
            JOIN pg_catalog.pg_attribute a ON a.attrelid = ix.indrelid AND a.attnum = k.attnum
            ORDER BY k.ord) AS columns,
      (ix.indexprs IS NOT NULL OR ix.indpred IS NOT NULL) AS expression
    FROM pg_catalog.pg_index ix JOIN pg_catalog.pg_class ic ON ic.oid = ix.indexrelid
    WHERE ix.indrelid = ${oid}::oid
    ORDER BY ic.relname`.execute(db);

  const fks = await sql<Omit<ExistingForeignKey, 'onDelete' | 'onUpdate'> & {onDelete: string; onUpdate: string}>`
    SELECT con.conname::text AS name, tn.nspname::text AS "targetSchema", tc.relname::text AS "targetTable",
      con.confdeltype::text AS "onDelete", con.confupdtype::text AS "onUpdate",
      ARRAY(SELECT a.attname::text FROM unnest(con.conkey) WITH ORDINALITY AS k(attnum, ord)
            JOIN pg_catalog.pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.attnum
            ORDER BY k.ord) AS columns,
      ARRAY(SELECT a.attname::text FROM unnest(con.confkey) WITH ORDINALITY AS k(attnum, ord)
            JOIN pg_catalog.pg_attribute a ON a.attrelid = con.confrelid AND a.attnum = k.attnum
            ORDER BY k.ord) AS "targetColumns"
    FROM pg_catalog.pg_constraint con
    JOIN pg_catalog.pg_class tc ON tc.oid = con.confrelid
    JOIN pg_catalog.pg_namespace tn ON tn.oid = tc.relnamespace
    WHERE con.conrelid = ${oid}::oid AND con.contype = 'f'
    ORDER BY con.conname`.execute(db);

  const plain = indexes.rows.filter(i => !i.expression).map(({expression: _e, ...i}) => i);
  return {
    schema, table,
    columns: columns.rows,
    primaryKey: plain.find(i => i.primary)?.columns ?? [],
    indexes: plain,
    foreignKeys: fks.rows.map(f => ({
      ...f, onDelete: PG_ACTIONS[f.onDelete] ?? 'NO ACTION', onUpdate: PG_ACTIONS[f.onUpdate] ?? 'NO ACTION',
    })),
  };
}
