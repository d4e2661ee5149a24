import {RelataError} from '../common/errors';

/**
 * No entity matched an id (or a relation constraint). `code` ENTITY_NOT_FOUND,
 * HTTP 404.
 */
export class EntityNotFoundError extends RelataError {
  entityName: string;
  entityId: unknown;

  constructor(entityOrName: string | {modelName?: string; name: string}, entityId: unknown, extraProperties?: object) {
    const entityName = typeof entityOrName === 'string'
      ? entityOrName
      : entityOrName.modelName || entityOrName.name;
    super(`Entity not found: ${entityName} with id ${JSON.stringify(entityId)}`, 'ENTITY_NOT_FOUND', 404);
    this.entityName = entityName;
    this.entityId = entityId;
    if (extraProperties) Object.assign(this, extraProperties);
  }
}

export function isEntityNotFoundError(e: unknown): e is EntityNotFoundError {
  return (e as {code?: string})?.code === 'ENTITY_NOT_FOUND';
}

/** A patch with no data. HTTP 400. */
export class InvalidBodyError extends RelataError {
  constructor(entityOrName: unknown, entityId: unknown) {
    super('Data is required for the patch request', 'INVALID_BODY_DEFINITION', 400);
    this.entityName = typeof entityOrName === 'string' ? entityOrName : (entityOrName as {modelName?: string})?.modelName;
    this.entityId = entityId;
  }
  entityName?: string;
  entityId: unknown;
}

export function isInvalidBodyError(e: unknown): e is InvalidBodyError {
  return (e as {code?: string})?.code === 'INVALID_BODY_DEFINITION';
}

/**
 * Relation names in model data: LoopBack's message, HTTP 422 (the request
 * body is invalid) instead of LoopBack's unhandled 500.
 */
export class NavigationalPropertyError extends RelataError {
  constructor(modelName: string, relationName: string, isAlsoProperty: boolean) {
    let msg = `Navigational properties are not allowed in model data (model "${modelName}" ` +
      `property "${relationName}"), please remove it.`;
    if (isAlsoProperty) {
      msg += ' The error might be invoked by belongsTo relations, please make sure the relation name ' +
        'is not the same as the property name.';
    }
    super(msg, 'NAVIGATIONAL_PROPERTY_NOT_ALLOWED', 422);
  }
}

/**
 * A write through a constrained (relation) repository tried to change a
 * constrained key, e.g. the foreign key. LoopBack's message, HTTP 400.
 */
export class ConstraintViolationError extends RelataError {
  property: string;
  constructor(property: string) {
    super(`Property "${property}" cannot be changed!`, 'CONSTRAINED_PROPERTY_CHANGED', 400);
    this.property = property;
  }
}
