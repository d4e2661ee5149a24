import {RelataError} from '../../common/errors';

/**
 * Errors of LoopBack 3 relation methods, with LoopBack 3's messages. Each
 * carries a `code`, and a `statusCode` where the error describes bad input
 * or a missing instance (LoopBack 3 leaves most of them without one, which
 * its REST layer answers with 500).
 */

/**
 * An invalid LoopBack 3 relation definition, thrown when the relation is
 * defined (`Model.hasMany(…)`, JSON `relations`): unknown type, missing
 * model, a name clashing with a property, inconsistent keys. A programming
 * error, so 500; `code` says which (`INVALID_RELATION_TYPE`,
 * `RELATION_NAME_CONFLICT`, …).
 */
export class InvalidJugglerRelationError extends RelataError {
  constructor(message: string, code = 'INVALID_RELATION_DEFINITION') {
    super(message, code, 500);
    this.name = 'InvalidRelationError';
  }
}

/**
 * `customer.orders.findById(id)` found nothing among the customer's orders:
 * `No instance with id <id> found for <Target>` (404, as LoopBack 3).
 */
export class RelatedInstanceNotFoundError extends RelataError {
  entityName: string;
  entityId: unknown;

  constructor(targetName: string, id: unknown, message?: string) {
    super(message ?? `No instance with id ${String(id)} found for ${targetName}`, 'ENTITY_NOT_FOUND', 404);
    this.entityName = targetName;
    this.entityId = id;
  }

  /** `referencesMany.at(index)` past the end of the id list: `No instance at index <i> found for <Target>`. */
  static atIndex(targetName: string, index: number): RelatedInstanceNotFoundError {
    return new RelatedInstanceNotFoundError(targetName, undefined, `No instance at index ${index} found for ${targetName}`);
  }
}

/**
 * A write through a relation of an instance that is not stored yet (it has
 * no key for the targets to point at): `Customer.orders.create: the
 * Customer instance has no id yet; save it first` (400). LoopBack 3
 * writes targets that point nowhere.
 */
export class UnsavedSourceError extends RelataError {
  constructor(method: string, modelName: string, key: string) {
    super(`${method}: the ${modelName} instance has no ${key} yet; save it first`, 'SOURCE_NOT_SAVED', 400);
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

/**
 * A through relation method was given a target its source is not linked to
 * (404), with juggler's texts: `No relation found in Appointment for
 * (Physician.1,Patient.5)` (findById), `No record found in Appointment for
 * (Physician.1 ,Patient.5)` (destroyById).
 */
export class LinkNotFoundError extends RelataError {
  constructor(message: string) {
    super(message, 'LINK_NOT_FOUND', 404);
  }
}

/**
 * An id handed to a relation method belongs to another source instance
 * (400): `Key mismatch: Customer.accountIds: 1,2, Account.id: 5`.
 */
export class KeyMismatchError extends RelataError {
  constructor(message: string) {
    super(message, 'KEY_MISMATCH', 400);
  }
}
