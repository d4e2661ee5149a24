import {Entity} from '../model/model';
import {isTypeResolver} from '../model/type-resolver';
import {InvalidRelationError} from './relation-errors';
import {RelationMetadata, RelationType} from './relation-types';

/** What every resolved relation knows about its two ends. */
export interface ResolvedEnds {
  sourceModel: typeof Entity;
  targetModel: typeof Entity;
}

const TYPE_NAMES: Record<string, string> = {
  belongsTo: 'BelongsTo', hasOne: 'HasOne', hasMany: 'HasMany', referencesMany: 'ReferencesMany',
};

/**
 * Checks what every relation needs (its type, a target resolver, a source
 * model) and resolves both model classes, with LoopBack's reason texts.
 */
export function resolveRelationEnds(meta: RelationMetadata | undefined, type: RelationType): ResolvedEnds {
  if (!meta || meta.type !== type) {
    throw new InvalidRelationError(`relation type must be ${TYPE_NAMES[type] ?? type}`, meta ?? {});
  }
  if (!isTypeResolver(meta.target)) {
    throw new InvalidRelationError('target must be a type resolver', meta);
  }
  if (!meta.source || !meta.source.definition) {
    throw new InvalidRelationError('source model must be defined', meta);
  }
  const targetModel = meta.target() as unknown as typeof Entity;
  if (!targetModel || !targetModel.definition) {
    throw new InvalidRelationError('target model must be defined (the resolver returned no model class)', meta);
  }
  return {sourceModel: meta.source as typeof Entity, targetModel};
}

/** True when `model` declares `property`. */
export function hasProperty(model: typeof Entity, property: string | undefined): property is string {
  return !!property && Object.prototype.hasOwnProperty.call(model.definition.properties, property);
}
