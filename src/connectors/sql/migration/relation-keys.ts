import {AnyObject} from '../../../common/types';
import {ModelDefinition} from '../../../model/model-definition';
import {camelCase} from '../../../model/naming';
import {isTypeResolver} from '../../../model/type-resolver';
import {RelationMetadata} from '../../../relations/relation-types';

/** The key a foreign-key property refers to (its column takes that key's type). */
export interface KeyReference {
  definition: ModelDefinition;
  property: string;
}

/** A FOREIGN KEY constraint asked for by a belongsTo relation or by the `foreignKeys` model setting. */
export interface ForeignKeyRequest {
  /** Property (or, for `foreignKeys` settings, property or column) names on the source model. */
  keys: string[];
  target: ModelDefinition;
  /** Property (or column) names on the target model. */
  targetKeys: string[];
  onDelete?: unknown;
  onUpdate?: unknown;
  /** Constraint name given by the `foreignKeys` setting. */
  name?: string;
  /** What asked for it, for error messages: `relation customer`, `foreignKeys.fk_order_customer`. */
  origin: string;
}

/** What relations and settings ask of each model's table, keyed by model name. */
export interface RelationKeys {
  /** Foreign-key properties and the keys they refer to. */
  references: Map<string, Map<string, KeyReference>>;
  /** Property lists that need a lookup index. */
  lookups: Map<string, string[][]>;
  foreignKeys: Map<string, ForeignKeyRequest[]>;
}

function hasProperty(def: ModelDefinition, name: unknown): name is string {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(def.properties, name);
}

function pushTo<T>(map: Map<string, T[]>, key: string, value: T): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/**
 * Collects, from the relations and `foreignKeys` settings of `definitions`,
 * every foreign-key column with the key it refers to, every lookup index
 * and every FOREIGN KEY constraint. Keys are derived with LoopBack's
 * defaults (belongsTo: `camelCase(target + '_id')` → target id; hasOne and
 * hasMany: source id → `camelCase(source + '_id')` on the target; through:
 * `camelCase(source/target + '_id')` on the through model). Relations are
 * read in LoopBack 4 form (`target` resolver, `keyFrom`, `keyTo`) and
 * LoopBack 3 form (`model`, `foreignKey`, `primaryKey`, `through`,
 * `keyThrough`). Keys that are not declared properties are skipped: there is
 * no column to index.
 */
export function collectRelationKeys(definitions: ModelDefinition[]): RelationKeys {
  const byName = new Map(definitions.map(d => [d.name, d]));
  const keys: RelationKeys = {references: new Map(), lookups: new Map(), foreignKeys: new Map()};

  // A model as registered on the connector when it is; else its own definition.
  const resolveModel = (ref: unknown): ModelDefinition | undefined => {
    let value = ref;
    if (isTypeResolver(value)) value = value();
    if (Array.isArray(value)) return undefined;
    let def: ModelDefinition | undefined;
    if (typeof value === 'string') def = byName.get(value);
    else if (value && typeof value === 'object' && value instanceof ModelDefinition) def = value;
    else if (value && (typeof value === 'function' || typeof value === 'object')) {
      const d = (value as AnyObject).definition;
      if (d instanceof ModelDefinition) def = d;
    }
    return def ? byName.get(def.name) ?? def : undefined;
  };
  const isDefined = (def: ModelDefinition): boolean => byName.has(def.name);

  const link = (from: ModelDefinition, property: string, to: ModelDefinition, toProperty: string): void => {
    let refs = keys.references.get(from.name);
    if (!refs) keys.references.set(from.name, (refs = new Map()));
    if (!refs.has(property)) refs.set(property, {definition: to, property: toProperty});
    pushTo(keys.lookups, from.name, [property]);
  };

  for (const source of definitions) {
    for (const relationName of Object.keys(source.relations ?? {})) {
      const rel = source.relations[relationName] as RelationMetadata & AnyObject;
      if (!rel || typeof rel !== 'object') continue;
      const target = resolveModel(rel.target ?? rel.model);
      if (!target) continue;
      switch (rel.type) {
        case 'belongsTo': {
          const declared = rel.keyFrom ?? rel.foreignKey;
          const keyFrom = hasProperty(source, declared) ? declared : camelCase(target.name + '_id');
          const declaredTo = rel.keyTo ?? rel.primaryKey;
          const keyTo = hasProperty(target, declaredTo) ? declaredTo : target.idProperties()[0];
          if (!hasProperty(source, keyFrom) || !hasProperty(target, keyTo)) break;
          link(source, keyFrom, target, keyTo);
          // A polymorphic belongsTo points into several tables: no single constraint can say that.
          if (!rel.polymorphic && isDefined(target)) {
            pushTo(keys.foreignKeys, source.name, {
              keys: [keyFrom], target, targetKeys: [keyTo], onDelete: rel.onDelete, onUpdate: rel.onUpdate,
              origin: `relation ${relationName}`,
            });
          }
          break;
        }
        case 'hasOne':
        case 'hasMany': {
          const declaredFrom = rel.keyFrom ?? rel.primaryKey;
          const keyFrom = hasProperty(source, declaredFrom) ? declaredFrom : source.idProperties()[0];
          if (!hasProperty(source, keyFrom)) break;
          const through = rel.through;
          if (through) {
            const throughModel = resolveModel(
              typeof through === 'object' && !(through instanceof ModelDefinition) && 'model' in through
                ? through.model : through);
            if (!throughModel || !isDefined(throughModel)) break;
            const t = typeof through === 'object' ? through as AnyObject : {};
            const fromKey = t.keyFrom ?? rel.foreignKey;
            const throughFrom = hasProperty(throughModel, fromKey) ? fromKey : camelCase(source.name + '_id');
            if (hasProperty(throughModel, throughFrom)) link(throughModel, throughFrom, source, keyFrom);
            const toKey = t.keyTo ?? rel.keyThrough;
            const throughTo = hasProperty(throughModel, toKey) ? toKey : camelCase(target.name + '_id');
            const targetKey = hasProperty(target, rel.keyTo) ? rel.keyTo : target.idProperties()[0];
            if (hasProperty(throughModel, throughTo) && hasProperty(target, targetKey)) {
              link(throughModel, throughTo, target, targetKey);
            }
            break;
          }
          if (!isDefined(target)) break;
          const declaredTo = rel.keyTo ?? rel.foreignKey;
          const keyTo = hasProperty(target, declaredTo) ? declaredTo : camelCase(source.name + '_id');
          if (!hasProperty(target, keyTo)) break;
          link(target, keyTo, source, keyFrom);
          break;
        }
        default:
          // referencesMany keeps an array of ids in one column; embeds store documents: no key columns.
          break;
      }
    }

    // LoopBack's SQL connectors: settings.foreignKeys = {name: {foreignKey, entity, entityKey, onDelete, onUpdate}}.
    const fks = source.settings?.foreignKeys;
    if (fks && typeof fks === 'object') {
      for (const key of Object.keys(fks)) {
        const fk = fks[key] as AnyObject;
        if (!fk || typeof fk !== 'object') continue;
        const entity = resolveModel(fk.entity);
        const fromKeys = splitKeys(fk.foreignKey);
        const toKeys = splitKeys(fk.entityKey);
        pushTo(keys.foreignKeys, source.name, {
          keys: fromKeys,
          target: entity ?? new ModelDefinition(String(typeof fk.entity === 'string' ? fk.entity : fk.entity?.name)),
          targetKeys: toKeys.length ? toKeys : entity?.idProperties() ?? [],
          onDelete: fk.onDelete, onUpdate: fk.onUpdate,
          name: typeof fk.name === 'string' && fk.name ? fk.name : key,
          origin: `foreignKeys.${key}`,
        });
      }
    }
  }
  return keys;
}

/** `'a'`, `'a, b'` or `['a', 'b']` → `['a', 'b']`. */
function splitKeys(value: unknown): string[] {
  if (Array.isArray(value)) return value.filter((v): v is string => typeof v === 'string');
  if (typeof value === 'string') return value.split(',').map(s => s.trim()).filter(Boolean);
  return [];
}
