import {PropertyKind} from '../model/property-definition';
import {describeValue} from './describe-value';
import {InvalidFilterError} from './invalid-filter-error';

/**
 * Coerces one where value to a property kind, the way REST input needs it:
 * numeric strings to numbers, `'true'/'false'/'1'/'0'` to booleans, strings
 * and epoch numbers to Dates, numbers to strings for string properties.
 * `null`/`undefined` and kinds without coercion (object, array, any, buffer)
 * pass unchanged. `clause` (the whole clause of the property) and `property`
 * only serve the error message.
 */
export function coerceValue(value: unknown, kind: PropertyKind, property: string, clause: unknown): unknown {
  if (value === null || value === undefined) return value;
  switch (kind) {
    case 'number':
      return toNumber(value, property, clause);
    case 'string':
      return typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint'
        ? String(value) : value;
    case 'boolean':
      return toBoolean(value, property, clause);
    case 'date':
      return toDate(value);
    default:
      return value;
  }
}

function invalid(property: string, clause: unknown, reason: string): InvalidFilterError {
  return new InvalidFilterError(
    `The ${property} property has invalid clause ${describeValue(clause)}: ${reason}`);
}

function toNumber(value: unknown, property: string, clause: unknown): unknown {
  if (typeof value === 'number' || typeof value === 'bigint') return value;
  if (typeof value === 'string' && value.trim() !== '') {
    const n = Number(value);
    if (!Number.isNaN(n)) return n;
  }
  throw invalid(property, clause, `${describeValue(value)} is not a number`);
}

function toBoolean(value: unknown, property: string, clause: unknown): boolean {
  if (typeof value === 'boolean') return value;
  if (value === 'true' || value === '1' || value === 1) return true;
  if (value === 'false' || value === '0' || value === 0) return false;
  throw invalid(property, clause, `${describeValue(value)} is not a boolean`);
}

function toDate(value: unknown): Date {
  let date: Date | undefined;
  if (value instanceof Date) date = value;
  else if (typeof value === 'string' || typeof value === 'number') date = new Date(value);
  if (date === undefined || Number.isNaN(date.getTime())) {
    const shown = typeof value === 'string' || typeof value === 'number' ? String(value)
      : value instanceof Date ? 'Invalid Date' : describeValue(value);
    throw new InvalidFilterError(`Invalid date: ${shown}`);
  }
  return date;
}
