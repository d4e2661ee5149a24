import {randomUUID} from 'node:crypto';
import {Callback, withCallback} from '../common/callback';
import {InvalidDataError} from '../common/data-checks';
import {AnyObject, Options} from '../common/types';
import {Entity} from '../model/model';
import {kindOfType} from '../model/property-definition';
import {IsolationLevel, Transaction, TransactionOptions} from '../repository/transaction';
import {
  describeArgument, isDataObject, requireAcyclicInclude, requireFilterObject, requireIdArgument, requireObjectArgument,
} from './argument-checks';
import {callbackOrPromise, isDataOnlyCall, runWithCallback, splitArgs, withSpreadCallback} from './callback-args';
import {
  addObserver, clearObservers, notifyObservers, Observer, OperationName, removeObserver,
} from './hooks/observers';
import {ModelNotAttachedError, repositoryOf} from './model-registry';
import type {JugglerDataSource} from './juggler-datasource';
import {ModelBuilder} from './model-builder';
import type {JugglerRelationDefinition, JugglerRelationParams} from './relations/relation-definition';
import {defineRelation} from './relations/define-relation';
import {adaptFilterIncludes, completeIncludes} from './relations/include-adapter';
import {includeRelatedModels} from '../relations/relation-helpers';
import {applyDefaultScopeValues} from './scopes/default-scope';
import {defineNamedScope, NamedScopeDefinition, ScopeTargetModel} from './scopes/named-scope';
import {runValidations} from './validations/is-valid';
import {addValidation, ownValidations, ValidationRule} from './validations/validation-rules';
import {Validated} from './validations/validators';

/** A LoopBack 3 model class (what `ds.createModel` returns). */
export type PersistedModelClass = typeof PersistedModel;

/** Options of `new Model(data, options)` (juggler's instance options). */
export interface ModelInstanceOptions {
  /** Fill unset properties with their `default`/`defaultFn` (default true; false for stored rows). */
  applyDefaultValues?: boolean;
  /** The instance is a stored row (`isNewRecord()` is false). */
  persisted?: boolean;
  /** Overrides the model's `strict` setting for this instance. */
  strict?: boolean | 'filter';
}

/**
 * Set (non-enumerable) on instances built by callers, not loaded from the
 * store: rows are built far more often, so they carry no marker at all.
 */
const NEW_RECORD = Symbol('relata.newRecord');

/** Marks an instance as a stored row: `save()` then updates it instead of creating it. */
export function markPersisted(instance: object): void {
  const self = instance as {[NEW_RECORD]?: boolean};
  if (self[NEW_RECORD]) self[NEW_RECORD] = false;
}

/** True when the instance was loaded from or written to the store (juggler's `__persisted`). */
export function isPersisted(instance: object): boolean {
  return (instance as {[NEW_RECORD]?: boolean})[NEW_RECORD] !== true;
}

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
 * returning a promise either way; operation hooks (`observe`), validations
 * (`validatesPresenceOf`, …, `isValid`) and named scopes (`scope`).
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
  /** Named scopes by name (`Model.scope(name, …)`). */
  static scopes?: {[name: string]: NamedScopeDefinition};

  /** Validation failures of the last `isValid()` run (`false` when it passed). */
  declare errors?: AnyObject | false;
  /**
   * Model properties and relation accessors exist on instances at run time
   * (`customer.name`, `customer.orders`), as in LoopBack 3's untyped models.
   */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  [property: string]: any;

  /**
   * Builds an instance. Declared properties are set as given, relation
   * names fill the related-data cache, other keys are kept on a model with
   * `strict: false`, dropped with `strict: 'filter'` and reported by
   * `isValid()` (`unknown-property`) with `strict: true`. Unset properties
   * take their `default` (a function is called) or `defaultFn`.
   */
  constructor(data?: AnyObject | null, options?: ModelInstanceOptions) {
    super();
    const Model = this.constructor as PersistedModelClass;
    const def = Model.definition;
    const self = this as AnyObject;
    if (data !== undefined && data !== null && typeof data !== 'object') {
      throw new InvalidDataError(`${def?.name ?? 'Model'} data must be an object, got ${typeof data}`);
    }
    let input: AnyObject | null | undefined = data;
    if (data instanceof PersistedModel) {
      input = instanceData(data);
      const cache = (data as AnyObject).__cachedRelations;
      if (cache) Object.assign(cachedRelations(this), cache);
    }
    if (!def) {
      if (input) Object.assign(this, input);
      return;
    }
    if (options?.persisted && options.applyDefaultValues === false) {
      // A stored row (what repositories build): its keys are the stored properties.
      if (input) Object.assign(this, input);
      return;
    }
    const props = def.properties;
    const strict = options?.strict ?? def.settings.strict;
    let unknown: string[] | undefined;
    if (input) {
      for (const key of Object.keys(input)) {
        const value = input[key];
        if (typeof value === 'function') continue;
        if (Object.prototype.hasOwnProperty.call(props, key)) {
          self[key] = value;
        } else if (Model.relations && Object.prototype.hasOwnProperty.call(Model.relations, key)) {
          // The relation accessor's setter puts the value in the related-data cache.
          self[key] = value;
        } else if (key === '__cachedRelations' && isDataObject(value)) {
          Object.assign(cachedRelations(this), value);
        } else if (strict === false) {
          self[key] = value;
        } else if (strict !== 'filter') {
          (unknown ??= []).push(key);
        }
      }
    }
    if (unknown) {
      Object.defineProperty(this, '__unknownProperties', {value: unknown, writable: true, enumerable: false, configurable: true});
    }
    if (options?.applyDefaultValues !== false) {
      for (const p in props) {
        if (self[p] !== undefined) continue;
        const value = defaultValueOf(props[p]);
        if (value !== undefined) self[p] = value;
      }
    }
    if (!options?.persisted) {
      Object.defineProperty(this, NEW_RECORD, {value: true, writable: true, enumerable: false, configurable: true});
      // The default scope's values apply to new instances (juggler's applyProperties).
      if (Model.settings?.scope) applyDefaultScopeValues(Model, self, this);
    }
  }

  static getDataSource(): JugglerDataSource | undefined {
    return this.dataSource;
  }

  /** The id property name (LoopBack 3 `Model.getIdName()`). */
  static getIdName(): string {
    return this.definition.idProperties()[0] ?? 'id';
  }

  /** Attaches the model to a data source (`ds.attach(Model)`). */
  static attachTo(dataSource: JugglerDataSource): void {
    dataSource.attach(this);
  }

  /**
   * Defines a model extending this one (LoopBack 3 `Model.extend`): the
   * properties and settings are merged with this model's. Defined on this
   * model's builder (or the default one for `PersistedModel` itself).
   */
  static extend<M extends PersistedModelClass>(this: M, name: string, properties?: AnyObject, settings?: AnyObject): PersistedModelClass {
    const builder = Object.prototype.hasOwnProperty.call(this, 'modelBuilder') ? this.modelBuilder : undefined;
    const target = builder ?? ModelBuilder.defaultInstance;
    return target.define(name, properties, {...settings, base: this === PersistedModel ? undefined : this});
  }

  /**
   * Starts a transaction on the model's data source (LoopBack 3
   * `Model.beginTransaction(options, cb)`): pass it as `{transaction}` in
   * the options of later calls; SQL connectors only (501 elsewhere).
   */
  static beginTransaction(...args: unknown[]): Promise<Transaction> {
    return callbackOrPromise(args, 1, (options) => {
      if (!this.dataSource) throw new ModelNotAttachedError(this.modelName);
      return this.dataSource.beginTransaction(options as IsolationLevel | TransactionOptions | undefined);
    });
  }

  /** Adds a property (LoopBack 3 shorthands accepted); SQL tables need `autoupdate` afterwards. */
  static defineProperty(name: string, declaration: unknown): void {
    (this.definition as unknown as {defineProperty(n: string, d: unknown): void}).defineProperty(name, declaration);
    // The connector maps columns from the definition: it learns the new property now.
    this.dataSource?.connector.define(this.definition);
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

  // ---- statics: operation hooks ----

  /**
   * Registers an operation hook: `'access'`, `'before save'`, `'after save'`,
   * `'before delete'`, `'after delete'`, `'loaded'` or `'persist'`. The
   * observer is `async (ctx) => …` or `(ctx, next) => …`; it runs for static
   * and instance methods and for what relations do through the model.
   */
  static observe(operation: OperationName, observer: Observer): void {
    addObserver(this, operation, observer);
  }

  /** Unregisters one observer. */
  static removeObserver(operation: OperationName, observer: Observer): Observer[] | undefined {
    return removeObserver(this, operation, observer);
  }

  /** Unregisters every observer of an operation registered on this model. */
  static clearObservers(operation: OperationName): void {
    clearObservers(this, operation);
  }

  /** Runs the observers of an operation (or of each of a list, in turn); callback `(err, ctx)`. */
  static notifyObserversOf(operation: OperationName | OperationName[], context: AnyObject, cb?: Callback<AnyObject>): Promise<AnyObject> {
    return withCallback(notifyObservers(this, operation as string | string[], context), cb);
  }

  // ---- statics: validations ----

  /** Validations declared on this model, by property (juggler's `Model.validations`). */
  static get validations(): {[property: string]: ValidationRule[]} {
    return ownValidations(this);
  }

  /** Fails when a property is blank (undefined, null, '', NaN, []): `can't be blank`. */
  static validatesPresenceOf(...args: unknown[]): void {
    addValidation(this, 'presence', args);
  }

  /** Fails when a property is set: `can't be set`. */
  static validatesAbsenceOf(...args: unknown[]): void {
    addValidation(this, 'absence', args);
  }

  /** Length `min`, `max` or exactly `is`: `too short`, `too long`, `length is wrong`. */
  static validatesLengthOf(...args: unknown[]): void {
    addValidation(this, 'length', args);
  }

  /** A number (`int: true`: an integer): `is not a number`, `is not an integer`. */
  static validatesNumericalityOf(...args: unknown[]): void {
    addValidation(this, 'numericality', args);
  }

  /** One of `in`: `is not included in the list`. */
  static validatesInclusionOf(...args: unknown[]): void {
    addValidation(this, 'inclusion', args);
  }

  /** None of `in`: `is reserved`. */
  static validatesExclusionOf(...args: unknown[]): void {
    addValidation(this, 'exclusion', args);
  }

  /** Matches `with` (a RegExp): `is invalid`. */
  static validatesFormatOf(...args: unknown[]): void {
    addValidation(this, 'format', args);
  }

  /** A parseable date: `is not a valid date`. */
  static validatesDateOf(...args: unknown[]): void {
    addValidation(this, 'date', args);
  }

  /**
   * No other stored instance has the value (within `scopedTo` properties;
   * `ignoreCase` compares case-insensitively): `is not unique`. Runs a query.
   */
  static validatesUniquenessOf(...args: unknown[]): void {
    addValidation(this, 'uniqueness', args, true);
  }

  /** A custom synchronous validator `function (err) { if (bad) err(); }` (`this` is the instance). */
  static validate(...args: unknown[]): void {
    addValidation(this, 'custom', args);
  }

  /** A custom asynchronous validator `function (err, done) { …; done(); }`. */
  static validateAsync(...args: unknown[]): void {
    addValidation(this, 'custom', args, true);
  }

  // ---- statics: scopes ----

  /** Defines a named scope `Model.<name>` (see `defineNamedScope`). */
  static scope(
    name: string, filter: AnyObject | ((this: unknown) => AnyObject), targetClass?: PersistedModelClass,
    methods?: {[name: string]: Function}, options?: AnyObject,
  ): NamedScopeDefinition {
    return defineNamedScope(this, name, filter, targetClass as unknown as ScopeTargetModel, methods, options);
  }

  // ---- statics: create / read / update / delete ----

  /**
   * Creates an instance (or one per item of an array; the callback then
   * gets `(errors, instances)` with `errors` an array holding each item's
   * error at its index, and the promise rejects with that array). Runs
   * `before save`, validation, `persist`, `loaded` and `after save`.
   */
  static create(...args: unknown[]): Promise<any> {
    const {values: [data, options], cb} = splitArgs(args, 2);
    const Model = this;
    if (Array.isArray(data)) {
      const run = (async () => {
        const results: unknown[] = [];
        let errors: unknown[] | null = null;
        for (let i = 0; i < data.length; i++) {
          try {
            results[i] = await repositoryOf(Model).createInstance(Model.buildForCreate(data[i] ?? {}), options as Options);
          } catch (err) {
            (errors ??= [])[i] = err;
            results[i] = data[i];
          }
        }
        return {errors, results};
      })();
      const promise = run.then(({errors, results}) => {
        if (errors) throw errors;
        return results;
      });
      if (typeof cb === 'function') {
        run.then(({errors, results}) => (cb as Function)(errors, results), err => cb(err));
        // The callback has the errors; the promise's rejection is not left unhandled.
        promise.catch(() => undefined);
      }
      return promise;
    }
    return runWithCallback(cb, () =>
      repositoryOf(Model).createInstance(Model.buildForCreate(data ?? {}), options as Options));
  }

  /** The instance `create` persists: the given one when it is a new instance of this model. */
  private static buildForCreate(data: unknown): PersistedModel {
    if (data instanceof this && !isPersisted(data)) return data;
    const plain = data instanceof PersistedModel ? instanceData(data) : requireObjectArgument(data, 'data', `${this.modelName}.create`);
    return new this(plain);
  }

  static find(...args: unknown[]): Promise<PersistedModel[]> {
    return callbackOrPromise(args, 2, (filter, options) => repositoryOf(this).find(filter as AnyObject, options as Options));
  }

  static findOne(...args: unknown[]): Promise<PersistedModel | null> {
    return callbackOrPromise(args, 2, (filter, options) => repositoryOf(this).findOne(filter as AnyObject, options as Options));
  }

  /**
   * The instance with that id, or `null` (LoopBack 3 does not fail on a
   * missing id). The filter's `include` and `fields` apply; as in LoopBack
   * 3, `findById(id, object, cb)` reads an object without `include` or
   * `fields` as the options.
   */
  static findById(...args: unknown[]): Promise<PersistedModel | null> {
    const {values, cb} = splitArgs<PersistedModel | null>(args, 3);
    let [, filter, options] = values;
    const id = values[0];
    if (options === undefined && cb && isDataObject(filter) && !('include' in filter) && !('fields' in filter)) {
      [options, filter] = [filter, undefined];
    }
    return runWithCallback(cb, () => {
      requireIdArgument(id, 'Model::findById');
      const f = requireFilterObject(filter, `${this.modelName}.findById`) ?? {};
      const query: AnyObject = {where: {[this.getIdName()]: id}};
      if (f.include !== undefined) query.include = f.include;
      if (f.fields !== undefined) query.fields = f.fields;
      return repositoryOf(this).findOne(query, options as Options);
    });
  }

  /** The instances with those ids, in the order of the ids (unless the filter orders them). */
  static findByIds(...args: unknown[]): Promise<PersistedModel[]> {
    return callbackOrPromise(args, 3, async (ids, filter, options) => {
      if (!Array.isArray(ids)) throw new InvalidDataError(`${this.modelName}.findByIds: the ids argument must be an array`);
      if (!ids.length) return [];
      const idName = this.getIdName();
      const f = requireFilterObject(filter, `${this.modelName}.findByIds`) ?? {};
      const where: AnyObject = f.where ? {and: [{[idName]: {inq: ids}}, f.where]} : {[idName]: {inq: ids}};
      const found = await repositoryOf(this).find({...f, where}, options as Options);
      if (f.order) return found;
      const byId = new Map(found.map(inst => [String(inst.getId()), inst]));
      return ids.map(id => byId.get(String(id))).filter((x): x is PersistedModel => x !== undefined);
    });
  }

  /**
   * Loads related data onto instances already in hand (LoopBack 3
   * `Model.include(objects, include, [options], cb)`): the same include
   * forms and results as `find({include})`, cached on each instance.
   */
  static include(...args: unknown[]): Promise<PersistedModel[]> {
    return callbackOrPromise(args, 3, async (objects, include, options) => {
      if (!Array.isArray(objects)) {
        throw new InvalidDataError(`${this.modelName}.include: the objects argument must be an array`);
      }
      const method = `${this.modelName}.include`;
      const list = objects.map(o => (o instanceof PersistedModel ? o : new this(requireObjectArgument(o, 'objects item', method))));
      if (!list.length || include == null) return list;
      requireAcyclicInclude(include, method);
      const filter = adaptFilterIncludes(this, {include});
      await includeRelatedModels(repositoryOf(this), list, filter.include, options as Options);
      completeIncludes(this, filter, list);
      return list;
    });
  }

  /** True when an instance with that id exists. */
  static exists(...args: unknown[]): Promise<boolean> {
    return callbackOrPromise(args, 2, async (id, options) => {
      requireIdArgument(id, 'Model::exists');
      return repositoryOf(this).exists(id, options as Options);
    });
  }

  static count(...args: unknown[]): Promise<number> {
    return callbackOrPromise(args, 2, (where, options) => repositoryOf(this).count(where as AnyObject, options as Options).then(c => c.count));
  }

  /**
   * Patches the instance with `data`'s id, or creates it. With `forceId`
   * (the default for generated ids) the instance must exist (404 `Could not
   * update attributes. Object with id X does not exist!`). Validates only
   * with the model setting `validateUpsert: true` (or `{validate: true}`).
   */
  static upsert(...args: unknown[]): Promise<PersistedModel> {
    return callbackOrPromise(args, 2, (data, options) => repositoryOf(this).upsertData(data, options as Options));
  }

  static updateOrCreate(...args: unknown[]): Promise<PersistedModel> {
    return this.upsert(...args);
  }

  static patchOrCreate(...args: unknown[]): Promise<PersistedModel> {
    return this.upsert(...args);
  }

  /**
   * Patches the one instance matching `where`, or creates one from `data`;
   * more than one match is a 400 error (`upsertWithWhere`).
   */
  static upsertWithWhere(...args: unknown[]): Promise<PersistedModel> {
    return callbackOrPromise(args, 3, (where, data, options) => repositoryOf(this).upsertWithWhere(where, data, options as Options));
  }

  static patchOrCreateWithWhere(...args: unknown[]): Promise<PersistedModel> {
    return this.upsertWithWhere(...args);
  }

  /** Replaces the instance with `data`'s id, or creates it. */
  static replaceOrCreate(...args: unknown[]): Promise<PersistedModel> {
    return callbackOrPromise(args, 2, (data, options) => repositoryOf(this).replaceOrCreateData(data, options as Options));
  }

  /**
   * Finds the first instance matching `filter`, or creates one from `data`.
   * The callback receives `(err, instance, created)`; the promise resolves
   * to `[instance, created]`. `findOrCreate(data)` uses the data as where.
   */
  static findOrCreate(...args: unknown[]): Promise<[PersistedModel, boolean]> {
    const {values, cb} = splitArgs(args, 3);
    let [query, data] = values;
    const options = values[2];
    if (data === undefined) {
      // findOrCreate(data[, cb]): the data doubles as the where clause.
      data = query;
      query = isDataObject(query) ? {where: query} : query;
    }
    const run = runWithCallback(undefined, () => repositoryOf(this).findOrCreateData(query, data, options as Options));
    return withSpreadCallback(run, cb as never);
  }

  /** Updates every instance matching `where` with `data`; resolves to `{count}`. `updateAll(data)` updates all. */
  static updateAll(...args: unknown[]): Promise<{count: number}> {
    const {values, cb} = splitArgs<{count: number}>(args, 3);
    let [where, data] = values;
    const options = values[2];
    if (isDataOnlyCall(args)) [where, data] = [undefined, where];
    return runWithCallback(cb, () => repositoryOf(this).runUpdateAll(where, data, options as Options));
  }

  static update(...args: unknown[]): Promise<{count: number}> {
    return this.updateAll(...args);
  }

  /** Deletes every instance matching `where` (all without one); resolves to `{count}`. */
  static destroyAll(...args: unknown[]): Promise<{count: number}> {
    return callbackOrPromise(args, 2, (where, options) => repositoryOf(this).runDestroyAll(where, options as Options));
  }

  static deleteAll(...args: unknown[]): Promise<{count: number}> {
    return this.destroyAll(...args);
  }

  static remove(...args: unknown[]): Promise<{count: number}> {
    return this.destroyAll(...args);
  }

  /**
   * Deletes by id; resolves to `{count}` (0 when there was nothing to
   * delete, as LoopBack 3; with the model setting `strictDelete` that is a
   * 404 instead).
   */
  static destroyById(...args: unknown[]): Promise<{count: number}> {
    return callbackOrPromise(args, 2, async (id, options) => {
      requireIdArgument(id, 'Model::deleteById');
      const repo = repositoryOf(this);
      const info = await repo.runDestroyAll(this.buildWhereForId(id), options as Options);
      if (info.count === 0 && this.settings?.strictDelete) throw repo.notFoundForDelete(id);
      return info;
    });
  }

  static deleteById(...args: unknown[]): Promise<{count: number}> {
    return this.destroyById(...args);
  }

  static removeById(...args: unknown[]): Promise<{count: number}> {
    return this.destroyById(...args);
  }

  /** Replaces the stored instance (properties not given are cleared); 404 when it does not exist. */
  static replaceById(...args: unknown[]): Promise<PersistedModel> {
    return callbackOrPromise(args, 3, async (id, data, options) => {
      requireIdArgument(id, 'Model::replaceById');
      return repositoryOf(this).runReplaceById(id, data, options as Options);
    });
  }

  // ---- instance methods ----

  /** True until the instance is stored (LoopBack 3 `isNewRecord()`). */
  isNewRecord(): boolean {
    return !isPersisted(this);
  }

  /** LoopBack 3's `__persisted` flag (`isNewRecord()` negated). */
  get __persisted(): boolean {
    return isPersisted(this);
  }

  set __persisted(value: boolean) {
    if (value) markPersisted(this);
    else Object.defineProperty(this, NEW_RECORD, {value: true, writable: true, enumerable: false, configurable: true});
  }

  /** The id property name. */
  getIdName(): string {
    return (this.constructor as PersistedModelClass).getIdName();
  }

  getDataSource(): JugglerDataSource | undefined {
    return (this.constructor as PersistedModelClass).dataSource;
  }

  /**
   * Runs the model's validations and sets `errors`. Returns the result
   * synchronously when every validation is synchronous (as LoopBack 3), a
   * promise of it when some are asynchronous (uniqueness, `validateAsync`;
   * LoopBack 3 returns `undefined` there), so `await inst.isValid()` works
   * either way; `callback(valid)` is called in both cases.
   */
  isValid(callback?: (valid: boolean) => void, _data?: AnyObject, options?: Options): boolean | Promise<boolean> {
    const outcome = runValidations(this as unknown as Validated, options ?? {});
    if (outcome.pending) {
      if (typeof callback === 'function') outcome.pending.then(callback, () => callback(false));
      return outcome.pending;
    }
    if (typeof callback === 'function') process.nextTick(callback, outcome.valid!);
    return outcome.valid!;
  }

  /**
   * Creates the instance (when new) or writes all its properties over the
   * stored one; validates first unless `{validate: false}`.
   */
  save(...args: unknown[]): Promise<this> {
    const Model = this.constructor as PersistedModelClass;
    return callbackOrPromise(args, 1, (options) => repositoryOf(Model).saveInstance(this, options as Options) as Promise<this>);
  }

  /**
   * Patches the stored instance with `data` and updates this one; runs
   * `before save` (`ctx.data`, `ctx.currentInstance`), validation,
   * `persist`, `loaded` and `after save`. Changing the id is a 400.
   */
  updateAttributes(...args: unknown[]): Promise<this> {
    const Model = this.constructor as PersistedModelClass;
    return callbackOrPromise(args, 2, (data, options) => repositoryOf(Model).patchInstance(this, data, options as Options) as Promise<this>);
  }

  patchAttributes(...args: unknown[]): Promise<this> {
    return this.updateAttributes(...args);
  }

  updateAttribute(name: string, value: unknown, ...rest: unknown[]): Promise<this> {
    if (typeof name !== 'string' || !name) {
      const {cb} = splitArgs<this>(rest, 0);
      return runWithCallback(cb, () => {
        throw new InvalidDataError(`${this.constructor.name}.updateAttribute: the name argument must be a property name, got ${describeArgument(name)}`);
      });
    }
    return this.updateAttributes({[name]: value}, ...rest);
  }

  /** Replaces the stored instance with `data` (properties not given are cleared) and updates this one. */
  replaceAttributes(...args: unknown[]): Promise<this> {
    const Model = this.constructor as PersistedModelClass;
    return callbackOrPromise(args, 2, async (data, options) => {
      const replaced = await repositoryOf(Model).runReplaceById(this.getId(), data, options as Options);
      const self = this as AnyObject;
      for (const p in Model.definition.properties) delete self[p];
      Object.assign(this, instanceData(replaced));
      markPersisted(this);
      return this;
    });
  }

  /** Deletes the stored instance; resolves to `{count}`. */
  destroy(...args: unknown[]): Promise<{count: number}> {
    const Model = this.constructor as PersistedModelClass;
    return callbackOrPromise(args, 1, (options) => repositoryOf(Model).deleteInstance(this, options as Options));
  }

  delete(...args: unknown[]): Promise<{count: number}> {
    return this.destroy(...args);
  }

  remove(...args: unknown[]): Promise<{count: number}> {
    return this.destroy(...args);
  }

  /** A fresh copy of the stored instance (`null` when it is gone). */
  reload(...args: unknown[]): Promise<PersistedModel | null> {
    const Model = this.constructor as PersistedModelClass;
    return callbackOrPromise(args, 1, options => Model.findById(this.getId(), undefined, options));
  }

  /** Sets several properties at once (no persistence); the default scope's values win. */
  setAttributes(data: AnyObject): void {
    if (!isDataObject(data)) return;
    const values = {...(data instanceof PersistedModel ? instanceData(data) : data)};
    const Model = this.constructor as PersistedModelClass;
    if (Model.settings?.scope) applyDefaultScopeValues(Model, values, this);
    for (const key of Object.keys(values)) this.setAttribute(key, values[key]);
  }

  setAttribute(name: string, value: unknown): void {
    (this as AnyObject)[name] = value;
  }

  /** Removes a property value (`null` with `nullify` or the model setting `persistUndefinedAsNull`). */
  unsetAttribute(name: string, nullify?: boolean): void {
    const Model = this.constructor as PersistedModelClass;
    if (nullify || Model.settings?.persistUndefinedAsNull) (this as AnyObject)[name] = null;
    else delete (this as AnyObject)[name];
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
    if (isDataObject(onlySchema)) {
      removeHidden = (onlySchema as AnyObject).removeHidden;
      onlySchema = (onlySchema as AnyObject).onlySchema;
    }
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

/** A property's `default` (a function is called; `'$now'` on a date) or `defaultFn` value. */
function defaultValueOf(prop: AnyObject): unknown {
  let value = prop.default;
  if (value !== undefined) {
    if (typeof value === 'function') return value === Date ? new Date() : value();
    if (value === '$now' && kindOfType(prop.type) === 'date') return new Date();
    return value !== null && typeof value === 'object' ? structuredClone(value) : value;
  }
  switch (prop.defaultFn) {
    case 'uuid':
    case 'uuidv4':
    case 'guid':
      value = randomUUID();
      break;
    case 'now':
      value = new Date();
      break;
  }
  return value;
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

