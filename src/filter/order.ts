import {AnyObject} from '../common/types';
import {OrderKey} from './types';

/** A comparator of records, for `Array.prototype.sort`. */
export type RecordComparator = (a: AnyObject, b: AnyObject) => number;

/**
 * Compiles a multi-key comparator. Missing (`undefined`/`null`) values sort
 * before all others in ASC and after them in DESC; Dates compare by time,
 * numbers numerically, strings by code unit, booleans false before true;
 * values of different types by a fixed type rank (boolean < number <
 * string < Date < other). Ties return 0, so the (stable) sort keeps input
 * order. Dotted properties read nested objects.
 *
 * @example
 * rows.sort(compareByOrder([{property: 'name', direction: 'ASC'}, {property: 'id', direction: 'DESC'}]));
 */
export function compareByOrder(order: OrderKey[]): RecordComparator {
  const keys = order.map(k => keyComparator(k.property, k.direction === 'DESC'));
  switch (keys.length) {
    case 0: return () => 0;
    case 1: return keys[0];
    case 2: {
      const [first, second] = keys;
      return (a, b) => first(a, b) || second(a, b);
    }
    default:
      return (a, b) => {
        for (let i = 0; i < keys.length; i++) {
          const c = keys[i](a, b);
          if (c !== 0) return c;
        }
        return 0;
      };
  }
}

function keyComparator(property: string, descending: boolean): RecordComparator {
  if (!property.includes('.')) {
    return descending
      ? (a, b) => compareValues(b[property], a[property])
      : (a, b) => compareValues(a[property], b[property]);
  }
  const get = makeGetter(property);
  return descending
    ? (a, b) => compareValues(get(b), get(a))
    : (a, b) => compareValues(get(a), get(b));
}

function makeGetter(property: string): (r: AnyObject) => unknown {
  const segs = property.split('.');
  return r => {
    let v: unknown = r;
    for (let i = 0; i < segs.length; i++) {
      if (v === null || typeof v !== 'object') return undefined;
      v = (v as AnyObject)[segs[i]];
    }
    return v;
  };
}

function rank(v: unknown): number {
  switch (typeof v) {
    case 'boolean': return 1;
    case 'number':
    case 'bigint': return 2;
    case 'string': return 3;
    default: return v instanceof Date ? 4 : 5;
  }
}

/** Ascending comparison of two sort values (see {@link compareByOrder}). */
export function compareValues(a: unknown, b: unknown): number {
  if (typeof a === 'number' && typeof b === 'number' && a === a && b === b) return a < b ? -1 : a > b ? 1 : 0;
  const aMissing = a === undefined || a === null;
  const bMissing = b === undefined || b === null;
  if (aMissing || bMissing) return aMissing === bMissing ? 0 : aMissing ? -1 : 1;
  const ta = typeof a;
  if (ta === typeof b) {
    if (ta === 'number') {
      const x = a as number;
      const y = b as number;
      if (x < y) return -1;
      if (x > y) return 1;
      // NaN sorts before every number, like a missing value
      const xn = x !== x;
      const yn = y !== y;
      return xn === yn ? 0 : xn ? -1 : 1;
    }
    if (ta === 'string' || ta === 'bigint') {
      return (a as string) < (b as string) ? -1 : (a as string) > (b as string) ? 1 : 0;
    }
    if (ta === 'boolean') return a === b ? 0 : a ? 1 : -1;
  }
  if (a instanceof Date && b instanceof Date) {
    const x = a.getTime();
    const y = b.getTime();
    return x < y ? -1 : x > y ? 1 : 0;
  }
  const ra = rank(a);
  const rb = rank(b);
  return ra < rb ? -1 : ra > rb ? 1 : 0;
}
