import {EventEmitter} from 'node:events';
import {Callback, withCallback} from '../common/callback';
import {NotSupportedError, RelataError} from '../common/errors';
import {AnyObject, Options} from '../common/types';
import {Connector} from '../connectors/connector';
import {ModelDefinition} from '../model/model-definition';
import {createConnector} from './connector-registry';
import {ModelCollection} from './model-collection';
import {IsolationLevel, Transaction, TransactionOptions} from '../repository/transaction';
import '../connectors/memory/register';
import '../connectors/sql/register';

/**
 * A data source: settings, a connector and the models attached to it.
 * Accepts the forms LoopBack users write:
 *
 * ```ts
 * new juggler.DataSource({name: 'db', connector: 'memory'});
 * new juggler.DataSource('memory');
 * new juggler.DataSource('db', {connector: 'memory', file: './data/db.json'});
 * ```
 */
export class DataSource extends EventEmitter {
  name: string;
  settings: AnyObject;
  connector: Connector;
  connected = false;
  private readonly collections = new Map<string, ModelCollection>();
  private connecting?: Promise<void>;

  constructor(nameOrSettings?: string | AnyObject, settings?: AnyObject) {
    super();
    let name: string | undefined;
    let s: AnyObject;
    if (typeof nameOrSettings === 'string') {
      name = nameOrSettings;
      s = settings ? {...settings} : {connector: nameOrSettings};
    } else {
      s = {...(nameOrSettings ?? settings ?? {})};
    }
    s.connector ??= 'memory';
    this.name = name ?? s.name ?? (typeof s.connector === 'string' ? s.connector : 'memory');
    s.name ??= this.name;
    this.settings = s;
    this.connector = createConnector(s.connector, s);
  }

  /** Connects (once); every operation awaits this first. */
  connect(cb?: Callback<void>): Promise<void> {
    this.connecting ??= this.connector.connect().then(
      () => {
        this.connected = true;
        this.emit('connected');
      },
      err => {
        this.connecting = undefined;
        throw err;
      },
    );
    return withCallback(this.connecting, cb);
  }

  disconnect(cb?: Callback<void>): Promise<void> {
    const done = (async () => {
      if (this.connecting) await this.connecting.catch(() => undefined);
      await this.connector.disconnect();
      this.connected = false;
      this.connecting = undefined;
      this.emit('disconnected');
    })();
    return withCallback(done, cb);
  }

  /**
   * Attaches a model definition and returns its collection. A model of the
   * same name is replaced by the new definition (as juggler redefines models).
   */
  attachDefinition(definition: ModelDefinition): ModelCollection {
    const existing = this.collections.get(definition.name);
    if (existing && existing.definition === definition) return existing;
    this.connector.define(definition);
    const collection = new ModelCollection(definition, this.connector, () => this.connect());
    this.collections.set(definition.name, collection);
    return collection;
  }

  /** The collection of an attached model, if any. */
  getCollection(modelName: string): ModelCollection | undefined {
    return this.collections.get(modelName);
  }

  /** Definitions of the attached models, by name. */
  get definitions(): {[name: string]: ModelDefinition} {
    const out: {[name: string]: ModelDefinition} = {};
    for (const [name, c] of this.collections) out[name] = c.definition;
    return out;
  }

  /** Drops and recreates storage of the given models (all attached when omitted). */
  automigrate(models?: string | string[] | Callback<void>, cb?: Callback<void>): Promise<void> {
    if (typeof models === 'function') [cb, models] = [models, undefined];
    const list = typeof models === 'string' ? [models] : models;
    return withCallback(this.connect().then(() => this.connector.automigrate(list)), cb);
  }

  /** Alters storage to match the definitions, keeping data. */
  autoupdate(models?: string | string[] | Callback<void>, cb?: Callback<void>): Promise<void> {
    if (typeof models === 'function') [cb, models] = [models, undefined];
    const list = typeof models === 'string' ? [models] : models;
    return withCallback(this.connect().then(() => this.connector.autoupdate(list)), cb);
  }

  /** Forgets every attached model definition (stored data stays in the connector). */
  deleteAllModels(): void {
    this.collections.clear();
  }

  /** Runs a native command on the connector. */
  async execute(command: unknown, params?: unknown, options?: Options): Promise<unknown> {
    if (!this.connector.execute) {
      throw new NotSupportedError(`execute() is not supported by the ${this.connector.name} connector`);
    }
    await this.connect();
    return this.connector.execute(command, params, options);
  }

  /**
   * Starts a transaction, where the connector has them (the SQL connectors):
   * an isolation level or `{isolationLevel, timeout}`. Pass the transaction
   * as `{transaction}` in the options of repository calls. Connectors without
   * transactions (memory) fail with 501 `TRANSACTIONS_NOT_SUPPORTED`.
   */
  beginTransaction(
    options?: IsolationLevel | TransactionOptions | Callback<Transaction>, cb?: Callback<Transaction>,
  ): Promise<Transaction> {
    if (typeof options === 'function') [cb, options] = [options, undefined];
    const connector = this.connector as Connector & {
      beginTransaction?(options?: IsolationLevel | TransactionOptions): Promise<Transaction>;
    };
    const started = (async () => {
      if (!connector.capabilities.transactions || typeof connector.beginTransaction !== 'function') {
        throw new RelataError(
          `The ${connector.name} connector does not support transactions`, 'TRANSACTIONS_NOT_SUPPORTED', 501);
      }
      await this.connect();
      return connector.beginTransaction(options as IsolationLevel | TransactionOptions | undefined);
    })();
    return withCallback(started, cb);
  }

  /** True for the SQL connectors (PostgreSQL, MySQL/MariaDB, SQLite). */
  isRelational(): boolean {
    const name = this.connector.name;
    return name === 'postgresql' || name === 'mysql' || name === 'sqlite';
  }
}
