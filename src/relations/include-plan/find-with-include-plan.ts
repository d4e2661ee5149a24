import {Options} from '../../common/types';
import {NormalizedFilter, NormalizedInclusion} from '../../filter/types';
import {Entity} from '../../model/model';
import {JoinableRepositoryTest, PlannableRepository, planIncludeTree} from './plan-include-tree';

/**
 * Runs a `find` with includes as ONE connector call when the connector can
 * load include trees (`Connector.findTree`) and every inclusion can be
 * planned (see `planIncludeTree`). Resolves the entities with their
 * relations, or `undefined` when the caller must use the batched resolvers.
 *
 * @example
 * const found = await findWithIncludePlan(this, normalized, include, options, isJoinable)
 *   ?? await findThenResolveIncludes();
 */
export async function findWithIncludePlan(
  repository: PlannableRepository,
  filter: NormalizedFilter,
  inclusions: NormalizedInclusion[],
  options: Options | undefined,
  joinable: JoinableRepositoryTest,
): Promise<Entity[] | undefined> {
  const connector = repository.dataSource.connector;
  if (typeof connector.findTree !== 'function' || options?.polymorphicType) return undefined;
  const tree = await planIncludeTree(repository, filter, inclusions, joinable);
  if (!tree) return undefined;
  await repository.dataSource.connect();
  return (await connector.findTree(tree, options)) as Entity[];
}
