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
import './relations/belongs-to';
import './relations/has-many';
import './relations/has-one';
import './relations/has-and-belongs-to-many';
import './relations/references-many';
import './relations/embeds-one';
import './relations/embeds-many';
import {AnyObject} from '../common/types';
import {JugglerDataSource} from './juggler-datasource';

export {JugglerDataSource as DataSource, JugglerDataSource as Schema} from './juggler-datasource';
export {ModelBuilder} from './model-builder';
export {PersistedModel, PersistedModel as Model} from './persisted-model';
export type {PersistedModelClass} from './persisted-model';
export {JugglerRelationDefinition as RelationDefinition} from './relations/relation-definition';
export type {JugglerRelationParams, JugglerRelationType} from './relations/relation-definition';
export {InvalidJugglerRelationError} from './relations/define-relation';
export {ValidationError} from '../model/validation-error';
export {createModelFromJSON, readModelDefinition, defineRelationsFromJSON, defineScopesFromJSON} from './json';
export {InvalidJSONFileError, InvalidModelDefinitionError, parseJSONWithComments} from './json';
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
