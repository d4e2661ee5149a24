import {randomUUID} from 'node:crypto';
import {RelataError} from '../common/errors';
import {Binding} from './binding';
import {BindingAddress, BindingKey} from './binding-key';
import {ResolutionOptions} from './resolution-session';
import {getDeepProperty, isPromiseLike, transformValueOrPromise, ValueOrPromise} from './value-promise';

/** Selects bindings: a key wildcard (`repositories.*`), a RegExp or a predicate. */
export type BindingFilter = (binding: Readonly<Binding<unknown>>) => boolean;

/** Selects bindings by tag: a tag-name wildcard, a RegExp, or name/value pairs that must all match. */
export type TagFilter = string | RegExp | Record<string, unknown>;

/** `*` matches any run of characters but `.` and `:`, `?` one such character. */
function wildcardToRegExp(pattern: string): RegExp {
  const escaped = pattern.replace(/[-[\]/{}()+.\\^$|:]/g, '\\$&');
  return new RegExp(`^${escaped.replace(/\*/g, '[^.:]*').replace(/\?/g, '[^.:]')}$`);
}

/**
 * An inversion-of-control container: keys bound to values, classes,
 * factories, providers or aliases, resolved with their `@inject`
 * dependencies. A context looks keys up in its parent chain.
 *
 * ```ts
 * const app = new Context('app');
 * app.bind('datasources.db').to(db);
 * app.bind('repositories.CustomerRepository').toClass(CustomerRepository);
 * const repo = await app.get<CustomerRepository>('repositories.CustomerRepository');
 * ```
 */
export class Context {
  /** Name used in messages. */
  readonly name: string;
  protected readonly registry = new Map<string, Binding<unknown>>();
  protected _parent?: Context;

  /**
   * @param parent - Context to fall back to for keys not bound here (or the name).
   * @param name - Defaults to `<ClassName>-<uuid>`.
   */
  constructor(parent?: Context | string, name?: string) {
    if (typeof parent === 'string') {
      name = parent;
      parent = undefined;
    }
    this._parent = parent;
    this.name = name ?? `${new.target.name}-${randomUUID()}`;
  }

  /** The parent context, if any. */
  get parent(): Context | undefined {
    return this._parent;
  }

  /**
   * Creates (or replaces) the binding for `key` in this context.
   * Rebinding a locked key throws `BINDING_LOCKED`.
   */
  bind<ValueType = unknown>(key: BindingAddress<ValueType>): Binding<ValueType> {
    const binding = new Binding<ValueType>(key);
    this.add(binding);
    return binding;
  }

  /** Adds an existing binding (replacing one with the same key unless it is locked). */
  add(binding: Binding<unknown>): this {
    if (!(binding instanceof Binding)) {
      throw new RelataError(`Context ${this.name}: add() needs a Binding`, 'INVALID_BINDING');
    }
    const existing = this.registry.get(binding.key);
    if (existing?.isLocked && existing !== binding) {
      throw new RelataError(`Cannot rebind key "${binding.key}" to a locked binding`, 'BINDING_LOCKED');
    }
    this.registry.set(binding.key, binding);
    return this;
  }

  /**
   * Removes the binding of `key` from this context (parents are not
   * touched). Returns whether one was removed.
   */
  unbind<ValueType = unknown>(key: BindingAddress<ValueType>): boolean {
    const k = BindingKey.validate(key);
    const binding = this.registry.get(k);
    if (!binding) return false;
    if (binding.isLocked) throw new RelataError(`Cannot unbind key "${k}" of a locked binding`, 'BINDING_LOCKED');
    return this.registry.delete(k);
  }

  /** Whether `key` is bound in this context itself. */
  contains<ValueType = unknown>(key: BindingAddress<ValueType>): boolean {
    return this.registry.has(BindingKey.validate(key));
  }

  /** Whether `key` is bound here or in an ancestor. */
  isBound<ValueType = unknown>(key: BindingAddress<ValueType>): boolean {
    const k = BindingKey.validate(key);
    for (let c: Context | undefined = this; c; c = c._parent) {
      if (c.registry.has(k)) return true;
    }
    return false;
  }

  /**
   * The context (this or an ancestor) holding `key`, or — given a binding —
   * holding that very binding.
   */
  getOwnerContext(keyOrBinding: BindingAddress | Readonly<Binding<unknown>>): Context | undefined {
    if (keyOrBinding instanceof Binding) {
      for (let c: Context | undefined = this; c; c = c._parent) {
        if (c.registry.get(keyOrBinding.key) === keyOrBinding) return c;
      }
      return undefined;
    }
    const k = BindingKey.validate(keyOrBinding as BindingAddress);
    for (let c: Context | undefined = this; c; c = c._parent) {
      if (c.registry.has(k)) return c;
    }
    return undefined;
  }

  /**
   * The binding of `key`, looked up here then in ancestors. Throws
   * `BINDING_NOT_FOUND` unless `options.optional`.
   */
  getBinding<ValueType = unknown>(key: BindingAddress<ValueType>): Binding<ValueType>;
  getBinding<ValueType = unknown>(
    key: BindingAddress<ValueType>,
    options?: {optional?: boolean},
  ): Binding<ValueType> | undefined;
  getBinding<ValueType = unknown>(
    key: BindingAddress<ValueType>,
    options?: {optional?: boolean},
  ): Binding<ValueType> | undefined {
    const k = BindingKey.validate(key);
    for (let c: Context | undefined = this; c; c = c._parent) {
      const b = c.registry.get(k);
      if (b) return b as Binding<ValueType>;
    }
    if (options?.optional) return undefined;
    throw this.notBoundError(k);
  }

  private notBoundError(key: string, options?: ResolutionOptions): RelataError {
    const path = options?.session?.getBindingPath();
    const err = new RelataError(
      `The key '${key}' is not bound to any value in context ${this.name}` +
        (path ? ` (resolution path: ${path} --> ${key})` : ''),
      'BINDING_NOT_FOUND');
    err.details = {key, context: this.name};
    return err;
  }

  /**
   * Bindings of this context and its ancestors whose key matches a wildcard
   * (`repositories.*`), a RegExp or a predicate; a child's binding hides a
   * parent's binding of the same key.
   */
  find<ValueType = unknown>(pattern?: string | RegExp | BindingFilter): Readonly<Binding<ValueType>>[] {
    let filter: BindingFilter;
    if (pattern === undefined || pattern === '') filter = () => true;
    else if (typeof pattern === 'string') {
      const re = wildcardToRegExp(pattern);
      filter = b => re.test(b.key);
    } else if (pattern instanceof RegExp) filter = b => pattern.test(b.key);
    else if (typeof pattern === 'function') filter = pattern;
    else {
      throw new RelataError(
        `Context ${this.name}: find() needs a key pattern, a RegExp or a filter function`, 'INVALID_BINDING_FILTER');
    }
    const seen = new Set<string>();
    const found: Readonly<Binding<ValueType>>[] = [];
    for (let c: Context | undefined = this; c; c = c._parent) {
      for (const b of c.registry.values()) {
        if (seen.has(b.key)) continue;
        seen.add(b.key);
        if (filter(b)) found.push(b as Binding<ValueType>);
      }
    }
    return found;
  }

  /**
   * Bindings carrying a tag: a tag-name wildcard or RegExp, or name/value
   * pairs that must all match.
   */
  findByTag<ValueType = unknown>(tagFilter: TagFilter): Readonly<Binding<ValueType>>[] {
    if (typeof tagFilter === 'string' || tagFilter instanceof RegExp) {
      const re = typeof tagFilter === 'string' ? wildcardToRegExp(tagFilter) : tagFilter;
      return this.find<ValueType>(b => b.tagNames.some(t => re.test(t)));
    }
    const entries = Object.entries(tagFilter);
    return this.find<ValueType>(b => entries.every(([name, value]) => b.tagMap[name] === value));
  }

  /**
   * Resolves the value of `key` (`key#path` reads a deep property of it).
   * Rejects with `BINDING_NOT_FOUND` when unbound, unless `optional`.
   */
  get<ValueType>(keyWithPath: BindingAddress<ValueType>): Promise<ValueType>;
  get<ValueType>(keyWithPath: BindingAddress<ValueType>, options: ResolutionOptions): Promise<ValueType | undefined>;
  async get<ValueType>(keyWithPath: BindingAddress<ValueType>, options?: ResolutionOptions): Promise<ValueType | undefined> {
    return this.getValueOrPromise<ValueType>(keyWithPath, options);
  }

  /**
   * Resolves the value of `key` synchronously. Throws
   * `ASYNC_BINDING_VALUE` when the value (or a dependency) needs async work.
   */
  getSync<ValueType>(keyWithPath: BindingAddress<ValueType>): ValueType;
  getSync<ValueType>(keyWithPath: BindingAddress<ValueType>, options: ResolutionOptions): ValueType | undefined;
  getSync<ValueType>(keyWithPath: BindingAddress<ValueType>, options?: ResolutionOptions): ValueType | undefined {
    const value = this.getValueOrPromise<ValueType>(keyWithPath, options);
    if (isPromiseLike(value)) {
      // Nobody awaits this promise any more; keep a later rejection from being unhandled.
      Promise.resolve(value).catch(() => undefined);
      throw new RelataError(
        `Cannot get ${keyWithPath.toString()} synchronously: the value is a promise`, 'ASYNC_BINDING_VALUE');
    }
    return value;
  }

  /**
   * The value of `key`, synchronous when every step of its resolution is
   * (internal: prefer `get`/`getSync`).
   */
  getValueOrPromise<ValueType>(
    keyWithPath: BindingAddress<ValueType>,
    options: ResolutionOptions = {},
  ): ValueOrPromise<ValueType | undefined> {
    const {key, propertyPath} = BindingKey.parseKeyWithPath(keyWithPath);
    const binding = this.getBinding<ValueType>(key, {optional: true});
    if (!binding) {
      if (options.optional) return undefined;
      throw this.notBoundError(BindingKey.validate(key), options);
    }
    const value = binding.getValue(this, options);
    if (!propertyPath) return value;
    return transformValueOrPromise(value, v => getDeepProperty(v, propertyPath) as ValueType | undefined);
  }

  /** Keys and binding descriptions of this context (not its parents). */
  toJSON(): Record<string, unknown> {
    const bindings: Record<string, unknown> = {};
    for (const [k, b] of this.registry) bindings[k] = b.toJSON();
    return {name: this.name, bindings};
  }
}

