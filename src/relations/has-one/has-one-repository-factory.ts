import {DataObject} from '../../common/types';
import {Entity} from '../../model/model';
import {EntityCrudRepository} from '../../repository/repository';
import {TargetGetters, toGetterMap} from '../getter-map';
import {InclusionResolver} from '../inclusion-resolver';
import {RelationMetadata, RelationType} from '../relation-types';
import {resolveTargetForeignKey} from '../resolve-target-foreign-key';
import {createTargetForeignKeyInclusionResolver} from '../to-many-inclusion-resolver';
import {DefaultHasOneRepository, HasOneRepository} from './has-one-repository';

/** `customerRepo.address(customerId)` → the constrained repository of that customer's address. */
export interface HasOneRepositoryFactory<Target extends Entity, ForeignKeyType> {
  (fkValue: ForeignKeyType): HasOneRepository<Target>;
  inclusionResolver: InclusionResolver<Entity, Target>;
}

/**
 * Builds the factory of a hasOne relation. Invalid metadata fails here with
 * `InvalidRelationError`.
 */
export function createHasOneRepositoryFactory<Target extends Entity, TargetID, ForeignKeyType>(
  relationMetadata: RelationMetadata,
  targetRepositoryGetter: TargetGetters<EntityCrudRepository<Target, TargetID>>,
): HasOneRepositoryFactory<Target, ForeignKeyType> {
  const resolved = resolveTargetForeignKey(relationMetadata, RelationType.hasOne);
  const getters = toGetterMap(targetRepositoryGetter, resolved.targetModel.modelName);
  const getTarget = getters[resolved.targetModel.modelName] ?? Object.values(getters)[0];
  const factory = ((fkValue: ForeignKeyType) =>
    new DefaultHasOneRepository<Target, TargetID, EntityCrudRepository<Target, TargetID>>(
      getTarget, {[resolved.keyTo]: fkValue} as DataObject<Target>)
  ) as unknown as HasOneRepositoryFactory<Target, ForeignKeyType>;
  factory.inclusionResolver = createTargetForeignKeyInclusionResolver(resolved, getTarget, false);
  return factory;
}
