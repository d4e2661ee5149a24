import {Callback, withCallback} from '../../common/callback';
import {RelataError} from '../../common/errors';
import {AnyObject, Options} from '../../common/types';
import {splitArgs} from '../callback-args';
import {mergeQuery} from '../relations/relation-options';
import {setScopeValuesFromWhere} from './default-scope';

/** The model statics a named scope calls (a LoopBack 3 model class). */
export interface ScopeTargetModel extends Function {
  modelName: string;
  definition: {properties: AnyObject};
  find(filter?: AnyObject, options?: Options): Promise<unknown[]>;
  findOne(filter?: AnyObject, options?: Options): Promise<unknown>;
  count(where?: AnyObject, options?: Options): Promise<number>;
  updateAll(where: AnyObject, data: AnyObject, options?: Options): Promise<{count: number}>;
  destroyAll(where?: AnyObject, options?: Options): Promise<{count: number}>;
  getIdName(): string;
  scopes?: {[name: string]: NamedScopeDefinition};
}

/** A static scope as `Model.scopes[name]` records it. */
export interface NamedScopeDefinition {
  name: string;
  isStatic: true;
  modelFrom: Function;
  modelTo: ScopeTargetModel;
  /** The filter, or a function of the receiver returning it. */
  params: AnyObject | ((this: unknown) => AnyObject);
  methods: {[name: string]: Function};
  options: AnyObject;
}

/** The scope accessor (`Customer.youngFolks`): callable, with query and write methods. */
export interface NamedScopeAccessor {
  (filterOrRefresh?: AnyObject | boolean | Callback<unknown[]>, options?: Options | Callback<unknown[]>, cb?: Callback<unknown[]>):
    Promise<unknown[]> | undefined;
  find(...args: unknown[]): Promise<unknown[]>;
  findOne(...args: unknown[]): Promise<unknown>;
  findById(...args: unknown[]): Promise<unknown>;
  count(...args: unknown[]): Promise<number>;
  build(data?: AnyObject): AnyObject;
  create(...args: unknown[]): Promise<unknown>;
  updateAll(...args: unknown[]): Promise<{count: number}>;
  destroyAll(...args: unknown[]): Promise<{count: number}>;
  [method: string]: unknown;
}

function isFilterObject(v: unknown): v is AnyObject {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

function requireObject(v: unknown, what: string, scope: string): AnyObject | undefined {
  if (v === undefined || v === null) return undefined;
  if (!isFilterObject(v)) {
    throw new RelataError(`The ${what} of scope ${scope} must be an object, got ${JSON.stringify(v)}`, 'INVALID_FILTER', 400);
  }
  return v;
}

/**
 * LoopBack 3 `Model.scope(name, filter, targetClass?, methods?, options?)`:
 * defines `Model.<name>`, a query over `targetClass` (default the model)
 * narrowed by `filter` (an object, or a function returning it).
 *
 * - `Model.<name>(filter?, options?, cb?)` finds; the caller's filter is the
 *   base and the scope the update of `mergeQuery` (wheres AND-ed, the
 *   scope's limit/skip/fields win, the caller's order wins). With no
 *   argument it reads the cache, which a static scope never fills (as in
 *   LoopBack 3): call it with `{}` or use `.find()`.
 * - `.find/.findOne/.findById/.count/.updateAll/.destroyAll` take the
 *   scope's where; `.build/.create` copy its simple where values onto the data.
 * - `methods` are added to the accessor, bound to the model.
 *
 * ```js
 * Customer.scope('youngFolks', {where: {age: {lte: 22}}});
 * const young = await Customer.youngFolks({order: 'name'});
 * const n = await Customer.youngFolks.count();
 * ```
 */
export function defineNamedScope(
  model: Function & {scopes?: {[name: string]: NamedScopeDefinition}},
  name: string,
  params: AnyObject | ((this: unknown) => AnyObject),
  targetClass?: ScopeTargetModel,
  methods?: {[name: string]: Function},
  options?: AnyObject,
): NamedScopeDefinition {
  if (typeof name !== 'string' || !name) throw new TypeError('A scope needs a name');
  if (params == null || (typeof params !== 'object' && typeof params !== 'function')) {
    throw new TypeError(`Scope ${name}: the filter must be an object or a function`);
  }
  const definition: NamedScopeDefinition = {
    name, isStatic: true, modelFrom: model,
    modelTo: targetClass ?? (model as unknown as ScopeTargetModel),
    params, methods: {...methods}, options: {...options},
  };
  if (!Object.prototype.hasOwnProperty.call(model, 'scopes')) {
    Object.defineProperty(model, 'scopes', {value: {...model.scopes}, writable: true, enumerable: false, configurable: true});
  }
  model.scopes![name] = definition;
  Object.defineProperty(model, name, {
    enumerable: false,
    configurable: true,
    get(this: Function) {
      const receiver = this;
      const scope = typeof params === 'function' ? (params as (this: unknown) => AnyObject).call(receiver) : params;
      return buildAccessor(definition, receiver, {...scope});
    },
  });
  return definition;
}

function buildAccessor(definition: NamedScopeDefinition, receiver: Function, scope: AnyObject): NamedScopeAccessor {
  const Target = definition.modelTo;
  const label = `${definition.modelTo.modelName}.${definition.name}`;
  const scopeWhere = () => (isFilterObject(scope.where) ? scope.where : {});
  const narrowWhere = (where: unknown) => mergeQuery({where: scopeWhere()}, {where: requireObject(where, 'where clause', label) ?? {}}).where ?? {};

  const find = (filter: unknown, options: unknown, cb?: Callback<unknown[]>) => {
    const run = (async () => mergeQuery(requireObject(filter, 'filter', label) ?? {}, scope))()
      .then(merged => Target.find(merged, options as Options));
    return withCallback(run, cb);
  };

  const accessor = function (...args: unknown[]) {
    // Zero arguments: the cached value, as in LoopBack 3 (a model class has no cache).
    if (args.length === 0) return (receiver as AnyObject).__cachedRelations?.[definition.name];
    const {values: [condOrRefresh, options], cb} = splitArgs<unknown[]>(args, 2);
    return find(typeof condOrRefresh === 'boolean' ? undefined : condOrRefresh, options, cb);
  } as unknown as NamedScopeAccessor;
  Object.defineProperty(accessor, 'name', {value: definition.name, configurable: true});

  accessor.find = (...args: unknown[]) => {
    const {values: [filter, options], cb} = splitArgs<unknown[]>(args, 2);
    return find(typeof filter === 'boolean' ? undefined : filter, options, cb);
  };
  accessor.findOne = (...args: unknown[]) => {
    const {values: [filter, options], cb} = splitArgs<unknown>(args, 2);
    const run = (async () => mergeQuery({where: scopeWhere()}, requireObject(filter, 'filter', label) ?? {}))()
      .then(merged => Target.findOne(merged, options as Options));
    return withCallback(run, cb);
  };
  accessor.findById = (...args: unknown[]) => {
    const {values: [id, filter, options], cb} = splitArgs<unknown>(args, 3);
    const run = (async () => {
      if (id === undefined || id === null || id === '') {
        throw new RelataError(`${label}.findById requires the id argument`, 'INVALID_ID', 400);
      }
      const byId = mergeQuery({where: {[Target.getIdName()]: id}}, requireObject(filter, 'filter', label) ?? {});
      return mergeQuery({where: scopeWhere()}, byId);
    })().then(merged => Target.findOne(merged, options as Options));
    return withCallback(run, cb);
  };
  accessor.count = (...args: unknown[]) => {
    const {values: [where, options], cb} = splitArgs<number>(args, 2);
    const run = (async () => narrowWhere(where))().then(w => Target.count(w, options as Options));
    return withCallback(run, cb);
  };
  accessor.build = (data?: AnyObject) => {
    const values: AnyObject = {...requireObject(data, 'data', label)};
    setScopeValuesFromWhere(values, scopeWhere(), Target.definition.properties);
    return new (Target as unknown as new (d: AnyObject) => AnyObject)(values);
  };
  accessor.create = (...args: unknown[]) => {
    const {values: [data, options], cb} = splitArgs<unknown>(args, 2);
    const run = (async () => accessor.build(data as AnyObject))()
      .then(inst => (inst.save as (o?: Options) => Promise<unknown>).call(inst, options as Options));
    return withCallback(run, cb);
  };
  accessor.updateAll = (...args: unknown[]) => {
    let {values: [where, data, options], cb} = splitArgs<{count: number}>(args, 3);
    if (data === undefined) [where, data] = [undefined, where];
    const run = (async () => narrowWhere(where))().then(w => Target.updateAll(w, data as AnyObject, options as Options));
    return withCallback(run, cb);
  };
  accessor.destroyAll = (...args: unknown[]) => {
    const {values: [where, options], cb} = splitArgs<{count: number}>(args, 2);
    const run = (async () => narrowWhere(where))().then(w => Target.destroyAll(w, options as Options));
    return withCallback(run, cb);
  };
  for (const [method, fn] of Object.entries(definition.methods)) {
    if (typeof fn === 'function') accessor[method] = fn.bind(receiver);
  }
  // Scope chaining (`Station.active.subway()`): each other scope of the target narrows this one.
  for (const [other, otherDef] of Object.entries(Target.scopes ?? {})) {
    if (other === definition.name || other in accessor) continue;
    Object.defineProperty(accessor, other, {
      enumerable: false,
      configurable: true,
      get() {
        const otherParams = otherDef.params;
        const otherScope = typeof otherParams === 'function' ? (otherParams as (this: unknown) => AnyObject).call(receiver) : otherParams;
        return buildAccessor(definition, receiver, mergeQuery(scope, otherScope));
      },
    });
  }
  return accessor;
}
