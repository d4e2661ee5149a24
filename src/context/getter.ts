/**
 * A function that resolves a value lazily. `@inject.getter(key)` and
 * `@repository.getter(Repo)` inject one; relation factories take one so that
 * two repositories can refer to each other without a resolution cycle.
 *
 * ```ts
 * const getOrders: Getter<OrderRepository> = Getter.fromValue(orderRepo);
 * const repo = await getOrders();
 * ```
 */
export type Getter<T> = () => Promise<T>;

export namespace Getter {
  /** A getter that always resolves `value`. */
  export function fromValue<T>(value: T): Getter<T> {
    return () => Promise.resolve(value);
  }
}

/** A function that (re)binds a value; what `@inject.setter(key)` injects. */
export type Setter<T> = (value: T) => void;
