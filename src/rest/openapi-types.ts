/** The subset of OpenAPI 3 objects the route decorators record. */

/** HTTP verbs a route may use (lower case, as OpenAPI path items). */
export type HttpVerb = 'get' | 'post' | 'put' | 'patch' | 'delete' | 'head' | 'options';

/** Where a parameter is read from. */
export type ParameterLocation = 'path' | 'query' | 'header' | 'cookie';

/** A `$ref` to a schema. */
export interface ReferenceObject {
  $ref: string;
}

/** A JSON schema (OpenAPI flavour); only the keys the REST layer reads are typed. */
export interface SchemaObject {
  type?: string;
  format?: string;
  title?: string;
  items?: SchemaObject | ReferenceObject;
  properties?: {[name: string]: SchemaObject | ReferenceObject};
  additionalProperties?: boolean | SchemaObject | ReferenceObject;
  required?: string[];
  [key: string]: unknown;
}

/** A media type entry of a request body. */
export interface MediaTypeObject {
  schema?: SchemaObject | ReferenceObject;
  [key: string]: unknown;
}

/** An operation parameter. */
export interface ParameterObject {
  name: string;
  in: ParameterLocation;
  required?: boolean;
  description?: string;
  schema?: SchemaObject | ReferenceObject;
  style?: string;
  explode?: boolean;
  content?: {[mediaType: string]: MediaTypeObject};
  [key: string]: unknown;
}

/** A request body. */
export interface RequestBodyObject {
  description?: string;
  required?: boolean;
  content: {[mediaType: string]: MediaTypeObject};
  [key: string]: unknown;
}

/** An operation (what `@get(path, spec)` takes as `spec`). */
export interface OperationObject {
  summary?: string;
  description?: string;
  operationId?: string;
  tags?: string[];
  parameters?: (ParameterObject | ReferenceObject)[];
  requestBody?: RequestBodyObject | ReferenceObject;
  responses?: {[status: string]: unknown};
  [key: string]: unknown;
}

/** What `@api(spec)` takes: a base path and optionally routes described as OpenAPI paths. */
export interface ControllerSpec {
  basePath?: string;
  paths?: {[path: string]: {[verb: string]: OperationObject}};
  [key: string]: unknown;
}
