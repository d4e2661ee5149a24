import {AnyObject} from '../common/types';
import {RelationDefinitionMap, RelationMetadata, RelationType} from '../relations/relation-types';
import {PropertyDefinition, PropertyType} from './property-definition';

/** Model settings (LoopBack 4's `ModelSettings`). */
export interface ModelSettings {
  /** `true` (default for repositories): unknown properties are rejected; `false`: kept; `'filter'`: dropped. */
  strict?: boolean | 'filter';
  hiddenProperties?: string[];
  /** LoopBack 3 alias of `hiddenProperties`. */
  hidden?: string[];
  /** Overrides id detection: a property name or a list of names. */
  id?: string | string[];
  description?: string;
  [key: string]: any;
}

/** The object form accepted by `new ModelDefinition(...)` and `@model(...)`. */
export interface ModelDefinitionSyntax {
  name: string;
  properties?: {[name: string]: PropertyDefinition | PropertyType};
  settings?: ModelSettings;
  relations?: RelationDefinitionMap;
  jsonSchema?: AnyObject;
  [key: string]: any;
}

/**
 * A model's definition: name, properties, settings and relations. Usable
 * without decorators:
 *
 * ```ts
 * const def = new ModelDefinition('Customer')
 *   .addProperty('id', {type: 'number', id: true})
 *   .addProperty('name', 'string');
 * ```
 */
export class ModelDefinition {
  readonly name: string;
  properties: {[name: string]: PropertyDefinition};
  settings: ModelSettings;
  relations: RelationDefinitionMap;
  [key: string]: any;

  constructor(nameOrDef: string | ModelDefinitionSyntax) {
    const def: ModelDefinitionSyntax =
      typeof nameOrDef === 'string' ? {name: nameOrDef} : nameOrDef;
    const {name, properties, settings, relations, ...rest} = def;
    Object.assign(this, rest);
    this.name = name;
    this.properties = {};
    if (properties) {
      for (const p in properties) this.addProperty(p, properties[p]);
    }
    this.settings = settings ?? {};
    this.relations = relations ?? {};
  }

  /** Adds a property from a definition object or a bare type. */
  addProperty(name: string, definitionOrType: PropertyDefinition | PropertyType): this {
    const def: PropertyDefinition =
      definitionOrType && (definitionOrType as PropertyDefinition).type
        ? (definitionOrType as PropertyDefinition)
        : {type: definitionOrType as PropertyType};
    if (def.id === true && def.generated === true && def.type !== undefined &&
        def.useDefaultIdType === undefined) {
      def.useDefaultIdType = false;
    }
    this.properties[name] = def;
    return this;
  }

  addSetting(name: string, value: unknown): this {
    this.settings[name] = value;
    return this;
  }

  addRelation(definition: RelationMetadata): this {
    this.relations[definition.name] = definition;
    return this;
  }

  belongsTo(name: string, definition: Omit<RelationMetadata, 'name' | 'type' | 'targetsMany'>): this {
    return this.addRelation({...definition, name, type: RelationType.belongsTo, targetsMany: false} as RelationMetadata);
  }

  hasOne(name: string, definition: Omit<RelationMetadata, 'name' | 'type' | 'targetsMany'>): this {
    return this.addRelation({...definition, name, type: RelationType.hasOne, targetsMany: false} as RelationMetadata);
  }

  hasMany(name: string, definition: Omit<RelationMetadata, 'name' | 'type' | 'targetsMany'>): this {
    return this.addRelation({...definition, name, type: RelationType.hasMany, targetsMany: true} as RelationMetadata);
  }

  referencesMany(name: string, definition: Omit<RelationMetadata, 'name' | 'type' | 'targetsMany'>): this {
    return this.addRelation({...definition, name, type: RelationType.referencesMany, targetsMany: true} as RelationMetadata);
  }

  /** Names of the id properties: `settings.id` when given, else properties marked `id`. */
  idProperties(): string[] {
    const id = this.settings.id;
    if (typeof id === 'string') return [id];
    if (Array.isArray(id)) return id;
    return Object.keys(this.properties).filter(p => this.properties[p].id);
  }

  /** Hidden property names (`hiddenProperties` and the LoopBack 3 alias `hidden`). */
  hiddenProperties(): string[] {
    const {hiddenProperties, hidden} = this.settings;
    if (!hidden) return hiddenProperties ?? [];
    if (!hiddenProperties) return hidden;
    return [...hiddenProperties, ...hidden];
  }
}
