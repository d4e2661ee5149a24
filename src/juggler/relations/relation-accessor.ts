import {AnyObject} from '../../common/types';
import {cachedRelations, PersistedModelClass} from '../persisted-model';
import {remotingOf} from './custom-methods';
import type {JugglerRelationDefinition} from './relation-definition';

const ACCESSORS = Symbol('relata.relationAccessors');

/** Optional behaviour of a relation accessor property. */
export interface RelationAccessorOptions {
  /**
   * Runs when a value is assigned to the property (the model constructor
   * does that for relation data, `include` for loaded targets) instead of
   * only caching it: belongsTo also copies the target's key into the foreign key.
   */
  onAssign?: (instance: AnyObject, value: unknown) => void;
  /**
   * Custom methods (`methods`, `scopeMethods`, `defineMethod`) to add to
   * the accessor, read on every access so methods defined later reach
   * accessors built earlier. Each runs with `this` = the accessor.
   */
  methods?: () => {[name: string]: Function} | undefined;
}

/**
 * Installs a relation accessor on a LoopBack 3 model's prototype: reading
 * `instance.<name>` gives a function bound to the instance (built once per
 * instance, with its methods: `customer.orders.create(…)`); assigning a value
 * (which `include` does) stores it in the instance's related-data cache.
 * Reading it on the prototype itself works too (LoopBack 3 code reads
 * `Model.prototype.orders._targetClass`); that accessor is not kept.
 */
export function installRelationAccessor(
  model: PersistedModelClass,
  name: string,
  build: (instance: AnyObject) => Function,
  options?: RelationAccessorOptions,
): void {
  Object.defineProperty(model.prototype, name, {
    configurable: true,
    enumerable: false,
    get(this: AnyObject) {
      const own = Object.prototype.hasOwnProperty.call(this, ACCESSORS);
      // An instance must never reuse an accessor built for an object up its prototype chain.
      let built = own ? (this as {[ACCESSORS]?: Map<string, Function>})[ACCESSORS] : undefined;
      if (!built && !isPrototypeObject(this)) {
        built = new Map();
        Object.defineProperty(this, ACCESSORS, {value: built, enumerable: false});
      }
      let fn = built?.get(name);
      if (!fn) {
        fn = build(this);
        built?.set(name, fn);
      }
      const methods = options?.methods?.();
      if (methods) {
        const target = fn as unknown as AnyObject;
        for (const [method, impl] of Object.entries(methods)) {
          if (target[method]?.__impl === impl) continue;
          const bound = function (...args: unknown[]) {
            return impl.apply(target, args);
          };
          Object.assign(bound, remotingOf(impl));
          Object.defineProperty(bound, '__impl', {value: impl});
          target[method] = bound;
        }
      }
      return fn;
    },
    set(this: AnyObject, value: unknown) {
      if (options?.onAssign) options.onAssign(this, value);
      else cachedRelations(this)[name] = value;
    },
  });
}

/** A class prototype rather than an instance (its constructor points back at it). */
function isPrototypeObject(obj: AnyObject): boolean {
  return Object.prototype.hasOwnProperty.call(obj, 'constructor') &&
    typeof obj.constructor === 'function' && obj.constructor.prototype === obj;
}

/**
 * Finishes an accessor function: named after the relation (custom methods
 * read `this.name`), with LoopBack 3's `_targetClass`, and the
 * `definition` and `modelInstance` a relation object has.
 */
export function finishAccessor(accessor: object, relation: JugglerRelationDefinition, instance: AnyObject): void {
  const define = (key: string, value: unknown) =>
    Object.defineProperty(accessor, key, {value, enumerable: false, configurable: true, writable: true});
  Object.defineProperty(accessor, 'name', {value: relation.name, configurable: true});
  if (relation.modelTo) define('_targetClass', relation.modelTo.modelName);
  define('definition', relation);
  define('modelInstance', instance);
}
