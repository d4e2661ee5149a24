import {AnyObject} from '../../common/types';
import {kindOfType, PropertyDefinition} from '../../model/property-definition';
import {refreshConnectorDefinition} from '../model-registry';
import {instanceData, PersistedModel, PersistedModelClass} from '../persisted-model';
import {adoptEmbeddedItem} from './embed-item-owner';
import type {JugglerRelationDefinition} from './relation-definition';

const VALUES = Symbol('relata.embeddedValues');

/** What an embed relation's storage property holds, per owner instance. */
function valuesOf(owner: object): Map<string, unknown> {
  const self = owner as {[VALUES]?: Map<string, unknown>};
  let values = self[VALUES];
  if (!values) {
    values = new Map();
    Object.defineProperty(owner, VALUES, {value: values, enumerable: false});
  }
  return values;
}

/**
 * Declares the storage property of an embedsOne/embedsMany relation on the
 * owner model (typed with the embedded model, so SQL stores it in a JSON
 * column) and makes it hold instances of the embedded model: whatever is
 * assigned (rows read back, data given to `create`, `owner.address = {...}`)
 * is turned into instances on the way in, so `person.address` is an
 * `Address` as in LoopBack 3, joined to its owner (see `adoptEmbeddedItem`).
 *
 * The stored value serializes as plain data when a connector stringifies it
 * (`JSON.stringify(value)`), never with the embedded instances' related data;
 * inside the owner's `toJSON()` it keeps the instances' own JSON form.
 */
export function installEmbedStorage(relation: JugglerRelationDefinition, definition: Partial<PropertyDefinition>): void {
  const source = relation.modelFrom;
  const Target = relation.modelTo!;
  const property = relation.keyFrom;
  const declared = source.definition.properties[property];
  source.definition.addProperty(property, {...declared, ...definition} as PropertyDefinition);
  refreshConnectorDefinition(source);
  Object.defineProperty(source.prototype, property, {
    configurable: true,
    enumerable: false,
    get(this: PersistedModel) {
      return valuesOf(this).get(property);
    },
    set(this: PersistedModel, value: unknown) {
      const stored = relation.multiple ? toEmbeddedList(Target, value) : toEmbeddedItem(Target, value);
      valuesOf(this).set(property, stored);
      if (Array.isArray(stored)) {
        for (const item of stored) if (item instanceof Target) adoptEmbeddedItem(relation, this, item);
      } else if (stored instanceof Target) {
        adoptEmbeddedItem(relation, this, stored);
      }
    },
  });
}

/** An embedded model instance for `value` (kept when it already is one); null/undefined and non-objects as they are. */
function toEmbeddedItem(Target: PersistedModelClass, value: unknown): unknown {
  if (value instanceof Target) return withStoredJSON(value);
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return value;
  const data = value instanceof PersistedModel ? instanceData(value) : value as AnyObject;
  return withStoredJSON(new Target(reviveDates(Target, data)));
}

/** A list of embedded instances for `value` (the same array when every entry already is one). */
function toEmbeddedList(Target: PersistedModelClass, value: unknown): unknown {
  if (!Array.isArray(value)) return value;
  const list = value.every(v => v instanceof Target)
    ? value
    : value.map(v => (v !== null && typeof v === 'object' && !Array.isArray(v) ? toItem(Target, v) : v));
  Object.defineProperty(list, 'toJSON', {
    configurable: true, enumerable: false, writable: true,
    value(this: unknown[], key?: string) {
      // JSON.stringify(list) (a connector storing the column) passes '': the stored form.
      return key === '' ? this.map(storedData) : this.map(apiJSON);
    },
  });
  return list;
}

function toItem(Target: PersistedModelClass, value: object): PersistedModel {
  if (value instanceof Target) return value;
  const data = value instanceof PersistedModel ? instanceData(value) : value as AnyObject;
  return new Target(reviveDates(Target, data));
}

/**
 * Gives an embedsOne instance the same two JSON forms as a list: stored data
 * for `JSON.stringify(item)`, its model JSON (hidden properties removed,
 * related data shown) when serialized inside its owner.
 */
function withStoredJSON(item: PersistedModel): PersistedModel {
  Object.defineProperty(item, 'toJSON', {
    configurable: true, enumerable: false, writable: true,
    value(this: PersistedModel, key?: string) {
      return key === '' ? instanceData(this) : PersistedModel.prototype.toJSON.call(this);
    },
  });
  return item;
}

/**
 * The plain data of an embedded value as it is stored: declared properties
 * (and free-form ones of a non-strict model), hidden ones kept, related data
 * left out. Lists map item by item.
 */
function storedData(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(storedData);
  if (value instanceof PersistedModel) return instanceData(value);
  return value;
}

function apiJSON(value: unknown): unknown {
  if (value instanceof PersistedModel) return PersistedModel.prototype.toJSON.call(value);
  return value;
}

/**
 * Dates come back from SQL JSON columns as text; turn them into Dates again
 * for the embedded model's date properties, as the memory connector keeps them.
 */
function reviveDates(Target: PersistedModelClass, data: AnyObject): AnyObject {
  let out: AnyObject | undefined;
  const props = Target.definition.properties;
  for (const p in props) {
    const v = data[p];
    if (typeof v !== 'string' || kindOfType(props[p].type) !== 'date') continue;
    const d = new Date(v);
    if (Number.isNaN(d.getTime())) continue;
    out ??= {...data};
    out[p] = d;
  }
  return out ?? data;
}
