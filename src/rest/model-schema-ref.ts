import {RelataError} from '../common/errors';
import {ReferenceObject} from './openapi-types';

/** Options of {@link getModelSchemaRef}, as LoopBack's `JsonSchemaOptions`. */
export interface ModelSchemaOptions {
  /** Explicit schema title; replaces the derived one. */
  title?: string;
  /** Every property optional (`'deep'`: nested models too). */
  partial?: boolean | 'deep';
  /** These properties optional; when non-empty it replaces `partial` in the title. */
  optional?: string[];
  /** These properties left out. */
  exclude?: string[];
  /** Add navigational properties for relations. */
  includeRelations?: boolean;
}

/** What a schema reference stands for (kept for the REST layer that builds the schemas). */
export interface ModelSchemaRefInfo {
  model: Function;
  options: ModelSchemaOptions;
  title: string;
}

const refInfo = new WeakMap<ReferenceObject, ModelSchemaRefInfo>();

type ModelClassLike = Function & {definition?: {title?: unknown}};

/**
 * LoopBack's schema title: `options.title`, or the model's title (its class
 * name unless `@model({title})`) followed by `Optional_<a-b>_` or `Partial`,
 * then `Excluding_<a-b>_`, then `WithRelations`.
 */
export function modelSchemaTitle(modelCtor: Function, options: ModelSchemaOptions = {}): string {
  if (options.title) return options.title;
  const declared = (modelCtor as ModelClassLike).definition?.title;
  let title = typeof declared === 'string' && declared ? declared : modelCtor.name;
  if (options.optional?.length) title += `Optional_${options.optional.join('-')}_`;
  else if (options.partial) title += 'Partial';
  if (options.exclude?.length) title += `Excluding_${options.exclude.join('-')}_`;
  if (options.includeRelations) title += 'WithRelations';
  return title;
}

/**
 * A reference to the OpenAPI schema of a model, as used in controller specs.
 *
 * ```ts
 * getModelSchemaRef(Order, {title: 'NewOrderInCustomer', exclude: ['id']});
 * // => {$ref: '#/components/schemas/NewOrderInCustomer'}
 * getModelSchemaRef(Order, {partial: true}); // => {$ref: '#/components/schemas/OrderPartial'}
 * ```
 */
export function getModelSchemaRef(modelCtor: Function, options: ModelSchemaOptions = {}): ReferenceObject {
  if (typeof modelCtor !== 'function') {
    throw new RelataError(
      `getModelSchemaRef() needs a model class, got ${modelCtor === null ? 'null' : typeof modelCtor}`,
      'INVALID_ARGUMENT');
  }
  const title = modelSchemaTitle(modelCtor, options);
  const ref: ReferenceObject = {$ref: `#/components/schemas/${title}`};
  refInfo.set(ref, {model: modelCtor, options: {...options}, title});
  return ref;
}

/** The model and options a reference returned by {@link getModelSchemaRef} stands for. */
export function describeModelSchemaRef(ref: unknown): ModelSchemaRefInfo | undefined {
  return ref !== null && typeof ref === 'object' ? refInfo.get(ref as ReferenceObject) : undefined;
}
