import {AnyObject, DataObject, Options} from '../../common/types';
import {Inclusion} from '../../filter/types';
import {Entity} from '../../model/model';
import {camelCase} from '../../model/naming';
import {EntityCrudRepository} from '../../repository/repository';
import {imposeWhere} from '../constraint-utils';
import {TargetGetters} from '../getter-map';
import {InclusionResolver} from '../inclusion-resolver';
import {withIncludePlanMetadata} from '../include-plan/include-plan-metadata';
import {PolymorphicDiscriminator, singleTargetGetter} from '../polymorphism';
import {InvalidRelationError} from '../relation-errors';
import {HasManyDefinition, PolymorphicOption, RelationMetadata, RelationType} from '../relation-types';
import {hasProperty} from '../resolve-relation-base';
import {resolveTargetForeignKey, ResolvedTargetForeignKey} from '../resolve-target-foreign-key';
import {createTargetForeignKeyInclusionResolver} from '../to-many-inclusion-resolver';
import {DefaultHasManyRepository, HasManyRepository} from './has-many-repository';

/** `customerRepo.orders(customerId)` → the constrained repository of that customer's orders. */
export interface HasManyRepositoryFactory<Target extends Entity, ForeignKeyType> {
  (fkValue: ForeignKeyType): HasManyRepository<Target>;
  inclusionResolver: InclusionResolver<Entity, Target>;
}

/** A hasMany definition with its keys and (target-side) polymorphism resolved. */
export interface ResolvedHasMany extends ResolvedTargetForeignKey {
  /**
   * Polymorphic hasMany (relata; LoopBack 3's `polymorphic` hasMany): the
   * discriminator property on the TARGET and the value that names this
   * source model in it.
   */
  polymorphic: false | (PolymorphicDiscriminator & {value: string});
}

/**
 * The discriminator of a polymorphic hasMany. `true` derives it from the
 * foreign key (`imageableId` → `imageableType`), else from the target
 * (`camelCase(target + '_type')`, LoopBack 4's rule for the other relations).
 */
function hasManyDiscriminator(polymorphic: PolymorphicOption, keyTo: string, targetName: string): string {
  if (polymorphic && typeof polymorphic === 'object' && typeof polymorphic.discriminator === 'string' &&
      polymorphic.discriminator) {
    return polymorphic.discriminator;
  }
  if (/Id$/.test(keyTo)) return keyTo.replace(/Id$/, 'Type');
  return camelCase(targetName + '_type');
}

/**
 * Resolves a hasMany definition (keys as LoopBack 4). With `polymorphic`,
 * targets of several source models share one target model: the target's
 * discriminator property (which it must declare) holds the source model name.
 */
export function resolveHasManyMetadata(relationMetadata: RelationMetadata | undefined): ResolvedHasMany {
  const resolved = resolveTargetForeignKey(relationMetadata, RelationType.hasMany);
  const option = (resolved.definition as HasManyDefinition).polymorphic;
  if (!option) return {...resolved, polymorphic: false};
  const discriminator = hasManyDiscriminator(option, resolved.keyTo, resolved.targetModel.name);
  if (!hasProperty(resolved.targetModel, discriminator)) {
    throw new InvalidRelationError(
      `target model ${resolved.targetModel.name} is missing definition of discriminator ${discriminator}`,
      resolved.definition);
  }
  return {...resolved, polymorphic: {discriminator, value: resolved.sourceModel.modelName}};
}

/**
 * Builds the factory of a hasMany relation. Invalid metadata fails here with
 * `InvalidRelationError`. A polymorphic hasMany constrains every operation by
 * the foreign key AND the discriminator (`{imageableId: id, imageableType: 'Employee'}`).
 */
export function createHasManyRepositoryFactory<Target extends Entity, TargetID, ForeignKeyType>(
  relationMetadata: RelationMetadata,
  targetRepositoryGetter: TargetGetters<EntityCrudRepository<Target, TargetID>>,
): HasManyRepositoryFactory<Target, ForeignKeyType> {
  const resolved = resolveHasManyMetadata(relationMetadata);
  const getTarget = singleTargetGetter(targetRepositoryGetter, resolved.targetModel);
  const {keyTo, polymorphic} = resolved;
  const factory = ((fkValue: ForeignKeyType) =>
    new DefaultHasManyRepository<Target, TargetID, EntityCrudRepository<Target, TargetID>>(
      getTarget,
      (polymorphic
        ? {[keyTo]: fkValue, [polymorphic.discriminator]: polymorphic.value}
        : {[keyTo]: fkValue}) as DataObject<Target>)
  ) as unknown as HasManyRepositoryFactory<Target, ForeignKeyType>;
  factory.inclusionResolver = buildHasManyInclusionResolver(resolved, getTarget);
  return factory;
}

function buildHasManyInclusionResolver<Target extends Entity>(
  resolved: ResolvedHasMany,
  getTarget: () => Promise<EntityCrudRepository<Target, unknown>>,
): InclusionResolver<Entity, Target> {
  const base = createTargetForeignKeyInclusionResolver(resolved, getTarget, true);
  const {polymorphic} = resolved;
  if (!polymorphic) return base;
  // Polymorphic: the discriminator joins the scope's where (an include planner ANDs it in the same way).
  const typeConstraint = {[polymorphic.discriminator]: polymorphic.value};
  const resolver: InclusionResolver<Entity, Target> = (entities: Entity[], inclusion: Inclusion, options?: Options) => {
    const scope: AnyObject = {...inclusion.scope};
    scope.where = imposeWhere(scope.where, typeConstraint);
    return base(entities, {...inclusion, scope}, options);
  };
  return withIncludePlanMetadata(resolver, {
    relation: resolved.name, parentKey: resolved.keyFrom, childKey: resolved.keyTo, many: true,
    targetModel: resolved.targetModel, getTargetRepository: getTarget, targetWhere: typeConstraint,
  });
}

/** The inclusion resolver of a hasMany relation on its own. */
export function createHasManyInclusionResolver<Target extends Entity, TargetID>(
  relationMetadata: RelationMetadata,
  targetRepositoryGetter: TargetGetters<EntityCrudRepository<Target, TargetID>>,
): InclusionResolver<Entity, Target> {
  const resolved = resolveHasManyMetadata(relationMetadata);
  return buildHasManyInclusionResolver(resolved, singleTargetGetter(targetRepositoryGetter, resolved.targetModel));
}
