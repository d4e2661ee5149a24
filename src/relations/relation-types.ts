import {TypeResolver} from '../model/type-resolver';

/** Relation types, with LoopBack's string values. */
export enum RelationType {
  belongsTo = 'belongsTo',
  hasOne = 'hasOne',
  hasMany = 'hasMany',
  embedsOne = 'embedsOne',
  embedsMany = 'embedsMany',
  referencesOne = 'referencesOne',
  referencesMany = 'referencesMany',
}

/** Discriminator settings of a polymorphic relation. */
export type PolymorphicOption = boolean | {discriminator: string};

/** What every relation definition carries. */
export interface RelationDefinitionBase {
  type: RelationType;
  targetsMany: boolean;
  name: string;
  /** The model declaring the relation (a class with a static `definition`). */
  source: any;
  /** Resolver of the target model class. */
  target: TypeResolver<any, any>;
  [key: string]: any;
}

export interface HasManyDefinition extends RelationDefinitionBase {
  type: RelationType.hasMany;
  targetsMany: true;
  /** Foreign key on the target model. */
  keyTo?: string;
  /** Key on the source model (its id by default). */
  keyFrom?: string;
  through?: {
    model: TypeResolver<any, any>;
    keyFrom?: string;
    keyTo?: string;
    polymorphic?: PolymorphicOption;
    /**
     * relata: a scope on the through (link) model. Its `where` applies to
     * every read through the relation (find, delete, patch, unlink,
     * unlinkAll, include); its equality values are written into every link
     * `create`/`link` make.
     */
    scope?: ThroughScope;
  };
}

/** The scope of a hasMany-through relation's link model: `{where: {status: 'active'}}`. */
export interface ThroughScope {
  where?: {[property: string]: any};
}

export interface BelongsToDefinition extends RelationDefinitionBase {
  type: RelationType.belongsTo;
  targetsMany: false;
  /** Foreign key on the source model. */
  keyFrom?: string;
  /** Key on the target model (its id by default). */
  keyTo?: string;
  polymorphic?: PolymorphicOption;
}

export interface HasOneDefinition extends RelationDefinitionBase {
  type: RelationType.hasOne;
  targetsMany: false;
  keyTo?: string;
  keyFrom?: string;
  polymorphic?: PolymorphicOption;
}

export interface ReferencesManyDefinition extends RelationDefinitionBase {
  type: RelationType.referencesMany;
  targetsMany: true;
  keyTo?: string;
  keyFrom?: string;
}

export type RelationMetadata =
  | HasManyDefinition
  | BelongsToDefinition
  | HasOneDefinition
  | ReferencesManyDefinition
  | RelationDefinitionBase;

/** Relation definitions of a model, keyed by relation name. */
export type RelationDefinitionMap = {[relationName: string]: RelationMetadata};
