import {AnyObject} from '../common/types';

/**
 * True for `{...}` literals and `Object.create(null)` objects: the values a
 * filter treats as clauses. Dates, RegExps, Buffers and class instances
 * (ObjectId, model instances) are values, not clauses.
 */
export function isPlainObject(value: unknown): value is AnyObject {
  if (value === null || typeof value !== 'object') return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}
