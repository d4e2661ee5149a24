import {AnyObject} from '../../common/types';
import {InvalidModelDefinitionError} from '../model-definition-error';

/** The operations LoopBack 3 notifies observers of (`Model.observe(name, fn)`). */
export type OperationName =
  | 'access' | 'before save' | 'after save' | 'before delete' | 'after delete' | 'loaded' | 'persist'
  | (string & {});

/**
 * What an observer receives: `Model`, `hookState` (shared by the observers
 * of one operation), `options`, plus the operation's own keys (`query`,
 * `instance`, `data`, `where`, `currentInstance`, `isNewInstance`, `info`).
 */
export interface OperationContext extends AnyObject {
  Model: Function;
  hookState: AnyObject;
  options: AnyObject;
}

/** Done callback of an observer written in the `(ctx, next)` style. */
export type ObserverNext = (err?: unknown) => void;

/**
 * An operation observer: `async (ctx) => …`, `(ctx, next) => …`, or a
 * function returning a promise. `this` is the model class.
 */
export type Observer = (this: Function, ctx: OperationContext, next: ObserverNext) => unknown;

/** Observers by operation, per model class (base classes keep their own). */
const registry = new WeakMap<Function, Map<string, Observer[]>>();

function ownList(model: Function, operation: string, create: boolean): Observer[] | undefined {
  let byName = registry.get(model);
  if (!byName) {
    if (!create) return undefined;
    byName = new Map();
    registry.set(model, byName);
  }
  let list = byName.get(operation);
  if (!list && create) {
    list = [];
    byName.set(operation, list);
  }
  return list;
}

/** Registers `fn` for `operation` on `model` (LoopBack 3 `Model.observe`). */
export function addObserver(model: Function, operation: string, fn: Observer): void {
  if (typeof operation !== 'string' || !operation) {
    throw new InvalidModelDefinitionError('observe() needs an operation name', 'INVALID_OBSERVER');
  }
  if (typeof fn !== 'function') {
    throw new InvalidModelDefinitionError(`observe('${operation}') needs a function`, 'INVALID_OBSERVER');
  }
  ownList(model, operation, true)!.push(fn);
}

/** Unregisters one observer; returns the removed ones (LoopBack 3 returns the spliced array). */
export function removeObserver(model: Function, operation: string, fn: Observer): Observer[] | undefined {
  const list = ownList(model, operation, false);
  if (!list) return undefined;
  const i = list.indexOf(fn);
  return i === -1 ? undefined : list.splice(i, 1);
}

/** Unregisters every observer of `operation` registered on `model` itself. */
export function clearObservers(model: Function, operation: string): void {
  const list = ownList(model, operation, false);
  if (list) list.length = 0;
}

/**
 * The classes whose observers run for `model`, base first (LoopBack 3
 * notifies the base model's observers before the model's own).
 */
function chain(model: Function): Function[] {
  const out: Function[] = [];
  for (let m: Function | null = model; m && m !== Function.prototype; m = Object.getPrototypeOf(m)) out.unshift(m);
  return out;
}

/**
 * True when `model` or one of its bases observes `operation`: the fast
 * path of every data-access operation (no context is built otherwise).
 */
export function hasObservers(model: Function, operation: string): boolean {
  for (let m: Function | null = model; m && m !== Function.prototype; m = Object.getPrototypeOf(m)) {
    const list = registry.get(m)?.get(operation);
    if (list && list.length) return true;
  }
  return false;
}

/**
 * Runs the observers of `operation` (or of each operation of a list, in
 * turn) one after another with `context`; base-class observers first. An
 * observer may return a promise, call `next(err?)`, or (relata only; it
 * would hang in LoopBack 3) do neither when it takes a single parameter and
 * returns no promise. The first error stops the chain and rejects.
 */
export async function notifyObservers(
  model: Function, operation: string | string[], context: AnyObject,
): Promise<AnyObject> {
  if (Array.isArray(operation)) {
    for (const op of operation) await notifyObservers(model, op, context);
    return context;
  }
  for (const m of chain(model)) {
    const list = registry.get(m)?.get(operation);
    if (!list || !list.length) continue;
    // A copy: an observer may remove itself while the chain runs.
    for (const fn of [...list]) await runObserver(model, fn, context);
  }
  return context;
}

function runObserver(model: Function, fn: Observer, context: AnyObject): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    let settled = false;
    const next: ObserverNext = err => {
      if (settled) return;
      settled = true;
      if (err) reject(err);
      else resolve();
    };
    let returned: unknown;
    try {
      returned = fn.call(model, context as OperationContext, next);
    } catch (err) {
      next(err ?? new Error('An operation observer threw'));
      return;
    }
    if (returned && typeof (returned as PromiseLike<unknown>).then === 'function') {
      (returned as PromiseLike<unknown>).then(() => next(), err => next(err ?? new Error('An operation observer failed')));
    } else if (fn.length < 2) {
      next();
    }
  });
}
