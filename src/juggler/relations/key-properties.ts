import {AnyObject} from '../../common/types';
import {PropertyDefinition} from '../../model/property-definition';
import {requireIdArgument} from '../argument-checks';
import {refreshConnectorDefinition} from '../model-registry';
import {PersistedModelClass} from '../persisted-model';
import type {JugglerRelationDefinition} from './relation-definition';
import {ForeignKeyOverrideError, UnsavedSourceError} from './relation-errors';
import {normalizeProperty} from '../property-shorthand';

/**
 * Relation keys (LoopBack 3 face): the key properties relations add to
 * models (foreign keys, discriminators, id lists), how keys compare, and
 * the checks of keys that relation methods receive or write.
 */

/**
 * Declares `name` on `model` unless it already has it, as LoopBack 3 adds a
 * relation's missing foreign key. The connector hears of it when the model
 * is already attached.
 */
export function ensureProperty(model: PersistedModelClass, name: string, definition: PropertyDefinition): void {
  if (Object.prototype.hasOwnProperty.call(model.definition.properties, name)) return;
  model.definition.addProperty(name, definition);
  refreshConnectorDefinition(model);
}

/** The property type of a key: the type of `model`'s property `key`, else `number` (LoopBack 3's generated ids). */
export function keyType(model: PersistedModelClass, key: string): PropertyDefinition['type'] {
  return model.definition.properties[key]?.type ?? 'number';
}

/** A type given as LoopBack 3 does (`String`, `'string'`, `Number`, …) as a relata property type. */
export function typeFromShorthand(type: unknown): PropertyDefinition['type'] {
  return normalizeProperty('idType', type).type;
}

/**
 * Key equality tolerant of `1` vs `'1'` (ids from a URL are strings, and
 * LoopBack 3 compares ids as strings); `null`/`undefined` equal nothing but
 * themselves.
 */
export function sameKey(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a == null || b == null) return false;
  return String(a) === String(b);
}

/**
 * A target given to a relation method (`findById`, `add`, `remove`, …):
 * an instance of the target model, or its id (see `requireIdArgument`);
 * returns the id.
 */
export function requireTargetReference(value: unknown, Target: PersistedModelClass, key: string, method: string): unknown {
  const id = value instanceof Target ? (value as AnyObject)[key] : value;
  requireIdArgument(id, method);
  return id;
}

/**
 * Refuses a write through a relation of an instance that has no key yet
 * (`UnsavedSourceError`, 400): its targets would point nowhere.
 */
export function requireSavedSource(instance: AnyObject, relation: JugglerRelationDefinition, method: string): void {
  if (instance[relation.keyFrom] != null) return;
  throw new UnsavedSourceError(`${relation.modelFrom.modelName}.${relation.name}.${method}`, relation.modelFrom.modelName,
    relation.keyFrom);
}

/**
 * LoopBack 3's guard on updates through a relation: the foreign key must
 * keep its value (`Cannot override foreign key <key> from <old> to <new>`, 400).
 */
export function preventForeignKeyOverride(target: AnyObject, data: unknown, key: string): void {
  if (!data || typeof data !== 'object' || (data as AnyObject)[key] === undefined) return;
  const value = (data as AnyObject)[key];
  if (!sameKey(value, target[key])) throw new ForeignKeyOverrideError(key, target[key], value);
}
