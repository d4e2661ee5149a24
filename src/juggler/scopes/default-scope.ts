import {AnyObject} from '../../common/types';
import {mergeQuery, scopeWhereValues} from '../relations/relation-options';

/** What the default scope reads of a model class. */
interface ScopedModel extends Function {
  definition: {settings: AnyObject; properties: AnyObject};
}

/**
 * The model's default scope (model setting `scope`): the object, or what the
 * function returns for `(target, instance)`; `undefined` when there is none.
 *
 * ```js
 * ds.createModel('Product', {name: String, active: Boolean}, {scope: {where: {active: true}, order: 'name'}});
 * ```
 */
function defaultScopeOf(model: ScopedModel, target?: unknown, instance?: unknown): AnyObject | undefined {
  let scope = model.definition.settings.scope;
  if (typeof scope === 'function') scope = scope.call(model, target, instance);
  if (scope === null || typeof scope !== 'object' || Object.keys(scope).length === 0) return undefined;
  return scope as AnyObject;
}

/** True when the model has a default scope (queries and writes then go through it). */
export function hasDefaultScope(model: ScopedModel): boolean {
  return model.definition.settings.scope != null;
}

/**
 * A query with the default scope merged in as LoopBack 3 does (the query is
 * the base, the scope the update: wheres AND-ed, the scope's `limit`,
 * `skip` and `fields` win, the query's `order` wins).
 */
export function applyDefaultScope(model: ScopedModel, query: AnyObject | undefined): AnyObject {
  const scope = defaultScopeOf(model, query);
  if (!scope) return {...query};
  return mergeQuery(query, scope);
}

/** A where clause AND-ed with the default scope's where (count, updateAll, destroyAll). */
export function applyDefaultScopeWhere(model: ScopedModel, where: AnyObject | undefined): AnyObject | undefined {
  const scope = defaultScopeOf(model, {where});
  if (!scope || !scope.where) return where;
  return mergeQuery({where}, {where: scope.where}).where;
}

/**
 * Copies the default scope's simple where values (`{where: {type: 'shoe'}}`
 * → `type: 'shoe'`) onto data written through the model, for declared
 * properties only, as juggler's `applyProperties` does on create and update.
 */
export function applyDefaultScopeValues(model: ScopedModel, data: AnyObject, instance?: unknown): AnyObject {
  const scope = defaultScopeOf(model, data, instance);
  if (scope?.where) Object.assign(data, scopeWhereValues(scope.where, model.definition.properties));
  return data;
}
