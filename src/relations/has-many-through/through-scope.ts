import {AnyObject} from '../../common/types';
import {describeValue} from '../../filter/describe-value';
import {checkThroughScope} from '../../filter/normalize-include';
import {normalizeWhere} from '../../filter/normalize-where';
import {isPlainObject} from '../../filter/plain-object';
import {Entity} from '../../model/model';
import {imposeWhere} from '../constraint-utils';
import {InvalidRelationError} from '../relation-errors';
import {HasManyDefinition} from '../relation-types';

/** The through scope of a relation once resolved: its where (normalized) and the values links are written with. */
export interface ResolvedThroughScope {
  /** `through.scope.where`, normalized against the through model; undefined when there is none. */
  where: AnyObject | undefined;
  /** The scope's equality values (`{status: 'active'}`), written into every link the relation creates. */
  defaults: AnyObject;
}

/**
 * Resolves `through.scope` of a hasMany-through definition: an object with
 * only a `where` on the through model. Anything else — another shape, an
 * unknown key, an invalid where or a property the through model does not
 * declare (strict models) — fails with `InvalidRelationError` naming the
 * model and the relation.
 *
 * ```ts
 * @hasMany(() => Patient, {through: {model: () => Appointment, scope: {where: {status: 'active'}}}})
 * // → where {status: 'active'}, defaults {status: 'active'}
 * ```
 */
export function resolveThroughScope(def: HasManyDefinition, throughModel: typeof Entity): ResolvedThroughScope {
  const scope = def.through?.scope as unknown;
  if (scope === undefined || scope === null) return {where: undefined, defaults: {}};
  if (!isPlainObject(scope)) {
    throw new InvalidRelationError(`through.scope must be an object with a where, got ${describeValue(scope)}`, def);
  }
  for (const key of Object.keys(scope)) {
    if (key !== 'where') {
      throw new InvalidRelationError(`through.scope has an unknown key "${key}" (allowed: where)`, def);
    }
  }
  let where: AnyObject | undefined;
  try {
    where = normalizeWhere(scope.where, throughModel.definition);
  } catch (err) {
    throw new InvalidRelationError(
      `through.scope.where is invalid for through model ${throughModel.name}: ${(err as Error).message}`, def);
  }
  if (where && Object.keys(where).length === 0) where = undefined;
  return {where, defaults: where ? scopeDefaults(where, throughModel) : {}};
}

/**
 * The fixed values a where pins (LoopBack 3 copies them into data created
 * through a scope): top-level `{property: value}` pairs whose value is not a
 * clause, and those of every `and` member. Operators, `or`, `null` and
 * arrays pin nothing.
 */
export function scopeDefaults(where: AnyObject, model: typeof Entity): AnyObject {
  const out: AnyObject = {};
  const visit = (w: AnyObject): void => {
    for (const key of Object.keys(w)) {
      const value = w[key];
      if (key === 'and') {
        if (Array.isArray(value)) for (const member of value) if (isPlainObject(member)) visit(member);
        continue;
      }
      if (!Object.prototype.hasOwnProperty.call(model.definition.properties, key)) continue;
      if (value === null || value === undefined || Array.isArray(value) || isPlainObject(value)) continue;
      if (typeof value === 'object' && !(value instanceof Date)) continue;
      out[key] = value;
    }
  };
  visit(where);
  return out;
}

/** The parts ANDed, left to right (undefined and empty parts skipped); undefined when none is left. */
export function andWhere(...parts: (AnyObject | undefined)[]): AnyObject | undefined {
  let out: AnyObject | undefined;
  for (const part of parts) {
    if (!part || Object.keys(part).length === 0) continue;
    out = out === undefined ? part : imposeWhere(out, part);
  }
  return out;
}

/**
 * The where of an include entry's `throughScope` (`{relation, scope,
 * throughScope: {where}}`), its shape checked (`INVALID_INCLUSION_FILTER`,
 * 400, naming the relation); undefined when there is none.
 */
export function throughScopeWhere(throughScope: unknown, relation: string): AnyObject | undefined {
  if (throughScope === undefined || throughScope === null) return undefined;
  checkThroughScope(throughScope, relation);
  const where = (throughScope as AnyObject).where;
  return where === undefined || where === null ? undefined : where;
}

/** Where resolvers that understand an inclusion's `throughScope` are marked. */
const ACCEPTS_THROUGH_SCOPE = Symbol.for('relata.acceptsThroughScope');

/** Marks an inclusion resolver as one that applies `throughScope` (hasMany-through resolvers). */
export function markAcceptsThroughScope<R extends object>(resolver: R): R {
  Object.defineProperty(resolver, ACCEPTS_THROUGH_SCOPE, {value: true, enumerable: false});
  return resolver;
}

/** True for inclusion resolvers that apply an inclusion's `throughScope`. */
export function acceptsThroughScope(resolver: unknown): boolean {
  if (typeof resolver !== 'function') return false;
  return (resolver as unknown as {[ACCEPTS_THROUGH_SCOPE]?: boolean})[ACCEPTS_THROUGH_SCOPE] === true;
}
