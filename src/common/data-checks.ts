import {RelataError} from './errors';
import {AnyObject} from './types';

/** Model data that is not an object (or a list that is not an array). HTTP 400. */
export class InvalidDataError extends RelataError {
  constructor(message: string) {
    super(message, 'INVALID_DATA', 400);
  }
}

/** Returns `value` when it is an object that can hold model data, else throws `InvalidDataError`. */
export function requireDataObject(value: unknown, what: string): AnyObject {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new InvalidDataError(`${what} must be an object, got ${describe(value)}`);
  }
  return value as AnyObject;
}

/** Returns `value` when it is an array of data objects, else throws `InvalidDataError`. */
export function requireDataArray(value: unknown, what: string): AnyObject[] {
  if (!Array.isArray(value)) throw new InvalidDataError(`${what} must be an array of objects, got ${describe(value)}`);
  value.forEach((item, i) => requireDataObject(item, `${what}[${i}]`));
  return value;
}

/** Returns `id` unless it is `undefined` or `null`, which would match every row. HTTP 400. */
export function requireId<T>(id: T, modelName: string): T {
  if (id === undefined || id === null) {
    throw new RelataError(`Invalid Argument: id cannot be ${id} (model ${modelName})`, 'INVALID_ID', 400);
  }
  return id;
}

function describe(value: unknown): string {
  if (Array.isArray(value)) return 'an array';
  if (value === null) return 'null';
  return typeof value === 'string' ? `the string ${JSON.stringify(value)}` : typeof value;
}
