import {Getter} from '../../context/getter';
import {Entity} from '../../model/model';
import {EntityCrudRepository} from '../../repository/repository';
import {TargetGetters} from '../getter-map';
import {InclusionResolver} from '../inclusion-resolver';
import {GetterMap, singleTargetGetter, toTargetGetterMap} from '../polymorphism';
import {RelationMetadata} from '../relation-types';
import {buildHasManyThroughInclusionResolver} from './has-many-through-inclusion-resolver';
import {resolveHasManyThroughMetadata, ResolvedHasManyThrough} from './has-many-through-metadata';
import {DefaultHasManyThroughRepository, HasManyThroughRepository} from './has-many-through-repository';

/**
 * `categoryRepo.products(categoryId)` → the constrained repository of that
 * category's products, plus the relation's inclusion resolver.
 */
export interface HasManyThroughRepositoryFactory<
  TargetEntity extends Entity, TargetID, ThroughEntity extends Entity, SourceID,
> {
  (fkValue: SourceID): HasManyThroughRepository<TargetEntity, TargetID, ThroughEntity>;
  inclusionResolver: InclusionResolver<Entity, TargetEntity>;
}

/** The getter map of a relation: one entry per concrete type (polymorphic), else the target's only. */
function targetGetterMap<R>(resolved: ResolvedHasManyThrough, getters: TargetGetters<R>): GetterMap<R> {
  if (resolved.polymorphic) return toTargetGetterMap(getters, resolved.targetModel);
  return {[resolved.targetModel.name]: singleTargetGetter(getters, resolved.targetModel)};
}

/**
 * Builds the factory of a hasMany-through relation (LoopBack 4's
 * `createHasManyThroughRepositoryFactory`). `targetRepositoryGetter` is a
 * getter, or — for a polymorphic relation (`through.polymorphic`) — a map
 * of concrete type name to getter. Invalid metadata fails here with
 * `InvalidRelationError`.
 *
 * ```ts
 * this.products = createHasManyThroughRepositoryFactory(
 *   Category.definition.relations.products, productRepoGetter, linkRepoGetter);
 * await this.products(categoryId).create({name: 'pen'}, {throughData: {position: 1}});
 * ```
 */
export function createHasManyThroughRepositoryFactory<
  Target extends Entity, TargetID, Through extends Entity, ThroughID, SourceID,
>(
  relationMetadata: RelationMetadata,
  targetRepositoryGetter: TargetGetters<EntityCrudRepository<Target, TargetID>>,
  throughRepositoryGetter: Getter<EntityCrudRepository<Through, ThroughID>>,
): HasManyThroughRepositoryFactory<Target, TargetID, Through, SourceID> {
  const resolved = resolveHasManyThroughMetadata(relationMetadata);
  const getters = targetGetterMap(resolved, targetRepositoryGetter);
  const factory = ((sourceId: SourceID) =>
    new DefaultHasManyThroughRepository<
      Target, TargetID, EntityCrudRepository<Target, TargetID>, Through, ThroughID, EntityCrudRepository<Through, ThroughID>
    >(getters, throughRepositoryGetter, resolved, sourceId)
  ) as unknown as HasManyThroughRepositoryFactory<Target, TargetID, Through, SourceID>;
  factory.inclusionResolver = buildHasManyThroughInclusionResolver(
    resolved,
    getters as GetterMap<EntityCrudRepository<Target, unknown>>,
    throughRepositoryGetter as unknown as Getter<EntityCrudRepository<Entity, unknown>>);
  return factory;
}

/**
 * The inclusion resolver of a hasMany-through relation on its own, with
 * LoopBack 4's argument order (through getter first).
 */
export function createHasManyThroughInclusionResolver<Target extends Entity, Through extends Entity>(
  relationMetadata: RelationMetadata,
  getThroughRepository: Getter<EntityCrudRepository<Through, unknown>>,
  getTargetRepository: TargetGetters<EntityCrudRepository<Target, unknown>>,
): InclusionResolver<Entity, Target> {
  const resolved = resolveHasManyThroughMetadata(relationMetadata);
  return buildHasManyThroughInclusionResolver(
    resolved,
    targetGetterMap(resolved, getTargetRepository),
    getThroughRepository as unknown as Getter<EntityCrudRepository<Entity, unknown>>);
}
