import {AnyObject, Options} from '../../common/types';
import {Entity} from '../../model/model';
import {createBelongsToInclusionResolver} from '../../relations/belongs-to/belongs-to-accessor';
import {InclusionResolver} from '../../relations/inclusion-resolver';
import {GetterMap} from '../../relations/polymorphism';
import {createPolymorphicToOneInclusionResolver} from '../../relations/polymorphic-inclusion-resolver';
import {RelationType} from '../../relations/relation-types';
import {EntityCrudRepository} from '../../repository/repository';
import {callbackOrPromise} from '../callback-args';
import {camelize} from '../naming';
import {cachedRelations, PersistedModel, PersistedModelClass} from '../persisted-model';
import {bindEngineRelation, repositoryGetter} from './bind-engine-relation';
import {checkRelationName, createRelationDefinition, registerRelationDefiner} from './define-relation';
import {ensureProperty, keyType, typeFromShorthand} from './key-properties';
import {modelNamedBy, normalizePolymorphic} from './polymorphic';
import {BELONGS_TO_HELPERS, installPrototypeHelpers} from './prototype-helpers';
import {installRelationAccessor} from './relation-accessor';
import {JugglerPolymorphic, JugglerRelationDefinition, JugglerRelationParams} from './relation-definition';
import {DiscriminatorTypeError, PolymorphicModelNotFoundError} from './relation-errors';
import {applyRelationProperties, applyRelationScope, mergeQuery, relationPayload} from './relation-options';
import {toOneAccessor} from './to-one-accessor';

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
 * Instances get `order.customer(…)` (see `BelongsToAccessor` in accessor-types.ts).
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
  const relation = createRelationDefinition(params, {
    name, type: 'belongsTo', modelFrom: source, keyFrom, modelTo: Target, keyTo, multiple: false,
  });
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
  const polymorphic = normalizePolymorphic(params, name)!;
  const keyFrom = polymorphic.foreignKey;
  const {discriminator} = polymorphic;
  const keyTo = params.primaryKey ?? (params.idName as string | undefined) ?? 'id';
  checkRelationName(source, name, [keyFrom, discriminator]);
  // LoopBack 3: the key has `idType`, else the type of the source's own id.
  ensureProperty(source, keyFrom, {
    type: polymorphic.idType !== undefined ? typeFromShorthand(polymorphic.idType) : keyType(source, source.getIdName()),
  });
  ensureProperty(source, discriminator, {type: 'string'});
  const relation = createRelationDefinition(params, {
    name, type: 'belongsTo', modelFrom: source, keyFrom, modelTo: undefined, keyTo, multiple: false, polymorphic,
  });
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
      const model = typeof type === 'string' ? modelNamedBy(source, type) : undefined;
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


function buildAccessor(instance: AnyObject, relation: JugglerRelationDefinition, polymorphic?: JugglerPolymorphic): Function {
  const {keyFrom, keyTo} = relation;

  /** The target model: the declared one, or the one the discriminator names. */
  const targetModel = (): PersistedModelClass => {
    if (!polymorphic) return relation.modelTo!;
    const typeName = instance[polymorphic.discriminator];
    if (typeof typeName !== 'string' || !typeName) throw PolymorphicModelNotFoundError.notSet(polymorphic.discriminator);
    const model = modelNamedBy(relation.modelFrom, typeName);
    if (!model) throw PolymorphicModelNotFoundError.unknown(typeName.toLowerCase());
    return model;
  };

  const accessor = toOneAccessor(instance, relation, {
    kind: 'BelongsTo',
    async load(filter, options) {
      const Target = targetModel();
      const fk = instance[keyFrom];
      if (fk == null) return undefined;
      let query = applyRelationScope(relation, instance, {where: {[keyTo]: fk}})!;
      if (filter) query = mergeQuery(query, filter);
      if (Array.isArray(query.fields) && !query.fields.includes(keyTo)) query.fields = [...query.fields, keyTo];
      return Target.findOne(query, options);
    },
    assign(target) {
      instance[keyFrom] = (target as AnyObject)[keyTo];
      if (polymorphic) instance[polymorphic.discriminator] = (target.constructor as PersistedModelClass).modelName;
      applyRelationProperties(relation, instance, target as AnyObject);
    },
    unassign() {
      instance[keyFrom] = null;
    },
    // LoopBack 3 unlinks: the key is cleared and the source saved; the target stays.
    destroy(_target, options) {
      instance[keyFrom] = null;
      cachedRelations(instance)[relation.name] = undefined;
      return (instance as PersistedModel).save(options);
    },
  });

  if (!polymorphic) {
    const Target = relation.modelTo!;
    accessor.build = (data?: AnyObject) => new Target(relationPayload(relation, instance, data, {}));
    accessor.create = (...args: unknown[]) => callbackOrPromise(args, 2, async (data: unknown, options?: Options) => {
      const created = await Target.create(relationPayload(relation, instance, data, {}), options) as PersistedModel;
      instance[keyFrom] = (created as AnyObject)[keyTo];
      // A source that is not stored yet is saved by its own create; a stored one is updated now.
      if (!(instance as PersistedModel).isNewRecord()) await (instance as PersistedModel).save(options);
      cachedRelations(instance)[relation.name] = created;
      return created;
    });
  }
  return accessor as unknown as Function;
}

registerRelationDefiner('belongsTo', defineBelongsTo);
