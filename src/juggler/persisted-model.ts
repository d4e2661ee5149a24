import {Callback, withCallback} from '../common/callback';
import {AnyObject, Options} from '../common/types';
import {Filter, Where} from '../filter/types';
import {Entity} from '../model/model';
import {EntityNotFoundError} from '../repository/errors';
import {splitArgs, withSpreadCallback} from './callback-args';
import {repositoryOf} from './model-registry';
import type {JugglerDataSource} from './juggler-datasource';
import type {ModelBuilder} from './model-builder';
import type {JugglerRelationDefinition, JugglerRelationParams} from './relations/relation-definition';
import {defineRelation} from './relations/define-relation';

/** A LoopBack 3 model class (what `ds.createModel` returns). */
export type PersistedModelClass = typeof PersistedModel;

/** Per-instance cache of related data (`__cachedRelations` in LoopBack 3). */
export function cachedRelations(instance: object): AnyObject {
  const self = instance as AnyObject;
  if (!Object.prototype.hasOwnProperty.call(self, '__cachedRelations')) {
    Object.defineProperty(self, '__cachedRelations', {value: {}, writable: true, enumerable: false, configurable: true});
  }
  return self.__cachedRelations;
}

function asJSON(value: unknown): unknown {
  if (value == null) return value;
  if (typeof (value as AnyObject).toJSON === 'function') return (value as AnyObject).toJSON();
  if (Array.isArray(value)) return value.map(asJSON);
  return value;
}

/**
 * Base class of LoopBack 3 models: the static data-access methods
 * (`Customer.find`, `Customer.create`, …) and instance methods (`save`,
 * `updateAttributes`, …), each taking an optional trailing callback and
 * returning a promise either way.
 *
 * ```js
 * const Customer = ds.createModel('Customer', {name: String});
 * Customer.create({name: 'Ann'}, (err, customer) => { … });
 * const found = await Customer.find({where: {name: 'Ann'}});
 * ```
 */
export class PersistedModel extends Entity {
  /** The data source the model is attached to (LoopBack 3 `Model.dataSource`). */
  static dataSource: JugglerDataSource | undefined;
  /** The builder that defined the model (relations resolve model names through it). */
  static modelBuilder: ModelBuilder;
  /** Relation definitions by name (LoopBack 3 `Model.relations`). */
  static relations: {[name: string]: JugglerRelationDefinition};
  /** Model settings (LoopBack 3 `Model.settings`). */
  static settings: AnyObject;
  static pluralModelName: string;

  constructor(data?: AnyObject) {
    super();
    const def = (this.constructor as PersistedModelClass).definition;
    const self = this as AnyObject;
    if (data) {
      for (const key of Object.keys(data)) self[key] = data[key];
    }
    if (!def) return;
    for (const p in def.properties) {
      if (self[p] !== undefined) continue;
      const prop = def.properties[p];
      if (prop.default !== undefined) {
        self[p] = typeof prop.default === 'object' && prop.default !== null
          ? JSON.parse(JSON.stringify(prop.default)) : prop.default;
      }
    }
  }

  static getDataSource(): JugglerDataSource | undefined {
    return this.dataSource;
  }

  /** The id property name (LoopBack 3 `Model.getIdName()`). */
  static getIdName(): string {
    return this.definition.idProperties()[0] ?? 'id';
  }

  // ---- statics: relations (LoopBack 3 `Model.hasMany(Target, params)`, …) ----

  static belongsTo(target: PersistedModelClass | string, params?: JugglerRelationParams): JugglerRelationDefinition | undefined {
    return defineRelation('belongsTo', this, target, params);
  }

  static hasOne(target: PersistedModelClass | string, params?: JugglerRelationParams): JugglerRelationDefinition | undefined {
    return defineRelation('hasOne', this, target, params);
  }

  static hasMany(target: PersistedModelClass | string, params?: JugglerRelationParams): JugglerRelationDefinition | undefined {
    return defineRelation('hasMany', this, target, params);
  }

  static hasAndBelongsToMany(target: PersistedModelClass | string, params?: JugglerRelationParams): JugglerRelationDefinition | undefined {
    return defineRelation('hasAndBelongsToMany', this, target, params);
  }

  static referencesMany(target: PersistedModelClass | string, params?: JugglerRelationParams): JugglerRelationDefinition | undefined {
    return defineRelation('referencesMany', this, target, params);
  }

  static embedsOne(target: PersistedModelClass | string, params?: JugglerRelationParams): JugglerRelationDefinition | undefined {
    return defineRelation('embedsOne', this, target, params);
  }

  static embedsMany(target: PersistedModelClass | string, params?: JugglerRelationParams): JugglerRelationDefinition | undefined {
    return defineRelation('embedsMany', this, target, params);
  }

  // ---- statics: create / read / update / delete ----

  static create(...args: unknown[]): Promise<any> {
    const {values: [data, options], cb} = splitArgs(args, 2);
    const repo = repositoryOf(this);
    const run = async () => {
      if (Array.isArray(data)) {
        const out: PersistedModel[] = [];
        for (const d of data) out.push(await repo.create(toData(d), options as Options));
        return out;
      }
      return repo.create(toData(data ?? {}), options as Options);
    };
    return withCallback(run(), cb);
  }

  static find(...args: unknown[]): Promise<PersistedModel[]> {
    const {values: [filter, options], cb} = splitArgs<PersistedModel[]>(args, 2);
    return withCallback(repositoryOf(this).find(filter as Filter<PersistedModel>, options as Options), cb);
  }

  static findOne(...args: unknown[]): Promise<PersistedModel | null> {
    const {values: [filter, options], cb} = splitArgs<PersistedModel | null>(args, 2);
    return withCallback(repositoryOf(this).findOne(filter as Filter<PersistedModel>, options as Options), cb);
  }

  /** The instance with that id, or `null` (LoopBack 3 does not fail on a missing id). */
  static findById(...args: unknown[]): Promise<PersistedModel | null> {
    const {values: [id, filter, options], cb} = splitArgs<PersistedModel | null>(args, 3);
    const run = repositoryOf(this).findById(id, filter as Filter<PersistedModel>, options as Options)
      .catch(err => {
        if (err instanceof EntityNotFoundError) return null;
        throw err;
      });
    return withCallback(run, cb);
  }

  static exists(...args: unknown[]): Promise<boolean> {
    const {values: [id, options], cb} = splitArgs<boolean>(args, 2);
    const run = id == null ? Promise.resolve(false) : repositoryOf(this).exists(id, options as Options);
    return withCallback(run, cb);
  }

  static count(...args: unknown[]): Promise<number> {
    const {values: [where, options], cb} = splitArgs<number>(args, 2);
    return withCallback(repositoryOf(this).count(where as Where, options as Options).then(c => c.count), cb);
  }

  /** Patches the instance with `data`'s id, or creates it. */
  static upsert(...args: unknown[]): Promise<PersistedModel> {
    const {values: [data, options], cb} = splitArgs<PersistedModel>(args, 2);
    const repo = repositoryOf(this);
    const run = async () => {
      const d = toData(data);
      const id = d[this.getIdName()];
      if (id != null && await repo.exists(id, options as Options)) {
        const patch = {...d};
        delete patch[this.getIdName()];
        if (Object.keys(patch).length) await repo.updateById(id, patch, options as Options);
        return repo.findById(id, undefined, options as Options);
      }
      return repo.create(d, options as Options);
    };
    return withCallback(run(), cb);
  }

  static updateOrCreate(...args: unknown[]): Promise<PersistedModel> {
    return this.upsert(...args);
  }

  static patchOrCreate(...args: unknown[]): Promise<PersistedModel> {
    return this.upsert(...args);
  }

  /** Replaces the instance with `data`'s id, or creates it. */
  static replaceOrCreate(...args: unknown[]): Promise<PersistedModel> {
    const {values: [data, options], cb} = splitArgs<PersistedModel>(args, 2);
    const repo = repositoryOf(this);
    const run = async () => {
      const d = toData(data);
      const id = d[this.getIdName()];
      if (id != null && await repo.exists(id, options as Options)) {
        await repo.replaceById(id, d, options as Options);
        return repo.findById(id, undefined, options as Options);
      }
      return repo.create(d, options as Options);
    };
    return withCallback(run(), cb);
  }

  /**
   * Finds the first instance matching `filter`, or creates one from `data`.
   * The callback receives `(err, instance, created)`; the promise resolves
   * to `[instance, created]`.
   */
  static findOrCreate(...args: unknown[]): Promise<[PersistedModel, boolean]> {
    const {values: [filter, data, options], cb} = splitArgs(args, 3);
    const repo = repositoryOf(this);
    const run = async (): Promise<[PersistedModel, boolean]> => {
      let query = filter as AnyObject | undefined;
      let body = data as AnyObject | undefined;
      if (body === undefined && query && !('where' in query)) {
        // LoopBack 3 accepts findOrCreate(data): the data doubles as the where.
        body = query;
        query = {where: query};
      }
      const found = await repo.findOne(query as Filter<PersistedModel>, options as Options);
      if (found) return [found, false];
      return [await repo.create(toData(body ?? query?.where ?? {}), options as Options), true];
    };
    return withSpreadCallback(run(), cb as never);
  }

  static updateAll(...args: unknown[]): Promise<{count: number}> {
    let {values: [where, data, options], cb} = splitArgs<{count: number}>(args, 3);
    if (data === undefined) [where, data] = [undefined, where];
    return withCallback(repositoryOf(this).updateAll(toData(data), where as Where, options as Options), cb);
  }

  static update(...args: unknown[]): Promise<{count: number}> {
    return this.updateAll(...args);
  }

  static destroyAll(...args: unknown[]): Promise<{count: number}> {
    const {values: [where, options], cb} = splitArgs<{count: number}>(args, 2);
    return withCallback(repositoryOf(this).deleteAll(where as Where, options as Options), cb);
  }

  static deleteAll(...args: unknown[]): Promise<{count: number}> {
    return this.destroyAll(...args);
  }

  static remove(...args: unknown[]): Promise<{count: number}> {
    return this.destroyAll(...args);
  }

  /** Deletes by id; resolves to `{count}` (0 when there was nothing to delete, as LoopBack 3). */
  static destroyById(...args: unknown[]): Promise<{count: number}> {
    const {values: [id, options], cb} = splitArgs<{count: number}>(args, 2);
    const repo = repositoryOf(this);
    const run = repo.deleteById(id, options as Options).then(
      () => ({count: 1}),
      err => {
        if (err instanceof EntityNotFoundError) return {count: 0};
        throw err;
      });
    return withCallback(run, cb);
  }

  static deleteById(...args: unknown[]): Promise<{count: number}> {
    return this.destroyById(...args);
  }

  static removeById(...args: unknown[]): Promise<{count: number}> {
    return this.destroyById(...args);
  }

  static replaceById(...args: unknown[]): Promise<PersistedModel> {
    const {values: [id, data, options], cb} = splitArgs<PersistedModel>(args, 3);
    const repo = repositoryOf(this);
    const run = async () => {
      await repo.replaceById(id, toData(data), options as Options);
      return repo.findById(id, undefined, options as Options);
    };
    return withCallback(run(), cb);
  }

  // ---- instance methods ----

  /** True until the instance has an id (LoopBack 3 `isNewRecord()`). */
  isNewRecord(): boolean {
    return this.getId() == null;
  }

  /** Creates the instance, or writes all its properties over the stored one. */
  save(...args: unknown[]): Promise<this> {
    const {values: [options], cb} = splitArgs<this>(args, 1);
    const Model = this.constructor as PersistedModelClass;
    const repo = repositoryOf(Model);
    const run = async () => {
      const data = instanceData(this);
      const id = this.getId();
      const stored = id == null || !(await repo.exists(id, options as Options))
        ? await repo.create(data, options as Options)
        : (await repo.replaceById(id, data, options as Options), await repo.findById(id, undefined, options as Options));
      Object.assign(this, instanceData(stored));
      return this;
    };
    return withCallback(run(), cb);
  }

  /** Patches the stored instance with `data` and updates this one. */
  updateAttributes(...args: unknown[]): Promise<this> {
    const {values: [data, options], cb} = splitArgs<this>(args, 2);
    const Model = this.constructor as PersistedModelClass;
    const repo = repositoryOf(Model);
    const run = async () => {
      const patch = {...toData(data)};
      const idName = Model.getIdName();
      if (patch[idName] !== undefined && String(patch[idName]) === String(this.getId())) delete patch[idName];
      if (Object.keys(patch).length) await repo.updateById(this.getId(), patch, options as Options);
      const stored = await repo.findById(this.getId(), undefined, options as Options);
      Object.assign(this, instanceData(stored));
      return this;
    };
    return withCallback(run(), cb);
  }

  patchAttributes(...args: unknown[]): Promise<this> {
    return this.updateAttributes(...args);
  }

  updateAttribute(name: string, value: unknown, ...rest: unknown[]): Promise<this> {
    return this.updateAttributes({[name]: value}, ...rest);
  }

  /** Replaces the stored instance with `data` (properties not given are cleared). */
  replaceAttributes(...args: unknown[]): Promise<this> {
    const {values: [data, options], cb} = splitArgs<this>(args, 2);
    const Model = this.constructor as PersistedModelClass;
    const run = (async () => {
      const replaced = await Model.replaceById(this.getId(), toData(data), options);
      const self = this as AnyObject;
      for (const p in Model.definition.properties) delete self[p];
      Object.assign(this, instanceData(replaced));
      return this;
    })();
    return withCallback(run, cb);
  }

  destroy(...args: unknown[]): Promise<{count: number}> {
    const {values: [options], cb} = splitArgs<{count: number}>(args, 1);
    const Model = this.constructor as PersistedModelClass;
    return withCallback(Model.destroyById(this.getId(), options), cb);
  }

  delete(...args: unknown[]): Promise<{count: number}> {
    return this.destroy(...args);
  }

  remove(...args: unknown[]): Promise<{count: number}> {
    return this.destroy(...args);
  }

  /** A fresh copy of the stored instance. */
  reload(...args: unknown[]): Promise<PersistedModel | null> {
    const {values: [options], cb} = splitArgs<PersistedModel | null>(args, 1);
    const Model = this.constructor as PersistedModelClass;
    return withCallback(Model.findById(this.getId(), undefined, options), cb);
  }

  /** Sets several properties at once (no persistence). */
  setAttributes(data: AnyObject): void {
    Object.assign(this, toData(data));
  }

  setAttribute(name: string, value: unknown): void {
    (this as AnyObject)[name] = value;
  }

  /**
   * Properties (all own data when the model is not strict) minus hidden ones,
   * plus related data loaded by `include` or a relation accessor.
   */
  override toJSON(): AnyObject {
    return this.toObject(false, true, true);
  }

  /**
   * Plain data: declared properties (and, on non-strict models, every other
   * own value) plus cached related data. With `onlySchema`, only declared
   * properties; `removeHidden` drops hidden ones.
   */
  override toObject(onlySchema?: boolean | Options, removeHidden?: boolean, _removeProtected?: boolean): AnyObject {
    const self = this as AnyObject;
    const out = instanceData(this, onlySchema === true, !!removeHidden);
    const cache = self.__cachedRelations as AnyObject | undefined;
    if (cache && onlySchema !== true) {
      for (const r of Object.keys(cache)) {
        if (cache[r] !== undefined) out[r] = removeHidden ? asJSON(cache[r]) : toPlain(cache[r]);
      }
    }
    return out;
  }

  /** LoopBack 3 `inspect()`: the instance's plain data. */
  inspect(): AnyObject {
    return this.toObject(false, false);
  }
}

/**
 * The stored data of an instance: declared properties and, on a model that
 * is not strict, its other own values; never related data.
 */
export function instanceData(instance: PersistedModel, onlySchema = false, removeHidden = false): AnyObject {
  const Model = instance.constructor as PersistedModelClass;
  const def = Model.definition;
  const self = instance as AnyObject;
  const hidden = removeHidden ? def.hiddenProperties() : [];
  const out: AnyObject = {};
  for (const p in def.properties) {
    if (hidden.includes(p) || self[p] === undefined) continue;
    out[p] = removeHidden ? asJSON(self[p]) : self[p];
  }
  if (onlySchema || def.settings.strict !== false) return out;
  for (const k of Object.keys(self)) {
    if (k in def.properties || hidden.includes(k) || typeof self[k] === 'function') continue;
    if (Model.relations && k in Model.relations) continue;
    out[k] = removeHidden ? asJSON(self[k]) : self[k];
  }
  return out;
}

function toPlain(value: unknown): unknown {
  if (value == null) return value;
  if (Array.isArray(value)) return value.map(toPlain);
  if (value instanceof PersistedModel) return value.toObject();
  return value;
}

/** Instances and plain objects both pass as data. */
function toData(value: unknown): AnyObject {
  if (value instanceof PersistedModel) return instanceData(value);
  return (value ?? {}) as AnyObject;
}

export type {Callback};
