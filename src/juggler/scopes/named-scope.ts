import {Callback} from '../../common/callback';
import {RelataError} from '../../common/errors';
import {isDataObject, requireFilterObject, requireObjectArgument} from '../argument-checks';
import {AnyObject, Options} from '../../common/types';
import {callbackOrPromise, isDataOnlyCall} from '../callback-args';
import {mergeQuery, scopeWhereValues} from '../relations/relation-options';
import {InvalidModelDefinitionError} from '../model-definition-error';

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

/** A filter, where clause or data argument of a scope method: an (acyclic) object, or absent; a 400 otherwise. */
function requireObject(v: unknown, what: 'filter' | 'where clause' | 'data', scope: string): AnyObject | undefined {
  if (v === undefined || v === null) return undefined;
  if (what === 'data') return requireObjectArgument(v, what, scope);
  return requireFilterObject(v, scope, what);
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
  if (typeof name !== 'string' || !name) throw new InvalidModelDefinitionError('A scope needs a name', 'INVALID_SCOPE');
  if (params == null || (typeof params !== 'object' && typeof params !== 'function')) {
    throw new InvalidModelDefinitionError(`Scope ${name}: the filter must be an object or a function`, 'INVALID_SCOPE');
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
  const scopeWhere = () => (isDataObject(scope.where) ? scope.where : {});
  const narrowWhere = (where: unknown) =>
    mergeQuery({where: scopeWhere()}, {where: requireObject(where, 'where clause', label) ?? {}}).where ?? {};

  const find = (filter: unknown, options: unknown) =>
    Target.find(mergeQuery(requireObject(filter, 'filter', label) ?? {}, scope), options as Options);

  const accessor = function (...args: unknown[]) {
    // Zero arguments: the cached value, as in LoopBack 3 (a model class has no cache).
    if (args.length === 0) return (receiver as AnyObject).__cachedRelations?.[definition.name];
    return callbackOrPromise(args, 2, (condOrRefresh: unknown, options: unknown) =>
      find(typeof condOrRefresh === 'boolean' ? undefined : condOrRefresh, options));
  } as unknown as NamedScopeAccessor;
  Object.defineProperty(accessor, 'name', {value: definition.name, configurable: true});

  accessor.find = (...args: unknown[]) => callbackOrPromise(args, 2, (filter: unknown, options: unknown) =>
    find(typeof filter === 'boolean' ? undefined : filter, options));
  accessor.findOne = (...args: unknown[]) => callbackOrPromise(args, 2, (filter: unknown, options?: Options) =>
    Target.findOne(mergeQuery({where: scopeWhere()}, requireObject(filter, 'filter', label) ?? {}), options));
  accessor.findById = (...args: unknown[]) => callbackOrPromise(args, 3, (id: unknown, filter: unknown, options?: Options) => {
    if (id === undefined || id === null || id === '') {
      throw new RelataError(`${label}.findById requires the id argument`, 'INVALID_ID', 400);
    }
    const byId = mergeQuery({where: {[Target.getIdName()]: id}}, requireObject(filter, 'filter', label) ?? {});
    return Target.findOne(mergeQuery({where: scopeWhere()}, byId), options);
  });
  accessor.count = (...args: unknown[]) => callbackOrPromise(args, 2, (where: unknown, options?: Options) =>
    Target.count(narrowWhere(where), options));
  accessor.build = (data?: AnyObject) => {
    const values: AnyObject = {...requireObject(data, 'data', label)};
    Object.assign(values, scopeWhereValues(scopeWhere(), Target.definition.properties));
    return new (Target as unknown as new (d: AnyObject) => AnyObject)(values);
  };
  accessor.create = (...args: unknown[]) => callbackOrPromise(args, 2, (data: unknown, options?: Options) => {
    const inst = accessor.build(data as AnyObject);
    return (inst.save as (o?: Options) => Promise<unknown>).call(inst, options);
  });
  accessor.updateAll = (...args: unknown[]) => callbackOrPromise(args, 3, (where: unknown, data: unknown, options?: Options) => {
    if (isDataOnlyCall(args)) [where, data] = [undefined, where];
    return Target.updateAll(narrowWhere(where), data as AnyObject, options);
  });
  accessor.destroyAll = (...args: unknown[]) => callbackOrPromise(args, 2, (where: unknown, options?: Options) =>
    Target.destroyAll(narrowWhere(where), options));
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
