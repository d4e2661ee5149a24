import {AnyObject, Options} from '../../common/types';
import {compareByOrder} from '../../filter/order';
import {normalizeFilter} from '../../filter/normalize-filter';
import {Filter, OrderKey} from '../../filter/types';
import {Entity} from '../../model/model';
import {EntityCrudRepository} from '../../repository/repository';
import {constrainFilter} from '../constraint-utils';

/** The keys of one target repository a query must match (one concrete type of a polymorphic relation). */
export interface LinkedTargetPart<Target extends Entity> {
  type: string;
  repository: EntityCrudRepository<Target, unknown>;
  keys: unknown[];
}

/** `{key: v}` for one value, `{key: {inq: values}}` for several. */
export function keyConstraint(key: string, values: unknown[]): AnyObject {
  return {[key]: values.length === 1 ? values[0] : {inq: values}};
}

function chunk<T>(values: T[], size: number): T[][] {
  if (!(size > 0) || values.length <= size) return [values];
  const out: T[][] = [];
  for (let i = 0; i < values.length; i += size) out.push(values.slice(i, i + size));
  return out;
}

/**
 * Finds the targets whose `key` is one of each part's keys, with `filter`
 * (where ANDed, order, fields, include) applied. One query in the common
 * case; when the keys span several repositories (concrete types) or
 * several `inq` chunks, `order`, `skip` and `limit` apply to the union:
 * each query loads `skip + limit` rows, the union is ordered by the filter's
 * order (by id when one repository is chunked; type by type otherwise) and
 * paged.
 */
export async function findLinkedTargets<Target extends Entity>(
  parts: LinkedTargetPart<Target>[],
  key: string,
  filter: Filter<Target> | undefined,
  optionsFor: (type: string) => Options | undefined,
): Promise<Target[]> {
  const queries: {part: LinkedTargetPart<Target>; keys: unknown[]}[] = [];
  for (const part of parts) {
    const size = (part.repository as {maxInqSize?: number}).maxInqSize ?? Infinity;
    for (const keys of chunk(part.keys, size)) queries.push({part, keys});
  }
  if (queries.length === 0) return [];
  if (queries.length === 1) {
    const {part, keys} = queries[0];
    return part.repository.find(constrainFilter(filter, keyConstraint(key, keys)), optionsFor(part.type));
  }

  const definition = parts[0].repository.entityClass.definition;
  const f = (filter ?? {}) as AnyObject;
  const paging = normalizeFilter({order: f.order, limit: f.limit, skip: f.skip, offset: f.offset}, definition);
  const skip = paging.skip ?? 0;
  const perQuery: AnyObject = {...f};
  delete perQuery.skip;
  delete perQuery.offset;
  if (paging.limit !== undefined) perQuery.limit = paging.limit + skip;
  const all: Target[] = [];
  for (const {part, keys} of queries) {
    const found = await part.repository.find(
      constrainFilter(perQuery as Filter<Target>, keyConstraint(key, keys)), optionsFor(part.type));
    for (const t of found) all.push(t);
  }
  const order: OrderKey[] | undefined = paging.order ?? (parts.length === 1
    ? definition.idProperties().map(p => ({property: p, direction: 'ASC' as const}))
    : undefined);
  if (order) all.sort(compareByOrder(order));
  if (paging.limit === undefined && skip === 0) return all;
  return all.slice(skip, paging.limit === undefined ? undefined : skip + paging.limit);
}
