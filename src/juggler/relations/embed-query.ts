import {RelataError} from '../../common/errors';
import {AnyObject, Options} from '../../common/types';
import {normalizeFilter} from '../../filter/normalize-filter';
import {compareByOrder} from '../../filter/order';
import {compileWhere} from '../../filter/where-matcher';
import {includeRelatedModels} from '../../relations/relation-helpers';
import {hasRepository, repositoryOf} from '../model-registry';
import {PersistedModel, PersistedModelClass} from '../persisted-model';

/**
 * Reads an embedded list through a LoopBack filter, in memory: `where` with
 * relata's where matcher (the memory connector's semantics), then `order`,
 * `skip`/`offset` and `limit`, then `include` on the items (e.g. the
 * belongsTo of "embedsMany with belongsTo"). Without any of those the list
 * itself is returned (LoopBack 3: `person.addressList(cb)` gives
 * `person.addresses`).
 */
export async function queryEmbeddedList(
  Target: PersistedModelClass, list: readonly unknown[], filter: AnyObject | undefined, options?: Options,
): Promise<PersistedModel[]> {
  const items = list as PersistedModel[];
  if (!filter) return items;
  const f = normalizeFilter(filter, Target.definition);
  let out = items;
  if (f.where) out = out.filter(compileWhere(f.where));
  if (f.order) out = [...out].sort(compareByOrder(f.order));
  if (f.skip !== undefined || f.limit !== undefined) {
    const skip = f.skip ?? 0;
    out = out.slice(skip, f.limit === undefined ? undefined : skip + f.limit);
  }
  if (f.include) await includeOnEmbedded(Target, out, f.include, options);
  return out;
}

/**
 * Loads relations of embedded instances with the embedded model's inclusion
 * resolvers (the model must be attached to a data source to have them).
 */
async function includeOnEmbedded(
  Target: PersistedModelClass, items: PersistedModel[], include: unknown, options?: Options,
): Promise<void> {
  if (!hasRepository(Target)) {
    throw new RelataError(
      `Cannot include relations of the embedded model ${Target.modelName}: it is not attached to a data source`,
      'EMBEDDED_INCLUDE_NOT_ATTACHED', 500);
  }
  await includeRelatedModels(repositoryOf(Target) as never, items, include, options);
}
