import {ModelDefinition} from '../model/model-definition';
import {kindOfType, PropertyKind} from '../model/property-definition';

/** What the filter needs to know about a property named in a clause. */
export interface ResolvedProperty {
  /** The model declares the property (or the head of a dotted path). */
  declared: boolean;
  /** The kind values are coerced to; `'any'` means "leave values alone". */
  kind: PropertyKind;
  /** For array properties: the kind of the items (`'any'` when unknown). */
  itemKind: PropertyKind;
}

const UNDECLARED: ResolvedProperty = {declared: false, kind: 'any', itemKind: 'any'};
const NESTED_PATH: ResolvedProperty = {declared: true, kind: 'any', itemKind: 'any'};
const NESTED_KINDS = new Set<PropertyKind>(['object', 'array', 'any']);

/**
 * True when the model rejects properties it does not declare: a definition
 * is given and `settings.strict` is not `false` (LoopBack 4's default).
 */
export function isStrictModel(definition: ModelDefinition | undefined): definition is ModelDefinition {
  return definition !== undefined && definition.settings?.strict !== false;
}

/**
 * Resolves `name` against the model. A dotted name (`address.city`) resolves
 * when its first segment is an object/array/any property (values then pass
 * unchanged). Returns undefined when the model does not know the name;
 * without a definition every name passes unchanged.
 */
export function resolveProperty(
  definition: ModelDefinition | undefined, name: string,
): ResolvedProperty | undefined {
  const props = definition?.properties;
  if (!props) return UNDECLARED;
  const def = Object.prototype.hasOwnProperty.call(props, name) ? props[name] : undefined;
  if (def) {
    const kind = kindOfType(def.type);
    if (kind !== 'array') return {declared: true, kind, itemKind: 'any'};
    const itemType = Array.isArray(def.type) ? def.type[0] : def.itemType;
    return {declared: true, kind, itemKind: itemType === undefined ? 'any' : kindOfType(itemType)};
  }
  const dot = name.indexOf('.');
  if (dot > 0) {
    const head = name.slice(0, dot);
    const headDef = Object.prototype.hasOwnProperty.call(props, head) ? props[head] : undefined;
    if (headDef && NESTED_KINDS.has(kindOfType(headDef.type))) return NESTED_PATH;
  }
  return isStrictModel(definition) ? undefined : UNDECLARED;
}
