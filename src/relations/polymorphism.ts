import {Getter} from '../context/getter';
import {camelCase} from '../model/naming';
import {TargetGetters} from './getter-map';
import {InvalidPolymorphismError} from './relation-errors';
import {PolymorphicOption} from './relation-types';

/** A normalized polymorphic setting: the name of the discriminator property. */
export interface PolymorphicDiscriminator {
  discriminator: string;
}

/**
 * Normalizes a relation's `polymorphic` setting as LoopBack 4 does:
 * falsy → `false`; `true` → `{discriminator: camelCase(targetModelName + '_type')}`
 * (`Deliverable` → `deliverableType`); an object → its discriminator.
 */
export function normalizePolymorphic(
  polymorphic: PolymorphicOption | undefined | null,
  targetModelName: string,
): false | PolymorphicDiscriminator {
  if (!polymorphic) return false;
  if (polymorphic === true) return {discriminator: camelCase(targetModelName + '_type')};
  if (typeof polymorphic === 'object' && typeof polymorphic.discriminator === 'string' && polymorphic.discriminator) {
    return {discriminator: polymorphic.discriminator};
  }
  // `{}` or `{discriminator: ''}`: LoopBack keeps the object; the default name is the only usable reading.
  return {discriminator: camelCase(targetModelName + '_type')};
}

/** A getter map keyed by concrete type name. */
export type GetterMap<R> = {[typeName: string]: Getter<R>};

/** True when `getters` is a map of concrete type name → getter rather than a single getter. */
export function isGetterMap<R>(getters: TargetGetters<R>): getters is GetterMap<R> {
  return typeof getters !== 'function' && getters !== null && typeof getters === 'object';
}

/**
 * The getter of the concrete type `typeName`. A name that is not a key of the
 * map (or not a string) fails with `InvalidPolymorphismError` naming it (and
 * the discriminator, when given).
 */
export function pickTargetGetter<R>(getters: GetterMap<R>, typeName: unknown, discriminator?: string): Getter<R> {
  if (typeof typeName === 'string' && Object.prototype.hasOwnProperty.call(getters, typeName)) {
    return getters[typeName];
  }
  throw new InvalidPolymorphismError(String(typeName), discriminator);
}

/**
 * The getters to use for an operation that may name its concrete types
 * (`polymorphicType` / `polymorphicTypes`, a string or a list): the named ones
 * in the given order (each must be a map key, else `InvalidPolymorphismError`),
 * or every entry of the map when none is named. Returned as `[typeName, getter]` pairs.
 */
export function selectTargetGetters<R>(
  getters: GetterMap<R>,
  typeNames?: string | string[] | null,
  discriminator?: string,
): [string, Getter<R>][] {
  if (typeNames == null || (Array.isArray(typeNames) && typeNames.length === 0)) {
    return Object.keys(getters).map(name => [name, getters[name]]);
  }
  const names = Array.isArray(typeNames) ? typeNames : [typeNames];
  const out: [string, Getter<R>][] = [];
  const seen = new Set<string>();
  for (const name of names) {
    if (seen.has(name)) continue;
    seen.add(name);
    out.push([name, pickTargetGetter(getters, name, discriminator)]);
  }
  return out;
}

/**
 * The map form of a target getter argument: a single getter becomes
 * `{[TargetClassName]: getter}` (LoopBack 4 keys it by class name).
 */
export function toTargetGetterMap<R>(getters: TargetGetters<R>, targetModel: {name: string}): GetterMap<R> {
  return isGetterMap(getters) ? getters : {[targetModel.name]: getters};
}

/**
 * The one getter of a non-polymorphic relation: the getter itself, or the
 * map entry of the target model (by class or model name, or the only
 * entry). A map without it fails with `InvalidPolymorphismError`, as in
 * LoopBack 4 — here when the relation is set up, not at its first use.
 */
export function singleTargetGetter<R>(
  getters: TargetGetters<R>, targetModel: {name: string; modelName?: string},
): Getter<R> {
  if (!isGetterMap(getters)) return getters;
  const own = (k: string | undefined) => k !== undefined && Object.prototype.hasOwnProperty.call(getters, k);
  if (own(targetModel.name)) return getters[targetModel.name];
  if (own(targetModel.modelName)) return getters[targetModel.modelName!];
  const keys = Object.keys(getters);
  if (keys.length === 1) return getters[keys[0]];
  throw new InvalidPolymorphismError(targetModel.name);
}
