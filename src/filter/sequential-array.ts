import {isPlainObject} from './plain-object';

/** Why {@link toSequentialArray} refused a value. */
export const NOT_AN_ARRAY = 'Value is not an array or object with sequential numeric indices';
export const EMPTY_OBJECT = 'Value is an empty object';

/**
 * An array, or the array a query-string parser meant by `{"0": a, "1": b}`
 * (qs turns indices above 20 into object keys). Returns the reason as a
 * string when the value is neither.
 */
export function toSequentialArray(value: unknown): unknown[] | string {
  if (Array.isArray(value)) return value;
  if (!isPlainObject(value)) return NOT_AN_ARRAY;
  const keys = Object.keys(value);
  if (keys.length === 0) return EMPTY_OBJECT;
  const out = new Array<unknown>(keys.length);
  for (let i = 0; i < keys.length; i++) {
    const k = String(i);
    if (!Object.prototype.hasOwnProperty.call(value, k)) return NOT_AN_ARRAY;
    out[i] = value[k];
  }
  return out;
}
