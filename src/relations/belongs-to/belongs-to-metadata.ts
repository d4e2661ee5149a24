import {camelCase} from '../../model/naming';
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
}

/**
 * Resolves a belongsTo definition's keys with LoopBack 4's defaults:
 * `keyFrom` = camelCase(target + '_id') unless declared, `keyTo` = target id.
 */
export function resolveBelongsToMetadata(meta: RelationMetadata | undefined): ResolvedBelongsTo {
  const ends = resolveRelationEnds(meta, RelationType.belongsTo);
  const def = meta as BelongsToDefinition;
  const {sourceModel, targetModel} = ends;
  const keyFrom = hasProperty(sourceModel, def.keyFrom)
    ? def.keyFrom
    : camelCase(targetModel.modelName + '_id');
  let keyTo = hasProperty(targetModel, def.keyTo) ? def.keyTo : undefined;
  if (!keyTo) {
    keyTo = targetModel.definition.idProperties()[0];
    if (!keyTo) {
      throw new InvalidRelationError(`${targetModel.modelName} does not have any primary key (id property)`, def);
    }
  }
  return {...ends, definition: def, name: def.name, keyFrom, keyTo};
}
