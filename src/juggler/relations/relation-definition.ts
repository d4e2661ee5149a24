import {AnyObject} from '../../common/types';
import type {PersistedModelClass} from '../persisted-model';
import {applyRelationProperties, applyRelationScope} from './relation-options';

/** LoopBack 3 relation types. */
export type JugglerRelationType =
  | 'belongsTo' | 'hasOne' | 'hasMany' | 'hasAndBelongsToMany'
  | 'referencesMany' | 'embedsOne' | 'embedsMany';

/** Every LoopBack 3 relation type. */
export const RELATION_TYPES: readonly JugglerRelationType[] = [
  'belongsTo', 'hasOne', 'hasMany', 'hasAndBelongsToMany', 'referencesMany', 'embedsOne', 'embedsMany',
];

/** Relation types whose target name LoopBack 3 also tries in the singular (`orders` → `Order`). */
export const PLURAL_RELATION_TYPES: ReadonlySet<JugglerRelationType> =
  new Set(['hasMany', 'hasAndBelongsToMany', 'referencesMany', 'embedsMany']);

/**
 * The relation options shared by `Model.<relationType>(target, params)` and
 * JSON `relations` entries (which name models by string only).
 */
export interface RelationOptions {
  /** The foreign key (`""`, as `lb relation` writes it, means the default). */
  foreignKey?: string;
  primaryKey?: string;
  /** hasMany through: the through model's key to the target. */
  keyThrough?: string;
  /** hasAndBelongsToMany: the name of the through model made when none is given. */
  throughTable?: string;
  polymorphic?: boolean | string | AnyObject;
  /** embedsOne/embedsMany: the storage property. */
  property?: string;
  /** embedsOne: `true` or data embeds an instance by default. */
  default?: unknown;
  options?: AnyObject;
  scope?: AnyObject | ((instance: AnyObject, filter: AnyObject) => AnyObject);
  properties?: AnyObject | string[] | ((instance: AnyObject, target?: AnyObject) => AnyObject);
  scopeMethods?: AnyObject | ((...args: unknown[]) => AnyObject);
  methods?: AnyObject;
  invert?: boolean;
}

/** The options LoopBack 3 accepts in `Model.<relationType>(target, params)`. */
export interface JugglerRelationParams extends RelationOptions {
  /** The relation name. */
  as?: string;
  /** The target model (a class or a name); required where the first argument is the relation name. */
  model?: string | PersistedModelClass;
  /** hasMany through / hasAndBelongsToMany: the through model. */
  through?: string | PersistedModelClass;
  [key: string]: unknown;
}

/**
 * The normalized `polymorphic` setting of a LoopBack 3 relation, as
 * juggler reports it: the selector (the polymorphic belongsTo's name), the
 * foreign key and the discriminator (`imageableId`, `imageableType`).
 */
export interface JugglerPolymorphic {
  selector: string;
  foreignKey: string;
  discriminator: string;
  idType?: unknown;
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
  /** The normalized polymorphic setting (a {@link JugglerPolymorphic} for the types this face defines). */
  polymorphic?: false | AnyObject;
  options: AnyObject;
  scope?: JugglerRelationParams['scope'];
  properties?: JugglerRelationParams['properties'];
  /**
   * Custom methods of the relation accessor by name (`scopeMethods`,
   * `methods` and `defineMethod`), each with the remoting metadata it was
   * given (`shared`, `accepts`, `returns`, `http`) for the REST layer.
   */
  methods: {[name: string]: Function};
  /** The relation's `scopeMethods` option as given (an object or a function). */
  scopeMethods?: JugglerRelationParams['scopeMethods'];
  embed?: boolean;
  [key: string]: unknown;

  constructor(init: Partial<JugglerRelationDefinition> & {name: string; type: JugglerRelationType; modelFrom: PersistedModelClass}) {
    this.keyFrom = '';
    this.keyTo = '';
    this.multiple = false;
    this.options = {};
    this.methods = {};
    Object.assign(this, init);
    this.options ??= {};
    this.methods ??= {};
  }

  /**
   * Adds a method to the relation accessor of every instance
   * (`order.customer.<name>(…)`), run with `this` = the accessor. A
   * function marked `shared` is also exposed as the prototype method
   * `__<name>__<relation>` for the REST layer (LoopBack 3 `defineMethod`).
   */
  defineMethod(name: string, fn: Function): Function {
    this.methods[name] = fn;
    if ((fn as AnyObject).shared) {
      const relationName = this.name;
      Object.defineProperty(this.modelFrom.prototype, `__${name}__${relationName}`, {
        configurable: true, enumerable: false, writable: true,
        value: function (this: AnyObject, ...args: unknown[]) {
          return this[relationName][name](...args);
        },
      });
    }
    return fn;
  }

  /** The caller's filter with this relation's scope merged in for `instance` (LoopBack 3 `applyScope`). */
  applyScope(instance: AnyObject | null, filter?: AnyObject): AnyObject {
    return applyRelationScope(this, instance, filter) ?? {};
  }

  /** Copies this relation's `properties` from `instance` onto `target` (LoopBack 3 `applyProperties`). */
  applyProperties(instance: AnyObject, target: AnyObject): void {
    applyRelationProperties(this, instance, target);
  }

  toJSON(): AnyObject {
    const polymorphic = this.polymorphic && typeof this.polymorphic === 'object' ? this.polymorphic : undefined;
    const json: AnyObject = {
      name: this.name,
      type: this.type,
      modelFrom: this.modelFrom.modelName,
      keyFrom: this.keyFrom,
      // LoopBack 3 names the unknown target of a polymorphic belongsTo this way.
      modelTo: this.modelTo?.modelName ?? (polymorphic && this.type === 'belongsTo' ? '<polymorphic>' : undefined),
      keyTo: this.keyTo,
      multiple: this.multiple,
    };
    if (this.modelThrough) {
      json.modelThrough = this.modelThrough.modelName;
      json.keyThrough = this.keyThrough;
    }
    if (polymorphic) json.polymorphic = polymorphic;
    return json;
  }
}
