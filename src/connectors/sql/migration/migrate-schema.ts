import {addMissingColumns, addMissingIndexes, alterExistingColumns} from './alter-table';
import {createIndex} from './indexes';
import {createTable} from './create-table';
import {dropTable} from './drop-table';
import {ensureSchema} from './ensure-schema';
import {addForeignKey, dropForeignKey, findForeignKey, sameActions} from './foreign-keys';
import {objectName} from './identifiers';
import {ExistingForeignKey, ExistingTable, introspectTable} from './introspection';
import {MigrationError} from './migration-error';
import {MigrationHost} from './migration-host';
import {MigrationSession, runMigrationSession, step} from './migration-session';
import {planSchema} from './plan-schema';
import {ForeignKeySpec, TableSpec} from './schema-spec';
import {planSqliteRebuild, rebuildSqliteTable} from './sqlite-rebuild';

/** `'drop'`: drop and recreate (automigrate); `'alter'`: change to match, keeping data (autoupdate). */
export type MigrationMode = 'drop' | 'alter';

/** A driver error raised because existing rows break a new foreign key. */
function isForeignKeyViolation(err: unknown): boolean {
  const e = err as {code?: unknown; errno?: unknown};
  return e?.code === '23503' || e?.errno === 1452 || e?.errno === 1216 || e?.code === 'ER_NO_REFERENCED_ROW_2';
}

/** The tables of one migration run and what is known of them. */
class MigrationRun {
  private readonly tables = new Map<string, ExistingTable | undefined>();

  constructor(readonly session: MigrationSession) {}

  private key(schema: string | undefined, table: string): string {
    return `${schema ?? this.session.currentSchema ?? ''}\u0000${table}`;
  }

  /** The table as it is now (read again after `forget`). */
  async introspect(schema: string | undefined, table: string, what: string): Promise<ExistingTable | undefined> {
    const key = this.key(schema, table);
    if (!this.tables.has(key)) {
      const {db, dialect, currentSchema} = this.session;
      this.tables.set(key, await step(`read the table of ${what}`, () =>
        introspectTable(db, dialect, schema ?? currentSchema, table)));
    }
    return this.tables.get(key);
  }

  forget(schema: string | undefined, table: string): void {
    this.tables.delete(this.key(schema, table));
  }

  /** True when a FOREIGN KEY's target table exists. */
  async targetExists(fk: ForeignKeySpec): Promise<boolean> {
    return !!(await this.introspect(fk.targetSchema, fk.targetTable, fk.targetModel));
  }

  /**
   * Adds the spec's FOREIGN KEY constraints the table lacks and replaces
   * those whose ON DELETE/ON UPDATE changed (PostgreSQL, MySQL). Targets
   * whose table does not exist yet are skipped: a later autoupdate adds
   * them. `validate: false` leaves existing rows unchecked.
   */
  async ensureForeignKeys(spec: TableSpec, existing: ExistingForeignKey[], fks: ForeignKeySpec[], validate: boolean) {
    const {db, dialect, currentSchema} = this.session;
    for (const wanted of fks) {
      if (!(await this.targetExists(wanted))) continue;
      const found = findForeignKey(existing, wanted, wanted.targetSchema ?? currentSchema);
      if (found && sameActions(found, wanted)) continue;
      if (found) await step(`replace foreign key ${found.name} of ${spec.model}`, () =>
        dropForeignKey(db, dialect, spec, found.name));
      let fk = wanted;
      if (existing.some(e => e !== found && e.name === wanted.name)) fk = {...wanted, name: objectName(wanted.name, '2')};
      try {
        if (validate || dialect !== 'mysql') await addForeignKey(db, dialect, spec, fk, validate);
        else await this.session.withoutForeignKeyChecks(() => addForeignKey(db, dialect, spec, fk, validate));
      } catch (err) {
        if (isForeignKeyViolation(err)) {
          throw new MigrationError(`Cannot add foreign key ${fk.name} of ${spec.model} (${fk.columns.join(', ')}) ` +
            `referencing ${fk.targetModel}: existing rows refer to missing ${fk.targetModel} rows`,
          'FOREIGN_KEY_VIOLATION', err);
        }
        throw new MigrationError(`Schema migration failed to add foreign key ${fk.name} of ${spec.model}: ` +
          `${(err as Error)?.message ?? String(err)}`, 'MIGRATION_FAILED', err);
      }
    }
  }

  /** Creates a table with its indexes (and, on SQLite, its foreign keys). */
  async create(spec: TableSpec): Promise<void> {
    const {db, dialect} = this.session;
    await step(`create the table of ${spec.model}`, () =>
      createTable(db, dialect, spec, dialect === 'sqlite' ? spec.foreignKeys : []));
    for (const index of spec.indexes) {
      await step(`create index ${index.name} on ${spec.model}`, () => createIndex(db, dialect, spec, index));
    }
    this.forget(spec.schema, spec.table);
  }

  /** Adds missing columns, widens columns, adjusts NOT NULL, adds missing indexes. */
  async alter(spec: TableSpec, existing: ExistingTable): Promise<void> {
    if (await addMissingColumns(this.session, spec, existing)) {
      this.forget(spec.schema, spec.table);
      existing = (await this.introspect(spec.schema, spec.table, spec.model))!;
    }
    await alterExistingColumns(this.session, spec, existing);
    await addMissingIndexes(this.session, spec, existing);
    this.forget(spec.schema, spec.table);
  }

  /** The foreign-key step of one table: ALTER TABLE where possible, a rebuild on SQLite. */
  async foreignKeys(spec: TableSpec, validate: boolean): Promise<void> {
    const existing = await this.introspect(spec.schema, spec.table, spec.model);
    if (!existing) return;
    if (this.session.dialect === 'sqlite') {
      // A rebuild checks every row against its keys: only keys whose target table exists can pass.
      const present = new Set<ForeignKeySpec>();
      for (const fk of spec.foreignKeys) if (await this.targetExists(fk)) present.add(fk);
      const plan = await planSqliteRebuild(this.session, spec, existing, fk => present.has(fk));
      if (plan) {
        await rebuildSqliteTable(this.session, spec, existing, plan);
        this.forget(spec.schema, spec.table);
      }
      return;
    }
    await this.ensureForeignKeys(spec, existing.foreignKeys, spec.foreignKeys, validate);
  }
}

/**
 * Creates or updates the tables of `models` (every defined model when
 * undefined) on the connector's database.
 *
 * `'drop'` (automigrate) drops the tables, whatever refers to them, and
 * creates them again, empty: columns typed by the storage table of the SQL
 * design, primary keys, NOT NULL for required properties, generated ids,
 * declared indexes, an index on every foreign key a relation uses and
 * FOREIGN KEY constraints for belongsTo relations and `foreignKeys`
 * settings. `'alter'` (autoupdate) creates missing tables and changes
 * existing ones without losing data (see docs/migrations.md for exactly
 * what it changes).
 *
 * ```ts
 * await migrateSchema(connector, ['Customer', 'Order'], 'drop');
 * await migrateSchema(connector, undefined, 'alter');
 * ```
 */
export async function migrateSchema(
  connector: MigrationHost, models: string[] | undefined, mode: MigrationMode,
): Promise<void> {
  const dialect = connector.dialect.name;
  const specs = planSchema(connector);
  const names = [...new Set(models ?? specs.keys())];
  const unknown = names.filter(n => !specs.has(n));
  if (unknown.length) {
    throw new MigrationError(`Cannot migrate models not attached to this datasource: ${unknown.join(' ')}`,
      'MODEL_NOT_FOUND');
  }
  const batch = names.map(n => specs.get(n)!);
  if (!batch.length) return;

  await runMigrationSession(connector.kysely(), dialect, async session => {
    const run = new MigrationRun(session);
    const schemas = new Set(batch.map(b => b.schema).filter((s): s is string => !!s));
    if (dialect !== 'sqlite') {
      for (const schema of schemas) await step(`create schema ${schema}`, () => ensureSchema(session.db, dialect, schema));
    }
    const tableKey = (spec: TableSpec) => `${spec.schema ?? session.currentSchema ?? ''}\u0000${spec.table}`;

    if (mode === 'drop') {
      const created = new Set<string>();
      await session.withoutForeignKeyChecks(async () => {
        const dropped = new Set<string>();
        for (const spec of batch) {
          if (dropped.has(tableKey(spec))) continue;
          dropped.add(tableKey(spec));
          await step(`drop the table of ${spec.model}`, () => dropTable(session.db, dialect, spec));
        }
        for (const spec of batch) {
          // Models sharing a table: the first creates it, the others add what they lack.
          if (created.has(tableKey(spec))) {
            await run.alter(spec, (await run.introspect(spec.schema, spec.table, spec.model))!);
            continue;
          }
          created.add(tableKey(spec));
          await run.create(spec);
        }
      });
      if (dialect === 'sqlite') return; // Foreign keys were declared inline.
      for (const spec of batch) await run.foreignKeys(spec, true);
      // PostgreSQL's CASCADE dropped other tables' constraints to the recreated tables: put them back
      // (their rows may now point nowhere, so they are enforced for new writes only).
      const inBatch = new Set(batch.map(b => b.model));
      for (const other of specs.values()) {
        if (inBatch.has(other.model) || created.has(tableKey(other))) continue;
        const fks = other.foreignKeys.filter(fk => inBatch.has(fk.targetModel));
        if (!fks.length) continue;
        const existing = await run.introspect(other.schema, other.table, other.model);
        if (existing) await run.ensureForeignKeys(other, existing.foreignKeys, fks, false);
      }
      return;
    }

    for (const spec of batch) {
      const existing = await run.introspect(spec.schema, spec.table, spec.model);
      if (existing) await run.alter(spec, existing);
      else await run.create(spec);
    }
    for (const spec of batch) await run.foreignKeys(spec, true);
  });
}
