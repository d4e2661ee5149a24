import {AnyObject, Options} from '../../common/types';
import {Getter} from '../../context/getter';
import {Where} from '../../filter/types';
import {Entity} from '../../model/model';
import {EntityNotFoundError} from '../../repository/errors';
import {EntityCrudRepository} from '../../repository/repository';
import {TargetGetters, toGetterMap} from '../getter-map';
import {InclusionResolver} from '../inclusion-resolver';
import {RelationMetadata} from '../relation-types';
import {buildBelongsToInclusionResolver} from './belongs-to-inclusion-resolver';
import {resolveBelongsToMetadata} from './belongs-to-metadata';

/**
 * Loads the target of a belongsTo relation for a source id:
 * `await orderRepo.customer(orderId)`. Resolves `undefined` when the source
 * has no foreign key value; fails with `EntityNotFoundError` when the
 * source or the referenced target does not exist.
 */
export interface BelongsToAccessor<Target extends Entity, SourceId> {
  (sourceId: SourceId, options?: Options): Promise<Target>;
  inclusionResolver: InclusionResolver<Entity, Target>;
}

interface SourceRepository<SourceId> {
  findById(id: SourceId, filter?: AnyObject, options?: Options): Promise<Entity>;
}

/** Builds the accessor of a belongsTo relation (see {@link BelongsToAccessor}). */
export function createBelongsToAccessor<Target extends Entity, TargetId, Source extends Entity, SourceId>(
  belongsToMetadata: RelationMetadata,
  targetRepositoryGetter: TargetGetters<EntityCrudRepository<Target, TargetId>>,
  sourceRepository: SourceRepository<SourceId>,
): BelongsToAccessor<Target, SourceId> {
  const resolved = resolveBelongsToMetadata(belongsToMetadata);
  const getters = toGetterMap(targetRepositoryGetter, resolved.targetModel.modelName);
  const getTarget: Getter<EntityCrudRepository<Target, TargetId>> =
    getters[resolved.targetModel.modelName] ?? Object.values(getters)[0];
  const {keyFrom, keyTo} = resolved;

  const accessor = async (sourceId: SourceId, options?: Options): Promise<Target> => {
    const source = await sourceRepository.findById(sourceId, undefined, typeof options === 'object' ? options : undefined);
    const fk = (source as AnyObject)[keyFrom];
    if (fk == null) return undefined as unknown as Target;
    const repo = await getTarget();
    const constraint = {[keyTo]: fk};
    const found = await repo.find({where: constraint as Where<Target>, limit: 1}, typeof options === 'object' ? options : undefined);
    if (!found.length) {
      throw new EntityNotFoundError(resolved.targetModel, `constraint ${JSON.stringify(constraint)}`);
    }
    return found[0];
  };
  const result = accessor as BelongsToAccessor<Target, SourceId>;
  result.inclusionResolver = buildBelongsToInclusionResolver(resolved, getTarget) as InclusionResolver<Entity, Target>;
  return result;
}

/** The inclusion resolver of a belongsTo relation on its own. */
export function createBelongsToInclusionResolver<Target extends Entity, TargetId>(
  belongsToMetadata: RelationMetadata,
  targetRepositoryGetter: Getter<EntityCrudRepository<Target, TargetId>>,
): InclusionResolver<Entity, Target> {
  return buildBelongsToInclusionResolver(resolveBelongsToMetadata(belongsToMetadata), targetRepositoryGetter);
}
