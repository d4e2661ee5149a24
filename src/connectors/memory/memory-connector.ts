import {AnyObject, Options} from '../../common/types';
import {NotSupportedError, RelataError} from '../../common/errors';
import {NormalizedFilter} from '../../filter/types';
import {ModelDefinition} from '../../model/model-definition';
import {Connector, ConnectorCapabilities, FindOptions} from '../connector';
import {cloneRow, toStoredRow} from './clone-value';
import {MemoryCollection, MemoryCollectionStats} from './memory-collection';
import {MemoryFileData, MemoryFileStore} from './memory-file-store';
import {findRows} from './memory-query';
import {RowKey} from './value-key';

/** Settings of the memory connector (a datasource's settings). */
export interface MemorySettings extends AnyObject {
  /** Persist all data to this JSON file (LoopBack's memory file format) and load it at start. */
  file?: string;
  /** Most values per `inq` list the engine should send (default: no limit). */
  inqLimit?: number;
}

/**
 * The in-memory connector: rows kept as plain objects in a Map per model,
 * in id order, with lazy hash indexes for equality/`inq` lookups; optional
 * atomic persistence to a JSON file LoopBack's memory connector can read.
 *
 * @example
 * ```ts
 * const db = new MemoryConnector({file: './db.json'});
 * db.define(new ModelDefinition({name: 'Todo', properties: {id: {type: 'number', id: true}, title: 'string'}}));
 * await db.create('Todo', {title: 'write docs'}); // → {title: 'write docs', id: 1}
 * ```
 */
export class MemoryConnector implements Connector {
  readonly name = 'memory';
  readonly settings: MemorySettings;
  readonly capabilities: ConnectorCapabilities;

  private readonly collections = new Map<string, MemoryCollection>();
  /** Rows loaded from the file for models not defined yet. */
  private readonly undefinedModels = new Map<string, {nextId?: number; rows: {[id: string]: AnyObject}; json?: {[id: string]: string}}>();
  private readonly store: MemoryFileStore | undefined;
  /** Why the file could not be loaded: every operation fails with it (and nothing is written over the file). */
  private loadError: Error | undefined;

  constructor(settings: MemorySettings = {}) {
    this.settings = settings;
    this.capabilities = {
      maxInqSize: settings.inqLimit ?? Infinity,
      partitionedFind: true,
      transactions: false,
      freeFormProperties: true,
    };
    if (typeof settings.file === 'string' && settings.file !== '') {
      this.store = new MemoryFileStore(settings.file, () => this.serialize());
      try {
        this.adopt(this.store.load());
      } catch (err) {
        this.loadError = err as Error;
      }
    }
  }

  /** Succeeds once the file (if any) is loaded. */
  async connect(): Promise<void> {
    this.assertLoaded();
  }

  /** Waits for pending file writes. */
  async disconnect(): Promise<void> {
    await this.store?.flush();
  }

  /**
   * Registers a model. Its id property is `definition.idProperties()[0]`; a
   * model without one gets hidden keys (rows have no id property). Defining
   * a model again keeps its rows.
   */
  define(definition: ModelDefinition): void {
    const existing = this.collections.get(definition.name);
    if (existing !== undefined) {
      existing.setDefinition(definition);
      return;
    }
    const collection = new MemoryCollection(definition);
    this.collections.set(definition.name, collection);
    const loaded = this.undefinedModels.get(definition.name);
    if (loaded !== undefined) {
      this.undefinedModels.delete(definition.name);
      collection.load(loaded.rows, loaded.nextId);
    }
  }

  async create(model: string, data: AnyObject, _options?: Options): Promise<AnyObject> {
    const collection = this.collection(model);
    const row = toStoredRow(checkData(model, data));
    const rows = [row];
    const prepared = collection.prepareInsert(rows);
    this.checkStorable(collection, rows);
    collection.insertPrepared(rows, prepared);
    await this.persist();
    return cloneRow(row);
  }

  async createAll(model: string, data: AnyObject[], _options?: Options): Promise<AnyObject[]> {
    const collection = this.collection(model);
    if (!Array.isArray(data)) {
      throw new RelataError(`Invalid data for ${model}: expected an array of objects`, 'INVALID_DATA', 400);
    }
    const rows = data.map(d => toStoredRow(checkData(model, d)));
    // ids (and JSON-ability, with a file) are checked for the whole batch before the first insert
    const prepared = collection.prepareInsert(rows);
    this.checkStorable(collection, rows);
    collection.insertPrepared(rows, prepared);
    if (rows.length) await this.persist();
    return rows.map(cloneRow);
  }

  async find(model: string, filter: NormalizedFilter, options?: FindOptions): Promise<AnyObject[]> {
    return findRows(this.collection(model), filter ?? {}, options?.partitionBy,
      options?.unordered === true, options?.readOnly === true);
  }

  async count(model: string, where: AnyObject | undefined, _options?: Options): Promise<number> {
    return this.collection(model).count(where);
  }

  async updateAll(
    model: string,
    where: AnyObject | undefined,
    data: AnyObject,
    _options?: Options,
  ): Promise<number> {
    const collection = this.collection(model);
    checkData(model, data);
    const matches = this.matchingEntries(collection, where);
    if (matches.length === 0) return 0;
    const patch = toStoredRow(data);
    const idName = collection.idName;
    // The id never changes through a patch (LoopBack resets it to the row's own).
    if (idName !== undefined) delete patch[idName];
    // Stored rows are never mutated (each write stores a new object), so
    // rows may share the patch's nested values.
    const unset = Object.keys(data).filter(k => data[k] === undefined && k !== idName);
    const updated: AnyObject[] = new Array(matches.length);
    for (let i = 0; i < matches.length; i++) {
      const next = {...matches[i][1], ...patch};
      for (const k of unset) delete next[k];
      updated[i] = next;
    }
    this.checkStorable(collection, updated);
    for (let i = 0; i < matches.length; i++) collection.replace(matches[i][0], updated[i]);
    await this.persist();
    return matches.length;
  }

  async replaceById(model: string, id: unknown, data: AnyObject, _options?: Options): Promise<boolean> {
    const collection = this.collection(model);
    const key = collection.findKey(id);
    if (key === undefined) return false;
    const idName = collection.idName;
    const stored = toStoredRow(checkData(model, data));
    let row = stored;
    if (idName !== undefined) {
      // the id first, then the data, as LoopBack writes the replacement
      row = {[idName]: collection.rows.get(key)![idName]};
      for (const k in stored) if (k !== idName) row[k] = stored[k];
    }
    this.checkStorable(collection, [row]);
    collection.replace(key, row);
    await this.persist();
    return true;
  }

  async deleteAll(model: string, where: AnyObject | undefined, _options?: Options): Promise<number> {
    const collection = this.collection(model);
    let count: number;
    if (where === undefined || Object.keys(where).length === 0) {
      count = collection.rows.size;
      collection.clear();
    } else {
      const matches = this.matchingEntries(collection, where);
      for (const [key] of matches) collection.delete(key);
      count = matches.length;
    }
    if (count > 0) await this.persist();
    return count;
  }

  /** Deletes the rows of the models (all when omitted) and restarts their id counters. */
  async automigrate(models?: string[]): Promise<void> {
    this.assertLoaded();
    const names = models ?? [...this.collections.keys(), ...this.undefinedModels.keys()];
    for (const name of names) {
      this.collections.get(name)?.clear(true);
      this.undefinedModels.delete(name);
    }
    await this.persist();
  }

  /** Nothing to alter: memory rows take any shape. */
  async autoupdate(_models?: string[]): Promise<void> {
    this.assertLoaded();
  }

  async execute(_command: unknown, _params?: unknown, _options?: Options): Promise<unknown> {
    throw new NotSupportedError('execute() is not supported by the memory connector');
  }

  /** Work counters of a model's collection (for tests and tuning). */
  stats(model: string): MemoryCollectionStats & {indexes: string[]; rows: number} {
    const collection = this.collection(model);
    return {...collection.stats, indexes: collection.indexedProperties, rows: collection.rows.size};
  }

  /** Resolves when every requested file write is on disk. */
  async flush(): Promise<void> {
    await this.store?.flush();
  }

  // ---------------------------------------------------------------------------

  private collection(model: string): MemoryCollection {
    this.assertLoaded();
    const collection = this.collections.get(model);
    if (collection === undefined) {
      throw new RelataError(`Model "${model}" is not defined in the memory connector`, 'MODEL_NOT_DEFINED');
    }
    return collection;
  }

  private assertLoaded(): void {
    if (this.loadError !== undefined) throw this.loadError;
  }

  private matchingEntries(collection: MemoryCollection, where: AnyObject | undefined): Array<[RowKey, AnyObject]> {
    const out: Array<[RowKey, AnyObject]> = [];
    collection.scan(where, false, (key, row) => {
      out.push([key, row]);
    });
    return out;
  }

  /** With a file, serializes new rows up front: a row JSON cannot hold is rejected before any change. */
  private checkStorable(collection: MemoryCollection, rows: AnyObject[]): void {
    if (this.store === undefined) return;
    for (const row of rows) collection.rowJson(row);
  }

  private async persist(): Promise<void> {
    if (this.store !== undefined) await this.store.write();
  }

  private adopt(data: MemoryFileData): void {
    const names = new Set([...Object.keys(data.models), ...Object.keys(data.ids)]);
    for (const name of names) {
      this.undefinedModels.set(name, {nextId: data.ids[name], rows: data.models[name] ?? {}});
    }
  }

  /** The file text: LoopBack's layout, rows as JSON strings. */
  private serialize(): string {
    const ids: {[model: string]: number} = {};
    const models: {[model: string]: {[id: string]: string}} = {};
    for (const [name, collection] of this.collections) {
      ids[name] = collection.nextId;
      models[name] = collection.serializeRows();
    }
    for (const [name, loaded] of this.undefinedModels) {
      if (loaded.nextId !== undefined) ids[name] = loaded.nextId;
      if (loaded.json === undefined) {
        loaded.json = {};
        for (const id of Object.keys(loaded.rows)) loaded.json[id] = JSON.stringify(loaded.rows[id]);
      }
      models[name] = loaded.json;
    }
    return JSON.stringify({ids, models}, null, 2);
  }
}

function checkData(model: string, data: unknown): AnyObject {
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    throw new RelataError(`Invalid data for ${model}: expected an object`, 'INVALID_DATA', 400);
  }
  return data as AnyObject;
}
