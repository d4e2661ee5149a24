import {AnyObject, Options} from '../common/types';
import {compareByOrder} from '../filter/order';
import {normalizeFilter} from '../filter/normalize-filter';
import {Filter, Inclusion} from '../filter/types';
import {Entity} from '../model/model';
import {EntityCrudRepository} from '../repository/repository';
import {imposeWhere} from './constraint-utils';
import {validateInclusions} from './validate-inclusions';

/** A filter scope of an include entry; `totalLimit` keeps LoopBack's global limit. */
export type InclusionScope<T extends object = AnyObject> = Filter<T> & {totalLimit?: number};

/** Repositories that can limit per group in one query (see `FindOptions.partitionBy`). */
interface PartitionCapable {
  readonly supportsPartitionedFind?: boolean;
  readonly maxInqSize?: number;
}

/**
 * Normalizes a key value for lookups: ObjectId-like objects and Dates by their
 * string form, everything else as is.
 */
export function normalizeKey(value: unknown): unknown {
  if (value !== null && typeof value === 'object') {
    return value instanceof Date ? value.getTime() : String(value);
  }
  return value;
}

/** Distinct values by normalized key, in first-seen order. */
export function deduplicate<T>(values: T[]): T[] {
  const seen = new Set<unknown>();
  const out: T[] = [];
  for (const v of values) {
    const k = v !== null && typeof v === 'object' ? normalizeKey(v) : v;
    if (seen.has(k)) continue;
    seen.add(k);
    out.push(v);
  }
  return out;
}

/** Reads a (possibly dotted) key of an object. */
export function getKeyValue(model: AnyObject, keyName: string): unknown {
  return model[keyName];
}

/** Reducer keeping every value in an array. */
export function reduceAsArray<T>(acc: T[] | undefined, it: T): T[] {
  if (acc) {
    acc.push(it);
    return acc;
  }
  return [it];
}

/** Reducer keeping the first value seen. */
export function reduceAsSingleItem<T>(acc: T | undefined, it: T): T {
  return acc === undefined ? it : acc;
}

/** Groups `list` by the normalized value of `keyName`. */
export function buildLookupMap<T extends AnyObject, R>(
  list: T[], keyName: string, reducer: (acc: R | undefined, it: T) => R,
): Map<unknown, R> {
  const map = new Map<unknown, R>();
  for (const item of list) {
    const v = item[keyName];
    const key = v !== null && typeof v === 'object' ? normalizeKey(v) : v;
    map.set(key, reducer(map.get(key), item));
  }
  return map;
}

/** Groups `list` into arrays by the normalized value of `keyName` (the hot path of to-many includes). */
function groupByKey<T extends AnyObject>(list: T[], keyName: string): Map<unknown, T[]> {
  const map = new Map<unknown, T[]>();
  for (const item of list) {
    const v = item[keyName];
    const key = v !== null && typeof v === 'object' ? normalizeKey(v) : v;
    const group = map.get(key);
    if (group) group.push(item);
    else map.set(key, [item]);
  }
  return map;
}

/** For each source key, the targets found for it (or undefined). */
export function flattenMapByKeys<T>(sourceIds: unknown[], targetMap: Map<unknown, T>): (T | undefined)[] {
  const out = new Array<T | undefined>(sourceIds.length);
  for (let i = 0; i < sourceIds.length; i++) {
    const id = sourceIds[i];
    out[i] = targetMap.get(id !== null && typeof id === 'object' ? normalizeKey(id) : id);
  }
  return out;
}

/** One target per source (the first match), aligned with `sourceIds`. */
export function flattenTargetsOfOneToOneRelation<T extends AnyObject>(
  sourceIds: unknown[], targets: T[], targetKey: string,
): (T | undefined)[] {
  return flattenMapByKeys(sourceIds, buildLookupMap<T, T>(targets, targetKey, reduceAsSingleItem));
}

/** The targets of each source in query order, aligned with `sourceIds`. */
export function flattenTargetsOfOneToManyRelation<T extends AnyObject>(
  sourceIds: unknown[], targets: T[], targetKey: string,
): (T[] | undefined)[] {
  return flattenMapByKeys(sourceIds, groupByKey(targets, targetKey));
}

/**
 * Makes sure `fields` selects `field` (join keys must be loaded to match
 * rows). Returns true when it had to be added, so the caller strips it again.
 */
export function ensureFieldSelected(scope: AnyObject, field: string): boolean {
  const fields = scope.fields;
  if (fields == null) return false;
  if (Array.isArray(fields)) {
    if (fields.length === 0 || fields.includes(field)) return false;
    scope.fields = [...fields, field];
    return true;
  }
  if (typeof fields === 'string') {
    if (fields === field) return false;
    scope.fields = [fields, field];
    return true;
  }
  if (typeof fields === 'object') {
    const values = Object.values(fields);
    const inclusive = values.some(Boolean);
    if (inclusive) {
      if (fields[field]) return false;
      scope.fields = {...fields, [field]: true};
      return true;
    }
    if (field in fields) {
      const copy = {...fields};
      delete copy[field];
      scope.fields = copy;
      return true;
    }
  }
  return false;
}

/**
 * LoopBack 4's helper: `fields` extended so that it selects `fieldToInclude`,
 * or `false` when it already does (or selects everything).
 */
export function includeFieldIfNot(fields: unknown, fieldToInclude: string): false | unknown {
  const scope: AnyObject = {fields};
  return ensureFieldSelected(scope, fieldToInclude) ? scope.fields : false;
}

function chunk<T>(values: T[], size: number): T[][] {
  if (!(size > 0) || values.length <= size) return [values];
  const out: T[][] = [];
  for (let i = 0; i < values.length; i += size) out.push(values.slice(i, i + size));
  return out;
}

function keyConstraint(fkName: string, values: unknown[]): AnyObject {
  return {[fkName]: values.length === 1 ? values[0] : {inq: values}};
}

/** A repository that can hand out plain rows (see `DefaultCrudRepository.findPlainRows`). */
interface PlainRowsCapable {
  findPlainRows?(filter: AnyObject, options?: Options): Promise<AnyObject[]>;
}

/**
 * @internal The rows whose `fkName` is one of the (distinct) `fkValues`, only
 * `fields` read, in no particular order: plain rows where the repository can
 * (no entities), else entities from `find`. For link rows read for their keys;
 * `where` (optional) is ANDed with the key condition.
 */
export async function findRowsByForeignKeys(
  repository: EntityCrudRepository<Entity, unknown>,
  fkName: string,
  fkValues: unknown[],
  fields: string[],
  options?: Options,
  where?: AnyObject,
): Promise<AnyObject[]> {
  if (fkValues.length === 0) return [];
  const plain = repository as unknown as PlainRowsCapable & PartitionCapable;
  const find = typeof plain.findPlainRows === 'function'
    ? (filter: AnyObject) => plain.findPlainRows!(filter, options)
    : (filter: AnyObject) => repository.find(filter as Filter<Entity>, options) as Promise<AnyObject[]>;
  const chunks = chunk(fkValues, plain.maxInqSize ?? Infinity);
  const whereFor = (values: unknown[]) => where ? imposeWhere(where, keyConstraint(fkName, values)) : keyConstraint(fkName, values);
  if (chunks.length === 1) return find({where: whereFor(chunks[0]), fields});
  const out: AnyObject[] = [];
  for (const part of chunks) {
    for (const row of await find({where: whereFor(part), fields})) out.push(row);
  }
  return out;
}

/**
 * Finds the targets whose `fkName` is one of `fkValues`, in as few queries as
 * the store allows: one query per chunk of values (chunked to the store's
 * list limit). A scope `limit`/`skip` applies per foreign-key value (per
 * parent) — in the same single query where the store can partition, never one
 * query per parent there; `totalLimit` is one global limit.
 */
export async function findByForeignKeys<Target extends Entity, TargetRelations extends object = {}>(
  targetRepository: EntityCrudRepository<Target, unknown, TargetRelations>,
  fkName: string,
  fkValues: unknown[] | unknown,
  scope?: InclusionScope<Target> & AnyObject,
  options?: Options,
): Promise<(Target & TargetRelations)[]> {
  const values = Array.isArray(fkValues) ? deduplicate(fkValues) : [fkValues];
  return findByDistinctForeignKeys(targetRepository, fkName, values, scope, options);
}

/** @internal `findByForeignKeys` for a list of values known to be distinct (no deduplication pass). */
export async function findByDistinctForeignKeys<Target extends Entity, TargetRelations extends object = {}>(
  targetRepository: EntityCrudRepository<Target, unknown, TargetRelations>,
  fkName: string,
  values: unknown[],
  scope?: InclusionScope<Target> & AnyObject,
  options?: Options,
): Promise<(Target & TargetRelations)[]> {
  if (values.length === 0) return [];
  const s: AnyObject = scope ? {...scope} : {};
  const repo = targetRepository as unknown as PartitionCapable;
  const chunks = chunk(values, repo.maxInqSize ?? Infinity);

  if (s.totalLimit !== undefined) {
    s.limit = s.totalLimit;
    delete s.totalLimit;
    return findGlobal(targetRepository, fkName, chunks, s, options);
  }
  const paged = s.limit !== undefined || s.skip !== undefined || s.offset !== undefined;
  if (!paged || values.length === 1 || options?.isThroughModelInclude) {
    return findGlobal(targetRepository, fkName, chunks, s, options);
  }

  const stripKey = ensureFieldSelected(s, fkName);
  const results: (Target & TargetRelations)[] = [];
  if (repo.supportsPartitionedFind) {
    for (const part of chunks) {
      const found = await targetRepository.find(
        {...s, where: imposeWhere(s.where, keyConstraint(fkName, part))} as Filter<Target>,
        {...options, partitionBy: fkName});
      for (const f of found) results.push(f);
    }
  } else {
    // A repository that cannot partition: LoopBack's fallback, one query per parent.
    const perKey = await Promise.all(values.map(v => targetRepository.find(
      {...s, where: imposeWhere(s.where, {[fkName]: v})} as Filter<Target>, options)));
    for (const list of perKey) for (const f of list) results.push(f);
  }
  if (stripKey) for (const r of results) delete (r as AnyObject)[fkName];
  return results;
}

async function findGlobal<Target extends Entity, TargetRelations extends object>(
  targetRepository: EntityCrudRepository<Target, unknown, TargetRelations>,
  fkName: string,
  chunks: unknown[][],
  s: AnyObject,
  options?: Options,
): Promise<(Target & TargetRelations)[]> {
  if (chunks.length === 1) {
    return targetRepository.find({...s, where: imposeWhere(s.where, keyConstraint(fkName, chunks[0]))} as Filter<Target>, options);
  }
  const limit: number | undefined = s.limit;
  const skip: number = s.skip ?? s.offset ?? 0;
  const perChunk: AnyObject = {...s};
  delete perChunk.skip;
  delete perChunk.offset;
  if (limit !== undefined) perChunk.limit = limit + skip;
  const all: (Target & TargetRelations)[] = [];
  for (const part of chunks) {
    const found = await targetRepository.find(
      {...perChunk, where: imposeWhere(s.where, keyConstraint(fkName, part))} as Filter<Target>, options);
    for (const f of found) all.push(f);
  }
  if (limit === undefined && skip === 0) return all;
  // Chunks were each ordered; restore the global order before paging.
  const def = targetRepository.entityClass.definition;
  const order = normalizeFilter({order: s.order}, def).order ??
    def.idProperties().map(p => ({property: p, direction: 'ASC' as const}));
  all.sort(compareByOrder(order));
  return all.slice(skip, limit === undefined ? undefined : skip + limit);
}

/**
 * Resolves `include` for entities loaded from `targetRepository`, with the
 * resolvers registered on it. Unknown or unregistered relations fail with
 * `INVALID_INCLUSION_FILTER` (400). Each relation is loaded once for all
 * entities; relations are resolved in parallel.
 */
export async function includeRelatedModels<T extends Entity, Relations extends object = {}>(
  targetRepository: EntityCrudRepository<T, unknown, Relations>,
  entities: T[],
  include?: unknown,
  options?: Options,
): Promise<(T & Relations)[]> {
  if (include == null) return entities as (T & Relations)[];
  let inclusions = validateInclusions(targetRepository, include);
  if (options?.polymorphicType) {
    inclusions = inclusions.filter(i => !i.targetType || i.targetType === options.polymorphicType);
  }
  if (entities.length === 0 || inclusions.length === 0) return entities as (T & Relations)[];
  await Promise.all(inclusions.map(async (inclusion: Inclusion) => {
    const resolver = targetRepository.inclusionResolvers.get(inclusion.relation)!;
    const targets = await resolver(entities, inclusion, options);
    for (let i = 0; i < entities.length; i++) {
      (entities[i] as AnyObject)[inclusion.relation] = targets[i];
    }
  }));
  return entities as (T & Relations)[];
}
