import {hasCycle} from '../common/cycle';
import {InvalidDataError} from '../common/data-checks';
import {RelataError} from '../common/errors';
import {AnyObject} from '../common/types';
import {InvalidFilterError} from '../filter/invalid-filter-error';

/**
 * Checks of the arguments LoopBack 3 methods receive: a wrong shape fails
 * with a 400 naming the method, before anything reaches the engine or a
 * store (LoopBack 3 throws assertion errors or a TypeError there, or
 * silently widens the query).
 */

/** A plain object: not null, not an array. */
export function isDataObject(v: unknown): v is AnyObject {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/** How an argument is named in an error message (never its whole content: it may be huge or circular). */
export function describeArgument(value: unknown): string {
  if (Array.isArray(value)) return 'an array';
  if (value === null) return 'null';
  if (typeof value === 'string') return `the string ${JSON.stringify(value.length > 40 ? value.slice(0, 40) + '…' : value)}`;
  if (typeof value === 'number' || typeof value === 'boolean') return `${typeof value} ${String(value)}`;
  return typeof value;
}

/** Objects and arrays as callers write them (`{…}`, `[…]`), the only values an argument check walks into. */
function isPlainContainer(v: object): boolean {
  if (Array.isArray(v)) return true;
  const proto = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}

/**
 * Throws `fail()` when `value` (plain objects and arrays, walked as deep as
 * they go) contains itself: the engine copies and walks filters and data
 * recursively, and a cycle would overflow the stack. Shared, acyclic
 * references are fine; each object is walked once.
 */
function requireAcyclic(value: unknown, fail: () => Error): void {
  if (hasCycle(value, isPlainContainer)) throw fail();
}

/**
 * A required id argument: `<method> requires the id argument` for none
 * (`undefined`, `null`, `''`; LoopBack 3 names model methods
 * `Model::findById`); an array, plain object, boolean or function is no id
 * either (it would reach the query as an operator or a list). Status 400.
 */
export function requireIdArgument(id: unknown, method: string): void {
  if (id === undefined || id === null || id === '') {
    throw new RelataError(`${method} requires the id argument`, 'INVALID_ID', 400);
  }
  if (typeof id === 'boolean' || typeof id === 'function' || typeof id === 'symbol' ||
    (typeof id === 'object' && isPlainContainer(id))) {
    throw new RelataError(`${method}: the id argument must be a string or a number, got ${describeArgument(id)}`,
      'INVALID_ID', 400);
  }
}

/** An object argument (acyclic), or a 400 `INVALID_DATA` naming the method and what was passed. */
export function requireObjectArgument(value: unknown, what: string, method: string): AnyObject {
  if (!isDataObject(value)) {
    throw new InvalidDataError(`${method}: the ${what} argument must be an object, got ${describeArgument(value)}`);
  }
  requireAcyclic(value, () => new InvalidDataError(`${method}: the ${what} argument contains itself (a circular structure)`));
  return value;
}

/** A filter argument: an acyclic object, or absent (400 `INVALID_FILTER` otherwise). */
export function requireFilterObject(filter: unknown, method: string, what = 'query filter'): AnyObject | undefined {
  if (filter == null) return undefined;
  if (!isDataObject(filter)) {
    throw new InvalidFilterError(`${method}: the ${what} must be an object, got ${describeArgument(filter)}`);
  }
  requireAcyclic(filter, () => new InvalidFilterError(`${method}: the ${what} contains itself (a circular structure)`));
  return filter;
}

/**
 * The first argument of a relation accessor call (`customer.orders(x, …)`):
 * nothing or `false` reads the cache, `true` reloads, an object is a filter
 * (loaded, not cached); anything else is a 400.
 */
export function getterArgument(first: unknown, method: string): {refresh: boolean; filter?: AnyObject} {
  if (first === undefined || first === null || first === false) return {refresh: false};
  if (first === true) return {refresh: true};
  return {refresh: true, filter: requireFilterObject(first, method, 'first argument (a filter or a refresh flag)')};
}

/** A where argument: an acyclic object, or absent (400 `INVALID_FILTER` otherwise). */
export function requireWhereObject(where: unknown, method: string): AnyObject | undefined {
  return requireFilterObject(where, method, 'where clause');
}

/** An include clause (a name, an object or a list of them): acyclic (400 `INVALID_FILTER` otherwise). */
export function requireAcyclicInclude(include: unknown, method: string): void {
  requireAcyclic(include, () => new InvalidFilterError(`${method}: the include clause contains itself (a circular structure)`));
}
