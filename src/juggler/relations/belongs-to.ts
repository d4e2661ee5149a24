import {withCallback} from '../../common/callback';
import {AnyObject, Options} from '../../common/types';
import {Entity} from '../../model/model';
import {createBelongsToInclusionResolver} from '../../relations/belongs-to/belongs-to-accessor';
import {InclusionResolver} from '../../relations/inclusion-resolver';
import {GetterMap} from '../../relations/polymorphism';
import {createPolymorphicToOneInclusionResolver} from '../../relations/polymorphic-inclusion-resolver';
import {RelationType} from '../../relations/relation-types';
import {EntityCrudRepository} from '../../repository/repository';
import {splitArgs} from '../callback-args';
import {camelize} from '../naming';
import {cachedRelations, PersistedModel, PersistedModelClass} from '../persisted-model';
import {bindEngineRelation, repositoryGetter} from './bind-engine-relation';
import {checkRelationName, registerRelationDefiner} from './define-relation';
import {adaptFilterIncludes, completeIncludes} from './include-adapter';
import {BELONGS_TO_HELPERS, installPrototypeHelpers} from './prototype-helpers';
import {installRelationAccessor} from './relation-accessor';
import {JugglerPolymorphic, JugglerRelationDefinition, JugglerRelationParams} from './relation-definition';
import {DiscriminatorTypeError, EmptyRelationError, PolymorphicModelNotFoundError} from './relation-errors';
import {applyRelationProperties, applyRelationScope, mergeQuery} from './relation-options';
import {
  ensureProperty, finishAccessor, keyType, lookupModel, normalizePolymorphic, preventForeignKeyOverride,
  registerCustomMethods, relationPayload, splitGetterArgs, typeFromShorthand,
} from './relation-support';

/**
 * LoopBack 3 belongsTo: `Order.belongsTo(Customer, {as, foreignKey, primaryKey})`.
 * The name defaults to the camelized target name (`customer`), the foreign
 * key to `<name>Id`, added to the source with the type of the target's key
 * when missing.
 *
 * Polymorphic: `Picture.belongsTo('imageable', {polymorphic: true})` adds
 * `imageableId` (typed as `idType`, else as the source's id) and
 * `imageableType`; the discriminator names the target model of each instance.
 *
 * Instances get `order.customer(…)` (see {@link BelongsToAccessor}).
 */
export function defineBelongsTo(
  source: PersistedModelClass, target: PersistedModelClass | undefined, params: JugglerRelationParams,
): JugglerRelationDefinition {
  if (params.polymorphic) return definePolymorphicBelongsTo(source, params);
  const Target = target!;
  const name = params.as ?? camelize(Target.modelName);
  const keyTo = params.primaryKey ?? Target.getIdName();
  const keyFrom = params.foreignKey || name + 'Id';
  checkRelationName(source, name, [keyFrom]);
  ensureProperty(source, keyFrom, {type: keyType(Target, keyTo)});
  const relation = new JugglerRelationDefinition({
    name, type: 'belongsTo', modelFrom: source, keyFrom, modelTo: Target, keyTo, multiple: false,
    options: params.options ?? {}, scope: params.scope, properties: params.properties,
  });
  registerCustomMethods(relation, params);
  const metadata = {
    type: RelationType.belongsTo, targetsMany: false as const, name,
    source, target: () => Target, keyFrom, keyTo,
  };
  bindEngineRelation(source, metadata, () =>
    createBelongsToInclusionResolver(metadata, repositoryGetter(Target)) as InclusionResolver<Entity, Entity>);
  install(source, relation, undefined);
  return relation;
}

function definePolymorphicBelongsTo(source: PersistedModelClass, params: JugglerRelationParams): JugglerRelationDefinition {
  const name = params.as!;
  const polymorphic = normalizePolymorphic(params.polymorphic, name);
  const keyFrom = polymorphic.foreignKey;
  const {discriminator} = polymorphic;
  const keyTo = params.primaryKey ?? (params.idName as string | undefined) ?? 'id';
  checkRelationName(source, name, [keyFrom, discriminator]);
  // LoopBack 3: the key has `idType`, else the type of the source's own id.
  ensureProperty(source, keyFrom, {
    type: polymorphic.idType !== undefined ? typeFromShorthand(polymorphic.idType) : keyType(source, source.getIdName()),
  });
  ensureProperty(source, discriminator, {type: 'string'});
  const relation = new JugglerRelationDefinition({
    name, type: 'belongsTo', modelFrom: source, keyFrom, modelTo: undefined, keyTo, multiple: false, polymorphic,
    options: params.options ?? {}, scope: params.scope, properties: params.properties,
  });
  registerCustomMethods(relation, params);
  const metadata = {
    type: RelationType.belongsTo, targetsMany: false as const, name,
    // No single target: each instance's discriminator names its model.
    source, target: () => undefined, keyFrom, keyTo, polymorphic: {discriminator},
  };
  bindEngineRelation(source, metadata, () => polymorphicInclusionResolver(source, keyFrom, keyTo, discriminator));
  install(source, relation, polymorphic);
  return relation;
}

/**
 * Includes a polymorphic belongsTo with the engine's polymorphic resolver:
 * the concrete types are the models the sources' discriminators name
 * (looked up case-insensitively when the include runs, as LoopBack 3 does).
 */
function polymorphicInclusionResolver(
  source: PersistedModelClass, keyFrom: string, keyTo: string, discriminator: string,
): InclusionResolver<Entity, Entity> {
  return async (entities, inclusion, options) => {
    const getters: GetterMap<EntityCrudRepository<PersistedModel, unknown>> = {};
    for (const e of entities as AnyObject[]) {
      const type = e[discriminator];
      if (e[keyFrom] == null || type == null || type === '') continue;
      if (Object.prototype.hasOwnProperty.call(getters, type)) continue;
      const model = typeof type === 'string' ? lookupModel(source, type) : undefined;
      if (!model) throw new DiscriminatorTypeError(String(type));
      getters[type] = repositoryGetter(model);
    }
    const resolver = createPolymorphicToOneInclusionResolver<PersistedModel>({
      sourceKey: keyFrom, targetKey: keyTo, discriminator, getters, missingType: 'skip',
    });
    return resolver(entities, inclusion, options) as never;
  };
}

function install(source: PersistedModelClass, relation: JugglerRelationDefinition, polymorphic?: JugglerPolymorphic): void {
  installRelationAccessor(source, relation.name, instance => buildAccessor(instance, relation, polymorphic), {
    methods: () => relation.methods,
    // Relation data given to the constructor (or loaded by include) also sets the key, as in LoopBack 3.
    onAssign: (instance, value) => {
      if (value instanceof PersistedModel && (value as AnyObject)[relation.keyTo] != null) {
        instance[relation.keyFrom] = (value as AnyObject)[relation.keyTo];
      }
      cachedRelations(instance)[relation.name] = value;
    },
  });
  installPrototypeHelpers(source, relation.name, BELONGS_TO_HELPERS);
}

/**
 * `order.customer` — the belongsTo accessor of one instance:
 *
 * - `order.customer(cb)`, `order.customer(refresh, [options], [cb])`,
 *   `order.customer(filter, [options], [cb])`: the target (a promise; the
 *   callback too when given); cached unless `refresh` or a filter is given;
 *   `null` when the key points nowhere, `undefined` when it is not set;
 * - `order.customer()`: the cached target, synchronously;
 * - `order.customer(customer)`: sets the key (and discriminator) from
 *   `customer` and caches it;
 * - `get([options], [cb])` (always loads), `create(data)`, `build(data)`,
 *   `update(data)`, `destroy()` (clears the key and saves the source).
 */
export interface BelongsToAccessor {
  (...args: unknown[]): unknown;
  get(options?: Options, cb?: Function): Promise<PersistedModel | null | undefined>;
  create(data?: AnyObject, options?: Options, cb?: Function): Promise<PersistedModel>;
  build(data?: AnyObject): PersistedModel;
  update(data: AnyObject, options?: Options, cb?: Function): Promise<PersistedModel>;
  destroy(options?: Options, cb?: Function): Promise<PersistedModel>;
}

function buildAccessor(instance: AnyObject, relation: JugglerRelationDefinition, polymorphic?: JugglerPolymorphic): Function {
  const {name, keyFrom, keyTo} = relation;
  const cache = () => cachedRelations(instance);

  /** The target model: the declared one, or the one the discriminator names. */
  const targetModel = (): PersistedModelClass => {
    if (!polymorphic) return relation.modelTo!;
    const typeName = instance[polymorphic.discriminator];
    if (typeof typeName !== 'string' || !typeName) throw PolymorphicModelNotFoundError.notSet(polymorphic.discriminator);
    const model = lookupModel(relation.modelFrom, typeName);
    if (!model) throw PolymorphicModelNotFoundError.unknown(typeName.toLowerCase());
    return model;
  };

  const load = async (filter?: AnyObject, options?: Options): Promise<PersistedModel | null | undefined> => {
    const Target = targetModel();
    const fk = instance[keyFrom];
    if (fk == null) return undefined;
    let query = applyRelationScope(relation, instance, {where: {[keyTo]: fk}})!;
    if (filter) query = mergeQuery(query, filter);
    if (Array.isArray(query.fields) && !query.fields.includes(keyTo)) query.fields = [...query.fields, keyTo];
    query = adaptFilterIncludes(Target, query);
    const found = await Target.findOne(query, options) as PersistedModel | null;
    completeIncludes(Target, query, found);
    return found;
  };

  /** Loads and caches (an unfiltered load); a missing target clears the cache. */
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
      instance[keyFrom] = (first as AnyObject)[keyTo];
      if (polymorphic) instance[polymorphic.discriminator] = (first.constructor as PersistedModelClass).modelName;
      applyRelationProperties(relation, instance, first as AnyObject);
      cache()[name] = first;
      return first;
    }
    if (args.length === 1 && first === null) {
      instance[keyFrom] = null;
      cache()[name] = undefined;
      return undefined;
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

  accessor.update = (...args: unknown[]) => {
    const {values: [data, options], cb} = splitArgs(args, 2);
    const run = (async () => {
      const target = await current(options as Options);
      if (!(target instanceof PersistedModel)) throw new EmptyRelationError('BelongsTo', name);
      preventForeignKeyOverride(target, data as AnyObject, keyTo);
      return target.updateAttributes(data, options);
    })();
    return withCallback(run, cb as never);
  };

  accessor.destroy = (...args: unknown[]) => {
    const {values: [options], cb} = splitArgs(args, 1);
    const run = (async () => {
      const target = await current(options as Options);
      if (!(target instanceof PersistedModel)) throw new EmptyRelationError('BelongsTo', name);
      // LoopBack 3 unlinks: the key is cleared and the source saved; the target stays.
      instance[keyFrom] = null;
      cache()[name] = undefined;
      return (instance as PersistedModel).save(options);
    })();
    return withCallback(run, cb as never);
  };

  if (!polymorphic) {
    const Target = relation.modelTo!;
    accessor.build = (data?: AnyObject) => new Target(relationPayload(relation, instance, data, {}));
    accessor.create = (...args: unknown[]) => {
      const {values: [data, options], cb} = splitArgs(args, 2);
      const run = (async () => {
        const created = await Target.create(relationPayload(relation, instance, data, {}), options) as PersistedModel;
        instance[keyFrom] = (created as AnyObject)[keyTo];
        // A source that is not stored yet is saved by its own create; a stored one is updated now.
        if (!(instance as PersistedModel).isNewRecord()) await (instance as PersistedModel).save(options);
        cache()[name] = created;
        return created;
      })();
      return withCallback(run, cb as never);
    };
  }
  finishAccessor(accessor, relation, instance);
  return accessor as unknown as Function;
}

registerRelationDefiner('belongsTo', defineBelongsTo);
