import {Entity} from '../../model/model';
import {camelCase} from '../../model/naming';
import {isTypeResolver} from '../../model/type-resolver';
import {InvalidRelationError} from '../relation-errors';
import {normalizePolymorphic} from '../polymorphism';
import {HasManyDefinition, RelationMetadata, RelationType} from '../relation-types';
import {hasProperty, resolveRelationEnds, ResolvedEnds} from '../resolve-relation-base';
import {resolveThroughScope, ResolvedThroughScope} from './through-scope';

/** A hasMany-through definition with every key resolved. */
export interface ResolvedHasManyThrough extends ResolvedEnds {
  definition: HasManyDefinition;
  name: string;
  /** The link model class. */
  throughModel: typeof Entity;
  /** Key on the source read for the link's `throughKeyFrom` (the source id by default). */
  keyFrom: string;
  /** Key on the target the link's `throughKeyTo` points at (the target id by default). */
  keyTo: string;
  /** Property of the link model holding the source key. */
  throughKeyFrom: string;
  /** Property of the link model holding the target key. */
  throughKeyTo: string;
  /** Discriminator property on the link model naming the concrete target type, or false. */
  polymorphic: false | {discriminator: string};
  /** `through.scope` (relata): the where every read of links applies, the values every new link gets. */
  throughScope: ResolvedThroughScope;
}

/**
 * Resolves a hasMany relation with a `through` model, with LoopBack 4's
 * defaults: `keyFrom` = the source id, `keyTo` = the target id,
 * `through.keyFrom` = camelCase(source name + '_id'), `through.keyTo` =
 * camelCase(target name + '_id'), `through.polymorphic: true` →
 * discriminator camelCase(target name + '_type'). Every key must exist,
 * else `InvalidRelationError` with LoopBack's reasons (the missing key's
 * name is appended to the through-model reasons). A `through.scope` must be
 * `{where}` with a where valid for the through model.
 *
 * ```ts
 * @hasMany(() => Product, {through: {model: () => CategoryProductLink}})
 * products: Product[];
 * // → keyFrom 'id', keyTo 'id', through.keyFrom 'categoryId', through.keyTo 'productId'
 * ```
 */
export function resolveHasManyThroughMetadata(meta: RelationMetadata | undefined): ResolvedHasManyThrough {
  const ends = resolveRelationEnds(meta, RelationType.hasMany);
  const def = meta as HasManyDefinition;
  const {sourceModel, targetModel} = ends;
  if (!def.through) throw new InvalidRelationError('through must be specified', def);
  if (!isTypeResolver(def.through.model)) throw new InvalidRelationError('through.model must be a type resolver', def);
  const throughModel = def.through.model() as unknown as typeof Entity;
  if (!throughModel || !throughModel.definition) {
    throw new InvalidRelationError('through model must be defined (the resolver returned no model class)', def);
  }

  const keyFrom = hasProperty(sourceModel, def.keyFrom) ? def.keyFrom : sourceModel.getIdProperties()[0];
  const throughKeyFrom = def.through.keyFrom ?? camelCase(sourceModel.modelName + '_id');
  if (!hasProperty(throughModel, throughKeyFrom)) {
    throw new InvalidRelationError(
      `through model ${throughModel.name} is missing definition of source foreign key ${throughKeyFrom}`, def);
  }
  const throughKeyTo = def.through.keyTo ?? camelCase(targetModel.modelName + '_id');
  if (!hasProperty(throughModel, throughKeyTo)) {
    throw new InvalidRelationError(
      `through model ${throughModel.name} is missing definition of target foreign key ${throughKeyTo}`, def);
  }
  const keyTo = def.keyTo ?? targetModel.definition.idProperties()[0];
  if (!hasProperty(targetModel, keyTo)) {
    throw new InvalidRelationError(
      `target model ${targetModel.modelName} does not have any primary key (id property)`, def);
  }
  const polymorphic = normalizePolymorphic(def.through.polymorphic, targetModel.name);
  if (polymorphic && !hasProperty(throughModel, polymorphic.discriminator)) {
    throw new InvalidRelationError(
      `through model ${throughModel.name} is missing definition of discriminator ${polymorphic.discriminator}`, def);
  }
  const throughScope = resolveThroughScope(def, throughModel);
  return {
    ...ends, definition: def, name: def.name, throughModel,
    keyFrom, keyTo, throughKeyFrom, throughKeyTo, polymorphic, throughScope,
  };
}
