import {RelataError} from '../../common/errors';
import {PersistedModelClass} from '../persisted-model';
import {JugglerRelationDefinition, JugglerRelationParams, JugglerRelationType} from './relation-definition';

/** What a relation type module does once both ends are known. */
export type RelationDefiner = (
  source: PersistedModelClass,
  target: PersistedModelClass | undefined,
  params: JugglerRelationParams,
) => JugglerRelationDefinition;

const definers = new Map<JugglerRelationType, RelationDefiner>();

/** Registers the module that defines one relation type (each type's file calls this once). */
export function registerRelationDefiner(type: JugglerRelationType, definer: RelationDefiner): void {
  definers.set(type, definer);
}

/** An invalid LoopBack 3 relation definition (thrown at definition time). */
export class InvalidJugglerRelationError extends RelataError {
  constructor(message: string, code = 'INVALID_RELATION_DEFINITION') {
    super(message, code, 500);
    this.name = 'InvalidRelationError';
  }
}

const PLURAL_TYPES = new Set<JugglerRelationType>(['hasMany', 'hasAndBelongsToMany', 'referencesMany', 'embedsMany']);

/**
 * `Model.<type>(targetOrName, params)`: resolves the target (a class, a model
 * name looked up case-insensitively, or a relation name with `params.model`),
 * waits for models not defined yet, then hands over to the type's definer.
 * Returns the definition, or `undefined` while it waits for a model.
 */
export function defineRelation(
  type: JugglerRelationType,
  source: PersistedModelClass,
  targetOrName: PersistedModelClass | string | undefined,
  paramsIn?: JugglerRelationParams,
): JugglerRelationDefinition | undefined {
  const params: JugglerRelationParams = {...paramsIn};
  const definer = definers.get(type);
  if (!definer) throw new InvalidJugglerRelationError(`Invalid relation type: ${type}`);
  const builder = source.modelBuilder;
  const polymorphicBelongsTo = type === 'belongsTo' && !!params.polymorphic;

  let target: PersistedModelClass | string | undefined = params.model ?? targetOrName;
  // LoopBack 3 names a relation declared with a string after that string
  // (`Author.hasMany('readers')`, `Fear.belongsTo('mind')`), model found or not.
  if (typeof targetOrName === 'string' && targetOrName) {
    params.as ??= targetOrName;
  }
  if (polymorphicBelongsTo) {
    if (params.model) {
      throw new InvalidJugglerRelationError(
        `belongsTo relation ${params.as ?? targetOrName} of ${source.modelName}: a polymorphic belongsTo must not name a model`,
        'POLYMORPHIC_BELONGS_TO_MODEL');
    }
    const poly = params.polymorphic;
    params.as ??= typeof targetOrName === 'string' && targetOrName ? targetOrName
      : poly && typeof poly === 'object' ? (poly as {selector?: string; as?: string}).selector ?? (poly as {as?: string}).as
        : typeof poly === 'string' ? poly : undefined;
    if (!params.as) {
      throw new InvalidJugglerRelationError(
        `polymorphic belongsTo relation of ${source.modelName} needs a name`, 'BELONGS_TO_MISSING_MODEL');
    }
    return finish(type, definer, source, undefined, params);
  }
  if (target === undefined || target === null || target === '') {
    throw new InvalidJugglerRelationError(
      `${type} relation: ${params.as ?? '(unnamed)'} of ${source.modelName} requires param \`model\``,
      'BELONGS_TO_MISSING_MODEL');
  }

  const waitFor: string[] = [];
  if (typeof target === 'string') {
    const found = builder.lookupModel(target, PLURAL_TYPES.has(type));
    if (found) target = found;
    else waitFor.push(target);
  }
  if (typeof params.through === 'string') {
    const found = builder.lookupModel(params.through);
    if (found) params.through = found;
    else waitFor.push(params.through);
  }
  if (waitFor.length) {
    // LoopBack 3 defers relations to models that are defined later (JSON models in any order).
    let left = waitFor.length;
    const targetName = target as string | PersistedModelClass;
    for (const name of waitFor) {
      builder.whenDefined(name, () => {
        if (--left === 0) defineRelation(type, source, targetName, params);
      });
    }
    return undefined;
  }
  return finish(type, definer, source, target as PersistedModelClass, params);
}

/**
 * Refuses a relation named like one of the model's properties (LoopBack 3
 * silently hides the property behind the accessor), or like one of the keys
 * it references on the model (`keys`: a belongsTo's foreign key and
 * discriminator, which the definer is about to add). Definers call this
 * before they change the model.
 */
export function checkRelationName(source: PersistedModelClass, name: string, keys: string[] = []): void {
  if (Object.prototype.hasOwnProperty.call(source.definition.properties, name) || keys.includes(name)) {
    throw new InvalidJugglerRelationError(
      `Relation "${name}" of model ${source.modelName} has the same name as one of its properties; ` +
      'a relation name must differ from the properties it references (e.g. use "owner" for the key "ownerId")',
      'RELATION_NAME_CONFLICT');
  }
}

function finish(
  type: JugglerRelationType, definer: RelationDefiner,
  source: PersistedModelClass, target: PersistedModelClass | undefined, params: JugglerRelationParams,
): JugglerRelationDefinition {
  if (params.as === 'trigger') throw new InvalidJugglerRelationError('Invalid relation name: trigger');
  const relation = definer(source, target, params);
  if (!Object.prototype.hasOwnProperty.call(source, 'relations')) source.relations = {...source.relations};
  source.relations[relation.name] = relation;
  return relation;
}
