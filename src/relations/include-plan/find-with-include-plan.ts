import {Options} from '../../common/types';
import {NormalizedFilter, NormalizedInclusion} from '../../filter/types';
import {Entity} from '../../model/model';
import {JoinableRepositoryTest, PlannableRepository, planIncludeTreeWithChecks} from './plan-include-tree';
import {verifyPlannedRows} from './polymorphic-checks';

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
  const planned = await planIncludeTreeWithChecks(repository, filter, inclusions, joinable);
  if (!planned) return undefined;
  await repository.dataSource.connect();
  const rows = (await connector.findTree(planned.tree, options)) as Entity[];
  // What the resolvers check before querying, checked on the result (polymorphic discriminators).
  verifyPlannedRows(rows, planned.checks);
  return rows;
}
