import {camelCase} from '../../model/naming';
import {normalizePolymorphic, PolymorphicDiscriminator} from '../polymorphism';
import {InvalidRelationError} from '../relation-errors';
import {BelongsToDefinition, RelationMetadata, RelationType} from '../relation-types';
import {hasProperty, resolveRelationEnds, ResolvedEnds} from '../resolve-relation-base';

/** A belongsTo definition with both keys resolved. */
export interface ResolvedBelongsTo extends ResolvedEnds {
  definition: BelongsToDefinition;
  name: string;
  /** Foreign key on the source. */
  keyFrom: string;
  /** Key on the target (its id by default). */
  keyTo: string;
  /** The discriminator property on the source, when the target is polymorphic. */
  polymorphic: false | PolymorphicDiscriminator;
}

/**
 * Resolves a belongsTo definition's keys with LoopBack 4's defaults:
 * `keyFrom` = camelCase(target + '_id') unless declared, `keyTo` = target id,
 * `polymorphic: true` → discriminator camelCase(target + '_type') on the
 * source. Unlike LoopBack 4, a foreign key or discriminator the source does
 * not declare is an `InvalidRelationError` here, not a relation that is
 * silently always empty.
 */
export function resolveBelongsToMetadata(meta: RelationMetadata | undefined): ResolvedBelongsTo {
  const ends = resolveRelationEnds(meta, RelationType.belongsTo);
  const def = meta as BelongsToDefinition;
  const {sourceModel, targetModel} = ends;
  const keyFrom = hasProperty(sourceModel, def.keyFrom)
    ? def.keyFrom
    : camelCase(targetModel.modelName + '_id');
  if (!hasProperty(sourceModel, keyFrom)) {
    throw new InvalidRelationError(
      `source model ${sourceModel.modelName} is missing definition of foreign key ${keyFrom}`, def);
  }
  let keyTo = hasProperty(targetModel, def.keyTo) ? def.keyTo : undefined;
  if (!keyTo) {
    keyTo = targetModel.definition.idProperties()[0];
    if (!keyTo) {
      throw new InvalidRelationError(`${targetModel.modelName} does not have any primary key (id property)`, def);
    }
  }
  const polymorphic = normalizePolymorphic(def.polymorphic, targetModel.name);
  if (polymorphic && !hasProperty(sourceModel, polymorphic.discriminator)) {
    throw new InvalidRelationError(
      `source model ${sourceModel.modelName} is missing definition of discriminator ${polymorphic.discriminator}`, def);
  }
  return {...ends, definition: def, name: def.name, keyFrom, keyTo, polymorphic};
}
