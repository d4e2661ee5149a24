import {withCallback} from '../../common/callback';
import {AnyObject, Options} from '../../common/types';
import {getterArgument, requireFilterObject} from '../argument-checks';
import {callbackOrPromise, splitArgs} from '../callback-args';
import {cachedRelations, PersistedModel} from '../persisted-model';
import {sameKey} from './key-properties';
import {finishAccessor} from './relation-accessor';
import {relationLabel} from './relation-options';
import {JugglerRelationDefinition} from './relation-definition';

/**
 * What the to-many relation accessors (hasMany, hasMany through,
 * referencesMany) share: LoopBack 3's call forms and the cached list.
 */

/** Loads the targets of one instance through a filter (the relation scope and constraint applied). */
export type FetchTargets = (filter: AnyObject | undefined, options: Options | undefined) => Promise<PersistedModel[]>;

/**
 * The call forms LoopBack 3 gives a to-many relation accessor
 * (`customer.orders(...)`), over `fetch(filter, options)`:
 * - `rel()` — synchronous read of the cached list (undefined until fetched);
 * - `rel(cb)`, `rel(false, [options], cb)` — the cached list, else fetched and cached;
 * - `rel(true, ...)` — fetched again and cached;
 * - `rel(filter, [options], [cb])` — fetched with the filter, not cached.
 * Every async form returns a promise and calls the callback when given.
 */
export function collectionAccessorCall(
  instance: AnyObject, relation: JugglerRelationDefinition, args: unknown[], fetch: FetchTargets,
): unknown {
  const {name} = relation;
  if (args.length === 0) return cachedRelations(instance)[name];
  const {values: [condOrRefresh, options], cb} = splitArgs<unknown[]>(args, 2);
  const run = (async () => {
    const {refresh, filter} = getterArgument(condOrRefresh, relationLabel(relation));
    const cached = cachedRelations(instance)[name];
    if (!refresh && cached !== undefined) return cached as PersistedModel[];
    const found = await fetch(filter, options as Options | undefined);
    if (!filter) cachedRelations(instance)[name] = found;
    return found;
  })();
  return withCallback(run, cb);
}

/** The reads a to-many accessor is built on. */
export interface CollectionReads {
  /** The targets through a filter. */
  find: FetchTargets;
  /** One target by id (a 404 when it is not one of this instance's). */
  findById(id: unknown, options: Options | undefined): Promise<PersistedModel>;
  /**
   * Whether `findOne` may ask `find` for one target (`limit: 1`); false
   * when `find` orders its results itself (referencesMany's id-list order),
   * so the first target is only known once all are read.
   */
  findOneWithLimit: boolean;
}

/**
 * A to-many accessor for one instance with LoopBack 3's call forms (see
 * {@link collectionAccessorCall}) and `find`, `getAsync`, `findOne`,
 * `findById(id, [options], [cb])` over `reads`; the relation type adds the
 * rest.
 */
export function collectionAccessor(instance: AnyObject, relation: JugglerRelationDefinition, reads: CollectionReads): AnyObject {
  const find = (filter: unknown, options?: Options) => reads.find(requireFilterObject(filter, `${relationLabel(relation)}.find`), options);
  const accessor = function (...args: unknown[]) {
    return collectionAccessorCall(instance, relation, args, reads.find);
  } as unknown as AnyObject;
  finishAccessor(accessor, relation, instance);
  accessor.find = (...args: unknown[]) => callbackOrPromise(args, 2, find);
  accessor.getAsync = (...args: unknown[]) => getAsyncCall(accessor as unknown as (...a: unknown[]) => unknown, args);
  accessor.findOne = (...args: unknown[]) => callbackOrPromise(args, 2, async (filter: unknown, options?: Options) => {
    const f = requireFilterObject(filter, `${relationLabel(relation)}.findOne`);
    return (await find(reads.findOneWithLimit ? {...f, limit: 1} : f, options))[0] ?? null;
  });
  accessor.findById = (...args: unknown[]) => callbackOrPromise(args, 2, (id: unknown, options?: Options) =>
    reads.findById(id, options));
  return accessor;
}

/** `rel.getAsync([filter], [options], [cb])`: LoopBack 3's (deprecated) promise form of `rel(...)`. */
function getAsyncCall(call: (...args: unknown[]) => unknown, args: unknown[]): unknown {
  if (typeof args[0] === 'function') return call(true, ...args);
  if (args.length === 0) return call(false, undefined);
  return call(...args);
}

/**
 * Puts `targets` into the cached list of `name` (each replacing the entry
 * with its id). Only an already loaded list changes: a partial list must
 * not pass for the whole relation.
 */
export function addToCache(instance: AnyObject, name: string, targets: AnyObject[], idName: string): void {
  const list = cachedRelations(instance)[name];
  if (!Array.isArray(list)) return;
  for (const target of targets) {
    const i = list.findIndex(t => t && sameKey((t as AnyObject)[idName], target[idName]));
    if (i >= 0) list[i] = target;
    else list.push(target);
  }
}

/** Drops the entry with id `id` from the cached list of `name`. */
export function removeFromCache(instance: AnyObject, name: string, id: unknown, idName: string): void {
  const list = cachedRelations(instance)[name];
  if (!Array.isArray(list)) return;
  const i = list.findIndex(t => t && sameKey((t as AnyObject)[idName], id));
  if (i >= 0) list.splice(i, 1);
}
