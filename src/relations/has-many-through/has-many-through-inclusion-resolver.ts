import {AnyObject, Options} from '../../common/types';
import {Getter} from '../../context/getter';
import {compareByOrder, RecordComparator} from '../../filter/order';
import {normalizeFilter} from '../../filter/normalize-filter';
import {Inclusion} from '../../filter/types';
import {Entity} from '../../model/model';
import {EntityCrudRepository} from '../../repository/repository';
import {InclusionResolver} from '../inclusion-resolver';
import {withIncludePlanMetadata} from '../include-plan/include-plan-metadata';
import {GetterMap} from '../polymorphism';
import {InvalidPolymorphismError} from '../relation-errors';
import {deduplicate, ensureFieldSelected, findByForeignKeys, normalizeKey} from '../relation-helpers';
import {ResolvedHasManyThrough} from './has-many-through-metadata';

function lookupKey(v: unknown): unknown {
  return v !== null && typeof v === 'object' ? normalizeKey(v) : v;
}

/** The distinct target keys of one concrete type, and the sources linking each of them (one entry per link). */
interface TypeBatch {
  keys: unknown[];
  /** lookup key of a target → lookup keys of its sources, in link order. */
  sourcesByKey: Map<unknown, unknown[]>;
}

export function buildHasManyThroughInclusionResolver<Target extends Entity>(
  resolved: ResolvedHasManyThrough,
  targetGetters: GetterMap<EntityCrudRepository<Target, unknown>>,
  getThroughRepository: Getter<EntityCrudRepository<Entity, unknown>>,
): InclusionResolver<Entity, Target> {
  const {keyFrom, keyTo, throughKeyFrom, throughKeyTo} = resolved;
  const disc = resolved.polymorphic ? resolved.polymorphic.discriminator : undefined;
  const singleType = disc ? undefined : Object.keys(targetGetters)[0];
  const linkFields = disc ? [throughKeyFrom, throughKeyTo, disc] : [throughKeyFrom, throughKeyTo];

  const resolver: InclusionResolver<Entity, Target> = async (entities: Entity[], inclusion: Inclusion, options?: Options) => {
    const result = new Array<Target[] | undefined>(entities.length);
    if (!entities.length) return result;
    const sourceKeys = new Array<unknown>(entities.length);
    for (let i = 0; i < entities.length; i++) sourceKeys[i] = (entities[i] as AnyObject)[keyFrom];
    const ids = deduplicate(sourceKeys.filter(v => v !== undefined && v !== null));
    if (!ids.length) return result;

    // (1) The links of every source.
    const throughRepo = await getThroughRepository();
    const links = await findByForeignKeys(throughRepo, throughKeyFrom, ids, {fields: linkFields} as AnyObject, options) as AnyObject[];
    if (!links.length) return result;

    const batches = new Map<string, TypeBatch>();
    // Sources with at least one link get a list (possibly empty); the others stay undefined.
    const linkedSources = new Set<unknown>();
    for (const link of links) {
      const type = singleType ?? link[disc!];
      let batch = batches.get(type);
      if (!batch) {
        if (typeof type !== 'string' || !Object.prototype.hasOwnProperty.call(targetGetters, type)) {
          throw new InvalidPolymorphismError(String(type), disc);
        }
        batches.set(type, (batch = {keys: [], sourcesByKey: new Map()}));
      }
      const sk = lookupKey(link[throughKeyFrom]);
      linkedSources.add(sk);
      const key = link[throughKeyTo];
      if (key === undefined || key === null) continue;
      const k = lookupKey(key);
      const sources = batch.sourcesByKey.get(k);
      if (sources) sources.push(sk);
      else {
        batch.sourcesByKey.set(k, [sk]);
        batch.keys.push(key);
      }
    }

    // (2) The targets of every linked key, one query per concrete type; paging waits for the grouping.
    const scope: AnyObject = {...inclusion.scope};
    const paging = normalizeFilter({limit: scope.limit, skip: scope.skip, offset: scope.offset});
    delete scope.limit;
    delete scope.skip;
    delete scope.offset;
    const addedKey = ensureFieldSelected(scope, keyTo);
    const types = [...batches.keys()];
    const found = await Promise.all(types.map(async type => {
      const batch = batches.get(type)!;
      if (!batch.keys.length) return [] as Target[];
      const repo = await targetGetters[type]();
      return findByForeignKeys(repo, keyTo, batch.keys, scope, disc ? {...options, polymorphicType: type} : options);
    }));
    // Walking the targets in query order (type by type) hands each source its targets already in that
    // order; a pair linked twice is seen consecutively and kept once.
    const bySource = new Map<unknown, Target[]>();
    const loaded: Target[] = [];
    for (let t = 0; t < types.length; t++) {
      const sourcesByKey = batches.get(types[t])!.sourcesByKey;
      for (const target of found[t]) {
        const sources = sourcesByKey.get(lookupKey((target as AnyObject)[keyTo]));
        if (!sources) continue;
        loaded.push(target);
        for (const sk of sources) {
          const list = bySource.get(sk);
          if (!list) bySource.set(sk, [target]);
          else if (list[list.length - 1] !== target) list.push(target);
        }
      }
    }
    // Across concrete types the scope's order decides; within one type the query did.
    let compare: RecordComparator | undefined;
    if (types.length > 1 && scope.order !== undefined) {
      const order = normalizeFilter({order: scope.order}).order;
      if (order) compare = compareByOrder(order);
    }

    const skip = paging.skip ?? 0;
    const end = paging.limit === undefined ? undefined : skip + paging.limit;
    for (let i = 0; i < entities.length; i++) {
      const sk = sourceKeys[i];
      if (sk === undefined || sk === null) continue;
      const k = lookupKey(sk);
      if (!linkedSources.has(k)) continue;
      let targets = bySource.get(k) ?? [];
      if (compare) targets = [...targets].sort(compare);
      if (skip > 0 || end !== undefined) targets = targets.slice(skip, end);
      // Sources with the same key share one list object: give each its own array.
      result[i] = compare || skip > 0 || end !== undefined ? targets : [...targets];
    }
    if (addedKey) for (const t of loaded) delete (t as AnyObject)[keyTo];
    return result;
  };
  // Polymorphic targets are loaded per concrete type: only a plain link join can be planned.
  if (disc) return resolver;
  return withIncludePlanMetadata(resolver, {
    relation: resolved.name, parentKey: keyFrom, childKey: keyTo, many: true,
    targetModel: resolved.targetModel as typeof Entity, getTargetRepository: targetGetters[singleType!],
    through: {parentKey: throughKeyFrom, childKey: throughKeyTo, getRepository: getThroughRepository},
  });
}
