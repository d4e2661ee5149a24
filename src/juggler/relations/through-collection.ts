import {withCallback} from '../../common/callback';
import {AnyObject, Options} from '../../common/types';
import {Inclusion} from '../../filter/types';
import {splitArgs} from '../callback-args';
import {cachedRelations} from '../persisted-model';
import {JugglerRelationDefinition} from './relation-definition';
import {RelationScopeError} from './relation-errors';
import {resolveRelationScope} from './relation-options';

/**
 * The call forms LoopBack 3 gives a to-many relation accessor
 * (`physician.patients(...)`), over `fetch(filter, options)`:
 * - `rel()` — synchronous read of the cached list (undefined until fetched);
 * - `rel(cb)`, `rel(false, [options], cb)` — the cached list, else fetched and cached;
 * - `rel(true, ...)` — fetched again and cached;
 * - `rel(filter, [options], [cb])` — fetched with the filter, not cached.
 * Every async form returns a promise and calls the callback when given.
 */
export function collectionAccessorCall(
  instance: AnyObject, name: string, args: unknown[],
  fetch: (filter: AnyObject | undefined, options: Options | undefined) => Promise<unknown[]>,
): unknown {
  const cache = cachedRelations(instance);
  if (args.length === 0) return cache[name];
  const {values: [condOrRefresh, options], cb} = splitArgs(args, 2);
  const filter = condOrRefresh !== null && typeof condOrRefresh === 'object' ? condOrRefresh as AnyObject : undefined;
  const refresh = condOrRefresh === true || filter !== undefined;
  const run = (async () => {
    if (!refresh && cache[name] !== undefined) return cache[name] as unknown[];
    const found = await fetch(filter, options as Options | undefined);
    if (!filter) cachedRelations(instance)[name] = found;
    return found;
  })();
  return withCallback(run, cb);
}

/** `rel.getAsync([filter], [options], [cb])`: LoopBack 3's (deprecated) promise form of `rel(...)`. */
export function getAsyncCall(call: (...args: unknown[]) => unknown, args: unknown[]): unknown {
  if (typeof args[0] === 'function') return call(true, ...args);
  if (args.length === 0) return call(false, undefined);
  return call(...args);
}

function sameId(a: unknown, b: unknown): boolean {
  return a === b || (a != null && b != null && String(a) === String(b));
}

/**
 * Puts `target` into the cached list of `name` (replacing the entry with its
 * id). Only an already loaded list changes: a partial list must not pass for
 * the whole relation.
 */
export function addToCache(instance: AnyObject, name: string, target: AnyObject, idName: string): void {
  const list = cachedRelations(instance)[name];
  if (!Array.isArray(list)) return;
  const i = list.findIndex(t => t && sameId((t as AnyObject)[idName], target[idName]));
  if (i >= 0) list[i] = target;
  else list.push(target);
}

/** Drops the entry with id `id` from the cached list of `name`. */
export function removeFromCache(instance: AnyObject, name: string, id: unknown, idName: string): void {
  const list = cachedRelations(instance)[name];
  if (!Array.isArray(list)) return;
  const i = list.findIndex(t => t && sameId((t as AnyObject)[idName], id));
  if (i >= 0) list.splice(i, 1);
}

/**
 * The relation scope to merge into an inclusion of the relation: LoopBack 3
 * calls a scope function with no instance there; one that fails on that is
 * reported naming the relation.
 */
export function includeScopeOf(relation: JugglerRelationDefinition, inclusion: Inclusion): AnyObject | undefined {
  try {
    return resolveRelationScope(relation, null, inclusion.scope as AnyObject | undefined);
  } catch (err) {
    throw new RelationScopeError(relation.name, relation.modelFrom.modelName, err);
  }
}
