import {InvalidFilterError} from './invalid-filter-error';
import {isPlainObject} from './plain-object';

/** LoopBack's default `maxDepthOfQuery`. */
export const MAX_QUERY_DEPTH = 32;

/**
 * Rejects query objects that would make normalization loop or recurse
 * without bound: cycles (`QUERY_OBJECT_IS_CIRCULAR`), nesting deeper than
 * `maxDepth` (`QUERY_OBJECT_TOO_DEEP`), and `__proto__` keys (JSON.parse
 * makes them own keys; copying them would swap an object's prototype).
 * Only plain objects and arrays are walked; other objects are values.
 */
export function assertQueryShape(query: unknown, maxDepth = MAX_QUERY_DEPTH): void {
  walk(query, 0, maxDepth, []);
}

function walk(value: unknown, depth: number, maxDepth: number, ancestors: object[]): void {
  if (depth > maxDepth) {
    throw new InvalidFilterError(
      `The query object exceeds maximum depth ${maxDepth}`, 'QUERY_OBJECT_TOO_DEEP');
  }
  const isArray = Array.isArray(value);
  if (!isArray && !isPlainObject(value)) return;
  const obj = value as object;
  if (ancestors.includes(obj)) {
    throw new InvalidFilterError('The query object is circular', 'QUERY_OBJECT_IS_CIRCULAR');
  }
  ancestors.push(obj);
  if (isArray) {
    const arr = value as unknown[];
    for (let i = 0; i < arr.length; i++) walk(arr[i], depth + 1, maxDepth, ancestors);
  } else {
    const rec = value as Record<string, unknown>;
    for (const key of Object.keys(rec)) {
      if (key === '__proto__') {
        throw new InvalidFilterError('The query object contains the forbidden key "__proto__"');
      }
      walk(rec[key], depth + 1, maxDepth, ancestors);
    }
  }
  ancestors.pop();
}
