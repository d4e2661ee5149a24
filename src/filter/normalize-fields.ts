import {ModelDefinition} from '../model/model-definition';
import {describeValue} from './describe-value';
import {InvalidFilterError} from './invalid-filter-error';
import {isPlainObject} from './plain-object';
import {isStrictModel} from './property-resolution';

/**
 * Normalizes a `fields` clause to the list of selected property names, or
 * undefined for "all properties".
 *
 * - `['a', 'b']` or `'a'`: those properties; `[]`, `''` and `{}`: all.
 * - `{a: true, b: true}`: the keys with a true value.
 * - `{secret: false}` (no true value): every declared property except those.
 *
 * The strings `'false'` and `'0'` count as false (query strings carry no
 * booleans). On a strict model, unknown names fail with `INVALID_FILTER`.
 */
export function normalizeFields(fields: unknown, definition?: ModelDefinition): string[] | undefined {
  if (fields === undefined || fields === null || fields === '') return undefined;
  let names: string[];
  if (typeof fields === 'string') {
    names = [fields];
  } else if (Array.isArray(fields)) {
    names = [];
    for (const f of fields) {
      if (f === undefined) continue;
      if (typeof f !== 'string') throw notValid(fields);
      names.push(f);
    }
    if (names.length === 0) return undefined;
  } else if (isPlainObject(fields)) {
    const included: string[] = [];
    const excluded: string[] = [];
    for (const k of Object.keys(fields)) {
      const v = fields[k];
      if (v === undefined) continue;
      (isSelected(v) ? included : excluded).push(k);
    }
    if (included.length) {
      names = included;
    } else if (excluded.length) {
      if (!definition) {
        throw new InvalidFilterError(
          `The fields ${describeValue(fields)} exclude properties, which needs the model definition`);
      }
      assertKnown(excluded, definition);
      names = Object.keys(definition.properties).filter(p => !excluded.includes(p));
      return names;
    } else {
      return undefined;
    }
  } else {
    throw notValid(fields);
  }
  names = [...new Set(names)];
  if (definition) assertKnown(names, definition);
  return names;
}

function isSelected(v: unknown): boolean {
  return Boolean(v) && v !== 'false' && v !== '0';
}

function notValid(fields: unknown): InvalidFilterError {
  return new InvalidFilterError(`The fields ${describeValue(fields)} is not valid`);
}

function assertKnown(names: string[], definition: ModelDefinition): void {
  if (!isStrictModel(definition)) return;
  const props = definition.properties;
  const unknown = names.filter(n => !Object.prototype.hasOwnProperty.call(props, n));
  if (unknown.length === 0) return;
  const list = unknown.map(n => `"${n}"`).join(', ');
  throw new InvalidFilterError(unknown.length === 1
    ? `Property ${list} used in the fields clause is not defined in model "${definition.name}"`
    : `Properties ${list} used in the fields clause are not defined in model "${definition.name}"`);
}
