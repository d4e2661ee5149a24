import {Callback, withCallback} from '../common/callback';

/**
 * Splits LoopBack 3 call arguments: optional leading arguments followed by an
 * optional trailing callback. `count` is how many leading arguments the
 * method takes; a function in any of those places ends the list (LoopBack 3
 * lets callers skip optional arguments: `find(cb)`, `find(filter, cb)`).
 */
export function splitArgs<T = unknown>(args: ArrayLike<unknown>, count: number): {values: unknown[]; cb?: Callback<T>} {
  const values: unknown[] = [];
  let cb: Callback<T> | undefined;
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (typeof a === 'function') {
      cb = a as Callback<T>;
      break;
    }
    if (values.length < count) values.push(a);
  }
  while (values.length < count) values.push(undefined);
  return {values, cb};
}

/** Runs `fn` as a promise: a synchronous throw becomes a rejection (never a crash of the caller). */
export function attempt<T>(fn: () => Promise<T> | T): Promise<T> {
  try {
    return Promise.resolve(fn());
  } catch (err) {
    return Promise.reject(err);
  }
}

/**
 * The body of a LoopBack 3 asynchronous method: `args` split into `count`
 * values and an optional trailing callback (see {@link splitArgs}), `body`
 * run with the values (a synchronous throw becomes a rejection), the
 * callback settled when given, and the promise returned either way.
 *
 * ```ts
 * accessor.count = (...args: unknown[]) => callbackOrPromise(args, 2, (where, options) => count(where, options));
 * ```
 */
export function callbackOrPromise<T>(
  args: ArrayLike<unknown>, count: number,
  // The values are whatever the caller passed; each body checks or narrows its own.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  body: (...values: any[]) => Promise<T> | T,
): Promise<T> {
  const {values, cb} = splitArgs<T>(args, count);
  return runWithCallback(cb, () => body(...values));
}

/**
 * Runs `body` as a promise (a synchronous throw becomes a rejection),
 * settles `cb` when given, and returns the promise: for methods that split
 * their arguments themselves.
 */
export function runWithCallback<T>(cb: Callback<T> | undefined, body: () => Promise<T> | T): Promise<T> {
  return withCallback(attempt(body), cb);
}

/**
 * True for LoopBack 3's short form `updateAll(data, [cb])`: one argument
 * before the callback. `updateAll(where, undefined)` is not it (LoopBack 3
 * then updates nothing; taking `where` for the data would write it to every
 * row).
 */
export function isDataOnlyCall(args: ArrayLike<unknown>): boolean {
  let count = 0;
  for (let i = 0; i < args.length && typeof args[i] !== 'function'; i++) count++;
  return count === 1;
}

/**
 * Settles a promise into a Node-style callback taking several results
 * (`findOrCreate(…, (err, instance, created) => …)`) while returning the
 * promise of the first result list.
 */
export function withSpreadCallback<T extends unknown[]>(promise: Promise<T>, cb?: (err: Error | null, ...results: unknown[]) => void): Promise<T> {
  if (typeof cb === 'function') promise.then(r => cb(null, ...r), err => cb(err));
  return promise;
}
