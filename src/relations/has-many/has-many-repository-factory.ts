import {DataObject} from '../../common/types';
import {Getter} from '../../context/getter';
import {Entity} from '../../model/model';
import {EntityCrudRepository} from '../../repository/repository';
import {InclusionResolver} from '../inclusion-resolver';
import {RelationMetadata, RelationType} from '../relation-types';
import {resolveTargetForeignKey} from '../resolve-target-foreign-key';
import {createTargetForeignKeyInclusionResolver} from '../to-many-inclusion-resolver';
import {DefaultHasManyRepository, HasManyRepository} from './has-many-repository';

/** `customerRepo.orders(customerId)` → the constrained repository of that customer's orders. */
export interface HasManyRepositoryFactory<Target extends Entity, ForeignKeyType> {
  (fkValue: ForeignKeyType): HasManyRepository<Target>;
  inclusionResolver: InclusionResolver<Entity, Target>;
}

/**
 * Builds the factory of a hasMany relation. Invalid metadata fails here with
 * `InvalidRelationError`.
 */
export function createHasManyRepositoryFactory<Target extends Entity, TargetID, ForeignKeyType>(
  relationMetadata: RelationMetadata,
  targetRepositoryGetter: Getter<EntityCrudRepository<Target, TargetID>>,
): HasManyRepositoryFactory<Target, ForeignKeyType> {
  const resolved = resolveTargetForeignKey(relationMetadata, RelationType.hasMany);
  const factory = ((fkValue: ForeignKeyType) =>
    new DefaultHasManyRepository<Target, TargetID, EntityCrudRepository<Target, TargetID>>(
      targetRepositoryGetter, {[resolved.keyTo]: fkValue} as DataObject<Target>)
  ) as unknown as HasManyRepositoryFactory<Target, ForeignKeyType>;
  factory.inclusionResolver = createTargetForeignKeyInclusionResolver(resolved, targetRepositoryGetter, true);
  return factory;
}

/** The inclusion resolver of a hasMany relation on its own. */
export function createHasManyInclusionResolver<Target extends Entity, TargetID>(
  relationMetadata: RelationMetadata,
  targetRepositoryGetter: Getter<EntityCrudRepository<Target, TargetID>>,
): InclusionResolver<Entity, Target> {
  return createTargetForeignKeyInclusionResolver(
    resolveTargetForeignKey(relationMetadata, RelationType.hasMany), targetRepositoryGetter, true);
}
