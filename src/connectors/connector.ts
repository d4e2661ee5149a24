import {AnyObject, Options} from '../common/types';
import {NormalizedFilter} from '../filter/types';
import {ModelDefinition} from '../model/model-definition';

/** Options of a connector `find`. */
export interface FindOptions extends Options {
  /**
   * Apply `order`, `skip` and `limit` separately to each group of rows that
   * share a value of this property (per-parent include scopes), in one pass.
   */
  partitionBy?: string;
}

/** What a connector can do beyond plain CRUD on one model. */
export interface ConnectorCapabilities {
  /** Most values one `inq`/`nin` list may carry in one query (the engine chunks above it). */
  maxInqSize: number;
  /** `find` honours `FindOptions.partitionBy`. */
  partitionedFind: boolean;
  transactions: boolean;
}

/**
 * The storage interface. A connector executes CRUD on one model at a time and
 * knows nothing of relations. Filters arrive validated and normalized
 * (`NormalizedFilter`: where values already coerced to property types).
 * Rows go in and come out as plain objects keyed by property name; a
 * connector maps them to its own columns. Returned objects belong to the
 * caller: mutating them never changes stored data.
 */
export interface Connector {
  readonly name: string;
  readonly settings: AnyObject;
  readonly capabilities: ConnectorCapabilities;

  connect(): Promise<void>;
  disconnect(): Promise<void>;

  /** Registers (or re-registers) a model definition. */
  define(definition: ModelDefinition): void;

  /** Inserts one row; generates the id when absent. Resolves the stored row. */
  create(model: string, data: AnyObject, options?: Options): Promise<AnyObject>;
  /** Inserts several rows atomically (all or none). */
  createAll(model: string, data: AnyObject[], options?: Options): Promise<AnyObject[]>;

  find(model: string, filter: NormalizedFilter, options?: FindOptions): Promise<AnyObject[]>;
  count(model: string, where: AnyObject | undefined, options?: Options): Promise<number>;

  /** Patches every row matching `where` with `data`; resolves the count. */
  updateAll(model: string, where: AnyObject | undefined, data: AnyObject, options?: Options): Promise<number>;
  /** Replaces the row with this id by `data` (id kept); resolves false when it does not exist. */
  replaceById(model: string, id: unknown, data: AnyObject, options?: Options): Promise<boolean>;
  /** Deletes every row matching `where`; resolves the count. */
  deleteAll(model: string, where: AnyObject | undefined, options?: Options): Promise<number>;

  /** Drops and recreates storage for the models (all when omitted). */
  automigrate(models?: string[]): Promise<void>;
  /** Alters storage to match the definitions, keeping data. */
  autoupdate(models?: string[]): Promise<void>;

  /** Runs a native command, where the connector has one. */
  execute?(command: unknown, params?: unknown, options?: Options): Promise<unknown>;
}
