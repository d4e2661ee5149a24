import {AnyObject} from '../../common/types';
import type {RelationOptions} from '../relations/relation-definition';

/**
 * One entry of a LoopBack 3 model definition's `relations`
 * (`common/models/<model>.json`); the key is the relation name.
 */
export interface RelationDefinitionJSON extends RelationOptions {
  /** `belongsTo`, `hasOne`, `hasMany`, `hasAndBelongsToMany`, `referencesMany`, `embedsOne`, `embedsMany` (any letter case). */
  type: string;
  /** Target model name; defaults to the relation name; forbidden for a polymorphic belongsTo. */
  model?: string;
  /** Through model name: makes a hasMany a hasManyThrough. */
  through?: string;
  [key: string]: unknown;
}

/**
 * A LoopBack 3 model definition (the content of `common/models/<model>.json`).
 * Keys relata does not act on (`acls`, `methods`, `mixins`, `validations`,
 * `http`, `remoting`, …) are kept in the model settings.
 */
export interface ModelDefinitionJSON {
  name: string;
  /** `PersistedModel`, `Model`, `User`, … or another model's name. */
  base?: string;
  plural?: string;
  description?: string | string[];
  /** `{name: 'string'}` shorthands or full property definitions. */
  properties?: {[name: string]: unknown};
  relations?: {[name: string]: RelationDefinitionJSON};
  /** Named scopes: `Model.<name>()`. */
  scopes?: {[name: string]: AnyObject};
  /** The default scope. */
  scope?: AnyObject;
  /** Merged into the settings (top-level keys win, as in LoopBack 3). */
  options?: AnyObject;
  hidden?: string[];
  strict?: boolean | string;
  idInjection?: boolean;
  forceId?: boolean;
  validations?: unknown[];
  acls?: unknown[];
  methods?: AnyObject;
  mixins?: AnyObject;
  [key: string]: unknown;
}
