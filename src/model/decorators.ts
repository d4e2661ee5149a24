import 'reflect-metadata';
import {RelationDefinitionMap, RelationMetadata} from '../relations/relation-types';
import {MODEL_KEY, MODEL_PROPERTIES_KEY, RELATIONS_KEY} from './metadata-keys';
import {ModelDefinition, ModelDefinitionSyntax} from './model-definition';
import {PropertyDefinition, PropertyType} from './property-definition';
import {RelataError} from '../common/errors';

type Ctor = Function & {definition?: ModelDefinition; prototype: object};

/** Collects metadata maps stored on each prototype of the chain, base classes first. */
function collectInherited<T>(key: string, prototype: object): {[name: string]: T} {
  const chain: object[] = [];
  for (let p: object | null = prototype; p && p !== Object.prototype; p = Object.getPrototypeOf(p)) {
    chain.unshift(p);
  }
  const merged: {[name: string]: T} = {};
  for (const p of chain) {
    const own = Reflect.getOwnMetadata(key, p) as {[name: string]: T} | undefined;
    if (own) Object.assign(merged, own);
  }
  return merged;
}

function setOwnEntry(key: string, prototype: object, name: string, value: unknown): void {
  const own = {...(Reflect.getOwnMetadata(key, prototype) ?? {})};
  own[name] = value;
  Reflect.defineMetadata(key, own, prototype);
}

/** Builds a model definition from `@model`/`@property`/relation decorator metadata. */
export function buildModelDefinition(target: Ctor, input?: Partial<ModelDefinitionSyntax>): ModelDefinition {
  const def = new ModelDefinition({...input, name: input?.name ?? target.name, properties: undefined, relations: undefined});
  def.settings = {...(input?.settings ?? {})};
  const properties = collectInherited<PropertyDefinition>(MODEL_PROPERTIES_KEY, target.prototype);
  for (const name in properties) {
    const p = {...properties[name]};
    if (p.type === undefined) {
      const err = new RelataError(
        `The definition of model property ${def.name}.${name} is missing \`type\` field and ` +
          'TypeScript did not provide any design-time type. Learn more at ' +
          'https://loopback.io/doc/en/lb4/Error-codes.html#cannot_infer_property_type',
        'CANNOT_INFER_PROPERTY_TYPE');
      throw err;
    }
    if (p.hidden) {
      const hidden = (def.settings.hiddenProperties ??= []);
      if (!hidden.includes(name)) hidden.push(name);
    }
    def.addProperty(name, p);
  }
  if (input?.properties) {
    for (const name in input.properties) def.addProperty(name, input.properties[name]);
  }
  const relations = collectInherited<RelationMetadata>(RELATIONS_KEY, target.prototype);
  for (const key in relations) {
    const r = relations[key];
    def.relations[r.name] = r;
  }
  if (input?.relations) Object.assign(def.relations, input.relations);
  return def;
}

/**
 * Class decorator declaring a model. Settings go in `settings`:
 *
 * ```ts
 * @model({settings: {strict: false}})
 * class Note extends Entity { ... }
 * ```
 */
export function model(definition?: Partial<ModelDefinitionSyntax>): ClassDecorator {
  return (target: Function) => {
    Reflect.defineMetadata(MODEL_KEY, definition ?? {}, target);
    (target as Ctor).definition = buildModelDefinition(target as Ctor, definition);
  };
}

/**
 * Property decorator. The type is inferred from TypeScript's design metadata
 * when `type` is omitted.
 */
export function property(definition?: Partial<PropertyDefinition>): PropertyDecorator {
  return (target: object, key: string | symbol) => {
    const designType = Reflect.getMetadata('design:type', target, key);
    const def = {...definition} as PropertyDefinition;
    if (def.type === undefined && designType !== undefined) def.type = designType;
    setOwnEntry(MODEL_PROPERTIES_KEY, target, String(key), def);
  };
}

export namespace property {
  export const ERR_PROP_NOT_ARRAY = '@property.array can only decorate array properties!';

  /** Declares an array property with the given item type. */
  export function array(itemType: PropertyType, definition?: Partial<PropertyDefinition>): PropertyDecorator {
    return (target: object, key: string | symbol) => {
      const designType = Reflect.getMetadata('design:type', target, key);
      if (designType !== Array) throw new Error(ERR_PROP_NOT_ARRAY);
      property({...definition, type: Array, itemType})(target, key);
    };
  }
}

/** Records relation metadata for a decorated property. */
export function recordRelation(target: object, key: string, metadata: RelationMetadata): void {
  setOwnEntry(RELATIONS_KEY, target, key, metadata);
}

/** Relation definitions of a model class keyed by relation name (built from decorators when needed). */
export function getModelRelations(modelCtor: Function): RelationDefinitionMap {
  const ctor = modelCtor as Ctor;
  if (Object.prototype.hasOwnProperty.call(ctor, 'definition') && ctor.definition) {
    return ctor.definition.relations;
  }
  const relations = collectInherited<RelationMetadata>(RELATIONS_KEY, ctor.prototype);
  const byName: RelationDefinitionMap = {};
  for (const key in relations) byName[relations[key].name] = relations[key];
  return byName;
}
