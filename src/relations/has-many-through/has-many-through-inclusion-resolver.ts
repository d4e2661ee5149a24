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
import {
  deduplicate, ensureFieldSelected, findByDistinctForeignKeys, findRowsByForeignKeys, normalizeKey,
} from '../relation-helpers';
import {ResolvedHasManyThrough} from './has-many-through-metadata';
import {andWhere, markAcceptsThroughScope, throughScopeWhere} from './through-scope';

function lookupKey(v: unknown): unknown {
  return v !== null && typeof v === 'object' ? normalizeKey(v) : v;
}

/** The distinct target keys of one concrete type, and the sources linking each of them (one entry per link). */
interface TypeBatch<Target> {
  keys: unknown[];
  /** lookup key of a target → the target lists of the sources linking it, in link order. */
  listsByKey: Map<unknown, Target[][]>;
}

/**
 * Groups the link rows by concrete target type: the distinct target keys and,
 * per target key, the target lists of the sources linking it. Every source
 * with a link gets its (empty) list in `bySource`. Kept out of the async
 * resolver so that it is optimized on its own, early.
 */
function groupLinks<Target>(
  links: AnyObject[],
  bySource: Map<unknown, Target[]>,
  singleType: string | undefined,
  disc: string | undefined,
  targetGetters: GetterMap<unknown>,
  throughKeyFrom: string,
  throughKeyTo: string,
): Map<string, TypeBatch<Target>> {
  const batches = new Map<string, TypeBatch<Target>>();
  let single: TypeBatch<Target> | undefined;
  if (singleType !== undefined) batches.set(singleType, (single = {keys: [], listsByKey: new Map()}));
  for (let i = 0; i < links.length; i++) {
    const link = links[i];
    let batch = single;
    if (batch === undefined) {
      const type = link[disc!];
      batch = batches.get(type);
      if (!batch) {
        if (typeof type !== 'string' || !Object.prototype.hasOwnProperty.call(targetGetters, type)) {
          throw new InvalidPolymorphismError(String(type), disc);
        }
        batches.set(type, (batch = {keys: [], listsByKey: new Map()}));
      }
    }
    const sk = lookupKey(link[throughKeyFrom]);
    let list = bySource.get(sk);
    if (list === undefined) bySource.set(sk, (list = []));
    const key = link[throughKeyTo];
    if (key === undefined || key === null) continue;
    const k = lookupKey(key);
    const lists = batch.listsByKey.get(k);
    if (lists) lists.push(list);
    else {
      batch.listsByKey.set(k, [list]);
      batch.keys.push(key);
    }
  }
  return batches;
}

/**
 * Walks the targets in query order (type by type), pushing each onto the
 * lists of its sources: every source gets its targets in that order, and a
 * pair linked twice is seen consecutively and kept once. Returns the targets
 * that were linked.
 */
function fillSourceLists<Target extends AnyObject>(
  types: string[], batches: Map<string, TypeBatch<Target>>, found: Target[][], keyTo: string,
): Target[] {
  const loaded: Target[] = [];
  for (let t = 0; t < types.length; t++) {
    const listsByKey = batches.get(types[t])!.listsByKey;
    const targets = found[t];
    for (let j = 0; j < targets.length; j++) {
      const target = targets[j];
      const lists = listsByKey.get(lookupKey((target as AnyObject)[keyTo]));
      if (!lists) continue;
      loaded.push(target);
      for (let x = 0; x < lists.length; x++) {
        const list = lists[x];
        if (list.length === 0 || list[list.length - 1] !== target) list.push(target);
      }
    }
  }
  return loaded;
}

/** Hands each source with links its own list of targets: sorted across types, then paged. */
function assignTargets<Target extends AnyObject>(
  result: (Target[] | undefined)[],
  sourceKeys: unknown[],
  bySource: Map<unknown, Target[]>,
  compare: RecordComparator | undefined,
  skip: number,
  limit: number | undefined,
): void {
  const end = limit === undefined ? undefined : skip + limit;
  const paged = skip > 0 || end !== undefined;
  for (let i = 0; i < sourceKeys.length; i++) {
    const sk = sourceKeys[i];
    if (sk === undefined || sk === null) continue;
    let targets = bySource.get(lookupKey(sk));
    if (targets === undefined) continue;
    if (compare) targets = [...targets].sort(compare);
    if (paged) targets = targets.slice(skip, end);
    // Sources with the same key share one list object: give each its own array.
    result[i] = compare || paged ? targets : targets.slice();
  }
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
  const typeOrder = new Map(Object.keys(targetGetters).map((type, i) => [type, i]));

  const resolver: InclusionResolver<Entity, Target> = async (entities: Entity[], inclusion: Inclusion, options?: Options) => {
    const result = new Array<Target[] | undefined>(entities.length);
    if (!entities.length) return result;
    const sourceKeys = new Array<unknown>(entities.length);
    for (let i = 0; i < entities.length; i++) sourceKeys[i] = (entities[i] as AnyObject)[keyFrom];
    const ids = deduplicate(sourceKeys.filter(v => v !== undefined && v !== null));
    if (!ids.length) return result;

    // (1) The links of every source, in the relation's through scope and the inclusion's.
    const linkWhere = andWhere(resolved.throughScope.where, throughScopeWhere(inclusion.throughScope, resolved.name));
    const throughRepo = await getThroughRepository();
    // Read for two keys only: plain rows in any order (the targets' order comes from their own query).
    const links = await findRowsByForeignKeys(throughRepo, throughKeyFrom, ids, linkFields, options, linkWhere);
    if (!links.length) return result;

    const bySource = new Map<unknown, Target[]>();
    const batches = groupLinks<Target>(links, bySource, singleType, disc, targetGetters, throughKeyFrom, throughKeyTo);

    // (2) The targets of every linked key, one query per concrete type; paging waits for the grouping.
    const scope: AnyObject = {...inclusion.scope};
    const paging = normalizeFilter({limit: scope.limit, skip: scope.skip, offset: scope.offset});
    delete scope.limit;
    delete scope.skip;
    delete scope.offset;
    const addedKey = ensureFieldSelected(scope, keyTo);
    // The concrete types in the order of the getter map (not of the link rows, whose order a store may choose).
    const types = [...batches.keys()];
    if (types.length > 1) types.sort((a, b) => typeOrder.get(a)! - typeOrder.get(b)!);
    const found = await Promise.all(types.map(async type => {
      const batch = batches.get(type)!;
      if (!batch.keys.length) return [] as Target[];
      const repo = await targetGetters[type]();
      // batch.keys are distinct by lookup key already.
      return findByDistinctForeignKeys(repo, keyTo, batch.keys, scope, disc ? {...options, polymorphicType: type} : options);
    }));
    const loaded = fillSourceLists(types, batches, found, keyTo);
    // Across concrete types the scope's order decides; within one type the query did.
    let compare: RecordComparator | undefined;
    if (types.length > 1 && scope.order !== undefined) {
      const order = normalizeFilter({order: scope.order}).order;
      if (order) compare = compareByOrder(order);
    }

    assignTargets(result, sourceKeys, bySource, compare, paging.skip ?? 0, paging.limit);
    if (addedKey) for (const t of loaded) delete (t as AnyObject)[keyTo];
    return result;
  };
  markAcceptsThroughScope(resolver);
  const first = Object.keys(targetGetters)[0];
  return withIncludePlanMetadata(resolver, {
    relation: resolved.name, parentKey: keyFrom, childKey: keyTo, many: true,
    targetModel: resolved.targetModel as typeof Entity, getTargetRepository: targetGetters[singleType ?? first],
    through: {
      parentKey: throughKeyFrom, childKey: throughKeyTo, getRepository: getThroughRepository,
      where: resolved.throughScope.where,
      // Polymorphic targets: a connector loads each concrete type in its own hop.
      ...(disc ? {polymorphic: {discriminator: disc, getters: targetGetters}} : {}),
    },
  });
}
