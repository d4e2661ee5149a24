import {Callback} from '../common/callback';

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

/**
 * Settles a promise into a Node-style callback taking several results
 * (`findOrCreate(…, (err, instance, created) => …)`) while returning the
 * promise of the first result list.
 */
export function withSpreadCallback<T extends unknown[]>(promise: Promise<T>, cb?: (err: Error | null, ...results: unknown[]) => void): Promise<T> {
  if (typeof cb === 'function') promise.then(r => cb(null, ...r), err => cb(err));
  return promise;
}
