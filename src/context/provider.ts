import {ValueOrPromise} from './value-promise';

/**
 * A class computing a binding's value, bound with `binding.toProvider(C)`.
 * Its constructor may use `@inject`.
 *
 * ```ts
 * class NowProvider implements Provider<Date> {
 *   value() { return new Date(); }
 * }
 * ctx.bind('now').toProvider(NowProvider);
 * ```
 */
export interface Provider<T> {
  value(): ValueOrPromise<T>;
}
