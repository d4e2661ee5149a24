/**
 * Keys the memory connector files values under. Equality keys are COARSE on
 * purpose: every pair of values the where matcher considers equal gets the
 * same key (`'5'`/`5`, `true`/`1`/`'true'`, Dates by time, `null`/missing),
 * while a few unequal pairs may share one (`'5.0'`/`'5'`); candidates found by
 * key are always re-checked with the compiled where unless the lookup is
 * known to be exact.
 */

/** The key of `null`, `undefined` (missing) and empty arrays. */
export const NULL_KEY: unique symbol = Symbol('relata.memory.null');

/** A bucket key of a hash index. */
export type EqualityKey = number | string | typeof NULL_KEY;

/** A primary key: the row's id (Dates by time, other objects as strings) or a hidden counter. */
export type RowKey = number | string;

/** The bucket key of one scalar value (arrays are keyed per element by the caller). */
export function equalityKey(value: unknown): EqualityKey {
  switch (typeof value) {
    case 'number':
      return value;
    case 'string':
      return stringKey(value);
    case 'boolean':
      return value ? 1 : 0;
    case 'undefined':
      return NULL_KEY;
    case 'bigint':
      return Number(value);
    case 'object':
      if (value === null) return NULL_KEY;
      if (value instanceof Date) return value.getTime();
      return stringKey(safeString(value));
    default:
      return safeString(value);
  }
}

function stringKey(s: string): EqualityKey {
  // Number() is exactly how loose `==` compares a string with a number.
  const n = Number(s);
  if (n === n) return n;
  if (s === 'true') return 1;
  if (s === 'false') return 0;
  return s;
}

function safeString(value: unknown): string {
  try {
    return String(value);
  } catch {
    // e.g. an object without prototype
    return '[object Object]';
  }
}

/** The primary-map key of an id value. */
export function rowKeyOf(id: unknown): RowKey {
  if (typeof id === 'number' || typeof id === 'string') return id;
  if (id instanceof Date) return id.getTime();
  return safeString(id);
}

const CANONICAL_INT = /^(?:0|[1-9]\d{0,15})$/;

/**
 * The stable order of ids: numbers (and integer strings such as generated
 * string ids) ascending numerically, then other strings by code unit, as
 * LoopBack's memory connector lists its object keys.
 */
export function compareIds(a: unknown, b: unknown): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return compareIdsSlow(a, b);
}

function compareIdsSlow(a: unknown, b: unknown): number {
  const na = idNumber(a);
  const nb = idNumber(b);
  const aNum = na === na;
  const bNum = nb === nb;
  if (aNum && bNum) {
    if (na !== nb) return na - nb;
    // 5 before '5': keeps the order total when both forms exist
    const ta = typeof a === 'number' ? 0 : 1;
    const tb = typeof b === 'number' ? 0 : 1;
    return ta - tb;
  }
  if (aNum) return -1;
  if (bNum) return 1;
  const sa = typeof a === 'string' ? a : safeString(a);
  const sb = typeof b === 'string' ? b : safeString(b);
  return sa < sb ? -1 : sa > sb ? 1 : 0;
}

function idNumber(x: unknown): number {
  if (typeof x === 'number') return x;
  if (typeof x === 'string' && CANONICAL_INT.test(x)) return Number(x);
  if (x instanceof Date) return x.getTime();
  return NaN;
}
