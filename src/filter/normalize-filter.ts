import {AnyObject} from '../common/types';
import {ModelDefinition} from '../model/model-definition';
import {describeValue} from './describe-value';
import {InvalidFilterError} from './invalid-filter-error';
import {normalizeFields} from './normalize-fields';
import {normalizeInclude} from './normalize-include';
import {normalizeOrder} from './normalize-order';
import {normalizeLimit, normalizeSkip} from './normalize-pagination';
import {normalizeCheckedWhere} from './normalize-where';
import {assertQueryShape} from './query-shape';
import {NormalizedFilter} from './types';

export {normalizeWhere} from './normalize-where';

const FILTER_KEYS: ReadonlySet<string> = new Set([
  'where', 'fields', 'order', 'limit', 'skip', 'offset', 'include',
]);

/**
 * Validates a LoopBack filter and returns its normalized form: where values
 * coerced to the property kinds, `order` as `{property, direction}` keys,
 * `fields` as a list of names, `limit`/`skip` as numbers (absent when 0),
 * `include` as `{relation, scope?}` entries. The input is not changed.
 * Every problem is an `InvalidFilterError` (400) whose message names the
 * offending key, property, operator or value.
 *
 * Unlike LoopBack, `skip` without `limit` does not imply `limit: 100`.
 *
 * @example
 * normalizeFilter({where: {age: {gt: '3'}}, order: 'name DESC', limit: '10'}, def)
 * // => {where: {age: {gt: 3}}, order: [{property: 'name', direction: 'DESC'}], limit: 10}
 */
export function normalizeFilter(filter: unknown, definition?: ModelDefinition): NormalizedFilter {
  if (filter === undefined || filter === null) return {};
  if (typeof filter !== 'object' || Array.isArray(filter)) {
    throw new InvalidFilterError(`The query filter ${describeValue(filter)} is not an object`);
  }
  assertQueryShape(filter);
  const f = filter as AnyObject;
  for (const key of Object.keys(f)) {
    if (!FILTER_KEYS.has(key) && f[key] !== undefined) {
      throw new InvalidFilterError(
        `The query filter has an unknown key "${key}" (allowed: where, fields, order, limit, skip, offset, include)`);
    }
  }
  const out: NormalizedFilter = {};
  const where = normalizeCheckedWhere(f.where, definition);
  if (where && Object.keys(where).length) out.where = where;
  const order = normalizeOrder(f.order, definition);
  if (order) out.order = order;
  const limit = normalizeLimit(f.limit);
  if (limit !== undefined) out.limit = limit;
  const skip = normalizeSkip(f.skip, f.offset);
  if (skip !== undefined) out.skip = skip;
  const fields = normalizeFields(f.fields, definition);
  if (fields) out.fields = fields;
  const include = normalizeInclude(f.include);
  if (include && include.length) out.include = include;
  return out;
}
