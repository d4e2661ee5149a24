import {AnyObject} from '../../common/types';
import {Getter} from '../../context/getter';
import {Entity} from '../../model/model';

/** Where an inclusion resolver keeps what an include planner needs to know about it. */
export const INCLUDE_PLAN_METADATA = Symbol.for('relata.includePlanMetadata');

/**
 * The join an inclusion resolver performs, so an include tree can be handed
 * to a connector in one piece instead of calling the resolver: target rows
 * whose `childKey` equals the source's `parentKey`.
 */
export interface IncludePlanMetadata {
  /** The relation name (the property that receives the targets). */
  relation: string;
  /** Property of the source read for the join (hasMany/hasOne: `keyFrom`; belongsTo: the foreign key). */
  parentKey: string;
  /** Property of the target matched (hasMany/hasOne: the foreign key; belongsTo: `keyTo`). */
  childKey: string;
  /** An array of targets (hasMany) or the first target by order (hasOne, belongsTo). */
  many: boolean;
  /** The target model class. */
  targetModel: typeof Entity;
  /** Resolves the target repository. */
  getTargetRepository: Getter<unknown>;
  /**
   * hasMany-through: the join goes through a link model (`parentKey`
   * matched by `through.parentKey`, `childKey` by `through.childKey`).
   */
  through?: IncludePlanThrough;
  /** referencesMany: the source's `parentKey` holds an array of target keys (see `IncludeTreeRelation.parentKeyList`). */
  parentKeyList?: boolean;
  /** A where every target must match besides the join (polymorphic hasMany: the target's discriminator). */
  targetWhere?: AnyObject;
  /**
   * Polymorphic to-one relations (belongsTo, hasOne): the source's
   * `discriminator` names the concrete target type, one repository per
   * type; `targetModel`/`getTargetRepository` are not used then.
   */
  polymorphic?: IncludePlanPolymorphism;
}

/** The concrete types of a polymorphic to-one relation, selected by a property of the source. */
export interface IncludePlanPolymorphism {
  /** Property of the source naming the concrete type. */
  discriminator: string;
  /** Resolves the repository of each concrete type, by type name. */
  getters: {[type: string]: Getter<unknown>};
  /** A source with a key but no type: `skip` (no target, hasOne) or `error` (belongsTo). */
  missing: 'skip' | 'error';
}

/** The link model of a planned hasMany-through join. */
export interface IncludePlanThrough {
  /** Property of the link model holding the source key (`through.keyFrom`). */
  parentKey: string;
  /** Property of the link model holding the target key (`through.keyTo`). */
  childKey: string;
  /** Resolves the link model's repository. */
  getRepository: Getter<unknown>;
  /** The relation's through scope (normalized where on the link model), if any. */
  where?: AnyObject;
  /** Polymorphic targets: the link's discriminator names each target's concrete type, one repository per type. */
  polymorphic?: {discriminator: string; getters: {[type: string]: Getter<unknown>}};
}

/** A function carrying plan metadata. */
interface WithPlanMetadata {
  [INCLUDE_PLAN_METADATA]?: IncludePlanMetadata;
}

/**
 * Attaches plan metadata to an inclusion resolver built by relata's
 * factories and returns the resolver. Resolvers without it (user-written)
 * are always run as they are.
 *
 * @example
 * const resolver = withIncludePlanMetadata(createResolver(...), {relation: 'orders', parentKey: 'id', ...});
 */
export function withIncludePlanMetadata<R extends object>(resolver: R, metadata: IncludePlanMetadata): R {
  Object.defineProperty(resolver, INCLUDE_PLAN_METADATA, {value: metadata, enumerable: false});
  return resolver;
}

/** The plan metadata of an inclusion resolver, if it has any. */
export function includePlanMetadataOf(resolver: unknown): IncludePlanMetadata | undefined {
  if (typeof resolver !== 'function' && (resolver === null || typeof resolver !== 'object')) return undefined;
  return (resolver as WithPlanMetadata)[INCLUDE_PLAN_METADATA];
}
