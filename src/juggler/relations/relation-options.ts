import {AnyObject} from '../../common/types';
import type {JugglerRelationDefinition} from './relation-definition';

type AnyFunction = (this: unknown, ...args: unknown[]) => unknown;

const FILTER_KEYS = new Set(['where', 'include', 'order', 'limit', 'skip', 'offset', 'fields']);

function isEmptyWhere(where: unknown): boolean {
  return where == null || (typeof where === 'object' && Object.keys(where as object).length === 0);
}

/**
 * LoopBack 3's `mergeQuery(base, update)`: `where` AND-ed; `include` merged
 * (update's entries added); `fields`, `limit`, `skip`, `offset` taken from
 * `update`; `order` kept from `base` unless it has none. Returns a new filter.
 */
export function mergeQuery(base: AnyObject | undefined, update: AnyObject | undefined): AnyObject {
  const out: AnyObject = {...base};
  if (!update) return out;
  if (!isEmptyWhere(update.where)) {
    out.where = isEmptyWhere(out.where) ? update.where : {and: [out.where, update.where]};
  }
  if (update.include !== undefined) {
    if (out.include === undefined) out.include = update.include;
    else out.include = [...toArray(out.include), ...toArray(update.include)];
  }
  if (update.fields !== undefined) out.fields = update.fields;
  if (out.order === undefined && update.order !== undefined) out.order = update.order;
  for (const k of ['limit', 'skip', 'offset'] as const) if (update[k] !== undefined) out[k] = update[k];
  return out;
}

function toArray(x: unknown): unknown[] {
  return Array.isArray(x) ? x : [x];
}

/**
 * The relation's `scope` for one source instance: the object, or what the
 * function returns for `(instance, filter)`. A function result with no filter
 * keys is read as a where clause (LoopBack 3's documented example returns
 * `{type: inst.type}`, which juggler would silently ignore).
 */
export function resolveRelationScope(
  relation: Pick<JugglerRelationDefinition, 'scope'>, instance: AnyObject, filter?: AnyObject,
): AnyObject | undefined {
  const scope = relation.scope;
  if (scope == null) return undefined;
  const value = typeof scope === 'function' ? (scope as AnyFunction).call(relation, instance, filter ?? {}) : scope;
  if (value == null || typeof value !== 'object') return undefined;
  const keys = Object.keys(value as AnyObject);
  if (keys.length && !keys.some(k => FILTER_KEYS.has(k))) return {where: value};
  return value as AnyObject;
}

/** The caller's filter with the relation scope merged in (the scope is the update, as in LoopBack 3). */
export function applyRelationScope(
  relation: Pick<JugglerRelationDefinition, 'scope'>, instance: AnyObject, filter?: AnyObject,
): AnyObject | undefined {
  const scope = resolveRelationScope(relation, instance, filter);
  if (!scope) return filter;
  return mergeQuery(filter, scope);
}

/**
 * The simple equality values of a where clause (top level and `and`
 * branches): what LoopBack 3 copies onto data built or created through a
 * scope (`{where: {type: 'shoe'}}` → `{type: 'shoe'}`).
 */
export function scopeWhereValues(where: unknown): AnyObject {
  const out: AnyObject = {};
  if (!where || typeof where !== 'object') return out;
  for (const [k, v] of Object.entries(where as AnyObject)) {
    if (k === 'and' && Array.isArray(v)) {
      for (const branch of v) Object.assign(out, scopeWhereValues(branch));
    } else if (k !== 'or' && (v === null || typeof v !== 'object' || v instanceof Date)) {
      out[k] = v;
    }
  }
  return out;
}

/**
 * Applies the relation's `properties` option to target data built or created
 * through the relation: a mapping `{sourceProp: targetProp}`, a list of
 * names copied as they are, or a function `(source, target) => values`. With
 * `options.invertProperties`, values flow the other way (target → source)
 * and the source is returned changed.
 */
export function applyRelationProperties(
  relation: Pick<JugglerRelationDefinition, 'properties' | 'options'>, source: AnyObject, target: AnyObject,
): void {
  const props = relation.properties;
  if (props == null) return;
  const invert = !!relation.options?.invertProperties;
  if (typeof props === 'function') {
    const values = (props as AnyFunction).call(relation, source, target) as AnyObject | undefined;
    if (values && typeof values === 'object') Object.assign(invert ? source : target, values);
    return;
  }
  const mapping: AnyObject = Array.isArray(props)
    ? Object.fromEntries(props.map(p => [p, p]))
    : props;
  for (const [from, to] of Object.entries(mapping)) {
    if (invert) {
      if (target[to] !== undefined) source[from] = target[to];
    } else if (source[from] !== undefined) {
      target[to] = source[from];
    }
  }
}

/**
 * Adds the relation's `scopeMethods` (or legacy `methods`) to an accessor.
 * Each runs with `this` = the accessor (named after the relation, so
 * `this.name` is the relation name, and `this.find(…)` works); the remoting
 * metadata set on the function (`shared`, `accepts`, `returns`, `http`)
 * stays on it for the REST layer.
 */
export function installScopeMethods(
  accessor: AnyObject, methods: AnyObject | ((...args: unknown[]) => AnyObject) | undefined,
): void {
  if (!methods) return;
  const table = typeof methods === 'function' ? (methods as AnyFunction).call(accessor, accessor) : methods;
  if (!table || typeof table !== 'object') return;
  for (const [name, fn] of Object.entries(table as AnyObject)) {
    if (typeof fn !== 'function') continue;
    const bound = function (this: unknown, ...args: unknown[]) {
      return fn.apply(accessor, args);
    };
    for (const k of ['shared', 'accepts', 'returns', 'http', 'description'] as const) {
      if ((fn as AnyObject)[k] !== undefined) (bound as AnyObject)[k] = (fn as AnyObject)[k];
    }
    accessor[name] = bound;
  }
}

/** Names the accessor function after its relation (LoopBack 3's scope methods read `this.name`). */
export function nameAccessor(accessor: Function, relationName: string): void {
  Object.defineProperty(accessor, 'name', {value: relationName, configurable: true});
}
