import {DataObject} from '../../common/types';
import {Entity} from '../../model/model';
import {EntityCrudRepository} from '../../repository/repository';
import {TargetGetters} from '../getter-map';
import {InclusionResolver} from '../inclusion-resolver';
import {createPolymorphicToOneInclusionResolver} from '../polymorphic-inclusion-resolver';
import {normalizePolymorphic, PolymorphicDiscriminator, singleTargetGetter, toTargetGetterMap} from '../polymorphism';
import {InvalidRelationError} from '../relation-errors';
import {RelationMetadata, RelationType} from '../relation-types';
import {hasProperty} from '../resolve-relation-base';
import {resolveTargetForeignKey, ResolvedTargetForeignKey} from '../resolve-target-foreign-key';
import {createTargetForeignKeyInclusionResolver} from '../to-many-inclusion-resolver';
import {DefaultHasOneRepository, HasOneRepository} from './has-one-repository';

/** `customerRepo.address(customerId)` → the constrained repository of that customer's address. */
export interface HasOneRepositoryFactory<Target extends Entity, ForeignKeyType> {
  (fkValue: ForeignKeyType): HasOneRepository<Target>;
  inclusionResolver: InclusionResolver<Entity, Target>;
}

/** A hasOne definition with its keys and polymorphism resolved. */
export interface ResolvedHasOne extends ResolvedTargetForeignKey {
  /** The discriminator property on the SOURCE, when the target is polymorphic. */
  polymorphic: false | PolymorphicDiscriminator;
}

/**
 * Resolves a hasOne definition: keys as LoopBack 4 (source id → camelCase(source
 * + '_id') on the target), `polymorphic: true` → discriminator
 * camelCase(target + '_type'), which the source must declare.
 */
export function resolveHasOneMetadata(relationMetadata: RelationMetadata | undefined): ResolvedHasOne {
  const resolved = resolveTargetForeignKey(relationMetadata, RelationType.hasOne);
  const polymorphic = normalizePolymorphic(resolved.definition.polymorphic, resolved.targetModel.name);
  if (polymorphic && !hasProperty(resolved.sourceModel, polymorphic.discriminator)) {
    throw new InvalidRelationError(
      `source model ${resolved.sourceModel.modelName} is missing definition of discriminator ${polymorphic.discriminator}`,
      resolved.definition);
  }
  return {...resolved, polymorphic};
}

/**
 * Builds the factory of a hasOne relation. Invalid metadata fails here with
 * `InvalidRelationError`. A polymorphic target takes a map of concrete type
 * name → repository getter (`{Letter: getLetterRepo, Parcel: getParcelRepo}`).
 */
export function createHasOneRepositoryFactory<Target extends Entity, TargetID, ForeignKeyType>(
  relationMetadata: RelationMetadata,
  targetRepositoryGetter: TargetGetters<EntityCrudRepository<Target, TargetID>>,
): HasOneRepositoryFactory<Target, ForeignKeyType> {
  const resolved = resolveHasOneMetadata(relationMetadata);
  const {targetModel, keyTo} = resolved;
  const getters = resolved.polymorphic
    ? toTargetGetterMap(targetRepositoryGetter, targetModel)
    : singleTargetGetter(targetRepositoryGetter, targetModel);
  const target = () => targetModel;
  const factory = ((fkValue: ForeignKeyType) =>
    new DefaultHasOneRepository<Target, TargetID, EntityCrudRepository<Target, TargetID>>(
      getters, {[keyTo]: fkValue} as DataObject<Target>, target)
  ) as unknown as HasOneRepositoryFactory<Target, ForeignKeyType>;
  factory.inclusionResolver = typeof getters === 'function'
    ? createTargetForeignKeyInclusionResolver(resolved, getters, false)
    : createPolymorphicToOneInclusionResolver<Target>({
      sourceKey: resolved.keyFrom, targetKey: keyTo, discriminator: (resolved.polymorphic as PolymorphicDiscriminator).discriminator,
      getters, missingType: 'skip', relation: resolved.name, targetModel,
    });
  return factory;
}

/** The inclusion resolver of a hasOne relation on its own (a getter map for polymorphic targets). */
export function createHasOneInclusionResolver<Target extends Entity, TargetID>(
  relationMetadata: RelationMetadata,
  targetRepositoryGetter: TargetGetters<EntityCrudRepository<Target, TargetID>>,
): InclusionResolver<Entity, Target> {
  return createHasOneRepositoryFactory<Target, TargetID, unknown>(relationMetadata, targetRepositoryGetter)
    .inclusionResolver;
}
