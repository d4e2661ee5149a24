import {isPlainObject} from './plain-object';
import {statelessRegExp} from './regexp-value';

/** A compiled test of one stored value against one operand. */
export type ValueTest = (value: unknown) => boolean;

/** A compiled comparison of a stored value with an operand: <0, 0, >0, or NaN when incomparable. */
export type ValueCompare = (value: unknown) => number;

const objectToString = Object.prototype.toString;

/** The number a string operand stands for, or NaN when it is not numeric. */
function numericValue(s: string): number {
  return s.trim() === '' ? NaN : Number(s);
}

/**
 * Compiles equality with `example`, the memory-connector way: Dates by time,
 * numbers and numeric strings loosely (`'5'` equals `5`), `null` matching
 * null and missing values, plain objects and arrays structurally. A
 * one-element array example also equals its element (LoopBack's `{id: [1]}`).
 */
export function makeEqTest(example: unknown): ValueTest {
  if (example === null || example === undefined) return v => v === null || v === undefined;
  switch (typeof example) {
    case 'number': {
      const n = example;
      return v => typeof v === 'number' ? v === n
        : typeof v === 'string' ? v !== '' && +v === n
        : v instanceof Date ? v.getTime() === n
        : typeof v === 'bigint' ? Number(v) === n
        : false;
    }
    case 'string': {
      const s = example;
      const n = numericValue(s);
      const t = Number.isNaN(n) ? Date.parse(s) : NaN;
      return v => typeof v === 'string' ? v === s
        : typeof v === 'number' ? v === n
        : v instanceof Date ? v.getTime() === t
        : typeof v === 'boolean' ? s === (v ? 'true' : 'false')
        : typeof v === 'bigint' ? Number(v) === n
        : false;
    }
    case 'boolean': {
      const b = example;
      const text = b ? 'true' : 'false';
      return v => v === b || v === text;
    }
    case 'bigint': {
      const big = example;
      const n = Number(big);
      return v => v === big || (typeof v === 'number' && v === n) ||
        (typeof v === 'string' && v !== '' && +v === n);
    }
    default:
      break;
  }
  if (example instanceof Date) {
    const t = example.getTime();
    return v => v instanceof Date ? v.getTime() === t
      : typeof v === 'number' ? v === t
      : typeof v === 'string' ? Date.parse(v) === t
      : false;
  }
  if (example instanceof RegExp) return makeRegExpTest(example);
  if (Array.isArray(example)) {
    const arr = example;
    const single = arr.length === 1 ? makeEqTest(arr[0]) : undefined;
    return v => Array.isArray(v) ? deepEqual(arr, v) : single !== undefined && single(v);
  }
  if (isPlainObject(example)) return v => deepEqual(example, v);
  return makeOpaqueEqTest(example as object);
}

/** Equality with class instances (ObjectId, Buffer...): identity, `equals()`, or their string form. */
function makeOpaqueEqTest(example: object): ValueTest {
  const ex = example as {equals?: unknown; toString?: unknown; constructor?: unknown};
  const equals = typeof ex.equals === 'function' ? ex.equals as (o: unknown) => unknown : undefined;
  let text: string | undefined;
  if (typeof ex.toString === 'function' && ex.toString !== objectToString) {
    try {
      text = String(example);
    } catch {
      text = undefined;
    }
  }
  return v => {
    if (v === example) return true;
    if (typeof v === 'string') return v === text;
    if (v === null || typeof v !== 'object') return false;
    if (equals !== undefined && (v as {constructor?: unknown}).constructor === ex.constructor) {
      try {
        return Boolean(equals.call(example, v));
      } catch {
        return false;
      }
    }
    return false;
  };
}

/** Structural equality of plain data (primitives, Dates, arrays, plain objects). */
export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return false;
  if (a instanceof Date) return b instanceof Date && a.getTime() === b.getTime();
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!deepEqual(a[i], b[i])) return false;
    return true;
  }
  if (!isPlainObject(a) || !isPlainObject(b)) return false;
  const ka = Object.keys(a);
  if (ka.length !== Object.keys(b).length) return false;
  for (const k of ka) {
    if (!Object.prototype.hasOwnProperty.call(b, k) || !deepEqual(a[k], b[k])) return false;
  }
  return true;
}

/**
 * Compiles the comparison used by gt/gte/lt/lte/between: numbers
 * numerically (numeric strings included), strings by code unit, Dates by
 * time, booleans false < true. `null`/missing and mismatched types give NaN,
 * so they never match.
 */
export function makeCompare(example: unknown): ValueCompare {
  switch (typeof example) {
    case 'number': {
      const n = example;
      return v => typeof v === 'number' ? v - n
        : typeof v === 'string' ? (v === '' ? NaN : +v - n)
        : v instanceof Date ? v.getTime() - n
        : typeof v === 'bigint' ? Number(v) - n
        : NaN;
    }
    case 'string': {
      const s = example;
      const n = numericValue(s);
      const t = Date.parse(s);
      return v => typeof v === 'string' ? (v < s ? -1 : v > s ? 1 : 0)
        : typeof v === 'number' ? v - n
        : v instanceof Date ? v.getTime() - t
        : NaN;
    }
    case 'boolean': {
      const b = example ? 1 : 0;
      return v => typeof v === 'boolean' ? (v ? 1 : 0) - b : NaN;
    }
    case 'bigint': {
      const n = Number(example);
      return v => typeof v === 'number' || typeof v === 'bigint' ? Number(v) - n : NaN;
    }
    default:
      break;
  }
  if (example instanceof Date) {
    const t = example.getTime();
    return v => v instanceof Date ? v.getTime() - t
      : typeof v === 'number' ? v - t
      : typeof v === 'string' ? Date.parse(v) - t
      : NaN;
  }
  return () => NaN;
}

/**
 * Compiles membership in `list` (inq/nin) with the equality of
 * {@link makeEqTest}; numbers, strings and Dates are looked up in Sets so
 * long lists cost O(1) per value.
 */
export function makeInTest(list: readonly unknown[]): ValueTest {
  const nums = new Set<number>();
  const strs = new Set<string>();
  const times = new Set<number>();
  const others: ValueTest[] = [];
  let matchesNull = false;
  for (const item of list) {
    if (item === null || item === undefined) {
      matchesNull = true;
    } else if (typeof item === 'number') {
      // Numeric strings are matched through `nums` below, so no string copy is kept.
      nums.add(item);
    } else if (typeof item === 'string') {
      strs.add(item);
      const n = numericValue(item);
      if (!Number.isNaN(n)) nums.add(n);
      else {
        const t = Date.parse(item);
        if (!Number.isNaN(t)) times.add(t);
      }
    } else if (item instanceof Date) {
      times.add(item.getTime());
      nums.add(item.getTime());
    } else {
      others.push(makeEqTest(item));
    }
  }
  const checkOthers = (v: unknown): boolean => {
    for (let i = 0; i < others.length; i++) if (others[i](v)) return true;
    return false;
  };
  return v => {
    if (v === null || v === undefined) return matchesNull;
    if (typeof v === 'number') return nums.has(v) || checkOthers(v);
    if (typeof v === 'string') {
      return strs.has(v) || (nums.size > 0 && v !== '' && nums.has(+v)) || checkOthers(v);
    }
    if (v instanceof Date) {
      const t = v.getTime();
      return times.has(t) || nums.has(t) || checkOthers(v);
    }
    return checkOthers(v);
  };
}

/** Compiles a RegExp test on string values (non-strings never match). */
export function makeRegExpTest(re: RegExp): ValueTest {
  const r = statelessRegExp(re);
  return v => typeof v === 'string' && r.test(v);
}
