import {requireDataArray, requireDataObject, requireId} from '../common/data-checks';
import {RelataError} from '../common/errors';
import {AnyObject, Count, DataObject, Options} from '../common/types';
import {InvalidFilterError} from '../filter/invalid-filter-error';
import {isDataObject, requireFilterObject, requireObjectArgument, requireWhereObject} from './argument-checks';
import {Filter, FilterExcludingWhere, Where} from '../filter/types';
import {DefaultCrudRepository} from '../repository/default-crud-repository';
import {EntityNotFoundError, InvalidBodyError} from '../repository/errors';
import {hasObservers, notifyObservers} from './hooks/observers';
import {adaptFilterIncludes, completeIncludes} from './relations/include-adapter';
import {instanceData, isPersisted, markPersisted, PersistedModel, PersistedModelClass} from './persisted-model';
import {applyDefaultScope, applyDefaultScopeValues, applyDefaultScopeWhere, hasDefaultScope} from './scopes/default-scope';
import {validateInstance} from './validations/is-valid';
import {validationErrorOf} from './validations/validation-errors';
import {Validated} from './validations/validators';

/** Options LoopBack 3 operations read besides what they pass to the connector. */
export interface JugglerOptions extends Options {
  /** `false`: no `access`/`loaded` (find), `after save` (create, upsert) or delete observers (destroyAll). */
  notify?: boolean;
  /** Forces validation on (`true`) or off (`false`) for this call. */
  validate?: boolean;
}

type Hooks = {hookState: AnyObject; options: JugglerOptions};

/** juggler's not-found error texts: plain errors with status 404 (and no code), as LoopBack 3 answers. */
function notFound(message: string): RelataError {
  const err = new RelataError(message, 'NOT_FOUND', 404);
  return err;
}

/**
 * Refuses a where clause of a bulk write that holds an `undefined` value:
 * dropped, it would widen the write to rows the caller did not mean
 * (`destroyAll({id: undefined})` would empty the table).
 */
function requireDefinedWhere(where: unknown, modelName: string, operation: string, path = 'where'): void {
  if (Array.isArray(where)) {
    where.forEach((w, i) => requireDefinedWhere(w, modelName, operation, `${path}[${i}]`));
    return;
  }
  if (!isDataObject(where)) return;
  for (const [key, value] of Object.entries(where)) {
    if (value === undefined) {
      throw new InvalidFilterError(
        `${modelName}.${operation}: the ${path} clause has an undefined value for "${key}"; ` +
        'an undefined condition would match every row', 'INVALID_WHERE');
    }
    if (key === 'and' || key === 'or') requireDefinedWhere(value, modelName, operation, `${path}.${key}`);
  }
}

/**
 * The LoopBack 4 repository a LoopBack 3 model class runs on, with
 * LoopBack 3's operation semantics: the default scope, operation hooks
 * (`access`, `before save`, `persist`, `loaded`, `after save`,
 * `before delete`, `after delete`) and validation around every write.
 * The LoopBack 4 methods relations call (`create`, `find`, `updateAll`,
 * `deleteAll`, …) run the same pipelines as the model statics, so hooks
 * fire for what relations do too. With no observers, validations or
 * default scope, each call costs one flag check over the LoopBack 4 path.
 */
export class JugglerRepository extends DefaultCrudRepository<PersistedModel, unknown, object> {
  private get model(): PersistedModelClass {
    return this.entityClass as unknown as PersistedModelClass;
  }

  /** The planner may load this model's rows itself unless a default scope or `access`/`loaded` observer applies. */
  override findIsPlain(): boolean {
    const Model = this.model;
    return !hasDefaultScope(Model) && !hasObservers(Model, 'access') && !hasObservers(Model, 'loaded');
  }

  protected override toEntity(row: AnyObject): PersistedModel {
    return new this.model(row, {applyDefaultValues: false, persisted: true});
  }

  protected override toEntities(rows: AnyObject[]): PersistedModel[] {
    const out = new Array<PersistedModel>(rows.length);
    for (let i = 0; i < rows.length; i++) out[i] = this.toEntity(rows[i]);
    return out;
  }

  // ---- reads ----

  /**
   * LoopBack 3 `find`: the default scope merged in, `access` observers
   * (may change `ctx.query`), then one `loaded` notification per row (may
   * change `ctx.data`). `{notify: false}` skips the observers.
   */
  override async find(filter?: Filter<PersistedModel>, options?: JugglerOptions): Promise<PersistedModel[]> {
    const Model = this.model;
    let query = requireFilterObject(filter, `${Model.modelName}.find`);
    const notify = options?.notify !== false;
    const hookState: AnyObject = {};
    if (hasDefaultScope(Model)) query = applyDefaultScope(Model, query);
    if (notify && hasObservers(Model, 'access')) {
      const q = query ?? {};
      const ctx = await notifyObservers(Model, 'access', {
        Model, query: {...q, where: isDataObject(q.where) ? {...q.where} : q.where}, hookState, options: options ?? {},
      });
      query = ctx.query;
    }
    // LoopBack 3's include semantics (relation scopes, disableInclude, `[]` for empty lists): relations/include-adapter.
    query = adaptFilterIncludes(Model, query);
    let found = await super.find(query as Filter<PersistedModel>, options);
    completeIncludes(Model, query, found);
    if (notify && hasObservers(Model, 'loaded')) found = await this.notifyLoaded(found, hookState, options ?? {});
    if (isDataObject(query) && query.include !== undefined) markTree(found, new Set());
    return found;
  }

  /** Rebuilds each instance from what the `loaded` observers leave in `ctx.data`. */
  private async notifyLoaded(found: PersistedModel[], hookState: AnyObject, options: JugglerOptions): Promise<PersistedModel[]> {
    const Model = this.model;
    const out: PersistedModel[] = [];
    for (const entity of found) {
      const ctx = await notifyObservers(Model, 'loaded', {
        Model, data: instanceData(entity), isNewInstance: false, hookState, options,
      });
      const rebuilt = new Model(ctx.data, {applyDefaultValues: false, persisted: true});
      const cache = (entity as AnyObject).__cachedRelations;
      if (cache) Object.defineProperty(rebuilt, '__cachedRelations', {value: cache, writable: true, enumerable: false, configurable: true});
      out.push(rebuilt);
    }
    return out;
  }

  override async findOne(filter?: Filter<PersistedModel>, options?: JugglerOptions): Promise<PersistedModel | null> {
    const f = requireFilterObject(filter, `${this.model.modelName}.findOne`);
    const found = await this.find({...f, limit: 1} as Filter<PersistedModel>, options);
    return found[0] ?? null;
  }

  override async findById(id: unknown, filter?: FilterExcludingWhere<PersistedModel>, options?: JugglerOptions): Promise<PersistedModel> {
    const where = this.whereForId(id);
    const f = requireFilterObject(filter, `${this.model.modelName}.findById`);
    const found = await this.find({...f, where, limit: 1} as Filter<PersistedModel>, options);
    if (!found.length) throw new EntityNotFoundError(this.entityClass, id);
    return found[0];
  }

  /** LoopBack 3 `count`: the default scope's where AND-ed, then `access` observers (`ctx.query.where`). */
  override async count(where?: Where<PersistedModel>, options?: JugglerOptions): Promise<Count> {
    const Model = this.model;
    let w = requireWhereObject(where, `${Model.modelName}.count`);
    if (hasDefaultScope(Model)) w = applyDefaultScopeWhere(Model, w);
    if (options?.notify !== false && hasObservers(Model, 'access')) {
      const ctx = await notifyObservers(Model, 'access', {Model, query: {where: w ?? {}}, hookState: {}, options: options ?? {}});
      w = ctx.query?.where;
    }
    return super.count(w as Where<PersistedModel>, options);
  }

  override async exists(id: unknown, options?: JugglerOptions): Promise<boolean> {
    return (await this.count(this.entityClass.buildWhereForId(requireId(id, this.model.modelName)), options)).count > 0;
  }

  // ---- create ----

  override async create(data: DataObject<PersistedModel>, options?: JugglerOptions): Promise<PersistedModel> {
    return this.createInstance(this.buildNew(data), options);
  }

  override async createAll(data: DataObject<PersistedModel>[], options?: JugglerOptions): Promise<PersistedModel[]> {
    requireDataArray(data, `${this.model.modelName} data`);
    const out: PersistedModel[] = [];
    for (const d of data) out.push(await this.create(d, options));
    return out;
  }

  /** A new instance from data (an instance of the model passes as is). */
  private buildNew(data: unknown): PersistedModel {
    const Model = this.model;
    if (data instanceof Model && !isPersisted(data)) return data;
    const plain = this.dataOf(data, 'create');
    return new Model(plain);
  }

  /**
   * LoopBack 3 `create` of one instance: default-scope values, `before save`
   * (`ctx.instance`, `isNewInstance: true`), validation, `persist`
   * (`ctx.data`), the insert, `loaded`, `after save`. The instance gets the
   * stored values (id, defaults, coerced values) and is returned.
   */
  async createInstance(inst: PersistedModel, options: JugglerOptions = {}): Promise<PersistedModel> {
    const Model = this.model;
    const hooks: Hooks = {hookState: {}, options: options ?? {}};
    if (Model.settings?.scope) inst.setAttributes(applyDefaultScopeValues(Model, {}, inst));
    if (hasObservers(Model, 'before save')) {
      await notifyObservers(Model, 'before save', {Model, instance: inst, isNewInstance: true, ...hooks});
    }
    await this.validate(inst, hooks.options, true);
    let data = instanceData(inst);
    if (hasObservers(Model, 'persist')) {
      const ctx = await notifyObservers(Model, 'persist', {Model, data, isNewInstance: true, currentInstance: inst, ...hooks});
      data = ctx.data;
    }
    const row = await this.collection.create(requireDataObject(data, `${Model.modelName} data`), options);
    Object.assign(inst, row);
    markPersisted(inst);
    if (hasObservers(Model, 'loaded')) {
      const ctx = await notifyObservers(Model, 'loaded', {Model, data: {...row}, isNewInstance: true, ...hooks});
      if (Model.settings?.updateOnLoad) inst.setAttributes(ctx.data);
    }
    if (hooks.options.notify !== false && hasObservers(Model, 'after save')) {
      await notifyObservers(Model, 'after save', {Model, instance: inst, isNewInstance: true, ...hooks});
    }
    return inst;
  }

  // ---- updates ----

  override async updateAll(data: DataObject<PersistedModel>, where?: Where<PersistedModel>, options?: JugglerOptions): Promise<Count> {
    return this.runUpdateAll(where, data, options);
  }

  /**
   * LoopBack 3 `updateAll(where, data)`: the default scope's where AND-ed
   * and its values copied onto `data`, `access` (`ctx.query.where`),
   * `before save` (`ctx.where`, `ctx.data`), validation only when asked
   * (`validateUpdate` setting or `{validate: true}`), `persist`, the
   * update, `after save` (`ctx.info`).
   */
  async runUpdateAll(where: unknown, data: unknown, options: JugglerOptions = {}): Promise<Count> {
    const Model = this.model;
    const hooks: Hooks = {hookState: {}, options: options ?? {}};
    let w = requireWhereObject(where, `${Model.modelName}.updateAll`) ?? {};
    requireDefinedWhere(w, Model.modelName, 'updateAll');
    let d: AnyObject = this.dataOf(data, 'updateAll');
    if (hasDefaultScope(Model)) {
      w = applyDefaultScopeWhere(Model, w) ?? {};
      applyDefaultScopeValues(Model, d);
    }
    if (hasObservers(Model, 'access')) {
      const ctx = await notifyObservers(Model, 'access', {Model, query: {where: w}, ...hooks});
      w = ctx.query?.where ?? {};
    }
    if (hasObservers(Model, 'before save')) {
      const ctx = await notifyObservers(Model, 'before save', {Model, where: w, data: d, ...hooks});
      w = ctx.where ?? {};
      d = ctx.data;
    }
    const validate = hooks.options.validate ?? Model.settings?.validateUpdate ?? Model.settings?.automaticValidation ?? false;
    if (validate) {
      const probe = new Model(d, {applyDefaultValues: false});
      if (!(await validateInstance(probe as unknown as Validated, hooks.options))) throw validationErrorOf(probe, Model.modelName);
    }
    if (hasObservers(Model, 'persist')) {
      const ctx = await notifyObservers(Model, 'persist', {Model, where: w, data: d, ...hooks});
      d = ctx.data;
    }
    requireDefinedWhere(w, Model.modelName, 'updateAll');
    const info = await super.updateAll(d, w as Where<PersistedModel>, options);
    if (hasObservers(Model, 'after save')) {
      await notifyObservers(Model, 'after save', {Model, where: w, data: d, info, ...hooks});
    }
    return info;
  }

  /** LoopBack 4 `updateById`: 404 when missing; runs LoopBack 3's `updateAttributes` on the stored instance. */
  override async updateById(id: unknown, data: DataObject<PersistedModel>, options?: JugglerOptions): Promise<void> {
    requireId(id, this.model.modelName);
    const patch = this.dataOf(data, 'updateById');
    const idName = this.model.getIdName();
    if (patch[idName] !== undefined && String(patch[idName]) === String(id)) delete patch[idName];
    if (Object.keys(patch).filter(k => patch[k] !== undefined).length === 0) throw new InvalidBodyError(this.entityClass, id);
    const inst = await this.findOne({where: this.entityClass.buildWhereForId(id)} as Filter<PersistedModel>, options);
    if (!inst) throw new EntityNotFoundError(this.entityClass, id);
    await this.patchInstance(inst, patch, options);
  }

  /**
   * LoopBack 3 `updateAttributes`: `before save` (`ctx.where`, `ctx.data`,
   * `ctx.currentInstance`), the data set on the instance, validation,
   * `persist`, the patch, `loaded`, `after save`. An id in `data` that
   * differs from the instance's is a 400; a gone instance a 404.
   */
  async patchInstance(inst: PersistedModel, data: unknown, options: JugglerOptions = {}): Promise<PersistedModel> {
    const Model = this.model;
    const hooks: Hooks = {hookState: {}, options: options ?? {}};
    let d: AnyObject = this.dataOf(data, 'updateAttributes');
    const id = inst.getId();
    requireId(id, Model.modelName);
    for (const idName of Model.definition.idProperties()) {
      const current = (inst as AnyObject)[idName];
      if (d[idName] !== undefined && String(d[idName]) !== String(current)) {
        throw new RelataError(
          `id cannot be updated from ${current} to ${d[idName]} when forceId is set to true`, 'ID_CHANGED', 400);
      }
    }
    const where = this.entityClass.buildWhereForId(id);
    if (hasObservers(Model, 'before save')) {
      const ctx = await notifyObservers(Model, 'before save', {Model, where, data: d, currentInstance: inst, ...hooks});
      d = ctx.data;
    }
    d = this.strictData(inst, d);
    inst.setAttributes(d);
    if (Model.settings?.scope) applyDefaultScopeValues(Model, d, inst);
    await this.validate(inst, hooks.options, true);
    if (hasObservers(Model, 'persist')) {
      const ctx = await notifyObservers(Model, 'persist', {
        Model, where, data: d, currentInstance: inst, isNewInstance: false, ...hooks,
      });
      d = ctx.data;
    }
    const stored = this.collection.prepareForPatch(requireDataObject(d, `${Model.modelName} data`));
    const {count} = await super.updateAll(stored, where as Where<PersistedModel>, options);
    if (count === 0) throw notFound(`Could not update attributes. Object with id ${id} does not exist!`);
    Object.assign(inst, stored);
    markPersisted(inst);
    if (hasObservers(Model, 'loaded')) {
      const ctx = await notifyObservers(Model, 'loaded', {Model, data: {...stored}, isNewInstance: false, ...hooks});
      if (Model.settings?.updateOnLoad) inst.setAttributes(ctx.data);
    }
    if (hasObservers(Model, 'after save')) {
      await notifyObservers(Model, 'after save', {Model, instance: inst, isNewInstance: false, ...hooks});
    }
    return inst;
  }

  /**
   * Unknown keys of patch data per `strict`: kept (`false`), dropped
   * (`'filter'`), or recorded for validation to report (`true`).
   */
  private strictData(inst: PersistedModel, data: AnyObject): AnyObject {
    const Model = this.model;
    const strict = Model.definition.settings.strict;
    if (strict === false) return data;
    const props = Model.definition.properties;
    const out: AnyObject = {};
    const unknown: string[] = [];
    for (const key of Object.keys(data)) {
      if (Object.prototype.hasOwnProperty.call(props, key)) out[key] = data[key];
      else if (strict !== 'filter') unknown.push(key);
    }
    if (unknown.length) {
      const list = ((inst as AnyObject).__unknownProperties ?? []) as string[];
      Object.defineProperty(inst, '__unknownProperties', {value: [...list, ...unknown], writable: true, enumerable: false, configurable: true});
    }
    return out;
  }

  /**
   * LoopBack 3 `save` of a stored instance: `before save` (`ctx.instance`),
   * default-scope values, validation, `persist` (`ctx.data`, `ctx.where`),
   * the full write, `loaded`, `after save`. A new instance is created.
   */
  async saveInstance(inst: PersistedModel, options: JugglerOptions = {}): Promise<PersistedModel> {
    if (inst.isNewRecord()) return this.createInstance(inst, options);
    const Model = this.model;
    const hooks: Hooks = {hookState: {}, options: options ?? {}};
    const id = inst.getId();
    requireId(id, Model.modelName);
    if (hasObservers(Model, 'before save')) {
      await notifyObservers(Model, 'before save', {Model, instance: inst, ...hooks});
    }
    if (Model.settings?.scope) inst.setAttributes(applyDefaultScopeValues(Model, {}, inst));
    await this.validate(inst, hooks.options, true);
    let data = instanceData(inst);
    const where = this.entityClass.buildWhereForId(id);
    if (hasObservers(Model, 'persist')) {
      const ctx = await notifyObservers(Model, 'persist', {Model, data, where, currentInstance: inst, ...hooks});
      data = ctx.data;
    }
    const row = this.collection.prepareForCreate(requireDataObject(data, `${Model.modelName} data`));
    let isNewInstance = false;
    try {
      await super.replaceById(id, row, options);
    } catch (err) {
      if (!(err instanceof EntityNotFoundError)) throw err;
      // Gone meanwhile: written again, as the memory connector's save does.
      await this.collection.create(row, options);
      isNewInstance = true;
    }
    let loaded = row;
    if (hasObservers(Model, 'loaded')) {
      const ctx = await notifyObservers(Model, 'loaded', {Model, data: {...row}, isNewInstance, ...hooks});
      loaded = ctx.data;
    }
    Object.assign(inst, loaded);
    markPersisted(inst);
    if (hasObservers(Model, 'after save')) {
      await notifyObservers(Model, 'after save', {Model, instance: inst, isNewInstance, ...hooks});
    }
    return inst;
  }

  override async replaceById(id: unknown, data: DataObject<PersistedModel>, options?: JugglerOptions): Promise<void> {
    await this.runReplaceById(id, data, options, () => new EntityNotFoundError(this.entityClass, id));
  }

  /**
   * LoopBack 3 `replaceById`: an id in `data` must match (400 `id property
   * (id) cannot be updated from 1 to 2`); `before save` (`ctx.instance`),
   * validation, `persist`, the replace, `loaded`, `after save`. A missing
   * instance is a 404 (`Could not replace. Object with id X does not exist!`).
   */
  async runReplaceById(
    id: unknown, data: unknown, options: JugglerOptions = {}, missing?: () => Error,
  ): Promise<PersistedModel> {
    const Model = this.model;
    const hooks: Hooks = {hookState: {}, options: options ?? {}};
    requireId(id, Model.modelName);
    const d: AnyObject = this.dataOf(data, 'replaceById');
    const pk = Model.getIdName();
    if (d[pk] === undefined || d[pk] === null || d[pk] === '') d[pk] = id;
    if (String(d[pk]) !== String(id)) {
      throw new RelataError(`id property (${pk}) cannot be updated from ${id} to ${d[pk]}`, 'ID_CHANGED', 400);
    }
    const inst = new Model(d, {persisted: true});
    if (Model.settings?.scope) inst.setAttributes(applyDefaultScopeValues(Model, {}, inst));
    if (hasObservers(Model, 'before save')) {
      await notifyObservers(Model, 'before save', {Model, instance: inst, isNewInstance: false, ...hooks});
    }
    await this.validate(inst, hooks.options, true);
    let row = instanceData(inst);
    const where = this.entityClass.buildWhereForId(id);
    if (hasObservers(Model, 'persist')) {
      const ctx = await notifyObservers(Model, 'persist', {
        Model, where, data: row, isNewInstance: false, currentInstance: inst, ...hooks,
      });
      row = ctx.data;
    }
    const stored = this.collection.prepareForCreate(requireDataObject(row, `${Model.modelName} data`));
    try {
      await super.replaceById(id, stored, options);
    } catch (err) {
      if (err instanceof EntityNotFoundError) {
        throw missing ? missing() : notFound(`Could not replace. Object with id ${id} does not exist!`);
      }
      throw err;
    }
    let loaded: AnyObject = {...stored};
    if (hasObservers(Model, 'loaded')) {
      const ctx = await notifyObservers(Model, 'loaded', {Model, data: loaded, isNewInstance: false, ...hooks});
      loaded = ctx.data;
    }
    loaded[pk] = inst.getId();
    for (const p of Object.keys(Model.definition.properties)) if (!(p in loaded)) delete (inst as AnyObject)[p];
    Object.assign(inst, loaded);
    if (hasObservers(Model, 'after save')) {
      await notifyObservers(Model, 'after save', {Model, instance: inst, isNewInstance: false, ...hooks});
    }
    return inst;
  }

  /**
   * LoopBack 3 `upsert`/`updateOrCreate`/`patchOrCreate`: no id → create;
   * with `forceId` → the stored instance patched (404 when missing);
   * otherwise `access`, `before save` (`ctx.where`, `ctx.data`), `persist`,
   * patch-or-insert, `loaded`, `after save` (`isNewInstance` tells which).
   */
  async upsertData(data: unknown, options: JugglerOptions = {}): Promise<PersistedModel> {
    const Model = this.model;
    if (Array.isArray(data)) {
      throw new RelataError('updateOrCreate does not support bulk mode or any array input', 'INVALID_DATA', 400);
    }
    const hooks: Hooks = {hookState: {}, options: options ?? {}};
    let d: AnyObject = data == null ? {} : this.dataOf(data, 'upsert');
    const pk = Model.getIdName();
    const id = d[pk];
    if (id === undefined || id === null) return this.createInstance(new Model(d), options);
    const validate = hooks.options.validate ?? Model.settings?.validateUpsert ?? Model.settings?.automaticValidation ?? false;
    if (Model.settings?.forceId) {
      const found = await this.findOne({where: {[pk]: id}} as Filter<PersistedModel>, options);
      if (!found) throw notFound(`Could not update attributes. Object with id ${id} does not exist!`);
      return this.patchInstance(found, d, {...hooks.options, validate: !!validate});
    }
    let where: AnyObject = this.entityClass.buildWhereForId(id);
    if (hasObservers(Model, 'access')) {
      const ctx = await notifyObservers(Model, 'access', {Model, query: {where}, ...hooks});
      where = ctx.query?.where ?? where;
    }
    if (!isWhereById(where, pk, id)) {
      // An observer changed the query: it may hide the instance with that id.
      const found = await this.findOne({where} as Filter<PersistedModel>, {...options, notify: false});
      delete d[pk];
      return found ? this.patchInstance(found, d, {...hooks.options, validate: !!validate}) : this.createInstance(new Model(d), options);
    }
    if (hasObservers(Model, 'before save')) {
      const ctx = await notifyObservers(Model, 'before save', {Model, where, data: d, ...hooks});
      d = ctx.data;
    }
    const inst = new Model(d, {applyDefaultValues: false});
    let update = instanceData(inst);
    if (hasDefaultScope(Model)) applyDefaultScopeValues(Model, update, inst);
    if (validate && !(await validateInstance(inst as unknown as Validated, hooks.options))) {
      throw validationErrorOf(inst, Model.modelName);
    }
    if (hasObservers(Model, 'persist')) {
      const ctx = await notifyObservers(Model, 'persist', {Model, where, data: update, currentInstance: inst, ...hooks});
      update = ctx.data;
    }
    const exists = (await super.count(where as Where<PersistedModel>, options)).count > 0;
    let row: AnyObject;
    if (exists) {
      const patch = {...update};
      delete patch[pk];
      if (Object.keys(patch).length) await super.updateAll(patch, where as Where<PersistedModel>, options);
      row = (await this.collection.find({where: this.whereForId(id), limit: 1}, options))[0] ?? update;
    } else {
      row = await this.collection.create(update, options);
    }
    const isNewInstance = !exists;
    if (hasObservers(Model, 'loaded')) {
      const ctx = await notifyObservers(Model, 'loaded', {Model, data: {...row}, isNewInstance, ...hooks});
      row = ctx.data;
    }
    const result = new Model(row, {applyDefaultValues: false, persisted: true});
    if (hooks.options.notify !== false && hasObservers(Model, 'after save')) {
      await notifyObservers(Model, 'after save', {Model, instance: result, isNewInstance, ...hooks});
    }
    return result;
  }

  /**
   * LoopBack 3 `upsertWithWhere`: the one instance matching `where` is
   * patched, none → created; several → 400.
   */
  async upsertWithWhere(where: unknown, data: unknown, options: JugglerOptions = {}): Promise<PersistedModel> {
    const Model = this.model;
    const w = requireWhereObject(where, `${Model.modelName}.upsertWithWhere`) ?? {};
    const d = this.dataOf(data, 'upsertWithWhere');
    if (Object.keys(d).length === 0) throw new RelataError('data object cannot be empty!', 'INVALID_DATA', 400);
    const found = await this.find({where: w} as Filter<PersistedModel>, {...options, notify: false});
    if (found.length === 0) return this.createInstance(new Model(d), options);
    if (found.length === 1) return this.patchInstance(found[0], d, options);
    throw new RelataError('There are multiple instances found.Upsert Operation will not be performed!', 'MULTIPLE_INSTANCES', 400);
  }

  /**
   * LoopBack 3 `replaceOrCreate`: no id → create; with `forceId` → replace
   * (404 when missing); otherwise `access`, then replace or create.
   */
  async replaceOrCreateData(data: unknown, options: JugglerOptions = {}): Promise<PersistedModel> {
    const Model = this.model;
    const d: AnyObject = data == null ? {} : this.dataOf(data, 'replaceOrCreate');
    const pk = Model.getIdName();
    const id = d[pk];
    if (id === undefined || id === null) return this.createInstance(new Model(d), options);
    if (Model.settings?.forceId) return this.runReplaceById(id, d, options);
    let where: AnyObject = this.entityClass.buildWhereForId(id);
    if (hasObservers(Model, 'access')) {
      const ctx = await notifyObservers(Model, 'access', {Model, query: {where}, hookState: {}, options: options ?? {}});
      where = ctx.query?.where ?? where;
    }
    const found = await this.findOne({where} as Filter<PersistedModel>, {...options, notify: false});
    if (!isWhereById(where, pk, id)) delete d[pk];
    if (found) return this.runReplaceById(found.getId(), d, options);
    return this.createInstance(new Model(d), options);
  }

  /**
   * LoopBack 3 `findOrCreate`: the first instance matching `filter` (the
   * default scope and `access`/`loaded` observers apply), or one created
   * from `data` through the whole create pipeline. Resolves to
   * `[instance, created]`.
   */
  async findOrCreateData(filter: unknown, data: unknown, options: JugglerOptions = {}): Promise<[PersistedModel, boolean]> {
    const Model = this.model;
    const query = requireFilterObject(filter, `${Model.modelName}.findOrCreate`) ?? {};
    const d = data == null ? {} : data;
    const found = await this.findOne(query as Filter<PersistedModel>, options);
    if (found) return [found, false];
    return [await this.createInstance(this.buildNew(d instanceof Model ? d : this.dataOf(d, 'findOrCreate')), options), true];
  }

  // ---- deletes ----

  override async deleteAll(where?: Where<PersistedModel>, options?: JugglerOptions): Promise<Count> {
    return this.runDestroyAll(where, options);
  }

  /**
   * LoopBack 3 `destroyAll`: the default scope's where AND-ed, `access`
   * (`ctx.query.where`), `before delete` (`ctx.where`), the delete,
   * `after delete` (`ctx.info`). `{notify: false}` skips the observers.
   */
  async runDestroyAll(where: unknown, options: JugglerOptions = {}): Promise<Count> {
    const Model = this.model;
    const hooks: Hooks = {hookState: {}, options: options ?? {}};
    let w = requireWhereObject(where, `${Model.modelName}.destroyAll`) ?? {};
    requireDefinedWhere(w, Model.modelName, 'destroyAll');
    if (hasDefaultScope(Model)) w = applyDefaultScopeWhere(Model, w) ?? {};
    const notify = hooks.options.notify !== false;
    if (notify && hasObservers(Model, 'access')) {
      const ctx = await notifyObservers(Model, 'access', {Model, query: {where: w}, ...hooks});
      w = ctx.query?.where ?? {};
    }
    if (notify && hasObservers(Model, 'before delete')) {
      const ctx = await notifyObservers(Model, 'before delete', {Model, where: w, ...hooks});
      w = ctx.where ?? {};
    }
    requireDefinedWhere(w, Model.modelName, 'destroyAll');
    const info = await super.deleteAll(w as Where<PersistedModel>, options);
    if (notify && hasObservers(Model, 'after delete')) {
      await notifyObservers(Model, 'after delete', {Model, where: w, info, ...hooks});
    }
    return info;
  }

  override async deleteById(id: unknown, options?: JugglerOptions): Promise<void> {
    requireId(id, this.model.modelName);
    const {count} = await this.runDestroyAll(this.entityClass.buildWhereForId(id), options);
    if (count === 0) throw new EntityNotFoundError(this.entityClass, id);
  }

  /**
   * LoopBack 3 `instance.destroy()`: `access` (`ctx.query.where` by id),
   * `before delete` (`ctx.where`, `ctx.instance`), the delete,
   * `after delete` (`ctx.instance`, `ctx.info`). Resolves to `{count}`.
   */
  async deleteInstance(inst: PersistedModel, options: JugglerOptions = {}): Promise<Count> {
    const Model = this.model;
    const hooks: Hooks = {hookState: {}, options: options ?? {}};
    const id = inst.getId();
    requireId(id, Model.modelName);
    let where: AnyObject = this.entityClass.buildWhereForId(id);
    if (hasObservers(Model, 'access')) {
      const ctx = await notifyObservers(Model, 'access', {Model, query: {where}, ...hooks});
      where = ctx.query?.where ?? where;
    }
    if (hasObservers(Model, 'before delete')) {
      const ctx = await notifyObservers(Model, 'before delete', {Model, where, instance: inst, ...hooks});
      where = ctx.where ?? where;
    }
    requireDefinedWhere(where, Model.modelName, 'destroy');
    const info = await super.deleteAll(where as Where<PersistedModel>, options);
    if (info.count === 0 && Model.settings?.strictDelete) throw this.notFoundForDelete(id);
    if (hasObservers(Model, 'after delete')) {
      await notifyObservers(Model, 'after delete', {Model, where, instance: inst, info, ...hooks});
    }
    return info;
  }

  /** LoopBack 3's `strictDelete` error: `No instance with id X found for Model` (404, code NOT_FOUND). */
  notFoundForDelete(id: unknown): RelataError {
    return notFound(`No instance with id ${id} found for ${this.model.modelName}`);
  }

  /**
   * The data argument of a write as a fresh plain object: a model
   * instance's stored data, or a copy of an (acyclic) object; a 400 naming
   * `<Model>.<method>` otherwise.
   */
  private dataOf(data: unknown, method: string): AnyObject {
    if (data instanceof PersistedModel) return instanceData(data);
    return {...requireObjectArgument(data, 'data', `${this.model.modelName}.${method}`)};
  }

  /**
   * Runs the model's validations unless `{validate: false}` or the model
   * setting `automaticValidation: false`; a failure is juggler's
   * `ValidationError` (422) and nothing is written.
   */
  private async validate(inst: PersistedModel, options: JugglerOptions, byDefault: boolean): Promise<void> {
    const Model = this.model;
    const enabled = options.validate ?? Model.settings?.automaticValidation ?? byDefault;
    if (!enabled) return;
    if (!(await validateInstance(inst as unknown as Validated, options))) throw validationErrorOf(inst, Model.modelName);
  }
}

/** True when a where clause is still exactly `{pk: id}` (an observer may have changed it). */
function isWhereById(where: AnyObject, pk: string, id: unknown): boolean {
  const keys = Object.keys(where);
  return keys.length === 1 && keys[0] === pk && where[pk] === id;
}

/** Marks loaded instances (and the related instances an include cached on them) as stored rows. */
function markTree(value: unknown, seen: Set<object>): void {
  if (Array.isArray(value)) {
    for (const v of value) markTree(v, seen);
    return;
  }
  if (!(value instanceof PersistedModel) || seen.has(value)) return;
  seen.add(value);
  markPersisted(value);
  const cache = (value as AnyObject).__cachedRelations as AnyObject | undefined;
  if (cache) for (const k of Object.keys(cache)) markTree(cache[k], seen);
}
