/** Node-style callback. */
export type Callback<T = unknown> = (err: Error | null | undefined, result?: T) => void;

/**
 * Settles `promise` into `cb` when a callback is given (LoopBack 3 style) and
 * returns the promise either way, so every async API works in both styles.
 */
export function withCallback<T>(promise: Promise<T>, cb?: Callback<T>): Promise<T> {
  if (typeof cb === 'function') {
    promise.then(result => cb(null, result), err => cb(err));
  }
  return promise;
}
