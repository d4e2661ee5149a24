import {AnyObject, Options} from '../../common/types';
import {Entity} from '../../model/model';
import {EntityCrudRepository} from '../../repository/repository';
import {TargetGetters} from '../getter-map';
import {InclusionResolver} from '../inclusion-resolver';
import {singleTargetGetter} from '../polymorphism';
import {RelationMetadata} from '../relation-types';
import {findByForeignKeys} from '../relation-helpers';
import {
  buildReferencesManyInclusionResolver, indexTargets, referenceKey, referencedIds,
} from './references-many-inclusion-resolver';
import {resolveReferencesManyMetadata} from './references-many-metadata';

/**
 * Loads the targets a source refers to: `await customerRepo.accounts(customerId)`
 * resolves ALL referenced targets in the order of the source's id array
 * (ids of missing targets skipped; `[]` when the array is empty or missing).
 * Fails with `EntityNotFoundError` when the source does not exist.
 * (LoopBack 4's accessor resolves only the first target, and fails for
 * arrays of more than one id on most stores.)
 */
export interface ReferencesManyAccessor<Target extends Entity, SourceId> {
  (sourceId: SourceId, options?: Options): Promise<Target[]>;
  inclusionResolver: InclusionResolver<Entity, Target>;
}

interface SourceRepository<SourceId> {
  findById(id: SourceId, filter?: AnyObject, options?: Options): Promise<Entity>;
}

/** Builds the accessor of a referencesMany relation (see {@link ReferencesManyAccessor}). */
export function createReferencesManyAccessor<Target extends Entity, TargetId, Source extends Entity, SourceId>(
  referencesManyMetadata: RelationMetadata,
  targetRepositoryGetter: TargetGetters<EntityCrudRepository<Target, TargetId>>,
  sourceRepository: SourceRepository<SourceId>,
): ReferencesManyAccessor<Target, SourceId> {
  const resolved = resolveReferencesManyMetadata(referencesManyMetadata);
  const {keyFrom, keyTo} = resolved;
  const getTarget = singleTargetGetter(targetRepositoryGetter, resolved.targetModel);

  const accessor = async (sourceId: SourceId, options?: Options): Promise<Target[]> => {
    const source = await sourceRepository.findById(sourceId, undefined, options) as AnyObject;
    const ids = referencedIds(source[keyFrom]);
    if (!ids.length) return [];
    const targets = await findByForeignKeys(await getTarget(), keyTo, ids, undefined, options);
    const byKey = indexTargets(targets, keyTo);
    const out: Target[] = [];
    for (const id of ids) {
      const t = byKey.get(referenceKey(id));
      if (t) out.push(t);
    }
    return out;
  };
  const result = accessor as ReferencesManyAccessor<Target, SourceId>;
  result.inclusionResolver = buildReferencesManyInclusionResolver(resolved, getTarget);
  return result;
}

/** The inclusion resolver of a referencesMany relation on its own. */
export function createReferencesManyInclusionResolver<Target extends Entity, TargetId>(
  referencesManyMetadata: RelationMetadata,
  targetRepositoryGetter: TargetGetters<EntityCrudRepository<Target, TargetId>>,
): InclusionResolver<Entity, Target> {
  const resolved = resolveReferencesManyMetadata(referencesManyMetadata);
  return buildReferencesManyInclusionResolver(resolved, singleTargetGetter(targetRepositoryGetter, resolved.targetModel));
}
