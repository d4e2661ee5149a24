import {AnyObject, Options} from '../common/types';
import {Getter} from '../context/getter';
import {Inclusion} from '../filter/types';
import {Entity} from '../model/model';
import {EntityCrudRepository} from '../repository/repository';
import {InclusionResolver} from './inclusion-resolver';
import {
  ensureFieldSelected, findByForeignKeys, flattenTargetsOfOneToManyRelation, flattenTargetsOfOneToOneRelation,
} from './relation-helpers';
import {ResolvedTargetForeignKey} from './resolve-target-foreign-key';
import {withIncludePlanMetadata} from './include-plan/include-plan-metadata';

/**
 * Loads targets whose foreign key points at the sources (hasMany: a list per
 * source; hasOne: the first target per source) in one query per include
 * level. A scope `fields` that leaves out the foreign key still matches:
 * the key is loaded, then removed from the results. The resolver carries
 * include-plan metadata, so a connector that runs include trees can load
 * the relation together with its parent instead.
 */
export function createTargetForeignKeyInclusionResolver<Target extends Entity>(
  resolved: ResolvedTargetForeignKey,
  getTargetRepository: Getter<EntityCrudRepository<Target, unknown>>,
  many: boolean,
): InclusionResolver<Entity, Target> {
  const {keyFrom, keyTo} = resolved;
  const resolver: InclusionResolver<Entity, Target> = async (entities: Entity[], inclusion: Inclusion, options?: Options) => {
    if (!entities.length) return [];
    const sourceIds = entities.map(e => (e as AnyObject)[keyFrom]);
    const ids = sourceIds.filter(v => v != null);
    if (!ids.length) return sourceIds.map(() => undefined);
    const scope: AnyObject = {...inclusion.scope};
    const addedKey = ensureFieldSelected(scope, keyTo);
    const repo = await getTargetRepository();
    const targets = await findByForeignKeys(repo, keyTo, ids, scope, options);
    const result = many
      ? flattenTargetsOfOneToManyRelation(sourceIds, targets, keyTo)
      : flattenTargetsOfOneToOneRelation(sourceIds, targets, keyTo);
    if (addedKey) for (const t of targets) delete (t as AnyObject)[keyTo];
    return result as (Target | undefined)[] | (Target[] | undefined)[];
  };
  // Polymorphic targets are resolved per type; only a plain join can be planned.
  if (resolved.definition.polymorphic) return resolver;
  return withIncludePlanMetadata(resolver, {
    relation: resolved.name, parentKey: keyFrom, childKey: keyTo, many,
    targetModel: resolved.targetModel, getTargetRepository: getTargetRepository,
  });
}
