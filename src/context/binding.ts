import {RelataError} from '../common/errors';
import {BindingAddress, BindingKey} from './binding-key';
import {BindingScope, BindingType} from './binding-scope';
import type {Context} from './context';
import {Provider} from './provider';
import {ResolutionOptions, ResolutionSession} from './resolution-session';
import {instantiateClass} from './resolver';
import {Constructor, isPromiseLike, transformValueOrPromise, ValueOrPromise} from './value-promise';

/** A tag: a name (its value is the name itself) or name/value pairs. */
export type BindingTag = string | Record<string, unknown>;

/** A function configuring a binding (scope, tags, ...) in one go. */
export type BindingTemplate<T = unknown> = (binding: Binding<T>) => void;

/** What a `toDynamicValue` factory receives. */
export interface ResolutionContext<T = unknown> {
  /** The context the value is resolved for (the owning context for singletons). */
  context: Context;
  binding: Readonly<Binding<T>>;
  options: ResolutionOptions;
}

/** A `toDynamicValue` factory; may be async. */
export type ValueFactory<T = unknown> = (resolutionCtx: ResolutionContext<T>) => ValueOrPromise<T>;

type ValueGetter<T> = (ctx: Context, session: ResolutionSession, options: ResolutionOptions) => ValueOrPromise<T | undefined>;

/**
 * An entry of a {@link Context}: a key, how its value is produced
 * (`to`, `toClass`, `toDynamicValue`, `toProvider`, `toAlias`), a scope that
 * decides caching, and tags.
 *
 * ```ts
 * ctx.bind('repositories.OrderRepository').toClass(OrderRepository).inScope(BindingScope.SINGLETON);
 * ```
 */
export class Binding<T = unknown> {
  /** The binding key. */
  readonly key: string;
  /** Tags, name → value (a name-only tag maps to itself). */
  readonly tagMap: Record<string, unknown> = {};
  /** A locked binding cannot be rebound or unbound. */
  isLocked: boolean;

  private _scope?: BindingScope;
  private _type?: BindingType;
  private _getValue?: ValueGetter<T>;
  private _valueConstructor?: Constructor<T>;
  private _providerConstructor?: Constructor<Provider<T>>;
  private _aliasKey?: string;
  private _cache?: WeakMap<Context, T>;
  private _pending?: WeakMap<Context, Promise<T>>;

  constructor(key: BindingAddress<T>, isLocked = false) {
    this.key = BindingKey.validate(key);
    this.isLocked = isLocked;
  }

  /** A new binding for `key` (not added to any context). */
  static bind<T = unknown>(key: BindingAddress<T>): Binding<T> {
    return new Binding<T>(key);
  }

  /** The scope; `TRANSIENT` unless set. */
  get scope(): BindingScope {
    return this._scope ?? BindingScope.TRANSIENT;
  }

  /** How the value is produced; `undefined` until one of the `to*` methods is called. */
  get type(): BindingType | undefined {
    return this._type;
  }

  /** The class of a `toClass` binding. */
  get valueConstructor(): Constructor<T> | undefined {
    return this._valueConstructor;
  }

  /** The provider class of a `toProvider` binding. */
  get providerConstructor(): Constructor<Provider<T>> | undefined {
    return this._providerConstructor;
  }

  /** Names of the tags. */
  get tagNames(): string[] {
    return Object.keys(this.tagMap);
  }

  /**
   * Adds tags: names (`'repository'`) or name/value pairs
   * (`{name: 'CustomerRepository'}`).
   */
  tag(...tags: BindingTag[]): this {
    for (const t of tags) {
      if (typeof t === 'string') {
        this.tagMap[t] = t;
      } else if (t && typeof t === 'object' && !Array.isArray(t)) {
        Object.assign(this.tagMap, t);
      } else {
        throw new RelataError(
          `Binding ${this.key}: a tag must be a string or an object of name/value pairs, got ${JSON.stringify(t)}`,
          'INVALID_BINDING_TAG');
      }
    }
    return this;
  }

  /** Sets the scope (clears cached values when it changes). */
  inScope(scope: BindingScope): this {
    if (!Object.values(BindingScope).includes(scope)) {
      throw new RelataError(
        `Binding ${this.key}: unknown scope ${JSON.stringify(scope)} (expected one of ${Object.values(BindingScope).join(', ')})`,
        'INVALID_BINDING_SCOPE');
    }
    if (this._scope !== scope) this.clearCache();
    this._scope = scope;
    return this;
  }

  /** Sets the scope only if none was set yet. */
  applyDefaultScope(scope: BindingScope): this {
    if (this._scope === undefined) this.inScope(scope);
    return this;
  }

  /** Applies configuration templates. */
  apply(...templates: BindingTemplate<T>[]): this {
    for (const t of templates) t(this);
    return this;
  }

  lock(): this {
    this.isLocked = true;
    return this;
  }

  unlock(): this {
    this.isLocked = false;
    return this;
  }

  /** Forgets cached values (singleton and context scopes). */
  clearCache(): void {
    this._cache = undefined;
    this._pending = undefined;
  }

  private setValueGetter(type: BindingType, getter: ValueGetter<T>): this {
    this.clearCache();
    this._type = type;
    this._getValue = getter;
    this._valueConstructor = undefined;
    this._providerConstructor = undefined;
    this._aliasKey = undefined;
    return this;
  }

  /**
   * Binds a constant. Promises are refused: use `toDynamicValue` for values
   * that arrive later.
   */
  to(value: T): this {
    if (isPromiseLike(value)) {
      throw new RelataError(
        'Promise instances are not allowed for constant values bound via ".to()". ' +
          'Register an async getter function via ".toDynamicValue()" instead.',
        'INVALID_BINDING_VALUE');
    }
    return this.setValueGetter(BindingType.CONSTANT, () => value);
  }

  /**
   * Binds a factory called on every resolution (subject to the scope). It may
   * be async and receives `{context, binding, options}`.
   */
  toDynamicValue(factory: ValueFactory<T>): this {
    this.assertFunction(factory, 'toDynamicValue', 'a function');
    return this.setValueGetter(BindingType.DYNAMIC_VALUE, (context, session) =>
      factory({context, binding: this, options: {session}}));
  }

  /** Binds instances of `ctor`, created with its `@inject` dependencies resolved. */
  toClass<C extends T>(ctor: Constructor<C>): this {
    this.assertFunction(ctor, 'toClass', 'a class');
    this.setValueGetter(BindingType.CLASS, (ctx, session) => instantiateClass<T>(ctor, ctx, session));
    this._valueConstructor = ctor;
    return this;
  }

  /** Binds the result of `value()` of an instance of `providerClass` (created with injection). */
  toProvider(providerClass: Constructor<Provider<T>>): this {
    this.assertFunction(providerClass, 'toProvider', 'a provider class');
    this.setValueGetter(BindingType.PROVIDER, (ctx, session) =>
      transformValueOrPromise(instantiateClass(providerClass, ctx, session), provider => {
        if (typeof provider.value !== 'function') {
          throw new RelataError(
            `Binding ${this.key}: provider ${providerClass.name} has no value() method`, 'INVALID_PROVIDER');
        }
        return provider.value();
      }));
    this._providerConstructor = providerClass;
    return this;
  }

  /** Binds to the value of another key (optionally `key#path`), resolved when this one is. */
  toAlias(keyWithPath: BindingAddress<T>): this {
    const target = keyWithPath.toString();
    BindingKey.validate(BindingKey.parseKeyWithPath(target).key);
    this.setValueGetter(BindingType.ALIAS, (ctx, session, options) =>
      ctx.getValueOrPromise<T>(target, {session, optional: options.optional}));
    this._aliasKey = target;
    return this;
  }

  private assertFunction(fn: unknown, method: string, expected: string): void {
    if (typeof fn !== 'function') {
      throw new RelataError(
        `Binding ${this.key}: ${method}() needs ${expected}, got ${fn === null ? 'null' : typeof fn}`,
        'INVALID_BINDING_VALUE');
    }
  }

  /**
   * The value for `ctx` (internal: use `ctx.get`/`ctx.getSync`). Synchronous
   * when every step is; singleton values are cached in the owning context,
   * context-scoped ones in `ctx`.
   */
  getValue(ctx: Context, options: ResolutionOptions = {}): ValueOrPromise<T | undefined> {
    let cacheCtx: Context | undefined;
    if (this._scope === BindingScope.SINGLETON) cacheCtx = ctx.getOwnerContext(this) ?? ctx;
    else if (this._scope === BindingScope.CONTEXT) cacheCtx = ctx;

    const cache = this._cache;
    if (cacheCtx && cache?.has(cacheCtx)) return cache.get(cacheCtx);

    // Checked before reusing an in-flight value: waiting on our own pending
    // resolution would never finish.
    const session = (options.session ?? ResolutionSession.create()).enterBinding(this);

    if (cacheCtx) {
      const pending = this._pending?.get(cacheCtx);
      if (pending) return pending;
    }
    if (!this._getValue) {
      if (options.optional) return undefined;
      throw new RelataError(`No value was configured for binding ${this.key}.`, 'BINDING_HAS_NO_VALUE');
    }
    const result = this._getValue(cacheCtx ?? ctx, session, options);
    if (!cacheCtx) return result;

    const valueCache = (this._cache ??= new WeakMap());
    if (!isPromiseLike<T>(result)) {
      valueCache.set(cacheCtx, result as T);
      return result;
    }
    // Share one in-flight resolution so concurrent callers get one instance.
    const pendingMap = (this._pending ??= new WeakMap());
    const owner = cacheCtx;
    const promise: Promise<T> = Promise.resolve(result).then(
      value => {
        if (pendingMap.get(owner) === promise) {
          pendingMap.delete(owner);
          valueCache.set(owner, value as T);
        }
        return value as T;
      },
      err => {
        if (pendingMap.get(owner) === promise) pendingMap.delete(owner);
        throw err;
      },
    );
    pendingMap.set(owner, promise);
    return promise;
  }

  /** A plain description (for debugging and error reports). */
  toJSON(): Record<string, unknown> {
    const json: Record<string, unknown> = {key: this.key, scope: this.scope, tags: {...this.tagMap}, isLocked: this.isLocked};
    if (this._type) json.type = this._type;
    if (this._valueConstructor) json.valueConstructor = this._valueConstructor.name;
    if (this._providerConstructor) json.providerConstructor = this._providerConstructor.name;
    if (this._aliasKey) json.alias = this._aliasKey;
    return json;
  }
}
