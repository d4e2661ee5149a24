import 'reflect-metadata';
import {RelataError} from '../common/errors';
import {BindingAddress, BindingKey} from './binding-key';
import type {Context} from './context';
import {Getter, Setter} from './getter';
import {ResolutionSession} from './resolution-session';
import {resolveList, ValueOrPromise} from './value-promise';

/** Reflect-metadata key of constructor/method parameter injections. */
export const INJECT_PARAMETERS_KEY = 'relata:inject:parameters';
/** Reflect-metadata key of property injections (on the prototype). */
export const INJECT_PROPERTIES_KEY = 'relata:inject:properties';

/** Extra information attached to an injection. */
export interface InjectionMetadata {
  /** Inject `undefined` instead of failing when the key is not bound. */
  optional?: boolean;
  /** The decorator that declared the injection (`@inject`, `@inject.getter`, ...), for messages. */
  decorator?: string;
  [attribute: string]: unknown;
}

/**
 * Computes the injected value itself instead of looking `bindingKey` up
 * (getters, setters, the context, tagged lists, built repositories).
 */
export type ResolverFunction = (
  ctx: Context,
  injection: Readonly<Injection>,
  session: ResolutionSession,
) => ValueOrPromise<unknown>;

/** One declared injection: a constructor/method parameter or a property. */
export interface Injection {
  /** The class (constructor, static members) or prototype (instance members). */
  target: object;
  /** Method or property name; `undefined` for constructor parameters. */
  member?: string;
  /** Parameter index; `undefined` for properties. */
  parameterIndex?: number;
  /** Key to resolve ('' when `resolve` computes the value). */
  bindingKey: string;
  metadata: InjectionMetadata;
  resolve?: ResolverFunction;
}

/** The decorator `@inject(...)` returns: usable on parameters and properties. */
export type InjectionDecorator = (
  target: object,
  member: string | symbol | undefined,
  parameterIndexOrDescriptor?: number | PropertyDescriptor,
) => void;

function describeTarget(target: object, member?: string, index?: number): string {
  const isClass = typeof target === 'function';
  const className = isClass ? (target as Function).name : (target.constructor as Function).name;
  if (member === undefined) return `${className}.constructor[${index}]`;
  const memberName = isClass ? `${className}.${member}` : `${className}.prototype.${member}`;
  return index === undefined ? memberName : `${memberName}[${index}]`;
}

/** `ClassName.constructor[0]` / `ClassName.prototype.method[1]` / `ClassName.prototype.prop`. */
export function describeInjection(injection: Readonly<Injection>): string {
  return describeTarget(injection.target, injection.member, injection.parameterIndex);
}

/**
 * Declares a dependency on the value bound to `bindingKey`, on a constructor
 * parameter, a method parameter or an instance property.
 *
 * ```ts
 * class CustomerRepository {
 *   constructor(@inject('datasources.db') db: DataSource) {}
 * }
 * ```
 *
 * @param bindingKey - Key (optionally `key#path`) of the value to inject.
 * @param metadata - `{optional: true}` injects `undefined` when unbound.
 * @param resolve - Computes the value instead of looking the key up.
 */
export function inject(
  bindingKey: BindingAddress,
  metadata?: InjectionMetadata,
  resolve?: ResolverFunction,
): InjectionDecorator {
  if (typeof bindingKey !== 'string') bindingKey = bindingKey.toString();
  if (!bindingKey && !resolve) {
    throw new RelataError('@inject needs a binding key or a resolve function', 'INVALID_INJECTION');
  }
  const meta: InjectionMetadata = {decorator: '@inject', ...metadata};
  const key = bindingKey;
  return (target, member, parameterIndexOrDescriptor) => {
    const memberName = typeof member === 'symbol' ? member.toString() : member;
    if (typeof parameterIndexOrDescriptor === 'number') {
      const params: Injection[] = [...(Reflect.getOwnMetadata(INJECT_PARAMETERS_KEY, target, member as string) ?? [])];
      params[parameterIndexOrDescriptor] = {
        target, member: memberName, parameterIndex: parameterIndexOrDescriptor, bindingKey: key, metadata: meta, resolve,
      };
      Reflect.defineMetadata(INJECT_PARAMETERS_KEY, params, target, member as string);
      return;
    }
    if (memberName === undefined || parameterIndexOrDescriptor !== undefined) {
      throw new RelataError(
        `${meta.decorator} can only decorate a constructor parameter, a method parameter or a property ` +
          `(found on ${describeTarget(target, memberName)})`,
        'INVALID_INJECTION');
    }
    if (typeof target === 'function') {
      throw new RelataError(
        `${meta.decorator} is not supported for a static property: ${describeTarget(target, memberName)}`,
        'INVALID_INJECTION');
    }
    const props: Record<string, Injection> = {...(Reflect.getOwnMetadata(INJECT_PROPERTIES_KEY, target) ?? {})};
    props[memberName] = {target, member: memberName, bindingKey: key, metadata: meta, resolve};
    Reflect.defineMetadata(INJECT_PROPERTIES_KEY, props, target);
  };
}

export namespace inject {
  /**
   * Injects a {@link Getter}: a function resolving `bindingKey` each time it
   * is called, from the context the injection was resolved in. Lazy, so the
   * key may be bound later and two classes may refer to each other.
   *
   * ```ts
   * constructor(@inject.getter('repositories.OrderRepository') getOrders: Getter<OrderRepository>) {}
   * ```
   */
  export function getter(bindingKey: BindingAddress, metadata?: InjectionMetadata): InjectionDecorator {
    const key = bindingKey.toString();
    // Validate now: a bad key would otherwise surface only when the getter is called.
    BindingKey.validate(BindingKey.parseKeyWithPath(key).key);
    return inject(key, {decorator: '@inject.getter', ...metadata}, resolveAsGetter);
  }

  /** Injects a {@link Setter} that binds `bindingKey` to a constant value in the resolution context. */
  export function setter(bindingKey: BindingAddress, metadata?: InjectionMetadata): InjectionDecorator {
    const key = BindingKey.validate(bindingKey);
    return inject(key, {decorator: '@inject.setter', ...metadata}, resolveAsSetter);
  }

  /** Injects the context the injection is resolved in. */
  export function context(): InjectionDecorator {
    return inject('', {decorator: '@inject.context'}, ctx => ctx);
  }

  /** Injects the values of every binding carrying `tag` (a name, a wildcard or a RegExp). */
  export function tag(tag: string | RegExp, metadata?: InjectionMetadata): InjectionDecorator {
    return inject('', {decorator: '@inject.tag', tag, ...metadata}, (ctx, _injection, session) =>
      resolveList(ctx.findByTag(tag), b => b.getValue(ctx, {session})));
  }
}

function resolveAsGetter(ctx: Context, injection: Readonly<Injection>): Getter<unknown> {
  const key = injection.bindingKey;
  const optional = injection.metadata.optional;
  // A fresh session per call: the getter runs after the injecting binding
  // finished resolving, so its path no longer applies.
  return () => ctx.get(key, {optional});
}

function resolveAsSetter(ctx: Context, injection: Readonly<Injection>): Setter<unknown> {
  const key = injection.bindingKey;
  return value => {
    ctx.bind(key).to(value);
  };
}

const ownConstructorCache = new WeakMap<Function, boolean>();

/**
 * A class declares its own constructor (not one TypeScript generated to
 * forward arguments). Read from the source once per class.
 */
function hasOwnConstructor(ctor: Function): boolean {
  let result = ownConstructorCache.get(ctor);
  if (result === undefined) {
    const source = Function.prototype.toString.call(ctor);
    result = !/\bconstructor\s*\(\s*\)\s*\{\s*super\(\.\.\.arguments\)/.test(source) &&
      /\sconstructor\s*\([^)]*\)\s*\{/m.test(source);
    ownConstructorCache.set(ctor, result);
  }
  return result;
}

/**
 * Injections of a constructor (`method` omitted) or method's parameters,
 * indexed by parameter position. A subclass without its own constructor
 * inherits its base class's constructor injections.
 */
export function describeInjectedArguments(target: object, method?: string): Readonly<Injection>[] {
  if (method === undefined) {
    let ctor = target as Function;
    while (typeof ctor === 'function' && ctor !== Function.prototype) {
      const own = Reflect.getOwnMetadata(INJECT_PARAMETERS_KEY, ctor) as Injection[] | undefined;
      if (own) return own;
      if (hasOwnConstructor(ctor)) return [];
      ctor = Object.getPrototypeOf(ctor);
    }
    return [];
  }
  const own = Reflect.getOwnMetadata(INJECT_PARAMETERS_KEY, target, method) as Injection[] | undefined;
  if (own || Object.prototype.hasOwnProperty.call(target, method)) return own ?? [];
  return (Reflect.getMetadata(INJECT_PARAMETERS_KEY, target, method) as Injection[] | undefined) ?? [];
}

/**
 * Property injections of a class (pass the prototype), including those
 * declared on base classes; a subclass's declaration of a property wins.
 */
export function describeInjectedProperties(target: object): Record<string, Readonly<Injection>> {
  const chain: object[] = [];
  for (let p: object | null = target; p && p !== Object.prototype; p = Object.getPrototypeOf(p)) chain.unshift(p);
  const result: Record<string, Injection> = {};
  for (const p of chain) {
    const own = Reflect.getOwnMetadata(INJECT_PROPERTIES_KEY, p) as Record<string, Injection> | undefined;
    if (own) Object.assign(result, own);
  }
  return result;
}
