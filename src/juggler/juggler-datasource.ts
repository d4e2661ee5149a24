import {AnyObject} from '../common/types';
import {DataSource} from '../datasource/datasource';
import {ModelDefinition} from '../model/model-definition';
import {JugglerRepository} from './juggler-repository';
import {defineRelationsFromJSON, defineScopesFromJSON} from './json/define-relations-from-json';
import {ModelBuilder} from './model-builder';
import {setRepository} from './model-registry';
import {registerResolvers} from './relations/bind-engine-relation';
import {PersistedModelClass} from './persisted-model';
import {RelataError} from '../common/errors';

/**
 * juggler's `parseSettings`: `mysql://user:pass@host:3306/db?x=1` →
 * `{connector: 'mysql', host, port, user, password, database, x, url}`.
 */
function parseUrlSettings(url: string): AnyObject {
  const u = new URL(url);
  const settings: AnyObject = {connector: u.protocol.replace(/:$/, ''), url};
  if (u.hostname) settings.host = settings.hostname = decodeURIComponent(u.hostname);
  if (u.port) settings.port = Number(u.port);
  if (u.username) settings.user = settings.username = decodeURIComponent(u.username);
  if (u.password) settings.password = decodeURIComponent(u.password);
  const database = u.pathname.split('/')[1];
  if (database) settings.database = decodeURIComponent(database);
  for (const [k, v] of u.searchParams) settings[k] = v;
  return settings;
}

/**
 * The forms juggler's `DataSource(name, settings)` accepts, as
 * `[name, settings]` for the LoopBack 4 constructor: settings first
 * (`{connector, name}`), a name whose settings lack `connector` (the name
 * is then the connector, as in `new DataSource('mysql', {database})`), a
 * URL, `adapter` for `connector`, or a connector module/instance.
 */
function normalizeArguments(nameOrSettings: unknown, settings: unknown): [string | AnyObject | undefined, AnyObject | undefined] {
  let name: unknown = nameOrSettings;
  let s: unknown = settings;
  if (typeof s === 'string' && s.includes('://')) s = parseUrlSettings(s);
  if (typeof name === 'string' && name.includes('://')) {
    const parsed = parseUrlSettings(name);
    return [{...parsed, ...(s as AnyObject)}, undefined];
  }
  if (name !== null && typeof name === 'object') {
    const first = name as AnyObject;
    // A connector module or instance first: juggler's `new DataSource(connector, settings)`.
    const isConnector = typeof first.initialize === 'function' ||
      (typeof first.find === 'function' && typeof first.define === 'function');
    if (isConnector) return [{...(s as AnyObject), connector: first}, undefined];
    if (s === undefined) {
      const out = {...first};
      if (out.connector === undefined && out.adapter !== undefined) out.connector = out.adapter;
      return [out, undefined];
    }
    name = undefined;
  }
  if (s !== undefined && (s === null || typeof s !== 'object')) {
    throw new RelataError(`DataSource settings must be an object, got ${s === null ? 'null' : typeof s}`, 'INVALID_DATASOURCE_SETTINGS');
  }
  const out: AnyObject | undefined = s ? {...(s as AnyObject)} : undefined;
  if (out && out.connector === undefined && out.adapter !== undefined) out.connector = out.adapter;
  if (typeof name === 'string') {
    if (out && out.connector === undefined) out.connector = name;
    return [name, out];
  }
  return [out, undefined];
}

/**
 * loopback-datasource-juggler's `DataSource`: the LoopBack 4 data source plus
 * LoopBack 3's model API (`createModel`, `define`, `attach`, `models`).
 *
 * ```js
 * const {juggler} = require('relata');
 * const ds = new juggler.DataSource('memory');
 * const db = new juggler.DataSource('db', {connector: 'sqlite', file: ':memory:'});
 * const pg = new juggler.DataSource('postgresql://postgres@127.0.0.1/test');
 * const Customer = ds.createModel('Customer', {name: String});
 * ```
 */
export class JugglerDataSource extends DataSource {
  readonly modelBuilder: ModelBuilder;

  constructor(nameOrSettings?: string | AnyObject, settings?: AnyObject | string, modelBuilder?: ModelBuilder) {
    const [first, second] = normalizeArguments(nameOrSettings, settings);
    super(first, second);
    this.modelBuilder = modelBuilder ?? new ModelBuilder();
  }

  /**
   * Model classes by name: the models of this data source's builder (shared
   * by every data source built with the same `ModelBuilder`, as in juggler).
   */
  get models(): {[name: string]: PersistedModelClass} {
    return this.modelBuilder.models;
  }

  /**
   * Defines a model with LoopBack 3 property shorthands and attaches it
   * here. Models are strict on relational stores unless `strict` is given
   * (loose on memory), as juggler's `define` sets them.
   */
  createModel(name: string, properties?: AnyObject, settings?: AnyObject): PersistedModelClass {
    const {relations, scopes, ...s}: AnyObject = {...settings};
    if (s.strict === undefined && this.isRelational()) s.strict = true;
    const ModelClass = this.attach(this.modelBuilder.define(name, properties, s));
    // juggler reads `relations` and `scopes` from the settings too, in the JSON format.
    if (relations) defineRelationsFromJSON(ModelClass, relations);
    if (scopes) defineScopesFromJSON(ModelClass, scopes);
    return ModelClass;
  }

  /** Alias of `createModel` (juggler's `define`). */
  define(name: string, properties?: AnyObject, settings?: AnyObject): PersistedModelClass {
    return this.createModel(name, properties, settings);
  }

  /**
   * Attaches a model class (defined by a `ModelBuilder`, or on another data
   * source) to this data source. A model from another builder joins this
   * data source's builder, so relations here can name it.
   */
  attach<M extends PersistedModelClass>(ModelClass: M): M {
    if (ModelClass.dataSource === this) return ModelClass;
    if (ModelClass.modelBuilder !== this.modelBuilder) {
      this.modelBuilder.register(ModelClass);
      ModelClass.modelBuilder = this.modelBuilder;
    }
    const repository = new JugglerRepository(ModelClass as never, this);
    setRepository(ModelClass, repository);
    registerResolvers(ModelClass, repository);
    ModelClass.dataSource = this;
    this.emit('attached', ModelClass);
    return ModelClass;
  }

  /** A model by name (case-insensitive as a fallback). */
  getModel(name: string): PersistedModelClass | undefined {
    return this.modelBuilder.getModel(name);
  }

  /** A model's definition by name. */
  getModelDefinition(name: string): ModelDefinition | undefined {
    return this.modelBuilder.getModelDefinition(name);
  }
}
