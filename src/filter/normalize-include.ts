import {AnyObject} from '../common/types';
import {describeValue} from './describe-value';
import {InvalidFilterError} from './invalid-filter-error';
import {isPlainObject} from './plain-object';
import {NormalizedInclusion} from './types';

/**
 * Normalizes an `include` clause to a list of `{relation, scope?, targetType?}`
 * entries. Accepted forms:
 *
 * - `'orders'`, `['orders', 'address']`
 * - `{relation: 'orders', scope: {...}}` (also `rel` for `relation`), alone or in an array;
 *   hasMany-through relations also take `throughScope: {where: {...}}` (a where on the link model)
 * - LoopBack 3 shorthands: `{orders: true}`, `{orders: 'manufacturer'}`,
 *   `{orders: ['a', {b: 'c'}]}`, `{orders: {...}}`; the nested part becomes
 *   `scope.include`; several keys give several entries.
 *
 * Relation names are not checked here (the repository knows its relations)
 * and scopes are kept as given (the target repository normalizes them).
 * Malformed entries fail with `INVALID_INCLUSION_FILTER` (400).
 */
export function normalizeInclude(include: unknown): NormalizedInclusion[] | undefined {
  if (include === undefined || include === null) return undefined;
  const out: NormalizedInclusion[] = [];
  const invalid: unknown[] = [];
  const entries = Array.isArray(include) ? include : [include];
  for (const entry of entries) {
    if (entry === undefined) continue;
    if (!addEntry(entry, out)) invalid.push(entry);
  }
  if (invalid.length) {
    throw new InvalidFilterError(
      `Invalid "filter.include" entries: ${invalid.map(describeValue).join('; ')}`,
      'INVALID_INCLUSION_FILTER');
  }
  return out;
}

/** Adds the inclusions `entry` stands for; false when it is malformed. */
function addEntry(entry: unknown, out: NormalizedInclusion[]): boolean {
  if (typeof entry === 'string') {
    if (entry === '') return false;
    out.push({relation: entry});
    return true;
  }
  if (Array.isArray(entry)) {
    const before = out.length;
    for (const e of entry) {
      if (e === undefined) continue;
      if (!addEntry(e, out)) {
        out.length = before;
        return false;
      }
    }
    return true;
  }
  if (!isPlainObject(entry)) return false;
  if ('relation' in entry || 'rel' in entry) return addRelationObject(entry, out);
  if ('scope' in entry || 'targetType' in entry || 'throughScope' in entry) return false;
  const keys = Object.keys(entry);
  if (keys.length === 0) return false;
  const added: NormalizedInclusion[] = [];
  for (const relation of keys) {
    const nested = entry[relation];
    if (nested === true) {
      added.push({relation});
    } else if (typeof nested === 'string' || Array.isArray(nested) || isPlainObject(nested)) {
      if (nested === '') return false;
      added.push({relation, scope: {include: nested}});
    } else if (nested !== undefined) {
      return false;
    }
  }
  for (const a of added) out.push(a);
  return true;
}

function addRelationObject(entry: AnyObject, out: NormalizedInclusion[]): boolean {
  const relation = entry.relation ?? entry.rel;
  if (typeof relation !== 'string' || relation === '') return false;
  const {scope, targetType, throughScope} = entry;
  if (scope !== undefined && scope !== null && !isPlainObject(scope)) return false;
  if (targetType !== undefined && targetType !== null && typeof targetType !== 'string') return false;
  const inclusion: NormalizedInclusion = {relation};
  if (scope) inclusion.scope = scope;
  if (typeof targetType === 'string') inclusion.targetType = targetType;
  if (throughScope !== undefined && throughScope !== null) {
    checkThroughScope(throughScope, relation);
    inclusion.throughScope = throughScope;
  }
  out.push(inclusion);
  return true;
}

/**
 * The `throughScope` of an include entry (relata, hasMany-through relations):
 * `{where: {...}}` on the through model. Any other shape fails with
 * `INVALID_INCLUSION_FILTER` (400) naming the relation; the where itself is
 * validated against the through model when the relation is loaded.
 */
export function checkThroughScope(throughScope: unknown, relation: string): void {
  const invalid = (why: string) => new InvalidFilterError(
    `Invalid "throughScope" of the inclusion of relation "${relation}": ${why}, got ${describeValue(throughScope)}`,
    'INVALID_INCLUSION_FILTER');
  if (!isPlainObject(throughScope)) throw invalid('it must be an object with a where');
  for (const key of Object.keys(throughScope)) {
    if (key !== 'where') throw invalid(`unknown key "${key}" (allowed: where)`);
  }
  const where = throughScope.where;
  if (where !== undefined && where !== null && !isPlainObject(where)) throw invalid('its where must be an object');
}
