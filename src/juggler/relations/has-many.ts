import {AnyObject, Options} from '../../common/types';
import {Entity} from '../../model/model';
import {constrainFilter, constrainWhere} from '../../relations/constraint-utils';
import {
  createHasManyInclusionResolver, createHasManyRepositoryFactory, HasManyRepositoryFactory,
} from '../../relations/has-many/has-many-repository-factory';
import {InclusionResolver} from '../../relations/inclusion-resolver';
import {RelationType} from '../../relations/relation-types';
import {requireFilterObject, requireIdArgument, requireObjectArgument, requireWhereObject} from '../argument-checks';
import {callbackOrPromise, isDataOnlyCall} from '../callback-args';
import {camelize, pluralize} from '../naming';
import {cachedRelations, PersistedModel, PersistedModelClass} from '../persisted-model';
import {bindEngineRelation, repositoryGetter} from './bind-engine-relation';
import {addToCache, collectionAccessorCall, removeFromCache} from './collection-accessor';
import {createRelationDefinition, registerRelationDefiner} from './define-relation';
import {defineHasManyThrough} from './has-many-through';
import {modelFacadeGetter} from './model-facade';
import {HAS_MANY_HELPERS, installPrototypeHelpers} from './prototype-helpers';
import {finishAccessor, installRelationAccessor} from './relation-accessor';
import {JugglerRelationDefinition, JugglerRelationParams} from './relation-definition';
import {RelatedInstanceNotFoundError} from './relation-errors';
import {preventForeignKeyOverride, requireSavedSource} from './key-properties';
import {
  applyRelationScope, hasFilterKeys, mergeQuery, relationLabel, relationPayload, resolveRelationScope,
} from './relation-options';
import {defineTargetForeignKey, targetConstraint} from './target-foreign-key';

type Factory = HasManyRepositoryFactory<PersistedModel, unknown>;

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
 * Instances get `customer.orders(…)` (see `HasManyAccessor` in accessor-types.ts).
 */
export function defineHasMany(
  source: PersistedModelClass, target: PersistedModelClass | undefined, params: JugglerRelationParams,
): JugglerRelationDefinition {
  if (params.through) return defineHasManyThrough(source, target, params);
  const Target = target!;
  const name = params.as ?? camelize(Target.pluralModelName ?? pluralize(Target.modelName));
  const {keyFrom, keyTo, polymorphic} = defineTargetForeignKey(source, Target, params, name);
  const relation = createRelationDefinition(params, {
    name, type: 'hasMany', modelFrom: source, keyFrom, modelTo: Target, keyTo, multiple: true,
    ...(polymorphic ? {polymorphic} : {}),
  });
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


function buildAccessor(instance: AnyObject, relation: JugglerRelationDefinition, factory: Factory): Function {
  const {name, keyTo} = relation;
  const Target = relation.modelTo!;
  const idName = Target.getIdName();
  const sourceKey = () => instance[relation.keyFrom];
  const constraint = () => targetConstraint(relation, instance);
  /** The where of the relation scope (what LoopBack 3's findOne/count/updateAll/destroyAll apply). */
  const scopeWhere = (): AnyObject | undefined => resolveRelationScope(relation, instance, {})?.where;
  const andScopeWhere = (where: unknown, method: string): AnyObject | undefined =>
    mergeQuery({where: requireWhereObject(where, `${relationLabel(relation)}.${method}`)}, {where: scopeWhere()}).where;

  const load = async (filter: AnyObject | undefined, options?: Options): Promise<PersistedModel[]> => {
    // A source without its key (not saved yet) has no targets; an undefined key must not match every row.
    if (sourceKey() == null) return [];
    return Target.find(constrainFilter(applyRelationScope(relation, instance, filter ?? {})!, constraint()), options);
  };

  const findById = async (
    id: unknown, filter: AnyObject | undefined, options: Options | undefined, method: string,
  ): Promise<PersistedModel> => {
    // An undefined id would drop out of the where clause and match any target.
    requireIdArgument(id, `${relationLabel(relation)}.${method}`);
    // A source not saved yet has no targets.
    if (sourceKey() == null) throw new RelatedInstanceNotFoundError(Target.modelName, id);
    const query = applyRelationScope(relation, instance, mergeQuery({where: {[idName]: id}}, filter))!;
    const found = await Target.findOne(constrainFilter(query, constraint()), options);
    if (!found) throw new RelatedInstanceNotFoundError(Target.modelName, id);
    return found;
  };

  const accessor = function (...args: unknown[]) {
    return collectionAccessorCall(instance, relation, args, load);
  } as unknown as AnyObject;

  accessor.find = (...args: unknown[]) => collectionAccessorCall(instance, relation, args.length === 0 ? [undefined] : args, load);
  accessor.getAsync = accessor.find;

  accessor.findById = (...args: unknown[]) => callbackOrPromise(args, 3, (
    id: unknown, filterOrOptions: unknown, maybeOptions?: Options,
  ) => {
    let filter = requireFilterObject(filterOrOptions, `${relationLabel(relation)}.findById`);
    let options = maybeOptions;
    // LoopBack 3 (and its REST layer) passes `findById(id, options, cb)`: an object that is no filter is the options.
    if (options === undefined && filter && !hasFilterKeys(filter)) {
      options = filter;
      filter = undefined;
    }
    return findById(id, filter, options, 'findById');
  });

  accessor.findOne = (...args: unknown[]) => callbackOrPromise(args, 2, async (filter: unknown, options?: Options) => {
    if (sourceKey() == null) return null;
    const query = mergeQuery({where: scopeWhere()}, requireFilterObject(filter, `${relationLabel(relation)}.findOne`));
    return Target.findOne(constrainFilter(query, constraint()), options);
  });

  accessor.exists = (...args: unknown[]) => callbackOrPromise(args, 2, async (id: unknown, options?: Options) => {
    requireIdArgument(id, `${relationLabel(relation)}.exists`);
    if (sourceKey() == null) return false;
    const where = constrainWhere(andScopeWhere({[idName]: id}, 'exists'), constraint());
    return (await Target.count(where, options)) > 0;
  });

  accessor.count = (...args: unknown[]) => callbackOrPromise(args, 2, async (where: unknown, options?: Options) => {
    if (sourceKey() == null) return 0;
    return Target.count(constrainWhere(andScopeWhere(where, 'count'), constraint()), options);
  });

  accessor.build = (data?: AnyObject) => new Target(relationPayload(relation, instance, data, constraint()));

  accessor.create = (...args: unknown[]) => callbackOrPromise(args, 2, async (data: unknown, options?: Options) => {
    requireSavedSource(instance, relation, 'create');
    const repository = factory(sourceKey());
    // LoopBack 3 sets the key on the data (a different key given is replaced, not refused).
    const createOne = (item: unknown) => repository.create(relationPayload(relation, instance, item, constraint()), options);
    if (Array.isArray(data)) {
      const created: PersistedModel[] = [];
      for (const item of data) created.push(await createOne(item));
      addToCache(instance, name, created, idName);
      return created;
    }
    const created = await createOne(data);
    addToCache(instance, name, [created], idName);
    return created;
  });

  accessor.updateById = (...args: unknown[]) => callbackOrPromise(args, 3, async (id: unknown, data: unknown, options?: Options) => {
    const target = await findById(id, undefined, options, 'updateById');
    preventForeignKeyOverride(target, data, keyTo);
    const updated = await target.updateAttributes(data, options) as PersistedModel;
    addToCache(instance, name, [updated], idName);
    return updated;
  });

  accessor.destroyById = (...args: unknown[]) => callbackOrPromise(args, 2, async (id: unknown, options?: Options) => {
    const target = await findById(id, undefined, options, 'destroyById');
    removeFromCache(instance, name, id, idName);
    return target.destroy(options);
  });
  accessor.destroy = accessor.destroyById;

  accessor.updateAll = (...args: unknown[]) => callbackOrPromise(args, 3, async (where: unknown, data: unknown, options?: Options) => {
    // `updateAll(data, [cb])`: LoopBack 3's short form.
    if (isDataOnlyCall(args)) [where, data] = [undefined, where];
    const patch = requireObjectArgument(data, 'data', `${relationLabel(relation)}.updateAll`);
    const w = andScopeWhere(where, 'updateAll');
    if (sourceKey() == null) return {count: 0};
    return factory(sourceKey()).patch(patch, w, options);
  });

  accessor.destroyAll = (...args: unknown[]) => callbackOrPromise(args, 2, async (where: unknown, options?: Options) => {
    if (sourceKey() == null) return {count: 0};
    const result = await factory(sourceKey()).delete(andScopeWhere(where, 'destroyAll'), options);
    cachedRelations(instance)[name] = undefined;
    return result;
  });

  finishAccessor(accessor, relation, instance);
  return accessor as unknown as Function;
}

registerRelationDefiner('hasMany', defineHasMany);
