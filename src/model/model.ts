import {AnyObject, DataObject, Options} from '../common/types';
import {ModelDefinition} from './model-definition';

function asJSON(value: any): any {
  if (value == null) return value;
  if (typeof value.toJSON === 'function') return value.toJSON();
  if (Array.isArray(value)) return value.map(asJSON);
  return value;
}

function asObject(value: any, options?: Options): any {
  if (value == null) return value;
  if (typeof value.toObject === 'function') return value.toObject(options);
  if (Array.isArray(value)) return value.map(v => asObject(v, options));
  return value;
}

/**
 * Base class of all models. The constructor copies the given data as is
 * (LoopBack 4 semantics: no coercion, unknown keys kept on the instance).
 */
export abstract class Model {
  static definition: ModelDefinition;

  static get modelName(): string {
    return this.definition?.name || this.name;
  }

  constructor(data?: DataObject<Model> | AnyObject) {
    if (data) Object.assign(this, data);
  }

  /** JSON form: declared properties minus hidden ones, plus loaded relations. */
  toJSON(): AnyObject {
    const def = (this.constructor as typeof Model).definition;
    if (!def || def.settings.strict === false) {
      return this.toObject({ignoreUnknownProperties: false});
    }
    const hidden = def.hiddenProperties();
    const json: AnyObject = {};
    const self = this as AnyObject;
    for (const p in def.properties) {
      if (!(p in self) || hidden.includes(p)) continue;
      const v = asJSON(self[p]);
      if (v !== undefined) json[p] = v;
    }
    for (const r in def.relations) {
      if (!(r in self)) continue;
      const v = asJSON(self[r]);
      if (v !== undefined) json[r] = v;
    }
    return json;
  }

  /** Plain-object form: relations and declared properties; hidden ones kept. */
  toObject(options?: Options): AnyObject {
    const def = (this.constructor as typeof Model).definition;
    const self = this as AnyObject;
    const obj: AnyObject = {};
    if (options?.ignoreUnknownProperties === false || !def) {
      const hidden = def ? def.hiddenProperties() : [];
      for (const k of Object.keys(self)) {
        if (hidden.includes(k)) continue;
        obj[k] = asObject(self[k], options);
      }
      return obj;
    }
    for (const r in def.relations) {
      if (r in self) obj[r] = asObject(self[r], {...options, ignoreUnknownProperties: false});
    }
    for (const p in def.properties) {
      const v = self[p];
      if (v !== undefined) obj[p] = asObject(v, options);
    }
    return obj;
  }
}

/** A model without identity (embedded values). */
export abstract class ValueObject extends Model {}

/** A model with identity: one or more id properties. */
export abstract class Entity extends Model {
  /** The id value: the single id, or an object for composite ids. */
  getId(): any {
    const ctor = this.constructor as typeof Entity;
    const ids = ctor.getIdProperties();
    if (ids.length === 1) return (this as AnyObject)[ids[0]];
    if (ids.length === 0) {
      throw new Error(`Invalid Entity ${ctor.name}:missing primary key (id) property`);
    }
    return this.getIdObject();
  }

  /** `{idProp: value}` for every id property. */
  getIdObject(): AnyObject {
    const ctor = this.constructor as typeof Entity;
    const obj: AnyObject = {};
    for (const p of ctor.getIdProperties()) obj[p] = (this as AnyObject)[p];
    return obj;
  }

  static getIdProperties(): string[] {
    return this.definition ? this.definition.idProperties() : [];
  }

  /** The id of an entity or a plain data object of this model. */
  static getIdOf(entityOrData: AnyObject): any {
    if (typeof entityOrData.getId === 'function') return entityOrData.getId();
    return entityOrData[this.getIdProperties()[0]];
  }

  /** The where clause matching the given id. */
  static buildWhereForId(id: any): AnyObject {
    const ids = this.getIdProperties();
    if (ids.length === 1) return {[ids[0]]: id};
    const where: AnyObject = {};
    for (const p of ids) where[p] = id?.[p];
    return where;
  }
}

/** A trivial event holder, kept for LoopBack API parity. */
export class Event {
  source: any;
  type: string;
  constructor(source?: any, type = '') {
    this.source = source;
    this.type = type;
  }
}
