import {AnyObject, Options} from '../../common/types';
import {Getter} from '../../context/getter';
import {Where} from '../../filter/types';
import {Entity} from '../../model/model';
import {EntityNotFoundError} from '../../repository/errors';
import {EntityCrudRepository} from '../../repository/repository';
import {TargetGetters} from '../getter-map';
import {InclusionResolver} from '../inclusion-resolver';
import {pickTargetGetter, selectTargetGetters, singleTargetGetter, toTargetGetterMap} from '../polymorphism';
import {RelationMetadata} from '../relation-types';
import {buildBelongsToInclusionResolver} from './belongs-to-inclusion-resolver';
import {resolveBelongsToMetadata} from './belongs-to-metadata';

/**
 * Loads the target of a belongsTo relation for a source id:
 * `await orderRepo.customer(orderId)`. Resolves `undefined` when the source
 * has no foreign key value; fails with `EntityNotFoundError` when the
 * source or the referenced target does not exist.
 *
 * Polymorphic relations read the source's discriminator to pick the
 * concrete type's repository (`InvalidPolymorphismError` for a name the
 * getter map lacks); `polymorphicTypes` (LoopBack 4's second argument)
 * restricts the types searched. The options (e.g. `{transaction}`) come
 * second, or third after `polymorphicTypes`.
 */
export interface BelongsToAccessor<Target extends Entity, SourceId> {
  (sourceId: SourceId, polymorphicTypes?: string | string[] | Options, options?: Options): Promise<Target>;
  inclusionResolver: InclusionResolver<Entity, Target>;
}

interface SourceRepository<SourceId> {
  findById(id: SourceId, filter?: AnyObject, options?: Options): Promise<Entity>;
}

/** Splits `(typesOrOptions?, options?)`: a string or an array names types, an object is options. */
function splitArguments(
  typesOrOptions: string | string[] | Options | undefined, options: Options | undefined,
): {types?: string | string[]; options?: Options} {
  if (typeof typesOrOptions === 'string' || Array.isArray(typesOrOptions)) return {types: typesOrOptions, options};
  if (typesOrOptions !== null && typeof typesOrOptions === 'object') return {options: typesOrOptions};
  return {options};
}

/** Builds the accessor of a belongsTo relation (see {@link BelongsToAccessor}). */
export function createBelongsToAccessor<Target extends Entity, TargetId, Source extends Entity, SourceId>(
  belongsToMetadata: RelationMetadata,
  targetRepositoryGetter: TargetGetters<EntityCrudRepository<Target, TargetId>>,
  sourceRepository: SourceRepository<SourceId>,
): BelongsToAccessor<Target, SourceId> {
  const resolved = resolveBelongsToMetadata(belongsToMetadata);
  const {keyFrom, keyTo, polymorphic, targetModel} = resolved;
  const getterMap = toTargetGetterMap(targetRepositoryGetter, targetModel);
  const getTarget = polymorphic ? undefined : singleTargetGetter(targetRepositoryGetter, targetModel);

  const accessor = async (
    sourceId: SourceId, typesOrOptions?: string | string[] | Options, maybeOptions?: Options,
  ): Promise<Target> => {
    const {types, options} = splitArguments(typesOrOptions, maybeOptions);
    const source = await sourceRepository.findById(sourceId, undefined, options) as AnyObject;
    const fk = source[keyFrom];
    if (fk == null) return undefined as unknown as Target;
    const constraint = {[keyTo]: fk};
    const filter = {where: constraint as Where<Target>, limit: 1};

    if (getTarget) {
      const found = await (await getTarget()).find(filter, options);
      if (!found.length) throw new EntityNotFoundError(targetModel, `constraint ${JSON.stringify(constraint)}`);
      return found[0];
    }

    const discriminator = (polymorphic as {discriminator: string}).discriminator;
    const typeName = source[discriminator];
    let candidates: [string, Getter<EntityCrudRepository<Target, TargetId>>][];
    if (typeName != null) {
      const getter = pickTargetGetter(getterMap, typeName, discriminator);
      // Requested types that exclude the source's own type: nothing of them is referenced.
      candidates = types === undefined || selectTargetGetters(getterMap, types).some(([n]) => n === typeName)
        ? [[typeName as string, getter]]
        : [];
    } else {
      // No type recorded on the source: search the requested (or all) types in order, as LoopBack 4 does.
      candidates = selectTargetGetters(getterMap, types);
    }
    for (const [name, getter] of candidates) {
      const found = await (await getter()).find(filter, {...options, polymorphicType: name});
      if (found.length) return found[0];
    }
    const entityName = candidates.length === 1 ? candidates[0][0] : targetModel.modelName;
    throw new EntityNotFoundError(entityName, `constraint ${JSON.stringify(constraint)}`);
  };
  const result = accessor as BelongsToAccessor<Target, SourceId>;
  result.inclusionResolver = buildBelongsToInclusionResolver(
    resolved, getTarget ?? getterMap) as InclusionResolver<Entity, Target>;
  return result;
}

/** The inclusion resolver of a belongsTo relation on its own (a getter map for polymorphic targets). */
export function createBelongsToInclusionResolver<Target extends Entity, TargetId>(
  belongsToMetadata: RelationMetadata,
  targetRepositoryGetter: TargetGetters<EntityCrudRepository<Target, TargetId>>,
): InclusionResolver<Entity, Target> {
  const resolved = resolveBelongsToMetadata(belongsToMetadata);
  return buildBelongsToInclusionResolver(resolved, resolved.polymorphic
    ? toTargetGetterMap(targetRepositoryGetter, resolved.targetModel)
    : singleTargetGetter(targetRepositoryGetter, resolved.targetModel));
}
