import 'reflect-metadata';
import {RelataError} from '../common/errors';
import {
  ControllerSpec,
  HttpVerb,
  MediaTypeObject,
  OperationObject,
  ParameterLocation,
  ParameterObject,
  ReferenceObject,
  RequestBodyObject,
  SchemaObject,
} from './openapi-types';
import {
  ModelFilterMetadata,
  OperationMetadata,
  ParameterMetadata,
  REST_CONTROLLER_SPEC_KEY,
  REST_OPERATIONS_KEY,
  REST_PARAMETERS_KEY,
  REST_REQUEST_BODY_KEY,
  RequestBodyMetadata,
} from './route-metadata';

export {getControllerRoutes, getControllerSpec} from './route-metadata';

const VERBS: readonly HttpVerb[] = ['get', 'post', 'put', 'patch', 'delete', 'head', 'options'];
const LOCATIONS: readonly ParameterLocation[] = ['path', 'query', 'header', 'cookie'];

/** A decorator of controller methods. */
export type RouteMethodDecorator = (target: object, methodName: string | symbol, descriptor?: PropertyDescriptor) => void;
/** A decorator of controller method parameters. */
export type RouteParameterDecorator = (target: object, methodName: string | symbol | undefined, index: number) => void;

function className(target: object): string {
  return typeof target === 'function' ? target.name : (target.constructor as Function).name;
}

function invalid(message: string): RelataError {
  return new RelataError(message, 'INVALID_ROUTE_METADATA');
}

/**
 * Declares the method as the handler of `verb path`.
 *
 * ```ts
 * class PingController {
 *   @operation('get', '/ping')
 *   ping() { return {greeting: 'Hello'}; }
 * }
 * ```
 */
export function operation(verb: string, path: string, spec: OperationObject = {}): RouteMethodDecorator {
  const v = typeof verb === 'string' ? (verb.toLowerCase() as HttpVerb) : undefined;
  if (!v || !VERBS.includes(v)) {
    throw invalid(`@operation: unknown HTTP verb ${JSON.stringify(verb)} (expected one of ${VERBS.join(', ')})`);
  }
  if (typeof path !== 'string') {
    throw invalid(`@${v === 'delete' ? 'del' : v}: the path must be a string, got ${path === null ? 'null' : typeof path}`);
  }
  const decoratorName = `@${v === 'delete' ? 'del' : v}`;
  return (target, methodName) => {
    if (typeof methodName !== 'string') {
      throw invalid(`${decoratorName}('${path}') needs a method with a string name on ${className(target)}`);
    }
    if (typeof target === 'function') {
      throw invalid(`${decoratorName}('${path}') cannot decorate the static method ${target.name}.${methodName}`);
    }
    const own: Record<string, OperationMetadata> = {...(Reflect.getOwnMetadata(REST_OPERATIONS_KEY, target) ?? {})};
    if (own[methodName]) {
      throw invalid(`A route decorator cannot be applied more than once on ${className(target)}.prototype.${methodName}()`);
    }
    own[methodName] = {verb: v, path, spec: {...spec}};
    Reflect.defineMetadata(REST_OPERATIONS_KEY, own, target);
  };
}

/** `GET path`. */
export function get(path: string, spec?: OperationObject): RouteMethodDecorator {
  return operation('get', path, spec);
}
/** `POST path`. */
export function post(path: string, spec?: OperationObject): RouteMethodDecorator {
  return operation('post', path, spec);
}
/** `PUT path`. */
export function put(path: string, spec?: OperationObject): RouteMethodDecorator {
  return operation('put', path, spec);
}
/** `PATCH path`. */
export function patch(path: string, spec?: OperationObject): RouteMethodDecorator {
  return operation('patch', path, spec);
}
/** `DELETE path` (`delete` is a reserved word). */
export function del(path: string, spec?: OperationObject): RouteMethodDecorator {
  return operation('delete', path, spec);
}

/**
 * Class decorator: controller-level spec, e.g. a `basePath` prefixed to every
 * route of the class, or routes described as OpenAPI `paths` whose
 * operations name their method in `x-operation-name`.
 */
export function api(spec: ControllerSpec): ClassDecorator {
  return target => {
    Reflect.defineMetadata(REST_CONTROLLER_SPEC_KEY, {...spec}, target);
  };
}

/** The design-time (TypeScript) type of a method parameter. */
function designType(target: object, methodName: string, index: number): Function | undefined {
  const types = Reflect.getMetadata('design:paramtypes', target, methodName) as Function[] | undefined;
  return types?.[index];
}

const BUILTIN_TYPES = new Set<Function>([String, Number, Boolean, Object, Array, Date, Function, Promise]);

/** A schema for a design type (builtins map to JSON types; classes are kept for the REST layer). */
function schemaForType(type: Function | undefined): SchemaObject | undefined {
  switch (type) {
    case undefined: return undefined;
    case String: return {type: 'string'};
    case Number: return {type: 'number'};
    case Boolean: return {type: 'boolean'};
    case Date: return {type: 'string', format: 'date-time'};
    case Array: return {type: 'array'};
    case Object: return {type: 'object'};
    default: return BUILTIN_TYPES.has(type) ? undefined : {'x-ts-type': type};
  }
}

function recordParameter(target: object, methodName: string | symbol | undefined, index: number, meta: ParameterMetadata, decorator: string): void {
  if (typeof methodName !== 'string') {
    throw invalid(`${decorator} can only decorate a parameter of a named method (found on ${className(target)}${methodName === undefined ? '.constructor' : ''}[${index}])`);
  }
  const own: ParameterMetadata[] = [...(Reflect.getOwnMetadata(REST_PARAMETERS_KEY, target, methodName) ?? [])];
  own[index] = meta;
  Reflect.defineMetadata(REST_PARAMETERS_KEY, own, target, methodName);
}

/**
 * Declares a method parameter read from the request (path, query, header,
 * cookie). Without a `schema`, the type comes from the TypeScript type.
 *
 * ```ts
 * @get('/customers/{id}')
 * findById(@param({name: 'id', in: 'path', schema: {type: 'number'}}) id: number) {}
 * ```
 */
export function param(paramSpec: ParameterObject): RouteParameterDecorator {
  return createParamDecorator(paramSpec);
}

function createParamDecorator(paramSpec: ParameterObject, modelFilter?: ModelFilterMetadata): RouteParameterDecorator {
  if (!paramSpec || typeof paramSpec !== 'object') throw invalid('@param needs a parameter spec object');
  if (typeof paramSpec.name !== 'string' || !paramSpec.name) {
    throw invalid(`@param needs a parameter name, got ${JSON.stringify(paramSpec.name)}`);
  }
  if (!LOCATIONS.includes(paramSpec.in)) {
    throw invalid(`@param('${paramSpec.name}'): "in" must be one of ${LOCATIONS.join(', ')}, got ${JSON.stringify(paramSpec.in)}`);
  }
  return (target, methodName, index) => {
    const spec: ParameterObject = {...paramSpec};
    // OpenAPI: path parameters are always required.
    if (spec.in === 'path') spec.required = true;
    if (!spec.content && (!spec.schema || (!('$ref' in spec.schema) && !(spec.schema as SchemaObject).type))) {
      const inferred = typeof methodName === 'string' ? schemaForType(designType(target, methodName, index)) : undefined;
      if (inferred) spec.schema = {...(spec.schema as SchemaObject | undefined), ...inferred};
    }
    const meta: ParameterMetadata = {index, spec};
    if (modelFilter) meta.modelFilter = modelFilter;
    recordParameter(target, methodName, index, meta, '@param');
  };
}

/** `type`/`format` of the shortcut decorators (`@param.query.integer`, ...). */
const SHORTCUT_TYPES = {
  string: {type: 'string'},
  number: {type: 'number'},
  boolean: {type: 'boolean'},
  integer: {type: 'integer', format: 'int32'},
  long: {type: 'integer', format: 'int64'},
  float: {type: 'number', format: 'float'},
  double: {type: 'number', format: 'double'},
  byte: {type: 'string', format: 'byte'},
  binary: {type: 'string', format: 'binary'},
  date: {type: 'string', format: 'date'},
  dateTime: {type: 'string', format: 'date-time'},
  password: {type: 'string', format: 'password'},
} as const;

/** `@param.<location>.<type>(name, spec?)`. */
export type ParamShortcut = (name: string, spec?: Partial<ParameterObject>) => RouteParameterDecorator;
export type ParamShortcuts = {-readonly [K in keyof typeof SHORTCUT_TYPES]: ParamShortcut};

function shortcuts(location: ParameterLocation): ParamShortcuts {
  const result = {} as ParamShortcuts;
  for (const k of Object.keys(SHORTCUT_TYPES) as (keyof typeof SHORTCUT_TYPES)[]) {
    result[k] = (name, spec) => param({name, in: location, schema: {...SHORTCUT_TYPES[k]}, ...spec});
  }
  return result;
}

export interface FilterParamOptions {
  /** Query parameter name (default `filter`). */
  name?: string;
  /** Filter keys the parameter does not accept (`'where'` for `findById`). */
  exclude?: string | string[];
  [option: string]: unknown;
}

type ModelClass = Function & {modelName?: string};

function modelNameOf(model: ModelClass, decorator: string): string {
  if (typeof model !== 'function') {
    throw invalid(`${decorator} needs a model class, got ${model === null ? 'null' : typeof model}`);
  }
  return model.modelName ?? model.name;
}

export namespace param {
  /** Parameters read from the query string. */
  export const query = {
    ...shortcuts('query'),
    /**
     * An object value, given as JSON (`filter={"where":{"id":1}}`) or as
     * nested keys (`filter[where][id]=1`).
     */
    object(name: string, schema: SchemaObject | ReferenceObject = {type: 'object', additionalProperties: true},
      spec?: Partial<ParameterObject>): RouteParameterDecorator {
      const s = '$ref' in schema ? schema : {type: 'object', ...schema};
      return param({name, in: 'query', style: 'deepObject', explode: true, schema: s, ...spec});
    },
  };
  /** Parameters read from the URL path (always required). */
  export const path = shortcuts('path');
  /** Parameters read from request headers. */
  export const header = shortcuts('header');
  /** Parameters read from cookies. */
  export const cookie = shortcuts('cookie');

  /** An array parameter whose items follow `itemSpec`. */
  export function array(name: string, source: ParameterLocation, itemSpec: SchemaObject | ReferenceObject,
    spec?: Partial<ParameterObject>): RouteParameterDecorator {
    return param({name, in: source, schema: {type: 'array', items: itemSpec}, ...spec});
  }

  /**
   * The `filter` query parameter of a model: `@param.filter(Customer)`;
   * `@param.filter(Customer, {exclude: 'where'})` for `findById`.
   */
  export function filter(model: ModelClass, options?: string | FilterParamOptions): RouteParameterDecorator {
    const modelName = modelNameOf(model, '@param.filter');
    const opts: FilterParamOptions = typeof options === 'string' ? {name: options} : options ?? {};
    const exclude = opts.exclude === undefined ? undefined : ([] as string[]).concat(opts.exclude);
    const schema: SchemaObject = {
      type: 'object',
      title: `${modelName}.Filter`,
      'x-typescript-type': `@loopback/repository#Filter<${model.name}>`,
    };
    const meta: ModelFilterMetadata = {kind: 'filter', model};
    if (exclude) meta.exclude = exclude;
    return createParamDecorator(
      {name: opts.name ?? 'filter', in: 'query', style: 'deepObject', explode: true, schema}, meta);
  }

  /** The `where` query parameter of a model (count, updateAll, deleteAll). */
  export function where(model: ModelClass, name = 'where'): RouteParameterDecorator {
    const modelName = modelNameOf(model, '@param.where');
    const schema: SchemaObject = {
      type: 'object',
      title: `${modelName}.WhereFilter`,
      additionalProperties: true,
      'x-typescript-type': `@loopback/repository#Where<${model.name}>`,
    };
    return createParamDecorator({name, in: 'query', style: 'deepObject', explode: true, schema}, {kind: 'where', model});
  }
}

/**
 * Declares the method parameter that receives the parsed request body.
 * Without `content`, `application/json` is assumed; without a schema, the
 * parameter's TypeScript type (usually the model class) is recorded.
 *
 * ```ts
 * @post('/customers/{id}/order')
 * createOrder(@param.path.number('id') id: number, @requestBody() order: Order) {}
 * ```
 */
export function requestBody(spec?: Partial<RequestBodyObject>): RouteParameterDecorator {
  return (target, methodName, index) => {
    if (typeof methodName !== 'string') {
      throw invalid(`@requestBody can only decorate a parameter of a named method (found on ${className(target)}.constructor[${index}])`);
    }
    const existing = Reflect.getOwnMetadata(REST_REQUEST_BODY_KEY, target, methodName) as RequestBodyMetadata | undefined;
    if (existing) {
      throw invalid(`@requestBody can be applied to one parameter only of ${className(target)}.prototype.${methodName}()`);
    }
    const type = designType(target, methodName, index);
    const inferred = schemaForType(type);
    const content: {[mediaType: string]: MediaTypeObject} = {};
    const given = spec?.content && Object.keys(spec.content).length ? spec.content : {'application/json': {}};
    for (const [mediaType, media] of Object.entries(given)) {
      content[mediaType] = media.schema || !inferred ? {...media} : {...media, schema: inferred};
    }
    const meta: RequestBodyMetadata = {index, spec: {...spec, content}};
    if (type && !BUILTIN_TYPES.has(type)) meta.modelClass = type;
    Reflect.defineMetadata(REST_REQUEST_BODY_KEY, meta, target, methodName);
  };
}

export namespace requestBody {
  /** A request body holding an array of `itemSpec`. */
  export function array(itemSpec: SchemaObject | ReferenceObject,
    properties?: {description?: string; required?: boolean}): RouteParameterDecorator {
    return requestBody({...properties, content: {'application/json': {schema: {type: 'array', items: itemSpec}}}});
  }
}
