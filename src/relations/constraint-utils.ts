import {AnyObject, DataObject} from '../common/types';
import {Filter, Where} from '../filter/types';
import {ConstraintViolationError} from '../repository/errors';
import {InvalidDataError, requireDataObject} from '../common/data-checks';
import {InvalidFilterError} from '../filter/invalid-filter-error';
import {hasCycle} from '../common/cycle';

/** Deep copy of plain filter/data objects (Dates and RegExps kept as values); callers rule out cycles first. */
function cloneDeep<T>(value: T): T {
  if (value === null || typeof value !== 'object') return value;
  if (value instanceof Date || value instanceof RegExp || Buffer.isBuffer(value)) return value;
  if (Array.isArray(value)) return value.map(cloneDeep) as unknown as T;
  const out: AnyObject = {};
  for (const k of Object.keys(value)) out[k] = cloneDeep((value as AnyObject)[k]);
  return out as T;
}

/** A copy of a filter or where; one that contains itself is a 400, not a stack overflow. */
function cloneQuery<T>(query: T): T {
  if (hasCycle(query)) throw new InvalidFilterError('The query object is circular', 'QUERY_OBJECT_IS_CIRCULAR');
  return cloneDeep(query);
}

/**
 * ANDs `constraint` into `where`: keys are merged when none collides, else
 * the result is `{and: [where, constraint]}` (LoopBack's WhereBuilder.impose).
 */
export function imposeWhere(where: AnyObject | undefined, constraint: AnyObject): AnyObject {
  if (!where || Object.keys(where).length === 0) return {...constraint};
  for (const k of Object.keys(constraint)) {
    if (k in where) return {and: [where, constraint]};
  }
  return {...where, ...constraint};
}

/** A copy of `filter` whose where also requires `constraint`. */
export function constrainFilter<T extends object>(filter: Filter<T> | undefined, constraint: AnyObject): Filter<T> {
  if (filter != null && (typeof filter !== 'object' || Array.isArray(filter))) {
    throw new InvalidFilterError(`The query filter ${JSON.stringify(filter)} is not an object`);
  }
  const copy = cloneQuery(filter ?? {}) as Filter<T>;
  copy.where = imposeWhere(copy.where as AnyObject | undefined, constraint) as Where<T>;
  return copy;
}

/** A copy of `where` that also requires `constraint`. */
export function constrainWhere<T extends object>(where: Where<T> | undefined, constraint: AnyObject): Where<T> {
  return imposeWhere(cloneQuery(where) as AnyObject | undefined, constraint) as Where<T>;
}

/** A copy of `where` that also requires one of `constraints`. */
export function constrainWhereOr<T extends object>(where: Where<T> | undefined, constraints: AnyObject[]): Where<T> {
  return imposeWhere(cloneQuery(where) as AnyObject | undefined, {or: constraints}) as Where<T>;
}

/**
 * A copy of `data` carrying the constraint values. A different value for a
 * constrained key fails with `Property "<key>" cannot be changed!` (400).
 */
export function constrainDataObject<T extends object>(data: DataObject<T>, constraint: AnyObject): DataObject<T> {
  requireDataObject(data, 'Related model data');
  if (hasCycle(data)) throw new InvalidDataError('Related model data is circular');
  const copy = cloneDeep(data) as AnyObject;
  for (const k of Object.keys(constraint)) {
    if (Object.prototype.hasOwnProperty.call(copy, k) && copy[k] !== undefined) {
      if (!sameKey(copy[k], constraint[k])) throw new ConstraintViolationError(k);
    } else {
      copy[k] = constraint[k];
    }
  }
  return copy as DataObject<T>;
}

export function constrainDataObjects<T extends object>(data: DataObject<T>[], constraint: AnyObject): DataObject<T>[] {
  return data.map(d => constrainDataObject(d, constraint));
}

/** Key equality that treats 1 and '1' (and equal Dates/ObjectIds by string form) as the same. */
function sameKey(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a == null || b == null) return false;
  return String(a) === String(b);
}
