import {withCallback} from '../../common/callback';
import {AnyObject, Options} from '../../common/types';
import {normalizeWhere} from '../../filter/normalize-where';
import {compileWhere} from '../../filter/where-matcher';
import {getterArgument, requireFilterObject, requireWhereObject} from '../argument-checks';
import {callbackOrPromise, splitArgs} from '../callback-args';
import {cachedRelations, PersistedModel, PersistedModelClass} from '../persisted-model';
import {registerRelationDefiner} from './define-relation';
import {addReference, removeReference} from './embed-belongs-to';
import {assignEmbeddedId, idEquals} from './embed-ids';
import {adoptEmbeddedItem} from './embed-item-owner';
import {changeAndPersist, persistNewItems, snapshotOwner, updateItemAndPersist} from './embed-persist';
import {queryEmbeddedList} from './embed-query';
import {defineEmbedRelation} from './embed-relation';
import {EMBEDS_MANY_HELPERS} from './prototype-helpers';
import {finishAccessor} from './relation-accessor';
import {JugglerRelationDefinition, JugglerRelationParams} from './relation-definition';
import {applyRelationProperties, applyRelationScope, relationLabel, toPlainData} from './relation-options';

type Callback = (err: Error | null, result?: unknown) => void;

/**
 * LoopBack 3 embedsMany: `Person.embedsMany(EmailAddress, {as, property,
 * scope, properties, scopeMethods, options: {validate, forceId, persistent,
 * prepend, omitDefaultEmbeddedItem, belongsTo}})`. The list lives inside the
 * person's row, in `emailAddresses` (default `[]`, a JSON column on SQL);
 * the relation `emailAddressList` queries and changes it, saving the person:
 *
 * ```js
 * Person.embedsMany(EmailAddress);
 * const email = await person.emailAddressList.create({label: 'work'}); // id 1, person saved
 * person.emailAddressList.findById(email.id);                          // sync, null when absent
 * const work = await person.emailAddressList({where: {label: 'work'}});
 * ```
 *
 * With `options.belongsTo` naming a belongsTo relation of the embedded
 * model, `add(target | id, data?)` and `remove(target | id)` embed and drop
 * links to other models ("embedsMany with belongsTo").
 */
export function defineEmbedsMany(
  source: PersistedModelClass, target: PersistedModelClass | undefined, params: JugglerRelationParams,
): JugglerRelationDefinition {
  const options = params.options ?? {};
  return defineEmbedRelation('embedsMany', source, target!, params, {
    storage: {type: 'array', itemType: target!, ...(options.omitDefaultEmbeddedItem ? {} : {default: []})},
    // Polymorphic lists (links to several models) may repeat ids: LoopBack 3 skips the uniqueness check.
    extra: {uniqueIds: !params.polymorphic},
    read: relation => (owner, filter, opts) =>
      queryEmbeddedList(relation.modelTo!, listOf(owner, relation), applyRelationScope(relation, owner, filter), opts),
    accessor: (owner, relation, read) => buildEmbedsManyAccessor(owner, relation, read as ListReader),
    helpers: EMBEDS_MANY_HELPERS,
  });
}

/** What an embedsMany relation's reader resolves to. */
type ListReader = (owner: PersistedModel, filter: AnyObject | undefined, options?: Options) => Promise<PersistedModel[]>;

/**
 * The owner's embedded list ([] when it has none). Plain objects pushed onto
 * it (`person.emails.push({...})`) are turned into items first.
 */
function listOf(owner: PersistedModel, relation: JugglerRelationDefinition): unknown[] {
  const self = owner as unknown as AnyObject;
  const value = self[relation.keyFrom];
  if (!Array.isArray(value)) return [];
  const Target = relation.modelTo!;
  if (value.some(v => v !== null && typeof v === 'object' && !(v instanceof Target))) {
    self[relation.keyFrom] = value;
    return self[relation.keyFrom];
  }
  return value;
}

function buildEmbedsManyAccessor(owner: PersistedModel, relation: JugglerRelationDefinition, read: ListReader): Function {
  const Target = relation.modelTo!;
  const property = relation.keyFrom;
  const idName = relation.keyTo;
  const self = owner as unknown as AnyObject;
  const {persistent, forceId, prepend} = relation.options;

  const list = (): PersistedModel[] => {
    if (!Array.isArray(self[property])) self[property] = [];
    return listOf(owner, relation) as PersistedModel[];
  };
  /** The embedded item with that id (or that very item), else null. */
  const find = (idOrItem: unknown): PersistedModel | null => {
    const items = listOf(owner, relation);
    if (idOrItem instanceof Target) return items.includes(idOrItem) ? idOrItem : null;
    const found = items.find(item => item instanceof Target && idEquals((item as AnyObject)[idName], idOrItem));
    return (found as PersistedModel | undefined) ?? null;
  };
  /** The stored list as it is (`undefined` with `omitDefaultEmbeddedItem` until there is one). */
  const value = () => (Array.isArray(self[property]) ? listOf(owner, relation) : self[property]);
  /** LoopBack 3's synchronous readers also answer a callback when given one. */
  const answer = <T>(value: T, cb?: Callback): T => {
    if (typeof cb === 'function') queueMicrotask(() => cb(null, value));
    return value;
  };
  const toData = (data: unknown): AnyObject => toPlainData(data, relationLabel(relation));

  const build = (data?: AnyObject): PersistedModel => {
    const items = list();
    const d = toData(data);
    if (!persistent) assignEmbeddedId(Target, d, items as AnyObject[], {forceId});
    applyRelationProperties(relation, owner, d);
    const item = new Target(d);
    if (prepend) items.unshift(item);
    else items.push(item);
    adoptEmbeddedItem(relation, owner, item);
    return item;
  };

  const create = async (data: unknown, options?: Options): Promise<PersistedModel | PersistedModel[]> => {
    list();
    const many = Array.isArray(data);
    const built = await persistNewItems(relation, owner, snapshotOwner(relation, owner),
      () => (many ? data : [data]).map(d => build(d as AnyObject)), options);
    return many ? built : built[0];
  };

  const updateById = (id: unknown, data: unknown, options?: Options) => {
    const item = find(id);
    if (!item) return Promise.resolve(null);
    return updateItemAndPersist(relation, owner, item, toData(data), options, true);
  };

  const destroyById = (idOrItem: unknown, options?: Options) => {
    const item = find(idOrItem);
    if (!item) return Promise.resolve(null);
    return changeAndPersist(relation, owner, options, () => {
      const items = list();
      items.splice(items.indexOf(item), 1);
      return item;
    });
  };

  const readFiltered = (filter: unknown, options: Options | undefined, method: string) =>
    read(owner, requireFilterObject(filter, `${relationLabel(relation)}.${method}`), options);

  /** `rel()` the list (sync); `rel(filter | refresh, options, cb)` the list read through `filter` and the scope. */
  const accessor = function (...args: unknown[]) {
    if (args.length === 0) return value();
    const {values: [filterOrRefresh, options], cb} = splitArgs<PersistedModel[]>(args, 2);
    const run = (async () => {
      // The list is in hand: a refresh flag changes nothing, a filter narrows it.
      const {filter} = getterArgument(filterOrRefresh, relationLabel(relation));
      const found = await read(owner, filter, options as Options);
      if (!filter) cachedRelations(owner)[relation.name] = found;
      return found;
    })();
    return withCallback(run, cb);
  } as AnyObject;

  accessor.find = (...args: unknown[]) => callbackOrPromise(args, 2, (filter: unknown, options?: Options) =>
    readFiltered(filter, options, 'find'));
  accessor.findOne = (...args: unknown[]) => callbackOrPromise(args, 2, async (filter: unknown, options?: Options) => {
    const f = requireFilterObject(filter, `${relationLabel(relation)}.findOne`);
    return (await read(owner, {...f, limit: 1}, options))[0] ?? null;
  });
  accessor.count = (...args: unknown[]) => callbackOrPromise(args, 2, async (where: unknown, options?: Options) => {
    const w = requireWhereObject(where, `${relationLabel(relation)}.count`);
    return (await read(owner, w ? {where: w} : undefined, options)).length;
  });
  /** Synchronous, as in LoopBack 3 (so `await` works too): the item with that id, or null. */
  accessor.findById = (id: unknown, ...rest: unknown[]) => answer(find(id), splitArgs(rest, 1).cb as Callback);
  accessor.get = accessor.findById;
  accessor.exists = (id: unknown, ...rest: unknown[]) => answer(find(id) !== null, splitArgs(rest, 1).cb as Callback);
  accessor.at = (index: unknown, ...rest: unknown[]) => {
    const position = typeof index === 'number' || (typeof index === 'string' && /^\d+$/.test(index)) ? Number(index) : NaN;
    const item = Number.isInteger(position) ? listOf(owner, relation)[position] : undefined;
    return answer(item instanceof Target ? item : null, splitArgs(rest, 0).cb as Callback);
  };
  accessor.value = value;
  accessor.build = build;
  accessor.create = (...args: unknown[]) => callbackOrPromise(args, 2, create);
  /** Changes one item (validated) and saves the owner; resolves to the item, or null when there is none. */
  accessor.updateById = (...args: unknown[]) => callbackOrPromise(args, 3, updateById);
  /** Removes one item (by id or the item itself) and saves the owner; resolves to it, or null. */
  accessor.destroyById = (...args: unknown[]) => callbackOrPromise(args, 2, destroyById);
  accessor.destroy = accessor.destroyById;
  /**
   * LoopBack 3's `set`: changes the item in memory and returns it at once;
   * with a callback it is also validated and saved (as `updateById`).
   */
  accessor.set = (...args: unknown[]) => {
    const {values: [id, data, options], cb} = splitArgs(args, 3);
    const item = find(id);
    if (!cb) {
      if (item) item.setAttributes(toData(data));
      return item;
    }
    callbackOrPromise([id, data, options, cb], 3, updateById);
    return item;
  };
  /** LoopBack 3's `unset`: takes the item out in memory and returns it; with a callback the owner is saved too. */
  accessor.unset = (...args: unknown[]) => {
    const {values: [id, options], cb} = splitArgs(args, 2);
    const item = find(id);
    if (!cb) {
      if (item) list().splice(list().indexOf(item), 1);
      return item;
    }
    callbackOrPromise([id, options, cb], 2, destroyById);
    return item;
  };
  if (!persistent) {
    /** Removes the items matching `where` (all without one) and saves the owner; resolves to `{count}`. */
    accessor.destroyAll = (...args: unknown[]) => callbackOrPromise(args, 2, (where: unknown, options?: Options) => {
      const w = requireWhereObject(where, `${relationLabel(relation)}.destroyAll`);
      const match = w && Object.keys(w).length ? compileWhere(normalizeWhere(w, Target.definition)) : () => true;
      return changeAndPersist(relation, owner, options, () => {
        const items = list();
        const keep = items.filter(item => !match(item as AnyObject));
        const count = items.length - keep.length;
        items.splice(0, items.length, ...keep);
        return {count};
      });
    });
  }
  accessor.add = (...args: unknown[]) => callbackOrPromise(args, 3, (ref: unknown, data: unknown, options?: Options) =>
    addReference(relation, owner, build, ref, data as AnyObject | undefined, options));
  accessor.remove = (...args: unknown[]) => callbackOrPromise(args, 2, (ref: unknown, options?: Options) =>
    removeReference(relation, owner, ref, options));
  finishAccessor(accessor, relation, owner);
  return accessor as unknown as Function;
}

registerRelationDefiner('embedsMany', defineEmbedsMany);
