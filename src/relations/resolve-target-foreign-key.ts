import {camelCase} from '../model/naming';
import {InvalidRelationError} from './relation-errors';
import {RelationMetadata, RelationType} from './relation-types';
import {hasProperty, resolveRelationEnds, ResolvedEnds} from './resolve-relation-base';

/** A hasOne/hasMany definition with both keys resolved. */
export interface ResolvedTargetForeignKey extends ResolvedEnds {
  definition: RelationMetadata;
  name: string;
  /** Key on the source (its id by default). */
  keyFrom: string;
  /** Foreign key on the target. */
  keyTo: string;
}

/**
 * Resolves the keys of a relation whose foreign key lives on the target
 * (hasOne, hasMany): `keyFrom` = source id unless declared; `keyTo` =
 * declared, else camelCase(source + '_id'), which the target must declare.
 */
export function resolveTargetForeignKey(
  meta: RelationMetadata | undefined, type: RelationType.hasOne | RelationType.hasMany,
): ResolvedTargetForeignKey {
  const ends = resolveRelationEnds(meta, type);
  const def = meta!;
  const {sourceModel, targetModel} = ends;
  const keyFrom = hasProperty(sourceModel, def.keyFrom) ? def.keyFrom : sourceModel.getIdProperties()[0];
  let keyTo: string = def.keyTo;
  if (!hasProperty(targetModel, keyTo)) {
    keyTo = camelCase(sourceModel.modelName + '_id');
    if (!hasProperty(targetModel, keyTo)) {
      throw new InvalidRelationError(
        `target model ${targetModel.name} is missing definition of foreign key ${keyTo}`, def);
    }
  }
  return {...ends, definition: def, name: def.name, keyFrom, keyTo};
}
