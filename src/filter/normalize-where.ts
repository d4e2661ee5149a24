import {AnyObject} from '../common/types';
import {ModelDefinition} from '../model/model-definition';
import {PropertyKind} from '../model/property-definition';
import {coerceValue} from './coerce-value';
import {describeValue} from './describe-value';
import {InvalidFilterError} from './invalid-filter-error';
import {isPlainObject} from './plain-object';
import {resolveProperty, ResolvedProperty} from './property-resolution';
import {assertQueryShape} from './query-shape';
import {toRegExpValue} from './regexp-value';
import {toSequentialArray} from './sequential-array';

/** Operators allowed inside a property clause (`{age: {gt: 3}}`). */
export const PROPERTY_OPERATORS: ReadonlySet<string> = new Set([
  'eq', 'neq', 'gt', 'gte', 'lt', 'lte', 'inq', 'nin', 'between', 'exists',
  'like', 'nlike', 'ilike', 'nilike', 'regexp',
]);

const CLAUSE_KEYS: ReadonlySet<string> = new Set([...PROPERTY_OPERATORS, 'options']);
const OBJECT_KINDS: ReadonlySet<PropertyKind> = new Set<PropertyKind>(['object', 'array', 'any']);

/**
 * Validates a where clause and returns a normalized copy (the input is never
 * changed): values coerced to the property kinds, `{p: {eq: v}}` rewritten
 * to `{p: v}`, `{p: /re/}` to `{p: {regexp: /re/}}`, regexp strings compiled,
 * qs-style `{"0": .., "1": ..}` lists turned into arrays, `undefined` values
 * dropped. `null`/`undefined` give `undefined` (no condition).
 *
 * With a strict model definition, keys that are not declared properties
 * fail with `INVALID_FILTER` (400).
 *
 * @example
 * normalizeWhere({age: {gt: '30'}, name: {eq: 'x'}}, def)
 * // => {age: {gt: 30}, name: 'x'}
 */
export function normalizeWhere(where: unknown, definition?: ModelDefinition): AnyObject | undefined {
  if (where === undefined || where === null) return undefined;
  assertWhereObject(where);
  assertQueryShape(where);
  return normalizeWhereObject(where, definition);
}

/**
 * {@link normalizeWhere} for a where that sits in an already shape-checked
 * query (no second walk for cycles and depth).
 * @internal
 */
export function normalizeCheckedWhere(where: unknown, definition?: ModelDefinition): AnyObject | undefined {
  if (where === undefined || where === null) return undefined;
  assertWhereObject(where);
  return normalizeWhereObject(where, definition);
}

function assertWhereObject(where: unknown): asserts where is AnyObject {
  if (typeof where !== 'object' || where === null || Array.isArray(where)) {
    throw new InvalidFilterError(`The where clause ${describeValue(where)} is not an object`);
  }
}

function normalizeWhereObject(where: AnyObject, definition: ModelDefinition | undefined): AnyObject {
  const keys = Object.keys(where);
  assertNoExtendedOperators(keys);
  const out: AnyObject = {};
  for (const key of keys) {
    const value = where[key];
    if (value === undefined) continue;
    if (key === 'and' || key === 'or') {
      out[key] = normalizeClauses(key, value, definition);
      continue;
    }
    const prop = resolveProperty(definition, key);
    if (!prop) {
      throw new InvalidFilterError(
        `Property "${key}" used in the where clause is not defined in model "${definition!.name}"`);
    }
    const normalized = normalizePropertyClause(key, value, prop);
    if (normalized !== undefined) out[key] = normalized;
  }
  return out;
}

function assertNoExtendedOperators(keys: string[]): void {
  let found: string[] | undefined;
  for (const k of keys) {
    if (k.charCodeAt(0) === 36 /* $ */) (found ??= []).push(k);
  }
  if (!found) return;
  const err = new InvalidFilterError(
    `Operators "${found.join(', ')}" are not allowed in query`, 'OPERATOR_NOT_ALLOWED_IN_QUERY');
  err.details = {operators: found};
  throw err;
}

function normalizeClauses(op: string, value: unknown, definition: ModelDefinition | undefined): AnyObject[] {
  const clauses = toSequentialArray(value);
  if (typeof clauses === 'string') {
    throw new InvalidFilterError(
      `The ${op} operator has invalid clauses ${describeValue(value)}: ${clauses}`);
  }
  const out: AnyObject[] = [];
  for (const clause of clauses) {
    if (clause === undefined) continue;
    assertWhereObject(clause);
    out.push(normalizeWhereObject(clause, definition));
  }
  return out;
}

function invalidClause(property: string, clause: unknown, reason: string): InvalidFilterError {
  return new InvalidFilterError(
    `The ${property} property has invalid clause ${describeValue(clause)}: ${reason}`);
}

/** Returns the normalized clause, or undefined when it must be dropped. */
function normalizePropertyClause(property: string, value: unknown, prop: ResolvedProperty): unknown {
  if (value === null) return null;
  if (value instanceof RegExp) return {regexp: value};
  if (typeof value === 'function' || typeof value === 'symbol') {
    throw invalidClause(property, value, 'Unsupported value');
  }
  if (isPlainObject(value)) return normalizeOperatorClause(property, value, prop);
  if (Array.isArray(value)) return coerceList(property, value, value, prop);
  return coerceScalar(property, value, value, prop);
}

/** The kind a single value of the property is coerced to (items for arrays). */
function scalarKind(prop: ResolvedProperty): PropertyKind {
  return prop.kind === 'array' ? prop.itemKind : prop.kind;
}

function coerceScalar(property: string, value: unknown, clause: unknown, prop: ResolvedProperty): unknown {
  return coerceValue(value, scalarKind(prop), property, clause);
}

function coerceList(property: string, list: unknown[], clause: unknown, prop: ResolvedProperty): unknown[] {
  const kind = scalarKind(prop);
  const out: unknown[] = [];
  for (const item of list) {
    if (item === undefined) continue;
    out.push(item instanceof RegExp ? item : coerceValue(item, kind, property, clause));
  }
  return out;
}

function normalizeOperatorClause(property: string, clause: AnyObject, prop: ResolvedProperty): unknown {
  const keys = Object.keys(clause);
  assertNoExtendedOperators(keys);
  let hasOperator = false;
  for (const k of keys) {
    if (PROPERTY_OPERATORS.has(k)) {
      hasOperator = true;
      break;
    }
  }
  if (!hasOperator) {
    // A plain object compared as a whole: only meaningful for object-like properties.
    if (prop.declared && OBJECT_KINDS.has(prop.kind)) return clause;
    const unknown = keys.find(k => !CLAUSE_KEYS.has(k));
    throw invalidClause(property, clause,
      unknown === undefined ? 'Expected an operator' : `Unknown operator "${unknown}"`);
  }
  const out: AnyObject = {};
  let count = 0;
  for (const op of keys) {
    if (!CLAUSE_KEYS.has(op)) throw invalidClause(property, clause, `Unknown operator "${op}"`);
    const operand = clause[op];
    if (operand === undefined) continue;
    out[op] = normalizeOperand(property, op, operand, clause, prop);
    count++;
  }
  if (count === 0) return undefined;
  if (count === 1 && 'eq' in out) {
    const eq = out.eq;
    // Objects and RegExps stay under `eq`, or they would read as clauses.
    if (!isPlainObject(eq) && !(eq instanceof RegExp)) return eq;
  }
  if ('options' in out && count === 1) throw invalidClause(property, clause, 'Expected an operator');
  return out;
}

function normalizeOperand(
  property: string, op: string, operand: unknown, clause: AnyObject, prop: ResolvedProperty,
): unknown {
  switch (op) {
    case 'inq':
    case 'nin':
    case 'between': {
      const list = toSequentialArray(operand);
      if (typeof list === 'string') throw invalidClause(property, clause, list);
      const values = coerceList(property, list, clause, prop);
      if (op === 'between' && values.length !== 2) {
        throw invalidClause(property, clause, `Expected precisely 2 values, received ${values.length}`);
      }
      return values;
    }
    case 'like':
    case 'nlike':
    case 'ilike':
    case 'nilike':
      if (typeof operand !== 'string' && !(operand instanceof RegExp)) {
        throw invalidClause(property, clause, 'Expected a string or RegExp');
      }
      return operand;
    case 'regexp':
      return toRegExpValue(operand, property, clause);
    case 'exists':
      if (operand === true || operand === 'true') return true;
      if (operand === false || operand === 'false') return false;
      throw invalidClause(property, clause, 'Expected a boolean');
    case 'options':
      if (typeof operand !== 'string') throw invalidClause(property, clause, 'Expected options to be a string');
      return operand;
    default:
      // eq neq gt gte lt lte
      if (operand === null) return null;
      if (typeof operand === 'function' || typeof operand === 'symbol') {
        throw invalidClause(property, clause, 'Unsupported value');
      }
      if (Array.isArray(operand)) return coerceList(property, operand, clause, prop);
      if (operand instanceof RegExp) return operand;
      return coerceScalar(property, operand, clause, prop);
  }
}
