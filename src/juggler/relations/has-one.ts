import {withCallback} from '../../common/callback';
import {AnyObject, Options} from '../../common/types';
import {Entity} from '../../model/model';
import {constrainFilter, imposeWhere} from '../../relations/constraint-utils';
import {
  createHasOneInclusionResolver, createHasOneRepositoryFactory,
} from '../../relations/has-one/has-one-repository-factory';
import {DefaultHasOneRepository, HasOneRepository} from '../../relations/has-one/has-one-repository';
import {InclusionResolver} from '../../relations/inclusion-resolver';
import {RelationType} from '../../relations/relation-types';
import {EntityCrudRepository} from '../../repository/repository';
import {splitArgs} from '../callback-args';
import {camelize} from '../naming';
import {cachedRelations, PersistedModel, PersistedModelClass} from '../persisted-model';
import {bindEngineRelation, repositoryGetter} from './bind-engine-relation';
import {checkRelationName, registerRelationDefiner} from './define-relation';
import {adaptFilterIncludes, completeIncludes} from './include-adapter';
import {modelFacadeGetter} from './model-facade';
import {HAS_ONE_HELPERS, installPrototypeHelpers} from './prototype-helpers';
import {installRelationAccessor} from './relation-accessor';
import {JugglerPolymorphic, JugglerRelationDefinition, JugglerRelationParams} from './relation-definition';
import {EmptyRelationError} from './relation-errors';
import {applyRelationScope} from './relation-options';
import {
  ensureProperty, finishAccessor, keyType, normalizePolymorphic, preventForeignKeyOverride,
  registerCustomMethods, relationPayload, splitGetterArgs,
} from './relation-support';

/**
 * LoopBack 3 hasOne: `Supplier.hasOne(Account, {as, foreignKey, primaryKey})`.
 * The name defaults to the camelized target name (`account`), the foreign
 * key to camelize(source + '_id') (`supplierId`), added to the target when
 * missing. A second `create` for the same source is refused with LoopBack
 * 3's message (`HasOne relation cannot create more than one instance of <Target>`).
 *
 * Polymorphic: `Article.hasOne(Picture, {as: 'packshot', polymorphic: 'imageable'})`
 * (or `{selector}`, `{foreignKey, discriminator}`): the target's
 * `imageableId` holds the key and `imageableType` the source model's name.
 *
 * Instances get `supplier.account(…)` with `get`, `create`, `build`,
 * `update` and `destroy` (see {@link HasOneAccessor}).
 */
export function defineHasOne(
  source: PersistedModelClass, target: PersistedModelClass | undefined, params: JugglerRelationParams,
): JugglerRelationDefinition {
  const Target = target!;
  const name = params.as ?? camelize(Target.modelName);
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
    name, type: 'hasOne', modelFrom: source, keyFrom, modelTo: Target, keyTo, multiple: false,
    options: params.options ?? {}, scope: params.scope, properties: params.properties,
    ...(polymorphic ? {polymorphic} : {}),
  });
  registerCustomMethods(relation, params);
  // LoopBack 4's own polymorphic hasOne keeps the type on the source; LoopBack 3's is on the target,
  // so the engine sees a plain hasOne and the discriminator joins the constraint.
  const metadata = {
    type: RelationType.hasOne, targetsMany: false as const, name,
    source, target: () => Target, keyFrom, keyTo, polymorphic: false,
  };
  const facade = modelFacadeGetter(Target);
  const factory = createHasOneRepositoryFactory<PersistedModel, unknown, unknown>(metadata, facade);
  const repositoryFor = (key: unknown): HasOneRepository<PersistedModel> => polymorphic
    ? new DefaultHasOneRepository<PersistedModel, unknown, EntityCrudRepository<PersistedModel, unknown>>(
      facade, {[keyTo]: key, [polymorphic.discriminator]: source.modelName}, () => Target as never)
    : factory(key);
  bindEngineRelation(source, metadata, () => {
    const resolver = createHasOneInclusionResolver(metadata, repositoryGetter(Target)) as InclusionResolver<Entity, Entity>;
    if (!polymorphic) return resolver;
    const typeConstraint = {[polymorphic.discriminator]: source.modelName};
    return (entities, inclusion, options) => resolver(entities, {
      ...inclusion, scope: {...inclusion.scope, where: imposeWhere(inclusion.scope?.where as AnyObject, typeConstraint)},
    }, options);
  });
  installRelationAccessor(source, name, instance => buildAccessor(instance, relation, repositoryFor), {
    methods: () => relation.methods,
  });
  installPrototypeHelpers(source, name, HAS_ONE_HELPERS);
  return relation;
}

/**
 * `supplier.account` — the hasOne accessor of one instance: the same call
 * forms as belongsTo (`supplier.account(cb)`, `(refresh, [options], [cb])`,
 * sync `supplier.account()`, setter `supplier.account(account)`), plus
 * `get`, `create`, `build`, `update` and `destroy` (deletes the target).
 */
export interface HasOneAccessor {
  (...args: unknown[]): unknown;
  get(options?: Options, cb?: Function): Promise<PersistedModel | null>;
  create(data?: AnyObject, options?: Options, cb?: Function): Promise<PersistedModel>;
  build(data?: AnyObject): PersistedModel;
  update(data: AnyObject, options?: Options, cb?: Function): Promise<PersistedModel>;
  destroy(options?: Options, cb?: Function): Promise<unknown>;
}

function buildAccessor(
  instance: AnyObject, relation: JugglerRelationDefinition,
  repositoryFor: (key: unknown) => HasOneRepository<PersistedModel>,
): Function {
  const {name, keyFrom, keyTo} = relation;
  const Target = relation.modelTo!;
  const polymorphic = relation.polymorphic as JugglerPolymorphic | undefined;
  const cache = () => cachedRelations(instance);
  const sourceKey = () => instance[keyFrom];
  const constraint = (): AnyObject => polymorphic
    ? {[keyTo]: sourceKey(), [polymorphic.discriminator]: relation.modelFrom.modelName}
    : {[keyTo]: sourceKey()};

  const load = async (filter?: AnyObject, options?: Options): Promise<PersistedModel | null> => {
    if (sourceKey() == null) return null;
    const query = adaptFilterIncludes(Target,
      constrainFilter(applyRelationScope(relation, instance, filter ?? {}), constraint()) as AnyObject);
    const found = await Target.findOne(query, options) as PersistedModel | null;
    completeIncludes(Target, query, found);
    return found;
  };
  const refresh = async (options?: Options) => {
    const found = await load(undefined, options);
    cache()[name] = found ?? undefined;
    return found;
  };
  const current = async (options?: Options) => {
    const cached = cache()[name];
    return cached instanceof PersistedModel ? cached : refresh(options);
  };

  const accessor = function (...args: unknown[]) {
    if (args.length === 0) return cache()[name];
    const first = args[0];
    if (args.length === 1 && first instanceof PersistedModel) {
      Object.assign(first, constraint());
      cache()[name] = first;
      return first;
    }
    const {refresh: reload, filter, options, cb} = splitGetterArgs(args);
    const run = (async () => {
      if (!reload) return current(options);
      if (filter) return load(filter, options);
      return refresh(options);
    })();
    return withCallback(run, cb as never);
  } as unknown as AnyObject;

  accessor.get = (...args: unknown[]) => {
    const {values: [options], cb} = splitArgs(args, 1);
    return withCallback(refresh(options as Options), cb as never);
  };
  accessor.getAsync = accessor.get;

  accessor.build = (data?: AnyObject) => new Target(relationPayload(relation, instance, data, constraint()));

  accessor.create = (...args: unknown[]) => {
    const {values: [data, options], cb} = splitArgs(args, 2);
    const run = (async () => {
      const created = await repositoryFor(sourceKey())
        .create(relationPayload(relation, instance, data, constraint()), options as Options);
      cache()[name] = created;
      return created;
    })();
    return withCallback(run, cb as never);
  };

  accessor.update = (...args: unknown[]) => {
    const {values: [data, options], cb} = splitArgs(args, 2);
    const run = (async () => {
      const target = await current(options as Options);
      if (!(target instanceof PersistedModel)) throw new EmptyRelationError('HasOne', name);
      preventForeignKeyOverride(target, data as AnyObject, keyTo);
      return target.updateAttributes(data, options);
    })();
    return withCallback(run, cb as never);
  };

  accessor.destroy = (...args: unknown[]) => {
    const {values: [options], cb} = splitArgs(args, 1);
    const run = (async () => {
      const target = await current(options as Options);
      if (!(target instanceof PersistedModel)) throw new EmptyRelationError('HasOne', name);
      const result = await target.destroy(options);
      cache()[name] = undefined;
      return result;
    })();
    return withCallback(run, cb as never);
  };

  finishAccessor(accessor, relation, instance);
  return accessor as unknown as Function;
}

registerRelationDefiner('hasOne', defineHasOne);
