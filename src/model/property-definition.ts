import {TypeResolver} from './type-resolver';

/** A property type: a name (`'string'`), a constructor (`String`), a model class or a resolver. */
export type PropertyType = string | Function | object | TypeResolver;

/** How a model property is declared (LoopBack 4's `PropertyDefinition`). */
export interface PropertyDefinition {
  type: PropertyType;
  id?: boolean | number;
  generated?: boolean;
  useDefaultIdType?: boolean;
  required?: boolean;
  default?: unknown;
  defaultFn?: 'uuid' | 'uuidv4' | 'guid' | 'now' | string;
  hidden?: boolean;
  /** Column name used by SQL connectors when no connector-specific mapping exists. */
  name?: string;
  itemType?: PropertyType;
  index?: boolean | {unique?: boolean};
  jsonSchema?: Record<string, unknown>;
  [key: string]: any;
}

/**
 * The value kinds relata coerces and compares by. Every declared type maps to
 * one of them; model classes and unknown types become `'object'`/`'any'`.
 */
export type PropertyKind =
  | 'string' | 'number' | 'boolean' | 'date' | 'object' | 'array' | 'buffer' | 'any';

const NAMED_KINDS: Record<string, PropertyKind> = {
  string: 'string', number: 'number', boolean: 'boolean', date: 'date',
  object: 'object', array: 'array', buffer: 'buffer', any: 'any',
  geopoint: 'object',
};

/** Maps a declared property type to the kind relata works with. */
export function kindOfType(type: PropertyType | undefined): PropertyKind {
  if (type === undefined || type === null) return 'any';
  if (typeof type === 'string') return NAMED_KINDS[type.toLowerCase()] ?? 'any';
  if (Array.isArray(type)) return 'array';
  if (type === String) return 'string';
  if (type === Number) return 'number';
  if (type === Boolean) return 'boolean';
  if (type === Date) return 'date';
  if (type === Array) return 'array';
  if (type === Object) return 'object';
  if (typeof Buffer !== 'undefined' && type === Buffer) return 'buffer';
  if (typeof type === 'function') return 'object';
  return 'any';
}
