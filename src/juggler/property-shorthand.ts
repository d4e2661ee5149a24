import {AnyObject} from '../common/types';
import {PropertyDefinition} from '../model/property-definition';
import {InvalidModelDefinitionError} from './model-definition-error';

const TYPE_NAMES = new Map<unknown, string>([
  [String, 'string'], [Number, 'number'], [Boolean, 'boolean'], [Date, 'date'],
  [Object, 'object'], [Array, 'array'], [Buffer, 'buffer'],
]);

/**
 * Turns one LoopBack 3 property declaration into a definition: a bare type
 * (`String`, `'string'`), an array type (`[String]`), an anonymous object
 * type (`{street: String}`) or a full definition (`{type: Number, id: true}`).
 */
export function normalizeProperty(name: string, decl: unknown): PropertyDefinition {
  if (decl == null) throw new InvalidModelDefinitionError(`Property ${name}: a type is required`, 'INVALID_PROPERTY');
  if (Array.isArray(decl)) return {type: 'array', itemType: itemTypeOf(decl[0])};
  if (typeof decl === 'function' || typeof decl === 'string') return {type: typeName(decl)};
  if (typeof decl === 'object') {
    const d = decl as AnyObject;
    if (!('type' in d)) return {type: 'object'};
    const out: PropertyDefinition = {...d, type: 'any'};
    if (Array.isArray(d.type)) {
      out.type = 'array';
      out.itemType = itemTypeOf(d.type[0]);
    } else if (d.type && typeof d.type === 'object') {
      out.type = 'object';
    } else {
      out.type = typeName(d.type);
    }
    return out;
  }
  throw new InvalidModelDefinitionError(`Property ${name}: invalid type ${String(decl)}`, 'INVALID_PROPERTY');
}


function typeName(t: unknown): string {
  if (typeof t === 'string') {
    const lower = t.toLowerCase();
    // LoopBack 3's `Text` and MongoDB's `ObjectID` hold strings.
    return lower === 'objectid' || lower === 'text' ? 'string' : lower;
  }
  if (TYPE_NAMES.has(t)) return TYPE_NAMES.get(t)!;
  if (typeof t === 'function' && (t as AnyObject).definition) return 'object';
  return 'any';
}

function itemTypeOf(t: unknown): string {
  if (t == null) return 'any';
  if (typeof t === 'object') return 'object';
  return typeName(t);
}
