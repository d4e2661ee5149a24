import {AnyObject, Options} from '../../common/types';
import {Getter} from '../../context/getter';
import {Inclusion} from '../../filter/types';
import {Entity} from '../../model/model';
import {EntityCrudRepository} from '../../repository/repository';
import {InclusionResolver} from '../inclusion-resolver';
import {withIncludePlanMetadata} from '../include-plan/include-plan-metadata';
import {deduplicate, ensureFieldSelected, findByForeignKeys, normalizeKey} from '../relation-helpers';
import {ResolvedReferencesMany} from './references-many-metadata';

/**
 * A lookup key for a referenced id. Id arrays are plain JSON, so `1` and
 * `'1'` refer to the same target here (ObjectIds and Dates by their value).
 */
export function referenceKey(value: unknown): string {
  return value !== null && typeof value === 'object' ? String(normalizeKey(value)) : String(value);
}

/** The non-null entries of an id array, or `[]` for anything that is not an array. */
export function referencedIds(value: unknown): unknown[] {
  if (!Array.isArray(value)) return [];
  return value.filter(v => v != null);
}

/** Targets by reference key (the first one for a key). */
export function indexTargets<T extends Entity>(targets: T[], keyTo: string): Map<string, T> {
  const map = new Map<string, T>();
  for (const t of targets) {
    const k = referenceKey((t as AnyObject)[keyTo]);
    if (!map.has(k)) map.set(k, t);
  }
  return map;
}

/**
 * Loads the targets of a referencesMany relation for a batch of sources with
 * one query for all distinct ids (chunked only above the store's list
 * limit). Each source gets its targets in the order of its id array (ids
 * of missing targets skipped, repeated ids repeated), `[]` when its array
 * is empty or missing. Scope: `where` and `fields` (the target key is loaded
 * and removed again), nested `include`; `order` sorts each source's list
 * instead of the array order; `limit`/`skip` apply per source, `totalLimit`
 * once to the whole query. The resolver carries include-plan metadata: a
 * connector that runs include trees loads the targets with the sources
 * instead (`IncludeTreeRelation.parentKeyList`), with the same results.
 */
export function buildReferencesManyInclusionResolver<Target extends Entity>(
  resolved: ResolvedReferencesMany,
  getTargetRepository: Getter<EntityCrudRepository<Target, unknown>>,
): InclusionResolver<Entity, Target> {
  const {keyFrom, keyTo} = resolved;
  const resolver: InclusionResolver<Entity, Target> = async (entities: Entity[], inclusion: Inclusion, options?: Options) => {
    if (!entities.length) return [];
    const lists = entities.map(e => referencedIds((e as AnyObject)[keyFrom]));
    const all: unknown[] = [];
    for (const list of lists) for (const id of list) all.push(id);
    const ids = deduplicate(all);
    if (!ids.length) return lists.map(() => []);

    const scope: AnyObject = {...inclusion.scope};
    let skip = 0;
    let limit: number | undefined;
    if (scope.totalLimit === undefined) {
      skip = scope.skip ?? scope.offset ?? 0;
      limit = scope.limit;
      delete scope.skip;
      delete scope.offset;
      delete scope.limit;
    }
    const ordered = scope.order !== undefined && scope.order !== null &&
      !(Array.isArray(scope.order) && scope.order.length === 0);
    const addedKey = ensureFieldSelected(scope, keyTo);
    const repo = await getTargetRepository();
    const targets = await findByForeignKeys(repo, keyTo, ids, scope, options);
    const byKey = indexTargets(targets, keyTo);
    const rank = ordered ? new Map<Target, number>(targets.map((t, i) => [t, i])) : undefined;

    const result = lists.map(list => {
      let out: Target[] = [];
      for (const id of list) {
        const t = byKey.get(referenceKey(id));
        if (t) out.push(t);
      }
      if (rank) out.sort((a, b) => rank.get(a)! - rank.get(b)!);
      if (skip > 0 || limit !== undefined) out = out.slice(skip, limit === undefined ? undefined : skip + limit);
      return out;
    });
    if (addedKey) for (const t of targets) delete (t as AnyObject)[keyTo];
    return result;
  };
  return withIncludePlanMetadata(resolver, {
    relation: resolved.name, parentKey: keyFrom, childKey: keyTo, many: true, parentKeyList: true,
    targetModel: resolved.targetModel, getTargetRepository: getTargetRepository,
  });
}
