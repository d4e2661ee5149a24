import {AnyObject, Options} from '../common/types';
import {Inclusion} from '../filter/types';
import {Entity} from '../model/model';
import {EntityCrudRepository} from '../repository/repository';
import {InclusionResolver} from './inclusion-resolver';
import {withIncludePlanMetadata} from './include-plan/include-plan-metadata';
import {GetterMap} from './polymorphism';
import {InvalidPolymorphismError} from './relation-errors';
import {deduplicate, ensureFieldSelected, findByForeignKeys, normalizeKey} from './relation-helpers';

/** How a polymorphic to-one relation (belongsTo, hasOne) joins its sources to its targets. */
export interface PolymorphicToOneJoin<Target extends Entity> {
  /** Property of the source read for the join. */
  sourceKey: string;
  /** Property of the target matched against it. */
  targetKey: string;
  /** Property of the SOURCE naming the concrete target type. */
  discriminator: string;
  /** One repository getter per concrete type name. */
  getters: GetterMap<EntityCrudRepository<Target, unknown>>;
  /**
   * What a source whose discriminator is empty (null/undefined) gets:
   * `'skip'` → `undefined` (hasOne: no target yet), `'error'` →
   * `InvalidPolymorphismError` (belongsTo: a key whose table is unknown).
   */
  missingType: 'skip' | 'error';
  /** The relation name and its declared target model (for the include planner's metadata). */
  relation?: string;
  targetModel?: typeof Entity;
}

/**
 * The scope for one concrete type: `fields` naming properties only other
 * types declare are left out for it (the scope is written for all types).
 */
export function scopeForType(scope: AnyObject, properties: {[name: string]: unknown}): AnyObject {
  const fields = scope.fields;
  if (fields === null || typeof fields !== 'object') return scope;
  const known = (name: string) => Object.prototype.hasOwnProperty.call(properties, name);
  if (Array.isArray(fields)) {
    return fields.every(f => typeof f !== 'string' || known(f))
      ? scope : {...scope, fields: fields.filter(f => typeof f !== 'string' || known(f))};
  }
  const names = Object.keys(fields);
  if (names.every(known)) return scope;
  const kept: AnyObject = {};
  for (const n of names) if (known(n)) kept[n] = fields[n];
  return {...scope, fields: kept};
}

function lookupKey(v: unknown): unknown {
  return v !== null && typeof v === 'object' ? normalizeKey(v) : v;
}

/**
 * The inclusion resolver of a polymorphic to-one relation: sources are
 * grouped by their discriminator value and each concrete type is queried
 * once (the types in parallel), with the scope applied to each (`fields`
 * a type does not declare are left out for that type). A value
 * that is not a type of the getter map fails with `InvalidPolymorphismError`
 * before any query runs. Each type's query gets `options.polymorphicType`,
 * so nested include entries with a `targetType` apply to their type only.
 * The resolver carries include-plan metadata: a connector that runs include
 * trees loads every concrete type with the sources instead (one hop per
 * type, sources grouped by discriminator).
 */
export function createPolymorphicToOneInclusionResolver<Target extends Entity>(
  join: PolymorphicToOneJoin<Target>,
): InclusionResolver<Entity, Target> {
  const {sourceKey, targetKey, discriminator, getters, missingType} = join;
  const resolver: InclusionResolver<Entity, Target> = async (entities: Entity[], inclusion: Inclusion, options?: Options) => {
    const result = new Array<Target | undefined>(entities.length);
    if (!entities.length) return result;
    const groups = new Map<string, {indexes: number[]; keys: unknown[]}>();
    for (let i = 0; i < entities.length; i++) {
      const e = entities[i] as AnyObject;
      const key = e[sourceKey];
      if (key == null) continue;
      const type = e[discriminator];
      if (type == null && missingType === 'skip') continue;
      if (typeof type !== 'string' || !Object.prototype.hasOwnProperty.call(getters, type)) {
        throw new InvalidPolymorphismError(String(type), discriminator);
      }
      let group = groups.get(type);
      if (!group) groups.set(type, (group = {indexes: [], keys: []}));
      group.indexes.push(i);
      group.keys.push(key);
    }
    if (groups.size === 0) return result;
    const scope: AnyObject = {...inclusion.scope};
    const addedKey = ensureFieldSelected(scope, targetKey);
    await Promise.all([...groups].map(async ([type, group]) => {
      const repo = await getters[type]();
      const targets = await findByForeignKeys(repo, targetKey, deduplicate(group.keys),
        scopeForType(scope, repo.entityClass.definition.properties), {...options, polymorphicType: type});
      const byKey = new Map<unknown, Target>();
      for (const t of targets) {
        const k = lookupKey((t as AnyObject)[targetKey]);
        if (!byKey.has(k)) byKey.set(k, t);
      }
      for (let j = 0; j < group.indexes.length; j++) {
        result[group.indexes[j]] = byKey.get(lookupKey(group.keys[j]));
      }
      if (addedKey) for (const t of targets) delete (t as AnyObject)[targetKey];
    }));
    return result;
  };
  // A connector that runs include trees may load every concrete type with the sources (one hop per type).
  const first = Object.keys(getters)[0];
  if (first === undefined) return resolver;
  return withIncludePlanMetadata(resolver, {
    relation: join.relation ?? '', parentKey: sourceKey, childKey: targetKey, many: false,
    targetModel: join.targetModel ?? Entity, getTargetRepository: getters[first],
    polymorphic: {discriminator, getters, missing: missingType},
  });
}
