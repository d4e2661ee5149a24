import {AnyObject} from '../../../common/types';
import {SqlDialectName} from '../sql-dialect-name';
import {ColumnMapping, mapTable, TableMapping} from '../table-mapping';
import {ColumnRole, columnType, referencingType} from './column-types';
import {objectName} from './identifiers';
import {MigrationError} from './migration-error';
import {MigrationHost} from './migration-host';
import {referentialAction} from './referential-action';
import {collectRelationKeys, KeyReference} from './relation-keys';
import {ColumnSpec, ForeignKeySpec, IndexSpec, TableSpec} from './schema-spec';

/** A column named by property (or, in settings written for LoopBack's SQL connectors, by column). */
function findColumn(mapping: TableMapping, name: string): ColumnMapping | undefined {
  return mapping.byProperty.get(name) ?? mapping.columns.find(c => c.column === name);
}

function resolveColumns(mapping: TableMapping, names: string[], what: () => string): ColumnMapping[] {
  return names.map(n => {
    const col = findColumn(mapping, n);
    if (!col) {
      throw new MigrationError(`${what()} of ${mapping.model} names ${JSON.stringify(n)}, ` +
        `which is neither a property nor a column of ${mapping.model}`, 'INVALID_MODEL_SETTINGS');
    }
    return col;
  });
}

/** `{keys: {a: 1}}`, `{keys: ['a']}`, `{columns: 'a, b'}`, `{a: 1, b: -1}` → `['a', 'b']`. */
function indexKeys(index: AnyObject): string[] {
  const list = (v: unknown): string[] | undefined => {
    if (typeof v === 'string') return v.split(',').map(s => s.trim()).filter(Boolean);
    if (Array.isArray(v)) return v.filter((x): x is string => typeof x === 'string');
    if (v && typeof v === 'object') return Object.keys(v);
    return undefined;
  };
  return list(index.keys) ?? list(index.columns) ??
    Object.keys(index).filter(k => !['options', 'kind', 'type', 'unique', 'name'].includes(k));
}

function isUniqueIndex(index: AnyObject): boolean {
  return index.unique === true || index.options?.unique === true ||
    (typeof index.kind === 'string' && index.kind.toLowerCase() === 'unique');
}

function sameColumns(a: string[], b: string[]): boolean {
  return a.length === b.length && a.every((c, i) => c === b[i]);
}

/** True when `columns` are the leading columns of `index`. */
function leads(columns: string[], index: string[]): boolean {
  return columns.length <= index.length && columns.every((c, i) => c === index[i]);
}

interface PlanState {
  dialect: SqlDialectName;
  byModel: Map<string, TableMapping>;
}

/** The type of the key a foreign-key column refers to. */
function referencedType(state: PlanState, ref: KeyReference): string | undefined {
  const mapping = state.byModel.get(ref.definition.name) ?? mapTable(ref.definition, state.dialect);
  const col = mapping.byProperty.get(ref.property);
  if (!col) return undefined;
  const type = columnType(state.dialect, col, col.generated ? 'generated' : 'key', mapping.model);
  return referencingType(state.dialect, type);
}

/**
 * The tables every defined model wants, keyed by model name: columns with
 * their types and nullability, the primary key, declared indexes
 * (`index` on properties, `indexes` in settings), a lookup index on every
 * foreign key a relation uses, and FOREIGN KEY constraints for belongsTo
 * relations and `foreignKeys` settings whose target is defined on the
 * same connector and referenced by its primary key or a unique index
 * (belongsTo relations make none when the data source settings say
 * `foreignKeyConstraints: false`).
 */
export function planSchema(host: MigrationHost): Map<string, TableSpec> {
  const dialect = host.dialect.name;
  const mappings = host.mappings();
  const state: PlanState = {dialect, byModel: new Map(mappings.map(m => [m.model, m]))};
  const keys = collectRelationKeys(host.definitions());
  const relationConstraints = host.settings?.foreignKeyConstraints !== false;
  const specs = new Map<string, TableSpec>();

  // Unique column sets per model, to tell which keys a FOREIGN KEY may reference.
  const uniqueSets = new Map<string, string[][]>();
  const declared = new Map<string, IndexSpec[]>();
  for (const mapping of mappings) {
    const indexes: IndexSpec[] = [];
    for (const col of mapping.columns) {
      const idx = col.definition.index;
      const unique = col.definition.unique === true || (!!idx && typeof idx === 'object' && idx.unique === true);
      if (idx || unique) {
        indexes.push({name: objectName(mapping.table, col.column, unique ? 'uniq' : 'idx'), columns: [col.column],
          unique, lookup: false});
      }
    }
    const settingIndexes = mapping.definition.settings?.indexes;
    if (settingIndexes && typeof settingIndexes === 'object') {
      for (const name of Object.keys(settingIndexes)) {
        const index = settingIndexes[name];
        const spec: AnyObject = index && typeof index === 'object' ? index : {};
        const cols = resolveColumns(mapping, indexKeys(spec), () => `Index ${name}`);
        if (!cols.length) {
          throw new MigrationError(`Index ${name} of ${mapping.model} names no columns`, 'INVALID_MODEL_SETTINGS');
        }
        indexes.push({name, columns: cols.map(c => c.column), unique: isUniqueIndex(spec), lookup: false});
      }
    }
    declared.set(mapping.model, indexes);
    const pk = mapping.definition.idProperties().map(p => mapping.byProperty.get(p)?.column).filter(
      (c): c is string => !!c);
    uniqueSets.set(mapping.model, [pk, ...indexes.filter(i => i.unique).map(i => i.columns)]);
  }

  for (const mapping of mappings) {
    const model = mapping.model;
    const references = new Map(keys.references.get(model) ?? []);
    const lookups: string[][] = [];
    for (const props of keys.lookups.get(model) ?? []) {
      const cols = props.map(p => mapping.byProperty.get(p)?.column);
      if (cols.every((c): c is string => c !== undefined)) lookups.push(cols);
    }

    const foreignKeys: ForeignKeySpec[] = [];
    for (const request of keys.foreignKeys.get(model) ?? []) {
      const fromSettings = request.name !== undefined;
      const what = () => request.origin;
      const cols = resolveColumns(mapping, request.keys, what);
      if (!cols.length) {
        throw new MigrationError(`${request.origin} of ${model} names no foreign key`, 'INVALID_MODEL_SETTINGS');
      }
      lookups.push(cols.map(c => c.column));
      const target = state.byModel.get(request.target.name);
      if (!target) continue; // Not in this database: nothing to constrain.
      if (!fromSettings && !relationConstraints) continue;
      const targetCols = resolveColumns(target, request.targetKeys, what);
      if (targetCols.length !== cols.length) {
        throw new MigrationError(`${request.origin} of ${model} pairs ${cols.length} column(s) with ` +
          `${targetCols.length} key column(s) of ${target.model}`, 'INVALID_MODEL_SETTINGS');
      }
      if (fromSettings) {
        cols.forEach((c, i) => {
          if (!references.has(c.property)) {
            references.set(c.property, {definition: target.definition, property: targetCols[i].property});
          }
        });
      }
      const targetColumns = targetCols.map(c => c.column);
      const referencable = (uniqueSets.get(target.model) ?? []).some(set =>
        set.length === targetColumns.length && set.every(c => targetColumns.includes(c)));
      if (!referencable) {
        if (fromSettings) {
          throw new MigrationError(`${request.origin} of ${model} references ${target.model}(${targetColumns.join(', ')}), ` +
            'which is neither its primary key nor a unique index', 'INVALID_MODEL_SETTINGS');
        }
        continue; // A belongsTo to a non-unique key: the databases cannot constrain it; the lookup index stays.
      }
      const columns = cols.map(c => c.column);
      const fk: ForeignKeySpec = {
        name: request.name ?? objectName('fk', mapping.table, ...columns),
        columns, targetModel: target.model, targetSchema: target.schema, targetTable: target.table, targetColumns,
        onDelete: referentialAction(request.onDelete, model, request.origin, 'onDelete'),
        onUpdate: referentialAction(request.onUpdate, model, request.origin, 'onUpdate'),
      };
      // One constraint per column list and target; the later declaration (settings) wins.
      const same = foreignKeys.findIndex(f => sameColumns(f.columns, fk.columns) &&
        f.targetModel === fk.targetModel && sameColumns(f.targetColumns, fk.targetColumns));
      if (same >= 0) foreignKeys[same] = fk;
      else foreignKeys.push(fk);
    }

    const primaryKey = mapping.definition.idProperties()
      .map(p => mapping.byProperty.get(p)?.column).filter((c): c is string => !!c);
    const indexes = [...declared.get(model)!];
    const keyColumns = new Set<string>([...primaryKey, ...lookups.flat(), ...indexes.flatMap(i => i.columns)]);
    for (const lookup of lookups) {
      const covered = leads(lookup, primaryKey) || indexes.some(i => leads(lookup, i.columns));
      if (!covered) {
        indexes.push({name: objectName(mapping.table, ...lookup, 'idx'), columns: lookup, unique: false, lookup: true});
      }
    }

    const columns: ColumnSpec[] = mapping.columns.map(col => {
      let type: string | undefined;
      const role: ColumnRole = col.generated ? 'generated' : keyColumns.has(col.column) ? 'key' : 'plain';
      const ref = references.get(col.property);
      if (ref && role !== 'generated' && col.connectorSettings.dataType === undefined &&
          col.connectorSettings.dataLength === undefined) {
        type = referencedType(state, ref);
      }
      type ??= columnType(dialect, col, role, model);
      const nullable = col.connectorSettings.nullable;
      const notNull = primaryKey.includes(col.column) || col.definition.required === true ||
        nullable === false || (typeof nullable === 'string' && /^(n|no)$/i.test(nullable));
      return {column: col.column, property: col.property, type, notNull, autoIncrement: col.generated};
    });

    specs.set(model, {
      model, schema: mapping.schema, table: mapping.table, columns, primaryKey, indexes, foreignKeys,
    });
  }
  return specs;
}
