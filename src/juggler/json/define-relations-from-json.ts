import {AnyObject} from '../../common/types';
import type {PersistedModelClass} from '../persisted-model';
import {
  JugglerRelationParams, JugglerRelationType, PLURAL_RELATION_TYPES, RELATION_TYPES,
} from '../relations/relation-definition';
import {checkRelationParams} from '../relations/define-relation';
import {InvalidJugglerRelationError} from '../relations/relation-errors';
import type {RelationDefinitionJSON} from './model-definition-json';

/** The relation type for a JSON `type` value, matched regardless of letter case. */
function relationTypeOf(type: unknown): JugglerRelationType {
  const lower = typeof type === 'string' ? type.toLowerCase() : undefined;
  const found = RELATION_TYPES.find(t => t.toLowerCase() === lower);
  if (!found) throw new InvalidJugglerRelationError(`Invalid relation type: ${String(type)}`, 'INVALID_RELATION_TYPE');
  return found;
}

function relationError(message: string, code: string, type: string, name: string): InvalidJugglerRelationError {
  const err = new InvalidJugglerRelationError(message, code);
  err.details = {code, rType: type, rName: name};
  return err;
}

/**
 * Checks one JSON relation the way LoopBack 3 does before defining it
 * (`validateRelation`): a known type, a valid name, `model` where needed,
 * and consistent `polymorphic` settings. Errors carry LoopBack 3's
 * `details: {code, rType, rName}`.
 */
export function validateRelationJSON(name: string, relation: RelationDefinitionJSON, modelName = '(model)'): JugglerRelationType {
  if (!relation || typeof relation !== 'object' || Array.isArray(relation)) {
    throw new InvalidJugglerRelationError(`Relation "${name}" must be an object`, 'INVALID_RELATION_DEFINITION');
  }
  const type = relationTypeOf(relation.type);
  for (const key of ['model', 'through'] as const) {
    const v = relation[key];
    if (v != null && typeof v !== 'string') {
      throw relationError(`${type} relation ${name} of ${modelName}: \`${key}\` must be a model name`,
        'INVALID_RELATION_OPTION', type, name);
    }
  }
  checkRelationParams(type, modelName, relationParams(name, relation));
  if (name === 'trigger') throw new InvalidJugglerRelationError('Invalid relation name: trigger');
  const poly = relation.polymorphic;
  const polyObject = poly && typeof poly === 'object' ? poly as AnyObject : undefined;
  if (!poly && type === 'belongsTo' && !relation.model) {
    throw relationError(`${type} relation: ${name} requires param \`model\``, 'BELONGS_TO_MISSING_MODEL', type, name);
  }
  if (poly && type === 'belongsTo' && relation.model) {
    throw relationError(`polymorphic ${type} relation: ${name} does not expect param \`model\``,
      'POLYMORPHIC_BELONGS_TO_MODEL', type, name);
  }
  if (poly && type !== 'belongsTo' && !relation.model) {
    throw relationError(`polymorphic ${type} relation: ${name} requires param \`model\``,
      'POLYMORPHIC_NOT_BELONGS_TO_MISSING_MODEL', type, name);
  }
  if (polyObject?.foreignKey && !polyObject.discriminator) {
    throw relationError(`polymorphic ${type} relation: ${name} requires param \`polymorphic.discriminator\` ` +
      'when param `polymorphic.foreignKey` is provided', 'POLYMORPHIC_MISSING_DISCRIMINATOR', type, name);
  }
  if (polyObject?.discriminator && !polyObject.foreignKey) {
    throw relationError(`polymorphic ${type} relation: ${name} requires param \`polymorphic.foreignKey\` ` +
      'when param `polymorphic.discriminator` is provided', 'POLYMORPHIC_MISSING_FOREIGN_KEY', type, name);
  }
  if (polyObject?.as && polyObject.foreignKey) {
    throw relationError(`polymorphic ${type} relation: ${name} does not expect param \`polymorphic.as\` ` +
      'when defining a custom `foreignKey`/`discriminator`', 'POLYMORPHIC_EXTRANEOUS_AS', type, name);
  }
  if (polyObject?.selector && polyObject.foreignKey) {
    throw relationError(`polymorphic ${type} relation: ${name} does not expect param \`polymorphic.selector\` ` +
      'when defining a custom `foreignKey`/`discriminator`', 'POLYMORPHIC_EXTRANEOUS_SELECTOR', type, name);
  }
  return type;
}

/**
 * The model names a JSON relation needs before it can be defined: the target
 * (its `model`, else the relation name, as LoopBack 3 falls back to it) and
 * the through model. A polymorphic belongsTo needs none.
 */
export function relationModelNames(name: string, relation: RelationDefinitionJSON): {target?: string; through?: string; plural: boolean} {
  const type = relationTypeOf(relation.type);
  const target = type === 'belongsTo' && relation.polymorphic ? undefined : relation.model ?? name;
  return {
    target: typeof target === 'string' ? target : undefined,
    through: typeof relation.through === 'string' ? relation.through : undefined,
    plural: PLURAL_RELATION_TYPES.has(type),
  };
}

/** The `Model.<type>(name, params)` arguments for a JSON relation. */
function relationParams(name: string, relation: RelationDefinitionJSON): JugglerRelationParams {
  const {type: _type, ...rest} = relation;
  const params: JugglerRelationParams = {...rest, as: name};
  // `lb relation` writes `"foreignKey": ""` for "use the default".
  if (params.foreignKey === '' || params.foreignKey === null) delete params.foreignKey;
  if (params.primaryKey === '' || params.primaryKey === null) delete params.primaryKey;
  if (params.model === undefined || params.model === null || params.model === '') delete params.model;
  return params;
}

/**
 * Defines every relation of a JSON `relations` object on `Model`, as
 * LoopBack 3 does when a model with `settings.relations` is attached:
 * `Model[type](relationName, {...relation, as: relationName})`. Relations
 * to models not defined yet are set up once those models are defined on
 * the same ModelBuilder.
 */
export function defineRelationsFromJSON(Model: PersistedModelClass, relations: {[name: string]: RelationDefinitionJSON} | undefined): void {
  if (!relations) return;
  // Check all of them first, so a bad entry leaves no relation half-defined.
  const types = Object.entries(relations).map(([name, r]) => [name, validateRelationJSON(name, r, Model.modelName), r] as const);
  for (const [name, type, r] of types) {
    const define = Model[type] as (this: PersistedModelClass, target: string, params: JugglerRelationParams) => unknown;
    define.call(Model, name, relationParams(name, r));
  }
}

/**
 * Defines the named scopes of a JSON `scopes` object:
 * `Model.scope(name, filter, undefined, {}, filter.options)` for each, as
 * LoopBack 3 does on attach.
 */
export function defineScopesFromJSON(Model: PersistedModelClass, scopes: {[name: string]: AnyObject} | undefined): void {
  if (!scopes) return;
  for (const [name, filter] of Object.entries(scopes)) {
    Model.scope(name, filter ?? {}, undefined, {}, filter?.options);
  }
}
