import 'reflect-metadata';
import {
  ControllerSpec,
  HttpVerb,
  OperationObject,
  ParameterLocation,
  ParameterObject,
  ReferenceObject,
  RequestBodyObject,
  SchemaObject,
} from './openapi-types';

/** Reflect-metadata keys of the route decorators. */
export const REST_OPERATIONS_KEY = 'relata:rest:operations';
export const REST_PARAMETERS_KEY = 'relata:rest:parameters';
export const REST_REQUEST_BODY_KEY = 'relata:rest:request-body';
export const REST_CONTROLLER_SPEC_KEY = 'relata:rest:controller-spec';

/** What `@get`/`@post`/`@operation`... record for a method (on the prototype, by method name). */
export interface OperationMetadata {
  verb: HttpVerb;
  path: string;
  spec: OperationObject;
}

/** The model filter a `@param.filter(Model)` / `@param.where(Model)` parameter carries. */
export interface ModelFilterMetadata {
  kind: 'filter' | 'where';
  model: Function;
  /** `@param.filter(Model, {exclude: 'where'})`. */
  exclude?: string[];
}

/** What `@param...` records for one parameter. */
export interface ParameterMetadata {
  index: number;
  spec: ParameterObject;
  modelFilter?: ModelFilterMetadata;
}

/** What `@requestBody` records for a method. */
export interface RequestBodyMetadata {
  index: number;
  spec: RequestBodyObject;
  /** The parameter's design type when it is a class other than a JavaScript builtin (usually the model). */
  modelClass?: Function;
}

/** A parameter of a route, as the REST layer consumes it. */
export interface RouteParameter {
  /** Position in the method's argument list. */
  index: number;
  in: ParameterLocation;
  name: string;
  /** Schema type: `string`, `number`, `integer`, `boolean`, `object`, `array`. */
  type: string;
  format?: string;
  required: boolean;
  schema?: SchemaObject | ReferenceObject;
  spec: ParameterObject;
  modelFilter?: ModelFilterMetadata;
}

/** A route a controller method declares. */
export interface RouteDefinition {
  verb: HttpVerb;
  /** Full path template (`@api({basePath})` prefix included), `{name}` for path parameters. */
  path: string;
  methodName: string;
  params: RouteParameter[];
  requestBody?: RequestBodyMetadata;
  spec: OperationObject;
  controller: Function;
}

/** The prototypes of a class chain, base class first. */
function prototypeChain(ctor: Function): object[] {
  const chain: object[] = [];
  for (let p: object | null = ctor.prototype; p && p !== Object.prototype; p = Object.getPrototypeOf(p)) chain.unshift(p);
  return chain;
}

/** The prototype (of `ctor`'s chain) that defines `method` itself. */
function definingPrototype(ctor: Function, method: string): object | undefined {
  for (let p: object | null = ctor.prototype; p && p !== Object.prototype; p = Object.getPrototypeOf(p)) {
    if (Object.prototype.hasOwnProperty.call(p, method)) return p;
  }
  return undefined;
}

function joinPath(basePath: string | undefined, path: string): string {
  if (!basePath) return path;
  const base = basePath.replace(/\/+$/, '');
  if (!path || path === '/') return base || '/';
  return base + (path.startsWith('/') ? path : '/' + path);
}

function schemaOf(spec: ParameterObject): SchemaObject | ReferenceObject | undefined {
  if (spec.schema) return spec.schema;
  if (spec.content) {
    for (const media of Object.values(spec.content)) if (media.schema) return media.schema;
  }
  return undefined;
}

function toRouteParameter(p: ParameterMetadata): RouteParameter {
  const schema = schemaOf(p.spec);
  const plain = schema && !('$ref' in schema) ? (schema as SchemaObject) : undefined;
  const param: RouteParameter = {
    index: p.index,
    in: p.spec.in,
    name: p.spec.name,
    type: plain?.type ?? 'object',
    required: p.spec.required === true,
    spec: p.spec,
  };
  if (plain?.format) param.format = plain.format;
  if (schema) param.schema = schema;
  if (p.modelFilter) param.modelFilter = p.modelFilter;
  return param;
}

/** The `@api` spec of a controller (inherited from base classes). */
export function getControllerSpec(controller: Function): ControllerSpec | undefined {
  return Reflect.getMetadata(REST_CONTROLLER_SPEC_KEY, controller) as ControllerSpec | undefined;
}

/** The parameters recorded for `methodName` of `controller`, by index. */
export function getMethodParameters(controller: Function, methodName: string): ParameterMetadata[] {
  const proto = definingPrototype(controller, methodName);
  const params = proto && (Reflect.getOwnMetadata(REST_PARAMETERS_KEY, proto, methodName) as ParameterMetadata[] | undefined);
  return params ? params.filter(p => p !== undefined) : [];
}

/** The request body recorded for `methodName` of `controller`. */
export function getMethodRequestBody(controller: Function, methodName: string): RequestBodyMetadata | undefined {
  const proto = definingPrototype(controller, methodName);
  return proto && (Reflect.getOwnMetadata(REST_REQUEST_BODY_KEY, proto, methodName) as RequestBodyMetadata | undefined);
}

/**
 * The routes a controller class declares with `@get`/`@post`/.../
 * `@operation` (and `@api({paths})` entries with `x-operation-name`),
 * base-class routes included, each with its parameters and request body.
 *
 * ```ts
 * getControllerRoutes(CustomerOrdersController);
 * // [{verb: 'post', path: '/customers/{id}/order', methodName: 'createOrder',
 * //   params: [{index: 0, in: 'path', name: 'id', type: 'number', ...}],
 * //   requestBody: {index: 1, ...}, ...}]
 * ```
 */
export function getControllerRoutes(controller: Function): RouteDefinition[] {
  const operations = new Map<string, OperationMetadata>();
  const controllerSpec = getControllerSpec(controller);
  // Routes described in `@api({paths})` come first; decorated methods override them.
  for (const [path, item] of Object.entries(controllerSpec?.paths ?? {})) {
    for (const [verb, op] of Object.entries(item ?? {})) {
      const methodName = op?.['x-operation-name'];
      if (typeof methodName === 'string') {
        operations.set(methodName, {verb: verb.toLowerCase() as HttpVerb, path, spec: op});
      }
    }
  }
  for (const proto of prototypeChain(controller)) {
    const own = Reflect.getOwnMetadata(REST_OPERATIONS_KEY, proto) as Record<string, OperationMetadata> | undefined;
    if (own) for (const m of Object.keys(own)) operations.set(m, own[m]);
  }
  const routes: RouteDefinition[] = [];
  for (const [methodName, op] of operations) {
    const route: RouteDefinition = {
      verb: op.verb,
      path: joinPath(controllerSpec?.basePath, op.path),
      methodName,
      params: getMethodParameters(controller, methodName).map(toRouteParameter),
      spec: op.spec,
      controller,
    };
    const body = getMethodRequestBody(controller, methodName);
    if (body) route.requestBody = body;
    routes.push(route);
  }
  return routes;
}
