import {AnyObject} from '../../common/types';
import type {PersistedModelClass} from '../persisted-model';

/** LoopBack 3 relation types. */
export type JugglerRelationType =
  | 'belongsTo' | 'hasOne' | 'hasMany' | 'hasAndBelongsToMany'
  | 'referencesMany' | 'embedsOne' | 'embedsMany';

/** The options LoopBack 3 accepts in `Model.<relationType>(target, params)` and JSON `relations`. */
export interface JugglerRelationParams {
  as?: string;
  model?: string | PersistedModelClass;
  foreignKey?: string;
  primaryKey?: string;
  through?: string | PersistedModelClass;
  keyThrough?: string;
  throughTable?: string;
  polymorphic?: boolean | string | AnyObject;
  property?: string;
  default?: unknown;
  options?: AnyObject;
  scope?: AnyObject | ((instance: AnyObject, filter: AnyObject) => AnyObject);
  properties?: AnyObject | string[] | ((instance: AnyObject, target?: AnyObject) => AnyObject);
  scopeMethods?: AnyObject | ((...args: unknown[]) => AnyObject);
  methods?: AnyObject;
  invert?: boolean;
  [key: string]: unknown;
}

/**
 * A resolved LoopBack 3 relation (`Model.relations[name]`), with the keys
 * juggler reports in `toJSON()`.
 */
export class JugglerRelationDefinition {
  name: string;
  type: JugglerRelationType;
  modelFrom: PersistedModelClass;
  keyFrom: string;
  modelTo: PersistedModelClass | undefined;
  keyTo: string;
  multiple: boolean;
  modelThrough?: PersistedModelClass;
  keyThrough?: string;
  polymorphic?: false | AnyObject;
  options: AnyObject;
  scope?: JugglerRelationParams['scope'];
  properties?: JugglerRelationParams['properties'];
  embed?: boolean;
  [key: string]: unknown;

  constructor(init: Partial<JugglerRelationDefinition> & {name: string; type: JugglerRelationType; modelFrom: PersistedModelClass}) {
    this.keyFrom = '';
    this.keyTo = '';
    this.multiple = false;
    this.options = {};
    Object.assign(this, init);
  }

  toJSON(): AnyObject {
    const json: AnyObject = {
      name: this.name,
      type: this.type,
      modelFrom: this.modelFrom.modelName,
      keyFrom: this.keyFrom,
      modelTo: this.modelTo?.modelName,
      keyTo: this.keyTo,
      multiple: this.multiple,
    };
    if (this.modelThrough) {
      json.modelThrough = this.modelThrough.modelName;
      json.keyThrough = this.keyThrough;
    }
    if (this.polymorphic) json.polymorphic = this.polymorphic;
    return json;
  }
}
