import {kindOfType} from '../../model/property-definition';
import {camelCase} from '../../model/naming';
import {InvalidRelationError} from '../relation-errors';
import {ReferencesManyDefinition, RelationMetadata, RelationType} from '../relation-types';
import {hasProperty, resolveRelationEnds, ResolvedEnds} from '../resolve-relation-base';

/** A referencesMany definition with both keys resolved. */
export interface ResolvedReferencesMany extends ResolvedEnds {
  definition: ReferencesManyDefinition;
  name: string;
  /** The source property holding the array of target keys. */
  keyFrom: string;
  /** The target key the array refers to (the target id by default). */
  keyTo: string;
}

/**
 * Resolves a referencesMany definition with LoopBack 4's defaults:
 * `keyFrom` = camelCase(target + '_ids') unless declared, `keyTo` = target
 * id. Unlike LoopBack 4, the source must declare `keyFrom` as an array (or
 * `any`) property: anything else is an `InvalidRelationError`.
 */
export function resolveReferencesManyMetadata(meta: RelationMetadata | undefined): ResolvedReferencesMany {
  const ends = resolveRelationEnds(meta, RelationType.referencesMany);
  const def = meta as ReferencesManyDefinition;
  const {sourceModel, targetModel} = ends;
  const keyFrom = hasProperty(sourceModel, def.keyFrom) ? def.keyFrom : camelCase(targetModel.modelName + '_ids');
  if (!hasProperty(sourceModel, keyFrom)) {
    throw new InvalidRelationError(
      `source model ${sourceModel.modelName} is missing definition of foreign key array ${keyFrom}`, def);
  }
  const kind = kindOfType(sourceModel.definition.properties[keyFrom].type);
  if (kind !== 'array' && kind !== 'any') {
    throw new InvalidRelationError(
      `property ${sourceModel.modelName}.${keyFrom} must be an array of ${targetModel.modelName} keys, not ${kind}`, def);
  }
  let keyTo = hasProperty(targetModel, def.keyTo) ? def.keyTo : undefined;
  if (!keyTo) {
    keyTo = targetModel.definition.idProperties()[0];
    if (!keyTo) {
      throw new InvalidRelationError(`${targetModel.modelName} does not have any primary key (id property)`, def);
    }
  }
  return {...ends, definition: def, name: def.name, keyFrom, keyTo};
}
