import {withCallback} from '../../common/callback';
import {AnyObject, Options} from '../../common/types';
import {getterArgument} from '../argument-checks';
import {callbackOrPromise, splitArgs} from '../callback-args';
import {cachedRelations, PersistedModel} from '../persisted-model';
import {finishAccessor} from './relation-accessor';
import {JugglerRelationDefinition} from './relation-definition';
import {EmptyRelationError} from './relation-errors';
import {preventForeignKeyOverride} from './key-properties';
import {relationLabel} from './relation-options';

/** What a to-one relation (belongsTo, hasOne) does its own way; the rest of its accessor is shared. */
export interface ToOneBehaviour {
  /** `BelongsTo` or `HasOne`, as LoopBack 3's error texts name the kind. */
  kind: 'BelongsTo' | 'HasOne';
  /** Loads the target (with a caller's filter); `null`/`undefined` when there is none. */
  load(filter: AnyObject | undefined, options?: Options): Promise<PersistedModel | null | undefined>;
  /** `rel(target)`: links `target` and the instance in memory (no write). */
  assign(target: PersistedModel): void;
  /** `rel(null)`: unlinks in memory; without it, `rel(null)` reads like `rel()` with a callback. */
  unassign?(): void;
  /** `rel.destroy()` once the current target is known. */
  destroy(target: PersistedModel, options?: Options): Promise<unknown>;
}

/**
 * The accessor of a to-one relation for one instance (`order.customer`,
 * `supplier.account`), with LoopBack 3's call forms:
 *
 * - `rel()`: the cached target, synchronously;
 * - `rel(cb)`, `rel(false, [options], [cb])`: the cached target, else loaded
 *   and cached (a promise; the callback too when given);
 * - `rel(true, …)`: loaded again and cached; `rel(filter, …)`: loaded with
 *   the filter, not cached;
 * - `rel(target)`: links the target in memory (`unassign` for `rel(null)`);
 * - `get([options], [cb])` always loads; `update(data)` patches the target
 *   (its key cannot move); `destroy()` as the behaviour says. Both fail with
 *   LoopBack 3's `<Kind> relation <name> is empty` when there is no target.
 *
 * The relation type adds `build`/`create`.
 */
export function toOneAccessor(
  instance: AnyObject, relation: JugglerRelationDefinition, behaviour: ToOneBehaviour,
): AnyObject {
  const {name, keyTo} = relation;
  const cache = () => cachedRelations(instance);

  /** Loads and caches (an unfiltered load); a missing target clears the cache. */
  const refresh = async (options?: Options) => {
    const found = await behaviour.load(undefined, options);
    cache()[name] = found ?? undefined;
    return found;
  };
  const current = async (options?: Options) => {
    const cached = cache()[name];
    return cached instanceof PersistedModel ? cached : refresh(options);
  };
  const requireTarget = async (options?: Options): Promise<PersistedModel> => {
    const target = await current(options);
    if (!(target instanceof PersistedModel)) throw new EmptyRelationError(behaviour.kind, name);
    return target;
  };

  const accessor = function (...args: unknown[]) {
    if (args.length === 0) return cache()[name];
    const first = args[0];
    if (args.length === 1 && first instanceof PersistedModel) {
      behaviour.assign(first);
      cache()[name] = first;
      return first;
    }
    if (args.length === 1 && first === null && behaviour.unassign) {
      behaviour.unassign();
      cache()[name] = undefined;
      return undefined;
    }
    const {values: [condOrRefresh, options], cb} = splitArgs<PersistedModel | null | undefined>(args, 2);
    const run = (async () => {
      const {refresh: reload, filter} = getterArgument(condOrRefresh, relationLabel(relation));
      if (!reload) return current(options as Options);
      if (filter) return behaviour.load(filter, options as Options);
      return refresh(options as Options);
    })();
    return withCallback(run, cb);
  } as unknown as AnyObject;

  accessor.get = (...args: unknown[]) => callbackOrPromise(args, 1, (options?: Options) => refresh(options));
  accessor.getAsync = accessor.get;
  accessor.update = (...args: unknown[]) => callbackOrPromise(args, 2, async (data: unknown, options?: Options) => {
    const target = await requireTarget(options);
    preventForeignKeyOverride(target, data, keyTo);
    return target.updateAttributes(data, options);
  });
  accessor.destroy = (...args: unknown[]) => callbackOrPromise(args, 1, async (options?: Options) =>
    behaviour.destroy(await requireTarget(options), options));
  finishAccessor(accessor, relation, instance);
  return accessor;
}
