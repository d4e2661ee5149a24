import {basename, extname} from 'node:path';
import {AnyObject} from '../../common/types';
import {describeArgument, isDataObject} from '../argument-checks';
import {relationNameConflict} from '../relations/define-relation';
import {JugglerDataSource} from '../juggler-datasource';
import {BUILTIN_BASES, ModelBuilder} from '../model-builder';
import type {PersistedModelClass} from '../persisted-model';
import {defineRelationsFromJSON, defineScopesFromJSON, validateRelationJSON} from './define-relations-from-json';
import {InvalidModelDefinitionError} from './json-errors';
import type {ModelDefinitionJSON, RelationDefinitionJSON} from './model-definition-json';
import {readJSONFile} from './read-json-file';

/**
 * Splits a definition into what `define(name, properties, settings)` takes,
 * the way LoopBack 3 builds model settings from a config object: `options`
 * first, every other top-level key over it; `relations` and `scopes`
 * (inherited from a JSON-defined base, then the model's own) come back
 * separately so they can be defined after the model exists.
 */
function modelSettingsFromJSON(definition: ModelDefinitionJSON, builder: ModelBuilder): {
  properties: AnyObject; settings: AnyObject;
  relations: {[name: string]: RelationDefinitionJSON}; scopes: {[name: string]: AnyObject};
} {
  const {name: _name, properties, options, relations, scopes, ...rest} = definition;
  const settings: AnyObject = {...options, ...rest};
  const base = typeof definition.base === 'string' ? builder.getModel(definition.base) : undefined;
  const inherited = base?.settings ?? {};
  return {
    properties: {...properties},
    settings,
    relations: {...inherited.relations, ...relations},
    scopes: {...inherited.scopes, ...scopes},
  };
}

/** Throws unless the definition has a name and a base the builder knows. */
export function checkModelDefinition(definition: ModelDefinitionJSON, builder: ModelBuilder, file?: string): void {
  const where = file ? ` (${file})` : '';
  if (!definition || typeof definition !== 'object' || Array.isArray(definition)) {
    throw new InvalidModelDefinitionError(`A model definition must be an object${where}`, 'INVALID_MODEL_DEFINITION', undefined, file);
  }
  const name = definition.name;
  if (typeof name !== 'string' || !name) {
    throw new InvalidModelDefinitionError(`A model definition needs a "name"${where}`, 'INVALID_MODEL_DEFINITION', undefined, file);
  }
  const base = definition.base;
  if (base !== undefined && base !== null) {
    if (typeof base !== 'string') {
      throw new InvalidModelDefinitionError(`Model ${name}${where}: "base" must be a model name`, 'INVALID_MODEL_DEFINITION', name, file);
    }
    if (!BUILTIN_BASES.has(base.toLowerCase()) && !builder.getModel(base)) {
      throw new InvalidModelDefinitionError(`Model ${name}${where}: base model "${base}" is not defined`,
        'MODEL_BASE_NOT_FOUND', name, file);
    }
  }
  const expectObject = (key: 'properties' | 'relations' | 'scopes' | 'scope' | 'options') => {
    const value = definition[key];
    if (value !== undefined && value !== null && !isDataObject(value)) {
      throw new InvalidModelDefinitionError(`Model ${name}${where}: "${key}" must be an object, got ${describeArgument(value)}`,
        'INVALID_MODEL_DEFINITION', name, file);
    }
  };
  for (const key of ['properties', 'relations', 'scopes', 'scope', 'options'] as const) expectObject(key);
  if (definition.hidden != null && !(Array.isArray(definition.hidden) && definition.hidden.every(h => typeof h === 'string'))) {
    throw new InvalidModelDefinitionError(`Model ${name}${where}: "hidden" must be a list of property names`,
      'INVALID_MODEL_DEFINITION', name, file);
  }
  for (const [scope, filter] of Object.entries(definition.scopes ?? {})) {
    if (!isDataObject(filter)) {
      throw new InvalidModelDefinitionError(
        `Model ${name}${where}: scope "${scope}" must be a filter object, got ${describeArgument(filter)}`,
        'INVALID_SCOPE', name, file);
    }
  }
  // Relations are checked before the model is defined, so a mistake leaves no model behind.
  for (const [rel, r] of Object.entries(definition.relations ?? {})) {
    validateRelationJSON(rel, r, name);
    if (Object.prototype.hasOwnProperty.call(definition.properties ?? {}, rel)) throw relationNameConflict(name, rel);
  }
}

/**
 * Defines the model class of a definition: attached to a data source
 * (`ds.createModel`, so on its builder) or only defined on a builder.
 * Settings keep `relations` and `scopes` as LoopBack 3's `Model.settings`
 * shows them; relations and scopes are not defined here (see
 * `defineRelationsFromJSON`, `defineScopesFromJSON`).
 */
export function defineModelClass(definition: ModelDefinitionJSON, target: JugglerDataSource | ModelBuilder): {
  Model: PersistedModelClass; relations: {[name: string]: RelationDefinitionJSON}; scopes: {[name: string]: AnyObject};
} {
  const builder = target instanceof ModelBuilder ? target : target.modelBuilder;
  const {properties, settings, relations, scopes} = modelSettingsFromJSON(definition, builder);
  const Model = target instanceof ModelBuilder
    ? target.define(definition.name, properties, settings)
    : target.createModel(definition.name, properties, settings);
  if (Object.keys(relations).length) Model.settings.relations = relations;
  if (Object.keys(scopes).length) Model.settings.scopes = scopes;
  return {Model, relations, scopes};
}

/**
 * Defines a model from a LoopBack 3 model definition (the content of
 * `common/models/<model>.json`): properties, settings (`base`, `plural`,
 * `hidden`, `strict`, `idInjection`, `forceId`, `scope`, `options`, …),
 * `relations` and `scopes`. On a data source the model is attached to it;
 * on a ModelBuilder it is only defined. Relations to models not defined yet
 * are set up when those are defined on the same builder.
 *
 * ```js
 * const {DataSource, createModelFromJSON} = require('relata/juggler');
 * const ds = new DataSource('memory');
 * const Order = createModelFromJSON(ds, {
 *   name: 'Order', base: 'PersistedModel',
 *   properties: {description: 'string'},
 *   relations: {customer: {type: 'belongsTo', model: 'Customer', foreignKey: ''}},
 * });
 * ```
 */
export function createModelFromJSON(
  target: JugglerDataSource | ModelBuilder, definition: ModelDefinitionJSON, options?: {file?: string},
): PersistedModelClass {
  checkModelDefinition(definition, target instanceof ModelBuilder ? target : target.modelBuilder, options?.file);
  const {Model, relations, scopes} = defineModelClass(definition, target);
  defineRelationsFromJSON(Model, relations);
  defineScopesFromJSON(Model, scopes);
  return Model;
}

/**
 * Reads a model definition file (`common/models/customer.json`). Comments
 * are allowed; a missing `name` defaults to the file name in PascalCase
 * (`order-item.json` → `OrderItem`), as LoopBack 3's loader does.
 */
export function readModelDefinition(file: string, label = file): ModelDefinitionJSON {
  const json = readJSONFile(file, label) as ModelDefinitionJSON;
  if (json && typeof json === 'object' && !Array.isArray(json) && json.name === undefined) {
    json.name = pascalCase(basename(file, extname(file)));
  }
  return json;
}

function pascalCase(s: string): string {
  return s.split(/[^A-Za-z0-9]+/).filter(Boolean).map(w => w.charAt(0).toUpperCase() + w.slice(1)).join('');
}
