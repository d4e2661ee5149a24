import {RelataError} from '../common/errors';
import type {Context} from './context';
import {
  describeInjectedArguments,
  describeInjectedProperties,
  Injection,
} from './inject';
import {ResolutionSession} from './resolution-session';
import {Constructor, isPromiseLike, resolveList, transformValueOrPromise, ValueOrPromise} from './value-promise';

/** Resolves one injection from `ctx`. */
export function resolveInjection(
  ctx: Context,
  injection: Readonly<Injection>,
  session: ResolutionSession = ResolutionSession.create(),
): ValueOrPromise<unknown> {
  if (injection.resolve) return injection.resolve(ctx, injection, session);
  return ctx.getValueOrPromise(injection.bindingKey, {session, optional: injection.metadata.optional});
}

/**
 * Resolves the arguments of a constructor (`method` omitted) or method:
 * injected parameters from `ctx`, the others taken in order from
 * `nonInjectedArgs`.
 */
export function resolveInjectedArguments(
  target: object,
  method: string | undefined,
  ctx: Context,
  session?: ResolutionSession,
  nonInjectedArgs: readonly unknown[] = [],
): ValueOrPromise<unknown[]> {
  const injections = describeInjectedArguments(target, method);
  const fn = (method === undefined ? target : (target as Record<string, unknown>)[method]) as Function;
  let injected = 0;
  for (const i of injections) if (i) injected++;
  // `length` stops at the first parameter with a default value.
  const count = Math.max(fn.length, injections.length, injected + nonInjectedArgs.length);
  let nextExtra = 0;
  const slots = new Array<Readonly<Injection> | undefined>(count);
  for (let i = 0; i < count; i++) slots[i] = injections[i];
  return resolveList(slots, (injection, index) => {
    if (injection) return resolveInjection(ctx, injection, session);
    if (nextExtra < nonInjectedArgs.length) return nonInjectedArgs[nextExtra++];
    const className = typeof target === 'function' ? target.name : target.constructor.name;
    const where = method === undefined ? `${className}.constructor[${index}]` : `${className}.prototype.${method}[${index}]`;
    throw new RelataError(
      `The argument '${where}' is not decorated for dependency injection but no value was supplied ` +
        'by the caller. Did you forget to apply @inject() to the argument?',
      'INJECTION_NOT_RESOLVABLE');
  });
}

/** Resolves the injected properties of instances of `ctor` into a name → value map. */
export function resolveInjectedProperties(
  ctor: Function,
  ctx: Context,
  session?: ResolutionSession,
): ValueOrPromise<Record<string, unknown>> {
  const injections = describeInjectedProperties(ctor.prototype);
  const names = Object.keys(injections);
  if (names.length === 0) return EMPTY;
  return transformValueOrPromise(
    resolveList(names, name => resolveInjection(ctx, injections[name], session)),
    values => {
      const result: Record<string, unknown> = {};
      for (let i = 0; i < names.length; i++) result[names[i]] = values[i];
      return result;
    },
  );
}

const EMPTY: Record<string, unknown> = Object.freeze({}) as Record<string, unknown>;

/**
 * Creates an instance of `ctor`: constructor injections are resolved (and
 * awaited) first, then injected properties are set on the new instance.
 * Synchronous when every dependency is.
 *
 * ```ts
 * const controller = await instantiateClass(CustomerOrdersController, app);
 * ```
 */
export function instantiateClass<T>(
  ctor: Constructor<T>,
  ctx: Context,
  session?: ResolutionSession,
  nonInjectedArgs?: readonly unknown[],
): ValueOrPromise<T> {
  const args = resolveInjectedArguments(ctor, undefined, ctx, session, nonInjectedArgs);
  const create = (argv: unknown[]): ValueOrPromise<T> => {
    const instance = new ctor(...argv);
    const props = resolveInjectedProperties(ctor, ctx, session);
    if (props === EMPTY) return instance;
    return transformValueOrPromise(props, values => {
      Object.assign(instance as object, values);
      return instance;
    });
  };
  return isPromiseLike<unknown[]>(args) ? Promise.resolve(args).then(create) : create(args);
}

/**
 * Calls `target[method]` with its injected parameters resolved from `ctx`
 * and the remaining ones taken from `nonInjectedArgs`.
 */
export function invokeMethod(
  target: object,
  method: string,
  ctx: Context,
  nonInjectedArgs: readonly unknown[] = [],
): ValueOrPromise<unknown> {
  const fn = (target as Record<string, unknown>)[method];
  if (typeof fn !== 'function') {
    const name = typeof target === 'function' ? target.name : target.constructor.name;
    throw new RelataError(`Method ${name}.${method} not found`, 'METHOD_NOT_FOUND');
  }
  const args = resolveInjectedArguments(target, method, ctx, undefined, nonInjectedArgs);
  return transformValueOrPromise(args, argv => fn.apply(target, argv) as unknown);
}
