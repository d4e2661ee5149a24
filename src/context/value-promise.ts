/** A value, or a promise of it: bindings resolve synchronously when they can. */
export type ValueOrPromise<T> = T | PromiseLike<T>;

/** A class constructor whose instances are `T`. */
export type Constructor<T> = new (...args: any[]) => T;

/** Whether `value` is a thenable. */
export function isPromiseLike<T>(value: unknown): value is PromiseLike<T> {
  return value != null && (typeof value === 'object' || typeof value === 'function') &&
    typeof (value as PromiseLike<T>).then === 'function';
}

/**
 * Applies `fn` to a value or to the eventual value of a promise, staying
 * synchronous when the input is.
 */
export function transformValueOrPromise<T, R>(
  value: ValueOrPromise<T>,
  fn: (v: T) => ValueOrPromise<R>,
): ValueOrPromise<R> {
  return isPromiseLike<T>(value) ? Promise.resolve(value).then(fn) : fn(value);
}

/**
 * Resolves every entry of `list` with `resolver`; the result is an array when
 * every entry resolved synchronously, otherwise a promise of one.
 */
export function resolveList<T, V>(
  list: readonly T[],
  resolver: (item: T, index: number) => ValueOrPromise<V>,
): ValueOrPromise<V[]> {
  const values: V[] = new Array(list.length);
  let pending: PromiseLike<unknown>[] | undefined;
  for (let i = 0; i < list.length; i++) {
    const v = resolver(list[i], i);
    if (isPromiseLike<V>(v)) {
      (pending ??= []).push(Promise.resolve(v).then(r => (values[i] = r)));
    } else {
      values[i] = v;
    }
  }
  return pending ? Promise.all(pending).then(() => values) : values;
}

/** Reads a dotted property path (`a.b.c`) of a value; `undefined` when a step is missing. */
export function getDeepProperty(value: unknown, path: string): unknown {
  let current: any = value;
  for (const step of path.split('.')) {
    if (current == null) return undefined;
    current = current[step];
  }
  return current;
}
