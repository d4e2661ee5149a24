import {AnyObject, Options} from '../../common/types';
import {Getter} from '../../context/getter';
import {Inclusion} from '../../filter/types';
import {Entity} from '../../model/model';
import {EntityCrudRepository} from '../../repository/repository';
import {InclusionResolver} from '../inclusion-resolver';
import {
  deduplicate, ensureFieldSelected, findByForeignKeys, flattenTargetsOfOneToOneRelation,
} from '../relation-helpers';
import {ResolvedBelongsTo} from './belongs-to-metadata';
import {withIncludePlanMetadata} from '../include-plan/include-plan-metadata';
import {GetterMap, singleTargetGetter} from '../polymorphism';
import {createPolymorphicToOneInclusionResolver} from '../polymorphic-inclusion-resolver';

/**
 * Loads the target of a belongsTo relation for a batch of sources with one
 * query. Sources with no or a dangling foreign key get `undefined`. The
 * resolver carries include-plan metadata (see `IncludePlanMetadata`).
 *
 * A polymorphic relation takes the getter map: sources are grouped by their
 * discriminator and each concrete type is queried once; it carries no plan
 * metadata (the batched resolver always runs).
 */
export function buildBelongsToInclusionResolver<Target extends Entity>(
  resolved: ResolvedBelongsTo,
  getTargetRepository: Getter<EntityCrudRepository<Target, unknown>> | GetterMap<EntityCrudRepository<Target, unknown>>,
): InclusionResolver<Entity, Target> {
  const {keyFrom, keyTo} = resolved;
  if (resolved.polymorphic) {
    return createPolymorphicToOneInclusionResolver<Target>({
      sourceKey: keyFrom, targetKey: keyTo, discriminator: resolved.polymorphic.discriminator,
      getters: typeof getTargetRepository === 'function'
        ? {[resolved.targetModel.name]: getTargetRepository}
        : getTargetRepository,
      missingType: 'error', relation: resolved.name, targetModel: resolved.targetModel,
    });
  }
  const getTarget = singleTargetGetter(getTargetRepository, resolved.targetModel);
  const resolver: InclusionResolver<Entity, Target> = async (entities: Entity[], inclusion: Inclusion, options?: Options) => {
    if (!entities.length) return [];
    const sourceKeys = entities.map(e => (e as AnyObject)[keyFrom]);
    const ids = deduplicate(sourceKeys.filter(v => v != null));
    if (!ids.length) return sourceKeys.map(() => undefined);
    const scope: AnyObject = {...inclusion.scope};
    const addedKey = ensureFieldSelected(scope, keyTo);
    const repo = await getTarget();
    const targets = await findByForeignKeys(repo, keyTo, ids, scope, options);
    const result = flattenTargetsOfOneToOneRelation(sourceKeys, targets, keyTo);
    if (addedKey) for (const t of targets) delete (t as AnyObject)[keyTo];
    return result;
  };
  return withIncludePlanMetadata(resolver, {
    relation: resolved.name, parentKey: keyFrom, childKey: keyTo, many: false,
    targetModel: resolved.targetModel, getTargetRepository: getTarget,
  });
}
