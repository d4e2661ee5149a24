import {AnyObject} from '../../common/types';
import {PropertyDefinition} from '../../model/property-definition';
import {camelize} from '../naming';
import {PersistedModelClass} from '../persisted-model';
import {normalizeProperty} from '../property-shorthand';
import {JugglerPolymorphic, JugglerRelationDefinition, JugglerRelationParams} from './relation-definition';
import {ForeignKeyOverrideError} from './relation-errors';
import {
  applyRelationProperties, nameAccessor, resolveRelationScope, scopeWhereValues,
} from './relation-options';

/**
 * Shared steps of the belongsTo, hasOne and hasMany definers and their
 * accessors (LoopBack 3 face).
 */

/**
 * Declares `name` on `model` unless it already has it. The connector is told
 * again so that a store which maps columns (SQL) sees the new property.
 */
export function ensureProperty(model: PersistedModelClass, name: string, definition: PropertyDefinition): void {
  if (Object.prototype.hasOwnProperty.call(model.definition.properties, name)) return;
  model.definition.addProperty(name, definition);
  const connector = model.dataSource?.connector as {define?: (d: unknown) => void} | undefined;
  if (model.dataSource && typeof connector?.define === 'function') connector.define(model.definition);
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
 * LoopBack 3's normalized `polymorphic` setting: a string names the
 * selector (the polymorphic belongsTo's name); `true` uses the relation
 * name; an object may give `selector` (or the deprecated `as`),
 * `foreignKey`, `discriminator`, `idType`. Keys default to
 * `<selector>Id` / `<selector>Type`.
 */
export function normalizePolymorphic(polymorphic: unknown, relationName: string | undefined): JugglerPolymorphic {
  const given: AnyObject = polymorphic && typeof polymorphic === 'object' ? {...polymorphic as AnyObject} : {};
  let selector: string | undefined;
  if (typeof polymorphic === 'string') selector = polymorphic;
  else if (polymorphic === true) selector = relationName;
  else selector = given.selector ?? given.as;
  selector = selector || relationName || 'reference';
  delete given.as;
  return {
    ...given,
    selector,
    foreignKey: given.foreignKey || camelize(selector + '_id'),
    discriminator: given.discriminator || camelize(selector + '_type'),
  };
}

/** The model named `name` (case-insensitive) among the models of `source`'s builder and data source. */
export function lookupModel(source: PersistedModelClass, name: string): PersistedModelClass | undefined {
  return source.modelBuilder?.getModel(name) ?? source.dataSource?.getModel(name) ??
    source.dataSource?.modelBuilder?.getModel(name);
}

/**
 * Records the relation's custom methods (`methods`, and `scopeMethods`) on
 * the definition, where accessors pick them up and the REST layer finds
 * them with their remoting metadata; shared ones also get their
 * `__<method>__<relation>` prototype helper.
 *
 * `scopeMethods` given as a function is called once, as LoopBack 3 calls
 * it: with `this` = the relation and a table of the relation's methods, to
 * which it adds its own; it returns their names (or a table of methods).
 */
export function registerCustomMethods(relation: JugglerRelationDefinition, params: JugglerRelationParams): void {
  relation.scopeMethods = params.scopeMethods;
  const tables: unknown[] = [params.methods];
  if (typeof params.scopeMethods === 'function') tables.push(scopeMethodsFromFunction(relation, params.scopeMethods));
  else tables.push(params.scopeMethods);
  for (const table of tables) {
    if (!table || typeof table !== 'object') continue;
    for (const [name, fn] of Object.entries(table)) {
      if (typeof fn === 'function') relation.defineMethod(name, fn);
    }
  }
}

/** The built-in accessor methods LoopBack 3 hands a `scopeMethods` function (they run on the accessor). */
const BUILT_IN_SCOPE_METHODS = ['findById', 'destroy', 'updateById', 'exists', 'create', 'build'];

function scopeMethodsFromFunction(relation: JugglerRelationDefinition, fn: Function): AnyObject {
  const table: AnyObject = {};
  for (const name of BUILT_IN_SCOPE_METHODS) {
    table[name] = function (this: AnyObject, ...args: unknown[]) {
      return this[name](...args);
    };
  }
  const builtIns = {...table};
  const result = fn.call(relation, table);
  if (Array.isArray(result)) {
    return Object.fromEntries(result.filter(n => typeof n === 'string' && typeof table[n] === 'function')
      .map(n => [n, table[n]]));
  }
  if (result && typeof result === 'object') return result as AnyObject;
  return Object.fromEntries(Object.entries(table).filter(([n, f]) => builtIns[n] !== f));
}

/**
 * Finishes an accessor function: named after the relation (custom methods
 * read `this.name`), with LoopBack 3's `_targetClass`, and the
 * `definition` and `modelInstance` a relation object has.
 */
export function finishAccessor(accessor: AnyObject, relation: JugglerRelationDefinition, instance: AnyObject): void {
  nameAccessor(accessor as Function, relation.name);
  const define = (key: string, value: unknown) =>
    Object.defineProperty(accessor, key, {value, enumerable: false, configurable: true, writable: true});
  if (relation.modelTo) define('_targetClass', relation.modelTo.modelName);
  define('definition', relation);
  define('modelInstance', instance);
}

/**
 * Target data for `build`/`create` through a relation, in LoopBack 3's
 * order: the caller's data, the simple values of the relation scope's
 * where, the keys (`constraint`: foreign key, discriminator), then the
 * relation's `properties`.
 */
export function relationPayload(
  relation: JugglerRelationDefinition, instance: AnyObject, data: unknown, constraint: AnyObject,
): AnyObject {
  const payload: AnyObject = {...toPlainData(data)};
  const scope = resolveRelationScope(relation, instance, {});
  if (scope?.where && relation.modelTo) {
    Object.assign(payload, scopeWhereValues(scope.where, relation.modelTo.definition.properties));
  }
  Object.assign(payload, constraint);
  applyRelationProperties(relation, instance, payload);
  return payload;
}

/** Model instances and plain objects both pass as data. */
export function toPlainData(data: unknown): AnyObject {
  if (data && typeof data === 'object' && typeof (data as AnyObject).toObject === 'function') {
    return (data as AnyObject).toObject(true);
  }
  return data && typeof data === 'object' ? data as AnyObject : {};
}

/** LoopBack 3's guard on updates through a relation: the foreign key must keep its value. */
export function preventForeignKeyOverride(target: AnyObject, data: AnyObject | undefined, key: string): void {
  if (!data || data[key] === undefined) return;
  if (!sameKey(data[key], target[key])) throw new ForeignKeyOverrideError(key, target[key], data[key]);
}

/** Key equality tolerant of `1` vs `'1'` (ids from the URL are strings). */
export function sameKey(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a == null || b == null) return false;
  return String(a) === String(b);
}

/**
 * Splits `(filterOrRefresh?, options?, cb?)` as LoopBack 3's relation
 * getters read it: a boolean refresh flag or a filter object, then options,
 * then a callback (a function in any position ends the list).
 */
export function splitGetterArgs(args: unknown[]): {
  refresh: boolean; filter?: AnyObject; options?: AnyObject; cb?: (err: unknown, result?: unknown) => void;
} {
  const values: unknown[] = [];
  let cb: ((err: unknown, result?: unknown) => void) | undefined;
  for (const a of args) {
    if (typeof a === 'function') {
      cb = a as typeof cb;
      break;
    }
    values.push(a);
  }
  const [first, options] = values;
  const filter = first !== null && typeof first === 'object' ? first as AnyObject : undefined;
  return {refresh: first === true || filter !== undefined, filter, options: options as AnyObject | undefined, cb};
}
