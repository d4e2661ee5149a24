import {AnyObject} from '../../common/types';
import {normalizeInclude} from '../../filter/normalize-include';
import type {JugglerRelationDefinition} from './relation-definition';

type AnyFunction = (this: unknown, ...args: unknown[]) => unknown;

const FILTER_KEYS = new Set(['where', 'include', 'order', 'limit', 'skip', 'offset', 'fields']);

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
export function mergeIncludes(base: unknown, update: unknown): AnyObject[] {
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
  const keys = Object.keys(value as AnyObject);
  if (keys.length && !keys.some(k => FILTER_KEYS.has(k))) return {where: value};
  return value as AnyObject;
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
 * scope (`{where: {type: 'shoe'}}` → `{type: 'shoe'}`). With `properties`
 * (the target model's), only declared properties are kept, as LoopBack 3 does.
 */
export function scopeWhereValues(where: unknown, properties?: {[name: string]: unknown}): AnyObject {
  const out: AnyObject = {};
  if (!where || typeof where !== 'object') return out;
  for (const [k, v] of Object.entries(where as AnyObject)) {
    if (k === 'and' && Array.isArray(v)) {
      for (const branch of v) Object.assign(out, scopeWhereValues(branch, properties));
    } else if (k !== 'or' && (v === null || typeof v !== 'object' || v instanceof Date)) {
      if (properties && !Object.prototype.hasOwnProperty.call(properties, k)) continue;
      out[k] = v;
    }
  }
  return out;
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

/**
 * Adds the relation's `scopeMethods` (or legacy `methods`) to an accessor.
 * Each runs with `this` = the accessor (named after the relation, so
 * `this.name` is the relation name, and `this.find(…)` works); the remoting
 * metadata set on the function (`shared`, `accepts`, `returns`, `http`)
 * stays on it for the REST layer.
 *
 * The function form is called as LoopBack 3 calls it, with `this` =
 * `relation` (the accessor when not given) and the accessor as the table of
 * methods: it may add methods to that table and return their names, or
 * return a table of methods. Returns the names of the methods added.
 */
export function installScopeMethods(
  accessor: AnyObject,
  methods: AnyObject | ((...args: unknown[]) => AnyObject) | undefined,
  relation?: object,
): string[] {
  if (!methods) return [];
  if (typeof methods === 'function') {
    const before = new Set(Object.keys(accessor));
    const result = (methods as AnyFunction).call(relation ?? accessor, accessor);
    if (Array.isArray(result)) return result.filter(n => typeof n === 'string') as string[];
    if (result && typeof result === 'object') return installMethodTable(accessor, result as AnyObject);
    return Object.keys(accessor).filter(k => !before.has(k) && typeof accessor[k] === 'function');
  }
  return installMethodTable(accessor, methods);
}

function installMethodTable(accessor: AnyObject, table: AnyObject): string[] {
  const names: string[] = [];
  for (const [name, fn] of Object.entries(table)) {
    if (typeof fn !== 'function') continue;
    const bound = function (this: unknown, ...args: unknown[]) {
      return fn.apply(accessor, args);
    };
    for (const k of ['shared', 'accepts', 'returns', 'http', 'description'] as const) {
      if ((fn as AnyObject)[k] !== undefined) (bound as AnyObject)[k] = (fn as AnyObject)[k];
    }
    accessor[name] = bound;
    names.push(name);
  }
  return names;
}

/** Names the accessor function after its relation (LoopBack 3's scope methods read `this.name`). */
export function nameAccessor(accessor: Function, relationName: string): void {
  Object.defineProperty(accessor, 'name', {value: relationName, configurable: true});
}
