import {Getter} from '../context/getter';

/** A target repository getter, or one getter per concrete type name (polymorphic targets). */
export type TargetGetters<R> = Getter<R> | {[typeName: string]: Getter<R>};

/** Normalizes a getter or a getter map into a map keyed by concrete type name. */
export function toGetterMap<R>(getters: TargetGetters<R>, defaultTypeName: string): {[typeName: string]: Getter<R>} {
  return typeof getters === 'function' ? {[defaultTypeName]: getters} : getters;
}
