import {PersistedModel, PersistedModelClass} from '../persisted-model';
import {
  JugglerRelationDefinition, JugglerRelationParams, JugglerRelationType, PLURAL_RELATION_TYPES,
} from './relation-definition';
import {InvalidJugglerRelationError} from './relation-errors';
import {registerCustomMethods} from './custom-methods';

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
  const definer = definers.get(type);
  if (!definer) throw new InvalidJugglerRelationError(`Invalid relation type: ${type}`, 'INVALID_RELATION_TYPE');
  if (paramsIn != null && (typeof paramsIn !== 'object' || Array.isArray(paramsIn))) {
    throw new InvalidJugglerRelationError(
      `${type} relation of ${source.modelName}: the parameters must be an object, got ${describeValue(paramsIn)}`,
      'INVALID_RELATION_OPTION');
  }
  const params: JugglerRelationParams = {...paramsIn};
  const builder = source.modelBuilder;
  const polymorphicBelongsTo = type === 'belongsTo' && !!params.polymorphic;

  let target: PersistedModelClass | string | undefined = params.model ?? targetOrName;
  // LoopBack 3 names a relation declared with a string after that string
  // (`Author.hasMany('readers')`, `Fear.belongsTo('mind')`), model found or not.
  if (typeof targetOrName === 'string' && targetOrName) {
    params.as ??= targetOrName;
  }
  // Checked now: a relation waiting for its target would otherwise fail later, inside another model's definition.
  checkRelationParams(type, source.modelName, params);
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
    return finish(definer, source, undefined, params);
  }
  if (target === undefined || target === null || target === '') {
    throw new InvalidJugglerRelationError(
      `${type} relation: ${params.as ?? '(unnamed)'} of ${source.modelName} requires param \`model\``,
      'BELONGS_TO_MISSING_MODEL');
  }
  if (typeof target !== 'string' && !isModelClass(target)) {
    throw new InvalidJugglerRelationError(
      `${type} relation ${params.as ?? ''} of ${source.modelName}: the target must be a model or a model name, ` +
      `got ${describeValue(target)}`, 'INVALID_RELATION_TARGET');
  }

  const waitFor: string[] = [];
  if (typeof target === 'string') {
    const found = builder.lookupModel(target, PLURAL_RELATION_TYPES.has(type));
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
  return finish(definer, source, target as PersistedModelClass, params);
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
    throw relationNameConflict(source.modelName, name);
  }
}

/** The error of a relation named like a property of its model (`RELATION_NAME_CONFLICT`). */
export function relationNameConflict(modelName: string, name: string): InvalidJugglerRelationError {
  return new InvalidJugglerRelationError(
    `Relation "${name}" of model ${modelName} has the same name as one of its properties; ` +
    'a relation name must differ from the properties it references (e.g. use "owner" for the key "ownerId")',
    'RELATION_NAME_CONFLICT');
}

/** What a definer gives {@link createRelationDefinition}: the resolved names, models and keys. */
export type RelationInit = Partial<JugglerRelationDefinition> &
  Pick<JugglerRelationDefinition, 'name' | 'type' | 'modelFrom' | 'keyFrom' | 'keyTo' | 'multiple'>;

/**
 * The definition of a relation a definer resolved (`init`), with what every
 * type takes from `params` as it is: `options`, `scope`, `properties`, and
 * the custom methods (`methods`, `scopeMethods`).
 */
export function createRelationDefinition(params: JugglerRelationParams, init: RelationInit): JugglerRelationDefinition {
  const relation = new JugglerRelationDefinition({
    options: params.options ?? {}, scope: params.scope, properties: params.properties, ...init,
  });
  registerCustomMethods(relation, params);
  return relation;
}

/**
 * Checks the relation options every type reads (`as`, `foreignKey`,
 * `primaryKey`, `keyThrough`, `options`, `scope`, `properties`,
 * `methods`, `scopeMethods`) have the shape LoopBack 3 documents, so a
 * mistake fails when the relation is defined, naming it, instead of as a
 * TypeError at the first call.
 */
export function checkRelationParams(type: JugglerRelationType, modelName: string, params: JugglerRelationParams): void {
  const label = `${type} relation ${params.as ?? ''} of ${modelName}`.replace('  ', ' ');
  const expect = (key: string, ok: boolean, shape: string) => {
    if (!ok) throw new InvalidJugglerRelationError(`${label}: \`${key}\` must be ${shape}`, 'INVALID_RELATION_OPTION');
  };
  const isObject = (v: unknown) => v !== null && typeof v === 'object' && !Array.isArray(v);
  const isName = (v: unknown) => v == null || (typeof v === 'string');
  expect('as', params.as === undefined || (typeof params.as === 'string' && params.as !== ''), 'a non-empty string');
  for (const key of ['foreignKey', 'primaryKey', 'keyThrough', 'property', 'throughTable'] as const) {
    expect(key, isName(params[key]), 'a property name');
  }
  expect('through', params.through == null || typeof params.through === 'string' || isModelClass(params.through),
    'a model or a model name');
  const {options, scope, properties, scopeMethods, methods} = params;
  expect('options', options == null || isObject(options), 'an object');
  expect('scope', scope == null || isObject(scope) || typeof scope === 'function', 'an object or a function');
  expect('properties', properties == null || typeof properties === 'object' || typeof properties === 'function',
    'an object, an array of names or a function');
  expect('scopeMethods', scopeMethods == null || isObject(scopeMethods) || typeof scopeMethods === 'function',
    'an object or a function');
  expect('methods', methods == null || isObject(methods), 'an object');
}

/** True for a LoopBack 3 model class (PersistedModel or a subclass). */
function isModelClass(value: unknown): value is PersistedModelClass {
  return typeof value === 'function' && (value === PersistedModel || value.prototype instanceof PersistedModel);
}

function describeValue(value: unknown): string {
  if (Array.isArray(value)) return 'an array';
  if (value === null) return 'null';
  if (typeof value === 'function') return `the function ${value.name || '(anonymous)'}`;
  return typeof value === 'string' ? JSON.stringify(value) : typeof value;
}

function finish(
  definer: RelationDefiner,
  source: PersistedModelClass, target: PersistedModelClass | undefined, params: JugglerRelationParams,
): JugglerRelationDefinition {
  if (params.as === 'trigger') throw new InvalidJugglerRelationError('Invalid relation name: trigger');
  const relation = definer(source, target, params);
  if (!Object.prototype.hasOwnProperty.call(source, 'relations')) source.relations = {...source.relations};
  source.relations[relation.name] = relation;
  return relation;
}
