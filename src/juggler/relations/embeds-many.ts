import {withCallback} from '../../common/callback';
import {AnyObject, Options} from '../../common/types';
import {normalizeWhere} from '../../filter/normalize-where';
import {compileWhere} from '../../filter/where-matcher';
import {PropertyDefinition} from '../../model/property-definition';
import {splitArgs} from '../callback-args';
import {cachedRelations, instanceData, PersistedModel, PersistedModelClass} from '../persisted-model';
import {registerRelationDefiner} from './define-relation';
import {addReference, removeReference} from './embed-belongs-to';
import {assignEmbeddedId, embeddedIdName, idEquals} from './embed-ids';
import {bindEmbedRelation} from './embed-inclusion';
import {adoptEmbeddedItem} from './embed-item-owner';
import {embedNames} from './embed-names';
import {changeAndPersist, persistOwner, restoreOwner, snapshotOwner, updateItemAndPersist} from './embed-persist';
import {queryEmbeddedList} from './embed-query';
import {installEmbedStorage} from './embed-storage';
import {registerEmbedValidations, validateEmbeddedItem} from './embed-validation';
import {installRelationAccessor} from './relation-accessor';
import {JugglerRelationDefinition, JugglerRelationParams} from './relation-definition';
import {installPrototypeHelpers} from './prototype-helpers';
import {applyRelationProperties, applyRelationScope} from './relation-options';
import {finishAccessor, registerCustomMethods} from './relation-support';

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
  const Target = target!;
  const {name, property} = embedNames('embedsMany', source, Target, params);
  const options = params.options ?? {};
  const relation = new JugglerRelationDefinition({
    name, type: 'embedsMany', modelFrom: source, keyFrom: property, modelTo: Target,
    keyTo: embeddedIdName(Target), multiple: true, options, scope: params.scope,
    properties: params.properties, embed: true,
    // Polymorphic lists (links to several models) may repeat ids: LoopBack 3 skips the uniqueness check.
    uniqueIds: !params.polymorphic,
  });
  const definition: Partial<PropertyDefinition> = {
    ...(options.property as AnyObject | undefined), type: 'array', itemType: Target,
  };
  if (!options.omitDefaultEmbeddedItem) definition.default = [];
  installEmbedStorage(relation, definition);
  registerEmbedValidations(relation);
  registerCustomMethods(relation, params);
  const read = (owner: PersistedModel, filter: AnyObject | undefined, opts?: Options) =>
    queryEmbeddedList(Target, listOf(owner, relation), applyRelationScope(relation, owner, filter), opts);
  bindEmbedRelation(relation, read);
  installRelationAccessor(source, name, owner => buildEmbedsManyAccessor(owner as PersistedModel, relation, read), {
    methods: () => relation.methods,
  });
  installPrototypeHelpers(source, name, EMBEDS_MANY_HELPERS);
  return relation;
}

/** LoopBack 3's prototype helpers of an embedsMany relation (for its REST layer). */
const EMBEDS_MANY_HELPERS = {
  findById: 'findById', destroyById: 'destroyById', updateById: 'updateById', link: 'add', unlink: 'remove',
  get: '', create: 'create', delete: 'destroyAll', findOne: 'findOne', count: 'count',
};

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

function buildEmbedsManyAccessor(
  owner: PersistedModel, relation: JugglerRelationDefinition,
  read: (owner: PersistedModel, filter: AnyObject | undefined, options?: Options) => Promise<PersistedModel[]>,
): Function {
  const Target = relation.modelTo!;
  const property = relation.keyFrom;
  const idName = relation.keyTo;
  const self = owner as unknown as AnyObject;
  const {persistent, forceId, validate, prepend} = relation.options;

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
  const toData = (data: unknown): AnyObject =>
    data instanceof PersistedModel ? instanceData(data) : {...(data as AnyObject | undefined)};

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
    const before = snapshotOwner(relation, owner);
    const many = Array.isArray(data);
    const built = (many ? data : [data]).map(d => build(d as AnyObject));
    try {
      for (const item of built) {
        // A persistent item is stored in its own model first (which validates it and gives it its id).
        if (persistent) await PersistedModel.prototype.save.call(item, options);
        else if (validate !== false) await validateEmbeddedItem(Target, item, options);
      }
      await persistOwner(relation, owner, before, options);
    } catch (err) {
      restoreOwner(relation, owner, before);
      throw err;
    }
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

  /** `rel()` the list (sync); `rel(filter | refresh, options, cb)` the list read through `filter` and the scope. */
  const accessor = function (...args: unknown[]) {
    if (args.length === 0) return value();
    const {values: [filterOrRefresh, options], cb} = splitArgs(args, 2);
    const filter = filterOrRefresh && typeof filterOrRefresh === 'object' ? filterOrRefresh as AnyObject : undefined;
    const run = read(owner, filter, options as Options).then(found => {
      if (!filter) cachedRelations(owner)[relation.name] = found;
      return found;
    });
    return withCallback(run, cb);
  } as AnyObject;

  accessor.find = (...args: unknown[]) => {
    const {values: [filter, options], cb} = splitArgs(args, 2);
    return withCallback(read(owner, filter as AnyObject | undefined, options as Options), cb);
  };
  accessor.findOne = (...args: unknown[]) => {
    const {values: [filter, options], cb} = splitArgs(args, 2);
    const run = read(owner, {...(filter as AnyObject | undefined), limit: 1}, options as Options).then(f => f[0] ?? null);
    return withCallback(run, cb);
  };
  accessor.count = (...args: unknown[]) => {
    const {values: [where, options], cb} = splitArgs(args, 2);
    const run = read(owner, where ? {where} : undefined, options as Options).then(f => f.length);
    return withCallback(run, cb);
  };
  /** Synchronous, as in LoopBack 3 (so `await` works too): the item with that id, or null. */
  accessor.findById = (id: unknown, ...rest: unknown[]) => answer(find(id), splitArgs(rest, 1).cb as Callback);
  accessor.get = accessor.findById;
  accessor.exists = (id: unknown, ...rest: unknown[]) => answer(find(id) !== null, splitArgs(rest, 1).cb as Callback);
  accessor.at = (index: unknown, ...rest: unknown[]) => {
    const item = listOf(owner, relation)[Number(index)];
    return answer(item instanceof Target ? item : null, splitArgs(rest, 0).cb as Callback);
  };
  accessor.value = value;
  accessor.build = build;
  accessor.create = (...args: unknown[]) => {
    const {values: [data, options], cb} = splitArgs(args, 2);
    return withCallback(create(data, options as Options), cb);
  };
  /** Changes one item (validated) and saves the owner; resolves to the item, or null when there is none. */
  accessor.updateById = (...args: unknown[]) => {
    const {values: [id, data, options], cb} = splitArgs(args, 3);
    return withCallback(updateById(id, data, options as Options), cb);
  };
  /** Removes one item (by id or the item itself) and saves the owner; resolves to it, or null. */
  accessor.destroyById = (...args: unknown[]) => {
    const {values: [id, options], cb} = splitArgs(args, 2);
    return withCallback(destroyById(id, options as Options), cb);
  };
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
    withCallback(updateById(id, data, options as Options), cb);
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
    withCallback(destroyById(id, options as Options), cb);
    return item;
  };
  if (!persistent) {
    /** Removes the items matching `where` (all without one) and saves the owner; resolves to `{count}`. */
    accessor.destroyAll = (...args: unknown[]) => {
      const {values: [where, options], cb} = splitArgs(args, 2);
      const match = where && Object.keys(where as AnyObject).length
        ? compileWhere(normalizeWhere(where, Target.definition))
        : () => true;
      const run = changeAndPersist(relation, owner, options as Options, () => {
        const items = list();
        const keep = items.filter(item => !match(item as AnyObject));
        const count = items.length - keep.length;
        items.splice(0, items.length, ...keep);
        return {count};
      });
      return withCallback(run, cb);
    };
  }
  accessor.add = (...args: unknown[]) => {
    const {values: [ref, data, options], cb} = splitArgs(args, 3);
    return withCallback(addReference(relation, owner, build, ref, data as AnyObject | undefined, options as Options), cb);
  };
  accessor.remove = (...args: unknown[]) => {
    const {values: [ref, options], cb} = splitArgs(args, 2);
    return withCallback(removeReference(relation, owner, ref, options as Options), cb);
  };
  finishAccessor(accessor, relation, owner);
  return accessor as unknown as Function;
}

registerRelationDefiner('embedsMany', defineEmbedsMany);
