import {AnyObject} from '../../common/types';
import {normalizeInclude} from '../../filter/normalize-include';
import {requireObjectArgument} from '../argument-checks';
import {instanceData, PersistedModel} from '../persisted-model';
import type {JugglerRelationDefinition} from './relation-definition';
import {RelationScopeError} from './relation-errors';

type AnyFunction = (this: unknown, ...args: unknown[]) => unknown;

/** The keys of a LoopBack filter (an object with none of them is not a filter). */
export const FILTER_KEYS: ReadonlySet<string> = new Set(['where', 'include', 'order', 'limit', 'skip', 'offset', 'fields']);

/** True when `value` is an object with at least one filter key. */
export function hasFilterKeys(value: object): boolean {
  return Object.keys(value).some(k => FILTER_KEYS.has(k));
}

function isEmptyWhere(where: unknown): boolean {
  return where == null || (typeof where === 'object' && Object.keys(where as object).length === 0);
}

/**
 * LoopBack 3's `mergeQuery(base, update)`: `where` AND-ed; `include` merged
 * by relation name (an entry of `update` replaces `base`'s entry of the same
 * relation); `fields`, `limit`, `skip`, `offset` taken from `update`;
 * `order` kept from `base` unless it has none. Returns a new filter.
 */
export function mergeQuery(base: AnyObject | undefined, update: AnyObject | undefined): AnyObject {
  const out: AnyObject = {...base};
  if (!update) return out;
  if (!isEmptyWhere(update.where)) {
    out.where = isEmptyWhere(out.where) ? update.where : {and: [out.where, update.where]};
  }
  if (update.include !== undefined && update.include !== null) {
    out.include = out.include === undefined || out.include === null
      ? update.include
      : mergeIncludes(out.include, update.include);
  }
  if (update.fields !== undefined) out.fields = update.fields;
  if (out.order === undefined && update.order !== undefined) out.order = update.order;
  for (const k of ['limit', 'skip', 'offset'] as const) if (update[k] !== undefined) out[k] = update[k];
  return out;
}

/**
 * Two include clauses as one list of `{relation, scope}` entries: `update`'s
 * entry wins for a relation both name (as LoopBack 3's `mergeIncludes`).
 */
function mergeIncludes(base: unknown, update: unknown): AnyObject[] {
  const byName = new Map<string, AnyObject>();
  for (const entry of [...(normalizeInclude(base) ?? []), ...(normalizeInclude(update) ?? [])]) {
    byName.set(entry.relation, entry as AnyObject);
  }
  return [...byName.values()];
}

/**
 * The relation's `scope` for one source instance: the object, or what the
 * function returns for `(instance, filter)`. A function result with no filter
 * keys is read as a where clause (LoopBack 3's documented example returns
 * `{type: inst.type}`, which juggler would silently ignore).
 */
export function resolveRelationScope(
  relation: Pick<JugglerRelationDefinition, 'scope'>, instance: AnyObject | null, filter?: AnyObject,
): AnyObject | undefined {
  const scope = relation.scope;
  if (scope == null) return undefined;
  const value = typeof scope === 'function' ? (scope as AnyFunction).call(relation, instance, filter ?? {}) : scope;
  if (value == null || typeof value !== 'object') return undefined;
  if (Object.keys(value).length && !hasFilterKeys(value)) return {where: value};
  return value as AnyObject;
}

/**
 * The relation scope for an include of the relation (the inclusion's own
 * `scope` as the filter): LoopBack 3 calls a scope function with no
 * instance there; one that fails on that is reported naming the relation.
 */
export function resolveIncludeScope(relation: JugglerRelationDefinition, scope: AnyObject | undefined): AnyObject | undefined {
  try {
    return resolveRelationScope(relation, null, scope ?? {});
  } catch (err) {
    throw new RelationScopeError(relation.name, relation.modelFrom.modelName, err);
  }
}

/** The caller's filter with the relation scope merged in (the scope is the update, as in LoopBack 3). */
export function applyRelationScope(
  relation: Pick<JugglerRelationDefinition, 'scope'>, instance: AnyObject | null, filter?: AnyObject,
): AnyObject | undefined {
  const scope = resolveRelationScope(relation, instance, filter);
  if (!scope) return filter;
  return mergeQuery(filter, scope);
}

/**
 * The simple equality values of a where clause (top level and `and`
 * branches): what LoopBack 3 copies onto data built or created through a
 * scope, relation or default (`{where: {type: 'shoe'}}` → `{type: 'shoe'}`).
 * Operators, `or` branches, `null` and `undefined` are not values. With
 * `properties` (the target model's), only declared properties are kept, as
 * LoopBack 3 does.
 */
export function scopeWhereValues(where: unknown, properties?: {[name: string]: unknown}): AnyObject {
  const out: AnyObject = {};
  if (!where || typeof where !== 'object') return out;
  for (const [k, v] of Object.entries(where as AnyObject)) {
    if (k === 'and' && Array.isArray(v)) {
      for (const branch of v) Object.assign(out, scopeWhereValues(branch, properties));
    } else if (k !== 'or' && v !== undefined && (typeof v !== 'object' || v instanceof Date)) {
      if (properties && !Object.prototype.hasOwnProperty.call(properties, k)) continue;
      out[k] = v;
    }
  }
  return out;
}

/** The non-empty where clauses given, AND-ed (`{}` for none, the clause itself for one). */
export function andWhere(...clauses: unknown[]): AnyObject {
  const list = clauses.filter(c => !isEmptyWhere(c)) as AnyObject[];
  if (list.length === 0) return {};
  return list.length === 1 ? list[0] : {and: list};
}

/**
 * Data given to a relation method as plain data (a fresh object): a model
 * instance's stored data, a copy of an object, `{}` for none; anything else
 * is a 400 `INVALID_DATA`.
 */
export function toPlainData(data: unknown, method = 'relation method'): AnyObject {
  if (data instanceof PersistedModel) return instanceData(data);
  if (data == null) return {};
  return {...requireObjectArgument(data, 'data', method)};
}

/** How errors name a relation's methods: `Customer.orders`. */
export function relationLabel(relation: Pick<JugglerRelationDefinition, 'name' | 'modelFrom'>): string {
  return `${relation.modelFrom.modelName}.${relation.name}`;
}

/**
 * Target data built or created through a relation: the caller's data, then
 * the simple values of the relation scope's where for `instance`.
 */
export function scopedTargetData(relation: JugglerRelationDefinition, instance: AnyObject, data: unknown): AnyObject {
  const payload = toPlainData(data, relationLabel(relation));
  const scope = resolveRelationScope(relation, instance, {});
  if (scope?.where && relation.modelTo) {
    Object.assign(payload, scopeWhereValues(scope.where, relation.modelTo.definition.properties));
  }
  return payload;
}

/**
 * Target data for `build`/`create` through a relation, in LoopBack 3's
 * order: the caller's data, the simple values of the relation scope's
 * where, the keys (`constraint`: foreign key, discriminator), then the
 * relation's `properties`.
 */
export function relationPayload(
  relation: JugglerRelationDefinition, instance: AnyObject, data: unknown, constraint: AnyObject,
): AnyObject {
  const payload = scopedTargetData(relation, instance, data);
  Object.assign(payload, constraint);
  applyRelationProperties(relation, instance, payload);
  return payload;
}

/**
 * Applies the relation's `properties` option to target data built or created
 * through the relation: a mapping `{sourceProp: targetProp}`, a list of
 * names copied as they are, or a function `(source, target) => values`
 * (run with `this` = the relation). With `options.invertProperties` the
 * roles swap, as LoopBack 3 reads them: the target is the source of the
 * values and the instance receives them. Undefined values are not copied.
 */
export function applyRelationProperties(
  relation: Pick<JugglerRelationDefinition, 'properties' | 'options'>, source: AnyObject, target: AnyObject,
): void {
  const props = relation.properties;
  if (props == null) return;
  const invert = !!relation.options?.invertProperties;
  const from = invert ? target : source;
  const to = invert ? source : target;
  if (typeof props === 'function') {
    const values = (props as AnyFunction).call(relation, from, to) as AnyObject | undefined;
    if (values && typeof values === 'object') {
      for (const [k, v] of Object.entries(values)) if (v !== undefined) to[k] = v;
    }
    return;
  }
  const mapping: AnyObject = Array.isArray(props)
    ? Object.fromEntries(props.map(p => [p, p]))
    : props;
  for (const [fromKey, toKey] of Object.entries(mapping)) {
    if (from[fromKey] !== undefined) to[toKey as string] = from[fromKey];
  }
}
