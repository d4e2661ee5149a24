/**
 * The LoopBack 3 face (loopback-datasource-juggler's API): data sources that
 * define models, model classes with callback-or-promise methods, and every
 * LoopBack 3 relation, all running on the shared relation engine.
 *
 * ```js
 * const {DataSource} = require('relata/juggler');
 * const ds = new DataSource('memory');
 * const Customer = ds.createModel('Customer', {name: String});
 * const Order = ds.createModel('Order', {total: Number});
 * Customer.hasMany(Order);
 * ```
 */
// Each relation type's module registers its definer with the dispatcher.
import './relations/belongs-to';
import './relations/has-many';
import './relations/has-one';
import './relations/has-and-belongs-to-many';
import './relations/references-many';
import './relations/embeds-one';
import './relations/embeds-many';
import {AnyObject} from '../common/types';
import {JugglerDataSource} from './juggler-datasource';

// Data sources, models, relations.
export {JugglerDataSource as DataSource, JugglerDataSource as Schema} from './juggler-datasource';
export {ModelBuilder} from './model-builder';
export {PersistedModel, PersistedModel as Model} from './persisted-model';
export type {ModelInstanceOptions, PersistedModelClass} from './persisted-model';
export type {JugglerOptions} from './juggler-repository';
export {JugglerRelationDefinition as RelationDefinition} from './relations/relation-definition';
export type {
  JugglerPolymorphic, JugglerRelationParams, JugglerRelationType, RelationOptions,
} from './relations/relation-definition';
export type {
  BelongsToAccessor, EmbedsManyAccessor, EmbedsOneAccessor, HasManyAccessor, HasManyThroughAccessor,
  HasOneAccessor, ReferencesManyAccessor, RelationAccessorBase,
} from './relations/accessor-types';
export type {NamedScopeAccessor, NamedScopeDefinition} from './scopes/named-scope';
export type {Observer, ObserverNext, OperationContext, OperationName} from './hooks/observers';
export {ValidationErrors} from './validations/validation-errors';

// Errors a caller may catch (each is a RelataError with a `code`; client mistakes have a `statusCode`).
export {RelataError} from '../common/errors';
export {ValidationError} from '../model/validation-error';
export {HasOneAlreadyExistsError} from '../relations/has-one/has-one-repository';
export {InvalidDataError} from '../common/data-checks';
export {InvalidFilterError} from '../filter/invalid-filter-error';
export {ModelNotAttachedError} from './model-registry';
export {
  DiscriminatorTypeError, EmptyRelationError, ForeignKeyOverrideError, InvalidJugglerRelationError,
  KeyMismatchError, LinkNotFoundError, PolymorphicModelNotFoundError, RelatedInstanceNotFoundError,
  RelationScopeError, UndefinedRelationError, UnsavedSourceError,
} from './relations/relation-errors';

// LoopBack 3 model JSON and projects.
export {createModelFromJSON, readModelDefinition, defineRelationsFromJSON, defineScopesFromJSON} from './json';
export {InvalidModelDefinitionError} from './model-definition-error';
export {InvalidJSONFileError, parseJSONWithComments} from './json';
export type {ModelDefinitionJSON, RelationDefinitionJSON} from './json';
export {boot, BootError} from './boot';
export type {BootedApp, BootOptions, ModelConfigEntry} from './boot';

/** LoopBack 3 `loopback.createDataSource([name], settings)`. */
export function createDataSource(nameOrSettings?: string | AnyObject, settings?: AnyObject): JugglerDataSource {
  return new JugglerDataSource(nameOrSettings, settings);
}

/** LoopBack 3 `loopback.memory([name])`: a memory data source. */
export function memory(name?: string): JugglerDataSource {
  return new JugglerDataSource(name ?? 'memory', {connector: 'memory'});
}
