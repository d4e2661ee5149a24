import {AnyObject} from '../common/types';
import {DataSource} from '../datasource/datasource';
import {JugglerRepository} from './juggler-repository';
import {ModelBuilder} from './model-builder';
import {setRepository} from './model-registry';
import {registerResolvers} from './relations/bind-engine-relation';
import {PersistedModelClass} from './persisted-model';

/**
 * loopback-datasource-juggler's `DataSource`: the LoopBack 4 data source plus
 * LoopBack 3's model API (`createModel`, `define`, `attach`, `models`).
 *
 * ```js
 * const {juggler} = require('relata');
 * const ds = new juggler.DataSource('memory');
 * const Customer = ds.createModel('Customer', {name: String});
 * ```
 */
export class JugglerDataSource extends DataSource {
  readonly modelBuilder: ModelBuilder;
  /** Attached model classes by name. */
  models: {[name: string]: PersistedModelClass} = {};

  constructor(nameOrSettings?: string | AnyObject, settings?: AnyObject, modelBuilder?: ModelBuilder) {
    super(nameOrSettings, settings);
    this.modelBuilder = modelBuilder ?? new ModelBuilder();
  }

  /** Defines a model with LoopBack 3 property shorthands and attaches it here. */
  createModel(name: string, properties?: AnyObject, settings?: AnyObject): PersistedModelClass {
    const s: AnyObject = {...settings};
    // LoopBack 3: models are loose on schemaless stores, strict on relational ones.
    if (s.strict === undefined && this.isRelational()) s.strict = true;
    if (s.strict === undefined) s.strict = false;
    const ModelClass = this.modelBuilder.define(name, properties, s);
    return this.attach(ModelClass);
  }

  /** Alias of `createModel` (juggler's `define`). */
  define(name: string, properties?: AnyObject, settings?: AnyObject): PersistedModelClass {
    return this.createModel(name, properties, settings);
  }

  /** Attaches a model class (defined elsewhere, or on another data source) to this data source. */
  attach<M extends PersistedModelClass>(ModelClass: M): M {
    const name = ModelClass.modelName;
    const repository = new JugglerRepository(ModelClass as never, this);
    setRepository(ModelClass, repository);
    registerResolvers(ModelClass, repository);
    ModelClass.dataSource = this;
    this.models[name] = ModelClass;
    if (ModelClass.modelBuilder !== this.modelBuilder && !this.modelBuilder.models[name]) {
      this.modelBuilder.models[name] = ModelClass;
    }
    this.emit('attached', ModelClass);
    return ModelClass;
  }

  /** An attached model by name (case-insensitive as a fallback). */
  getModel(name: string): PersistedModelClass | undefined {
    if (this.models[name]) return this.models[name];
    const lower = name.toLowerCase();
    return Object.values(this.models).find(m => m.modelName.toLowerCase() === lower);
  }
}
