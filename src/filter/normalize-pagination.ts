import {describeValue} from './describe-value';
import {InvalidFilterError} from './invalid-filter-error';

/** A number, or a numeric string as REST query strings carry it; NaN otherwise. */
function toNumber(value: unknown): number {
  if (typeof value === 'number') return value;
  if (typeof value === 'string' && value.trim() !== '') return Number(value);
  return NaN;
}

/**
 * Normalizes `limit`: a positive integer (or numeric string). `0`, `null`
 * and `undefined` mean "no limit" (undefined). Anything else fails with
 * `The limit parameter <json> is not valid`.
 */
export function normalizeLimit(limit: unknown): number | undefined {
  if (limit === undefined || limit === null) return undefined;
  const n = toNumber(limit);
  if (!Number.isSafeInteger(n) || n < 0) {
    throw new InvalidFilterError(`The limit parameter ${describeValue(limit)} is not valid`);
  }
  return n === 0 ? undefined : n;
}

/**
 * Normalizes `skip`/`offset` (synonyms; `skip` wins when both are given): a
 * non-negative integer (or numeric string); `0` gives undefined. Unlike
 * LoopBack, a skip without a limit does not imply `limit: 100`.
 */
export function normalizeSkip(skip: unknown, offset?: unknown): number | undefined {
  const s = checkOffset(skip);
  const o = checkOffset(offset);
  const n = s ?? o;
  return n === 0 ? undefined : n;
}

function checkOffset(value: unknown): number | undefined {
  if (value === undefined || value === null) return undefined;
  const n = toNumber(value);
  if (!Number.isSafeInteger(n) || n < 0) {
    throw new InvalidFilterError(`The offset/skip parameter ${describeValue(value)} is not valid`);
  }
  return n;
}
