import {AnyObject} from '../../common/types';
import {cachedRelations, PersistedModelClass} from '../persisted-model';

const ACCESSORS = Symbol('relata.relationAccessors');

/**
 * Installs a relation accessor on a LoopBack 3 model's prototype: reading
 * `instance.<name>` gives a function bound to the instance (built once per
 * instance, with its methods: `customer.orders.create(…)`); assigning a value
 * (which `include` does) stores it in the instance's related-data cache.
 */
export function installRelationAccessor(
  model: PersistedModelClass,
  name: string,
  build: (instance: AnyObject) => Function,
): void {
  Object.defineProperty(model.prototype, name, {
    configurable: true,
    enumerable: false,
    get(this: AnyObject) {
      let built = (this as {[ACCESSORS]?: Map<string, Function>})[ACCESSORS];
      if (!built) {
        built = new Map();
        Object.defineProperty(this, ACCESSORS, {value: built, enumerable: false});
      }
      let fn = built.get(name);
      if (!fn) {
        fn = build(this);
        built.set(name, fn);
      }
      return fn;
    },
    set(this: AnyObject, value: unknown) {
      cachedRelations(this)[name] = value;
    },
  });
}
