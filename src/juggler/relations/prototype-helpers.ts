import {AnyObject} from '../../common/types';
import {PersistedModelClass} from '../persisted-model';

/**
 * The prototype methods LoopBack 3 adds per relation for its REST layer
 * (`prototype.__get__orders`, `prototype.__create__orders`, …): each calls
 * the relation accessor, or one of its methods, on the instance and returns
 * what it returns (a promise; a trailing callback is passed along).
 * `operations` maps the operation name to the accessor method (`''` = the
 * accessor itself).
 */
export function installPrototypeHelpers(
  model: PersistedModelClass, relationName: string, operations: {[operation: string]: string},
): void {
  for (const [operation, method] of Object.entries(operations)) {
    Object.defineProperty(model.prototype, `__${operation}__${relationName}`, {
      configurable: true, enumerable: false, writable: true,
      value: function (this: AnyObject, ...args: unknown[]) {
        const accessor = this[relationName];
        if (method) return accessor[method](...args);
        // Always a load: the accessor with no argument would be the synchronous cache read.
        return args.length ? accessor(...args) : accessor(undefined);
      },
    });
  }
}

/** LoopBack 3's belongsTo helpers. */
export const BELONGS_TO_HELPERS = {get: ''};

/** LoopBack 3's hasOne helpers. */
export const HAS_ONE_HELPERS = {get: '', create: 'create', update: 'update', destroy: 'destroy'};

/** LoopBack 3's hasMany helpers. */
export const HAS_MANY_HELPERS = {
  findById: 'findById', destroyById: 'destroyById', updateById: 'updateById', exists: 'exists',
  get: '', create: 'create', delete: 'destroyAll', update: 'updateAll', findOne: 'findOne', count: 'count',
};

/** LoopBack 3's hasMany-through (and hasAndBelongsToMany) helpers: hasMany's plus link/unlink. */
export const THROUGH_HELPERS = {...HAS_MANY_HELPERS, link: 'add', unlink: 'remove'};

/** LoopBack 3's referencesMany helpers: hasMany's but `__exists__`, plus link/unlink. */
export const REFERENCES_MANY_HELPERS = {
  get: '', create: 'create', delete: 'destroyAll', update: 'updateAll', findOne: 'findOne', count: 'count',
  findById: 'findById', destroyById: 'destroyById', updateById: 'updateById', link: 'add', unlink: 'remove',
};

/** LoopBack 3's embedsOne helpers (hasOne's). */
export const EMBEDS_ONE_HELPERS = HAS_ONE_HELPERS;

/** LoopBack 3's embedsMany helpers. */
export const EMBEDS_MANY_HELPERS = {
  findById: 'findById', destroyById: 'destroyById', updateById: 'updateById', link: 'add', unlink: 'remove',
  get: '', create: 'create', delete: 'destroyAll', findOne: 'findOne', count: 'count',
};
