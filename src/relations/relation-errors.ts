import {RelataError} from '../common/errors';
import {RelationMetadata} from './relation-types';

/**
 * A relation definition that cannot be resolved (missing key, target that is
 * not a type resolver, ...). Message and code as LoopBack 4's.
 */
export class InvalidRelationError extends RelataError {
  reason: string;
  relationName: string;
  relationType: string;
  sourceModelName: string;

  constructor(reason: string, relationMeta: Partial<RelationMetadata>, extraProperties?: object) {
    const {name, type, source} = relationMeta ?? {};
    const model = (source && (source.modelName || source.name)) || '<Unknown Model>';
    super(`Invalid ${type} definition for ${model}#${name}: ${reason}`, 'INVALID_RELATION_DEFINITION');
    this.reason = reason;
    this.relationName = String(name);
    this.relationType = String(type);
    this.sourceModelName = model;
    if (extraProperties) Object.assign(this, extraProperties);
  }
}

export function isInvalidRelationError(e: unknown): e is InvalidRelationError {
  return (e as {code?: string})?.code === 'INVALID_RELATION_DEFINITION';
}

/** A polymorphic type name not among the known concrete targets. */
export class InvalidPolymorphismError extends RelataError {
  constructor(typeName: string, discriminator?: string) {
    super(
      discriminator
        ? `Invalid class name ${typeName} by discriminator ${discriminator}. Please check polymorphic types and the discriminator.`
        : `Invalid class name ${typeName}. Please check polymorphic types and the discriminator.`,
      'INVALID_POLYMORPHISM');
  }
}

export function isInvalidPolymorphismError(e: unknown): e is InvalidPolymorphismError {
  return (e as {code?: string})?.code === 'INVALID_POLYMORPHISM';
}
