import {RelataError} from '../../common/errors';

/**
 * Errors of LoopBack 3 relation methods, with LoopBack 3's messages. Each
 * carries a `code`, and a `statusCode` where the error describes bad input
 * or a missing instance (LoopBack 3 leaves most of them without one, which
 * its REST layer answers with 500).
 */

/**
 * `customer.orders.findById(id)` found nothing among the customer's orders:
 * `No instance with id <id> found for <Target>` (404, as LoopBack 3).
 */
export class RelatedInstanceNotFoundError extends RelataError {
  entityName: string;
  entityId: unknown;

  constructor(targetName: string, id: unknown) {
    super(`No instance with id ${String(id)} found for ${targetName}`, 'ENTITY_NOT_FOUND', 404);
    this.entityName = targetName;
    this.entityId = id;
  }
}

/**
 * An update through a relation tried to move the target to another owner:
 * `Cannot override foreign key <key> from <old> to <new>` (400).
 */
export class ForeignKeyOverrideError extends RelataError {
  property: string;

  constructor(property: string, from: unknown, to: unknown) {
    super(`Cannot override foreign key ${property} from ${String(from)} to ${String(to)}`, 'FOREIGN_KEY_OVERRIDE', 400);
    this.property = property;
  }
}

/**
 * `update`/`destroy` on a to-one relation with no target:
 * `BelongsTo relation <name> is empty` / `HasOne relation <name> is empty` (404).
 */
export class EmptyRelationError extends RelataError {
  constructor(kind: 'BelongsTo' | 'HasOne', relationName: string) {
    super(`${kind} relation ${relationName} is empty`, 'RELATION_EMPTY', 404);
  }
}

/**
 * A polymorphic belongsTo whose discriminator is empty or names no model:
 * ``Polymorphic model not found: `<discriminator>` not set`` /
 * ``Polymorphic model not found: `<name>` `` (LoopBack 3's texts).
 */
export class PolymorphicModelNotFoundError extends RelataError {
  constructor(message: string) {
    super(message, 'POLYMORPHIC_MODEL_NOT_FOUND', 400);
  }

  static notSet(discriminator: string): PolymorphicModelNotFoundError {
    return new PolymorphicModelNotFoundError(`Polymorphic model not found: \`${discriminator}\` not set`);
  }

  static unknown(typeName: string): PolymorphicModelNotFoundError {
    return new PolymorphicModelNotFoundError(`Polymorphic model not found: \`${typeName}\``);
  }
}

/**
 * Including a polymorphic belongsTo whose discriminator names no model:
 * `Discriminator type <x> specified but no model exists with such name`.
 */
export class DiscriminatorTypeError extends RelataError {
  constructor(typeName: string) {
    super(`Discriminator type ${typeName} specified but no model exists with such name`,
      'POLYMORPHIC_MODEL_NOT_FOUND', 400);
  }
}

/**
 * An include naming a relation the model does not have:
 * `Relation "<name>" is not defined for <Model> model` (LoopBack 3's text;
 * 400 with the code the LoopBack 4 face uses for the same mistake).
 */
export class UndefinedRelationError extends RelataError {
  relationName: string;
  modelName: string;

  constructor(relationName: string, modelName: string) {
    super(`Relation "${relationName}" is not defined for ${modelName} model`, 'INVALID_INCLUSION_FILTER', 400);
    this.relationName = relationName;
    this.modelName = modelName;
  }
}

/**
 * A relation `scope` function that fails where it gets no instance (an
 * `include`, which loads the relation for many sources at once).
 */
export class RelationScopeError extends RelataError {
  constructor(relationName: string, modelName: string, cause: unknown) {
    super(
      `The scope function of relation "${relationName}" of ${modelName} failed while including it ` +
      `(an include calls it with no instance): ${cause instanceof Error ? cause.message : String(cause)}`,
      'INVALID_RELATION_SCOPE', 500);
  }
}
