import {ModelDefinition} from '../model/model-definition';
import {describeValue} from './describe-value';
import {InvalidFilterError} from './invalid-filter-error';
import {isPlainObject} from './plain-object';
import {resolveProperty} from './property-resolution';
import {Direction, OrderKey} from './types';

const WHITESPACE = /\s+/;

/**
 * Normalizes an `order` clause: a string or an array of strings, each string
 * holding one or more comma-separated items `prop`, `prop ASC` or `prop DESC`
 * (direction case-insensitive). Already-normalized `{property, direction}`
 * keys are accepted as well, so normalizing twice is harmless.
 *
 * @example
 * normalizeOrder('name desc, id') // [{property: 'name', direction: 'DESC'}, {property: 'id', direction: 'ASC'}]
 */
export function normalizeOrder(order: unknown, definition?: ModelDefinition): OrderKey[] | undefined {
  if (order === undefined || order === null) return undefined;
  const items: unknown[] = Array.isArray(order) ? order : [order];
  const keys: OrderKey[] = [];
  for (const item of items) {
    if (item === undefined) continue;
    if (typeof item === 'string') {
      for (const token of item.split(',')) parseToken(token.trim(), keys);
    } else if (isOrderKey(item)) {
      keys.push({property: item.property, direction: item.direction});
    } else {
      throw new InvalidFilterError(`The order ${describeValue(item)} is not valid`);
    }
  }
  for (const key of keys) {
    if (!resolveProperty(definition, key.property)) {
      throw new InvalidFilterError(
        `Property "${key.property}" used in the order clause is not defined in model "${definition!.name}"`);
    }
  }
  return keys.length ? keys : undefined;
}

function parseToken(token: string, keys: OrderKey[]): void {
  if (token === '') return;
  const parts = token.split(WHITESPACE);
  if (parts.length > 2) throw new InvalidFilterError(`The order ${describeValue(token)} is not valid`);
  let direction: Direction = 'ASC';
  if (parts.length === 2) {
    const dir = parts[1].toUpperCase();
    if (dir !== 'ASC' && dir !== 'DESC') {
      throw new InvalidFilterError(`The order ${describeValue(token)} has invalid direction`);
    }
    direction = dir;
  }
  keys.push({property: parts[0], direction});
}

function isOrderKey(item: unknown): item is OrderKey {
  return isPlainObject(item) && typeof item.property === 'string' && item.property !== '' &&
    (item.direction === 'ASC' || item.direction === 'DESC') && Object.keys(item).length === 2;
}
