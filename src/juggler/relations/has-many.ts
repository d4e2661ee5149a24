import {withCallback} from '../../common/callback';
import {AnyObject, Options} from '../../common/types';
import {Entity} from '../../model/model';
import {constrainFilter, constrainWhere} from '../../relations/constraint-utils';
import {
  createHasManyInclusionResolver, createHasManyRepositoryFactory, HasManyRepositoryFactory,
} from '../../relations/has-many/has-many-repository-factory';
import {InclusionResolver} from '../../relations/inclusion-resolver';
import {RelationType} from '../../relations/relation-types';
import {splitArgs} from '../callback-args';
import {camelize, pluralize} from '../naming';
import {cachedRelations, PersistedModel, PersistedModelClass} from '../persisted-model';
import {bindEngineRelation, repositoryGetter} from './bind-engine-relation';
import {checkRelationName, registerRelationDefiner} from './define-relation';
import {defineHasManyThrough} from './has-many-through';
import {adaptFilterIncludes, completeIncludes} from './include-adapter';
import {modelFacadeGetter} from './model-facade';
import {HAS_MANY_HELPERS, installPrototypeHelpers} from './prototype-helpers';
import {installRelationAccessor} from './relation-accessor';
import {JugglerPolymorphic, JugglerRelationDefinition, JugglerRelationParams} from './relation-definition';
import {RelatedInstanceNotFoundError} from './relation-errors';
import {applyRelationScope, mergeQuery, resolveRelationScope} from './relation-options';
import {
  ensureProperty, finishAccessor, keyType, normalizePolymorphic, preventForeignKeyOverride,
  registerCustomMethods, relationPayload, sameKey, splitGetterArgs,
} from './relation-support';

type Factory = HasManyRepositoryFactory<PersistedModel, unknown>;

const FILTER_KEYS = ['where', 'include', 'fields', 'order', 'limit', 'skip', 'offset'];

/**
 * LoopBack 3 hasMany: `Customer.hasMany(Order, {as, foreignKey, primaryKey})`.
 * The name defaults to the camelized plural of the target (`orders`, from
 * its `plural` setting), the foreign key to camelize(source + '_id')
 * (`customerId`), added to the target (typed as the source's key) when
 * missing.
 *
 * Polymorphic: `Employee.hasMany(Picture, {polymorphic: 'imageable'})` (the
 * name of Picture's polymorphic belongsTo; also `{selector}` or
 * `{foreignKey, discriminator}`): the targets' `imageableId` holds the key
 * and `imageableType` the source model's name.
 *
 * Instances get `customer.orders(…)` (see {@link HasManyAccessor}).
 */
export function defineHasMany(
  source: PersistedModelClass, target: PersistedModelClass | undefined, params: JugglerRelationParams,
): JugglerRelationDefinition {
  if (params.through) return defineHasManyThrough(source, target, params);
  const Target = target!;
  const name = params.as ?? camelize(Target.pluralModelName ?? pluralize(Target.modelName));
  const keyFrom = params.primaryKey ?? source.getIdName();
  let keyTo = params.foreignKey || camelize(source.modelName + '_id');
  let polymorphic: JugglerPolymorphic | undefined;
  if (params.polymorphic) {
    polymorphic = normalizePolymorphic(params.polymorphic, name);
    keyTo = polymorphic.foreignKey;
  }
  checkRelationName(source, name);
  ensureProperty(Target, keyTo, {type: keyType(source, keyFrom)});
  if (polymorphic) ensureProperty(Target, polymorphic.discriminator, {type: 'string'});
  const relation = new JugglerRelationDefinition({
    name, type: 'hasMany', modelFrom: source, keyFrom, modelTo: Target, keyTo, multiple: true,
    options: params.options ?? {}, scope: params.scope, properties: params.properties,
    ...(polymorphic ? {polymorphic} : {}),
  });
  registerCustomMethods(relation, params);
  const metadata = {
    type: RelationType.hasMany, targetsMany: true as const, name,
    source, target: () => Target, keyFrom, keyTo,
    ...(polymorphic ? {polymorphic: {discriminator: polymorphic.discriminator}} : {}),
  };
  // Writes go through the target model's own API (its hooks), with the engine's constraints.
  const factory = createHasManyRepositoryFactory<PersistedModel, unknown, unknown>(metadata, modelFacadeGetter(Target));
  bindEngineRelation(source, metadata, () =>
    createHasManyInclusionResolver(metadata, repositoryGetter(Target)) as InclusionResolver<Entity, Entity>);
  installRelationAccessor(source, name, instance => buildAccessor(instance, relation, factory), {
    methods: () => relation.methods,
  });
  installPrototypeHelpers(source, name, HAS_MANY_HELPERS);
  return relation;
}

/**
 * `customer.orders` — the hasMany accessor of one instance:
 *
 * - `customer.orders([filter | refresh], [options], [cb])`: the targets (a
 *   promise; the callback too when given). Without a filter the result is
 *   cached and later calls answer from the cache; `true` reloads (and
 *   caches); a filter reloads and is not cached.
 * - `customer.orders()`: the cached targets, synchronously.
 * - `find`, `findById` (404 `No instance with id <id> found for <Target>`),
 *   `findOne`, `exists`, `count`, `create` (an object or an array), `build`,
 *   `updateById` (the key cannot move), `destroyById` (alias `destroy`),
 *   `updateAll`, `destroyAll`; each takes an optional trailing callback.
 */
export interface HasManyAccessor {
  (...args: unknown[]): unknown;
  find(filter?: AnyObject, options?: Options, cb?: Function): Promise<PersistedModel[]>;
  findById(id: unknown, filter?: AnyObject, options?: Options, cb?: Function): Promise<PersistedModel>;
  findOne(filter?: AnyObject, options?: Options, cb?: Function): Promise<PersistedModel | null>;
  exists(id: unknown, options?: Options, cb?: Function): Promise<boolean>;
  count(where?: AnyObject, options?: Options, cb?: Function): Promise<number>;
  create(data?: AnyObject | AnyObject[], options?: Options, cb?: Function): Promise<PersistedModel | PersistedModel[]>;
  build(data?: AnyObject): PersistedModel;
  updateById(id: unknown, data: AnyObject, options?: Options, cb?: Function): Promise<PersistedModel>;
  destroyById(id: unknown, options?: Options, cb?: Function): Promise<unknown>;
  updateAll(where: AnyObject | undefined, data: AnyObject, options?: Options, cb?: Function): Promise<{count: number}>;
  destroyAll(where?: AnyObject, options?: Options, cb?: Function): Promise<{count: number}>;
}

function buildAccessor(instance: AnyObject, relation: JugglerRelationDefinition, factory: Factory): Function {
  const {name, keyFrom, keyTo} = relation;
  const Target = relation.modelTo!;
  const idName = Target.getIdName();
  const polymorphic = relation.polymorphic as JugglerPolymorphic | undefined;
  const cache = () => cachedRelations(instance);
  const sourceKey = () => instance[keyFrom];
  /** What every target of this instance has: the key, and the discriminator of a polymorphic relation. */
  const constraint = (): AnyObject => polymorphic
    ? {[keyTo]: sourceKey(), [polymorphic.discriminator]: relation.modelFrom.modelName}
    : {[keyTo]: sourceKey()};
  /** The where of the relation scope (what LoopBack 3's findOne/count/updateAll/destroyAll apply). */
  const scopeWhere = (): AnyObject | undefined => resolveRelationScope(relation, instance, {})?.where;
  const andScopeWhere = (where?: AnyObject): AnyObject | undefined => mergeQuery({where}, {where: scopeWhere()}).where;

  /** Runs a read on the target model: the relation's constraint, the include read as LoopBack 3 does. */
  const read = async <R>(query: AnyObject, run: (q: AnyObject) => Promise<R>): Promise<R> => {
    const adapted = adaptFilterIncludes(Target, constrainFilter(query, constraint()) as AnyObject);
    const result = await run(adapted);
    completeIncludes(Target, adapted, result);
    return result;
  };

  const load = async (filter: AnyObject | undefined, options?: Options): Promise<PersistedModel[]> => {
    // A source without its key (not saved yet) has no targets; an undefined key must not match every row.
    if (sourceKey() == null) return [];
    return read(applyRelationScope(relation, instance, filter ?? {})!,
      q => Target.find(q, options) as Promise<PersistedModel[]>);
  };

  const get = (args: unknown[]) => {
    const {refresh, filter, options, cb} = splitGetterArgs(args);
    const run = (async () => {
      const cached = cache()[name];
      if (!refresh && cached !== undefined) return cached as PersistedModel[];
      const found = await load(filter, options);
      if (!filter) cache()[name] = found;
      return found;
    })();
    return withCallback(run, cb as never);
  };

  const findById = async (id: unknown, filter: AnyObject | undefined, options?: Options): Promise<PersistedModel> => {
    if (sourceKey() == null) return undefined as unknown as PersistedModel;
    const query = applyRelationScope(relation, instance, mergeQuery({where: {[idName]: id}}, filter))!;
    const found = await read(query, q => Target.findOne(q, options) as Promise<PersistedModel | null>);
    if (!found) throw new RelatedInstanceNotFoundError(Target.modelName, id);
    return found;
  };

  const addToCache = (items: PersistedModel[]) => {
    const cached = cache()[name];
    // Only a loaded list is kept up to date: starting one here would hide the targets not loaded yet.
    if (!Array.isArray(cached)) return;
    for (const item of items) {
      const at = cached.findIndex(c => sameKey(c[idName], (item as AnyObject)[idName]));
      if (at >= 0) cached[at] = item;
      else cached.push(item);
    }
  };
  const removeFromCache = (id: unknown) => {
    const cached = cache()[name];
    if (!Array.isArray(cached)) return;
    const at = cached.findIndex(c => sameKey(c[idName], id));
    if (at >= 0) cached.splice(at, 1);
  };

  const accessor = function (...args: unknown[]) {
    if (args.length === 0) return cache()[name];
    return get(args);
  } as unknown as AnyObject;

  accessor.find = (...args: unknown[]) => get(args.length === 0 ? [undefined] : args);
  accessor.getAsync = accessor.find;

  accessor.findById = (...args: unknown[]) => {
    const {values: [id, filterOrOptions, maybeOptions], cb} = splitArgs(args, 3);
    let filter = filterOrOptions as AnyObject | undefined;
    let options = maybeOptions as Options | undefined;
    // LoopBack 3 (and its REST layer) passes `findById(id, options, cb)`: an object that is no filter is the options.
    if (options === undefined && filter && typeof filter === 'object' && !FILTER_KEYS.some(k => k in filter!)) {
      options = filter;
      filter = undefined;
    }
    return withCallback(findById(id, filter, options), cb as never);
  };

  accessor.findOne = (...args: unknown[]) => {
    const {values: [filter, options], cb} = splitArgs(args, 2);
    const run = (async () => {
      if (sourceKey() == null) return null;
      return read(mergeQuery({where: scopeWhere()}, filter as AnyObject | undefined),
        q => Target.findOne(q, options as Options) as Promise<PersistedModel | null>);
    })();
    return withCallback(run, cb as never);
  };

  accessor.exists = (...args: unknown[]) => {
    const {values: [id, options], cb} = splitArgs(args, 2);
    const run = (async () => {
      if (sourceKey() == null || id == null) return false;
      const where = constrainWhere(andScopeWhere({[idName]: id}), constraint());
      return (await Target.count(where, options as Options)) > 0;
    })();
    return withCallback(run, cb as never);
  };

  accessor.count = (...args: unknown[]) => {
    const {values: [where, options], cb} = splitArgs(args, 2);
    const run = (async () => {
      if (sourceKey() == null) return 0;
      return Target.count(constrainWhere(andScopeWhere(where as AnyObject | undefined), constraint()), options as Options);
    })();
    return withCallback(run, cb as never);
  };

  accessor.build = (data?: AnyObject) => new Target(relationPayload(relation, instance, data, constraint()));

  accessor.create = (...args: unknown[]) => {
    const {values: [data, options], cb} = splitArgs(args, 2);
    const run = (async () => {
      const repository = factory(sourceKey());
      // LoopBack 3 sets the key on the data (a different key given is replaced, not refused).
      const createOne = async (item: unknown) => repository.create(
        relationPayload(relation, instance, item, constraint()), options as Options);
      if (Array.isArray(data)) {
        const created: PersistedModel[] = [];
        for (const item of data) created.push(await createOne(item));
        addToCache(created);
        return created;
      }
      const created = await createOne(data);
      addToCache([created]);
      return created;
    })();
    return withCallback(run, cb as never);
  };

  accessor.updateById = (...args: unknown[]) => {
    const {values: [id, data, options], cb} = splitArgs(args, 3);
    const run = (async () => {
      const target = await findById(id, undefined, options as Options);
      preventForeignKeyOverride(target, data as AnyObject, keyTo);
      const updated = await target.updateAttributes(data, options) as PersistedModel;
      addToCache([updated]);
      return updated;
    })();
    return withCallback(run, cb as never);
  };

  accessor.destroyById = (...args: unknown[]) => {
    const {values: [id, options], cb} = splitArgs(args, 2);
    const run = (async () => {
      const target = await findById(id, undefined, options as Options);
      removeFromCache(id);
      return target.destroy(options);
    })();
    return withCallback(run, cb as never);
  };
  accessor.destroy = accessor.destroyById;

  accessor.updateAll = (...args: unknown[]) => {
    let {values: [where, data, options], cb} = splitArgs(args, 3);
    // `updateAll(data, [cb])`: LoopBack 3's short form.
    if (data === undefined) [where, data] = [undefined, where];
    const run = (async () => {
      if (sourceKey() == null) return {count: 0};
      return factory(sourceKey()).patch(data as AnyObject, andScopeWhere(where as AnyObject | undefined), options as Options);
    })();
    return withCallback(run, cb as never);
  };

  accessor.destroyAll = (...args: unknown[]) => {
    const {values: [where, options], cb} = splitArgs(args, 2);
    const run = (async () => {
      if (sourceKey() == null) return {count: 0};
      const result = await factory(sourceKey()).delete(andScopeWhere(where as AnyObject | undefined), options as Options);
      cache()[name] = undefined;
      return result;
    })();
    return withCallback(run, cb as never);
  };

  finishAccessor(accessor, relation, instance);
  return accessor as unknown as Function;
}

registerRelationDefiner('hasMany', defineHasMany);
