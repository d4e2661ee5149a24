import {Class} from '../common/types';

/** A function returning a class, used to break import cycles: `() => Order`. */
export type TypeResolver<T = any, C = Class<T>> = () => C;

const BUILTIN_TYPES = new Set<unknown>([
  Number, Boolean, String, Object, Array, Date, RegExp, Function,
  typeof Buffer === 'undefined' ? undefined : Buffer,
]);

/**
 * True when `fn` is a type resolver (an arrow/plain function returning a class)
 * rather than a class or a builtin type constructor.
 */
export function isTypeResolver(fn: unknown): fn is TypeResolver {
  if (typeof fn !== 'function' || BUILTIN_TYPES.has(fn)) return false;
  return !/^class[\s{]/.test(Function.prototype.toString.call(fn));
}

/** Calls `x` when it is a type resolver, else returns it. */
export function resolveType<T>(x: T | TypeResolver<T>): any {
  return isTypeResolver(x) ? (x as TypeResolver)() : x;
}
