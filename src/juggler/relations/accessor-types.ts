import {AnyObject, Options} from '../../common/types';
import type {PersistedModel} from '../persisted-model';
import type {JugglerRelationDefinition} from './relation-definition';

/**
 * The types of the LoopBack 3 relation accessors (`order.customer`,
 * `customer.orders`, …), for TypeScript code that works with LoopBack 3
 * models: `(customer.orders as HasManyAccessor).find(…)`. Every method
 * returns a promise and also takes an optional trailing Node-style callback.
 */

/** What every relation accessor carries besides its methods. */
export interface RelationAccessorBase {
  /** The relation's definition (`Model.relations[name]`). */
  readonly definition: JugglerRelationDefinition;
  /** The instance the accessor belongs to. */
  readonly modelInstance: PersistedModel;
  /** The target model's name (LoopBack 3's `_targetClass`); absent on a polymorphic belongsTo. */
  readonly _targetClass?: string;
}

/**
 * `order.customer` — the belongsTo accessor of one instance:
 *
 * - `order.customer(cb)`, `order.customer(refresh, [options], [cb])`,
 *   `order.customer(filter, [options], [cb])`: the target (a promise; the
 *   callback too when given); cached unless `refresh` or a filter is given;
 *   `null` when the key points nowhere, `undefined` when it is not set;
 * - `order.customer()`: the cached target, synchronously;
 * - `order.customer(customer)`: sets the key (and discriminator) from
 *   `customer` and caches it;
 * - `get([options], [cb])` (always loads), `create(data)`, `build(data)`,
 *   `update(data)`, `destroy()` (clears the key and saves the source).
 */
export interface BelongsToAccessor extends RelationAccessorBase {
  (...args: unknown[]): unknown;
  get(options?: Options, cb?: Function): Promise<PersistedModel | null | undefined>;
  create(data?: AnyObject, options?: Options, cb?: Function): Promise<PersistedModel>;
  build(data?: AnyObject): PersistedModel;
  update(data: AnyObject, options?: Options, cb?: Function): Promise<PersistedModel>;
  destroy(options?: Options, cb?: Function): Promise<PersistedModel>;
}

/**
 * `supplier.account` — the hasOne accessor of one instance: the same call
 * forms as belongsTo (`supplier.account(cb)`, `(refresh, [options], [cb])`,
 * sync `supplier.account()`, setter `supplier.account(account)`), plus
 * `get`, `create`, `build`, `update` and `destroy` (deletes the target).
 */
export interface HasOneAccessor extends RelationAccessorBase {
  (...args: unknown[]): unknown;
  get(options?: Options, cb?: Function): Promise<PersistedModel | null>;
  create(data?: AnyObject, options?: Options, cb?: Function): Promise<PersistedModel>;
  build(data?: AnyObject): PersistedModel;
  update(data: AnyObject, options?: Options, cb?: Function): Promise<PersistedModel>;
  destroy(options?: Options, cb?: Function): Promise<unknown>;
}

/**
 * `customer.orders` — the hasMany accessor of one instance:
 *
 * - `customer.orders([filter | refresh], [options], [cb])`: the targets (a
 *   promise; the callback too when given). Without a filter the result is
 *   cached and later calls answer from the cache; `true` reloads (and
 *   caches); a filter reloads and is not cached.
 * - `customer.orders()`: the cached targets, synchronously.
 * - `find`, `findById` (404 `No instance with id <id> found for <Target>`),
 *   `findOne`, `exists`, `count`, `create` (an object or an array), `build`,
 *   `updateById` (the key cannot move), `destroyById` (alias `destroy`),
 *   `updateAll`, `destroyAll`; each takes an optional trailing callback.
 */
export interface HasManyAccessor extends RelationAccessorBase {
  (...args: unknown[]): unknown;
  find(filter?: AnyObject, options?: Options, cb?: Function): Promise<PersistedModel[]>;
  findById(id: unknown, filter?: AnyObject, options?: Options, cb?: Function): Promise<PersistedModel>;
  findOne(filter?: AnyObject, options?: Options, cb?: Function): Promise<PersistedModel | null>;
  exists(id: unknown, options?: Options, cb?: Function): Promise<boolean>;
  count(where?: AnyObject, options?: Options, cb?: Function): Promise<number>;
  create(data?: AnyObject | AnyObject[], options?: Options, cb?: Function): Promise<PersistedModel | PersistedModel[]>;
  build(data?: AnyObject): PersistedModel;
  updateById(id: unknown, data: AnyObject, options?: Options, cb?: Function): Promise<PersistedModel>;
  destroyById(id: unknown, options?: Options, cb?: Function): Promise<unknown>;
  updateAll(where: AnyObject | undefined, data: AnyObject, options?: Options, cb?: Function): Promise<{count: number}>;
  destroyAll(where?: AnyObject, options?: Options, cb?: Function): Promise<{count: number}>;
}

/**
 * `physician.patients` — a hasMany-through or hasAndBelongsToMany accessor:
 * hasMany's methods (reads return targets; `count`, `destroyAll`,
 * `updateAll`, `exists` and `build` work on the link rows, as LoopBack 3),
 * plus `add(target | id, [throughData])` (links; resolves to the link row)
 * and `remove(target | id)` (unlinks).
 */
export interface HasManyThroughAccessor extends HasManyAccessor {
  add(target: unknown, throughData?: AnyObject, options?: Options, cb?: Function): Promise<PersistedModel>;
  remove(target: unknown, options?: Options, cb?: Function): Promise<void>;
}

/**
 * `customer.accounts` — a referencesMany accessor: the id list lives on the
 * instance; hasMany's methods, plus `add(target | id)` (resolves to the
 * target, or `null` when there is none), `remove(target | id)` (resolves to
 * the new id list) and `at(index)`. `exists` answers from the id list.
 */
export interface ReferencesManyAccessor extends HasManyAccessor {
  add(target: unknown, options?: Options, cb?: Function): Promise<PersistedModel | null>;
  remove(target: unknown, options?: Options, cb?: Function): Promise<unknown[]>;
  at(index: number, options?: Options, cb?: Function): Promise<PersistedModel>;
}

/**
 * `person.addressItem` — an embedsOne accessor: `rel()` is the embedded
 * instance (sync), `rel(instance)` embeds one without saving; `build`,
 * `create`, `update` (creates when there is none) and `destroy` (sets the
 * property to `null`) save the owner; `value()` reads the property.
 */
export interface EmbedsOneAccessor extends RelationAccessorBase {
  (...args: unknown[]): unknown;
  value(): PersistedModel | null | undefined;
  build(data?: AnyObject): PersistedModel;
  create(data?: AnyObject, options?: Options, cb?: Function): Promise<PersistedModel>;
  update(data: AnyObject, options?: Options, cb?: Function): Promise<PersistedModel>;
  destroy(options?: Options, cb?: Function): Promise<PersistedModel>;
}

/**
 * `person.emailAddressList` — an embedsMany accessor: `rel()` is the list
 * (sync), `rel(filter)` and `find`/`findOne`/`count` query it in memory;
 * `findById`/`get`, `exists`, `at`, `set`, `unset` answer synchronously (a
 * callback gets the answer too); `create`, `updateById`, `destroyById`,
 * `destroyAll` save the owner; `add`/`remove` manage "embedsMany with
 * belongsTo" links.
 */
export interface EmbedsManyAccessor extends RelationAccessorBase {
  (...args: unknown[]): unknown;
  value(): PersistedModel[] | undefined;
  find(filter?: AnyObject, options?: Options, cb?: Function): Promise<PersistedModel[]>;
  findOne(filter?: AnyObject, options?: Options, cb?: Function): Promise<PersistedModel | null>;
  count(where?: AnyObject, options?: Options, cb?: Function): Promise<number>;
  findById(id: unknown, cb?: Function): PersistedModel | null;
  get(id: unknown, cb?: Function): PersistedModel | null;
  exists(id: unknown, cb?: Function): boolean;
  at(index: number, cb?: Function): PersistedModel | null;
  build(data?: AnyObject): PersistedModel;
  create(data?: AnyObject | AnyObject[], options?: Options, cb?: Function): Promise<PersistedModel | PersistedModel[]>;
  updateById(id: unknown, data: AnyObject, options?: Options, cb?: Function): Promise<PersistedModel | null>;
  destroyById(id: unknown, options?: Options, cb?: Function): Promise<PersistedModel | null>;
  destroyAll(where?: AnyObject, options?: Options, cb?: Function): Promise<{count: number}>;
  set(id: unknown, data: AnyObject, cb?: Function): PersistedModel | null;
  unset(id: unknown, cb?: Function): PersistedModel | null;
  add(reference: unknown, data?: AnyObject, options?: Options, cb?: Function): Promise<PersistedModel | null>;
  remove(reference: unknown, options?: Options, cb?: Function): Promise<void>;
}
