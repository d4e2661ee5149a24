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

/** The keys of one concrete type to load, and where each loaded target sits in the overall order. */
interface TypeBatch {
  keys: unknown[];
  /** lookup key → index into `ordered` (filled once the targets are loaded). */
  rank: Map<unknown, number>;
}

/**
 * The inclusion resolver of a hasMany-through relation, batched whatever
 * the number of sources: (1) the links of all sources in one query
 * (chunked to the store's list limit), (2) the targets of all distinct
 * linked keys in one query per concrete type, with the scope's where,
 * order, fields and nested include. `scope.limit`/`skip` apply per source,
 * after grouping; each source's targets keep the target query's order
 * (across concrete types: the scope's order, else type by type). Sources
 * without links get `undefined`; sources whose links point nowhere get `[]`.
 * A `fields` list without the target key still matches (the key is loaded,
 * then removed).
 */
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
    const linksBySource = new Map<unknown, {batch: TypeBatch; key: unknown}[]>();
    for (const link of links) {
      const type = singleType ?? link[disc!];
      let batch = batches.get(type);
      if (!batch) {
        if (typeof type !== 'string' || !Object.prototype.hasOwnProperty.call(targetGetters, type)) {
          throw new InvalidPolymorphismError(String(type), disc);
        }
        batches.set(type, (batch = {keys: [], rank: new Map()}));
      }
      const sk = lookupKey(link[throughKeyFrom]);
      let list = linksBySource.get(sk);
      if (!list) linksBySource.set(sk, (list = []));
      const key = link[throughKeyTo];
      if (key === undefined || key === null) continue;
      const k = lookupKey(key);
      list.push({batch, key: k});
      if (!batch.rank.has(k)) {
        batch.rank.set(k, -1);
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
    const ordered: Target[] = [];
    for (let t = 0; t < types.length; t++) {
      const rank = batches.get(types[t])!.rank;
      for (const target of found[t]) {
        const k = lookupKey((target as AnyObject)[keyTo]);
        if (rank.get(k) === -1) {
          rank.set(k, ordered.length);
          ordered.push(target);
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
      const list = linksBySource.get(lookupKey(sk));
      if (!list) continue;
      const ranks: number[] = [];
      for (const {batch, key} of list) {
        const r = batch.rank.get(key)!;
        if (r >= 0) ranks.push(r);
      }
      ranks.sort((a, b) => a - b);
      let targets: Target[] = [];
      let prev = -1;
      for (const r of ranks) {
        if (r !== prev) targets.push(ordered[r]);
        prev = r;
      }
      if (compare) targets.sort(compare);
      if (skip > 0 || end !== undefined) targets = targets.slice(skip, end);
      result[i] = targets;
    }
    if (addedKey) for (const t of ordered) delete (t as AnyObject)[keyTo];
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
