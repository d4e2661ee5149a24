import {EventEmitter} from 'node:events';
import {AnyObject} from '../common/types';
import {ModelDefinition} from '../model/model-definition';
import {PropertyDefinition} from '../model/property-definition';
import {pluralize, singularize} from './naming';
import {PersistedModel, PersistedModelClass} from './persisted-model';
import {normalizeProperties} from './property-shorthand';

/** Names LoopBack 3 projects use as `base` for persisted models. */
const BUILTIN_BASES = new Set(['model', 'persistedmodel', 'keyvaluemodel', 'user', 'basemodel']);

/**
 * Defines LoopBack 3 model classes and keeps them by name, so relations can
 * name their target (`Order.belongsTo('Customer')`) and models on different
 * data sources sharing one builder can relate to each other.
 */
export class ModelBuilder extends EventEmitter {
  /** Model classes by name. */
  models: {[name: string]: PersistedModelClass} = {};
  /** Model definitions by name. */
  definitions: {[name: string]: ModelDefinition} = {};
  private readonly waiting = new Map<string, Array<(model: PersistedModelClass) => void>>();

  constructor() {
    super();
    this.setMaxListeners(0);
  }

  /**
   * Defines a model class (not yet attached to a data source). Properties
   * take LoopBack 3 shorthands (`{name: String}`); settings take `base`,
   * `idInjection`, `strict`, `hidden`, `plural`, `scope`, … .
   */
  define(name: string, properties?: AnyObject, settings?: AnyObject, parent?: PersistedModelClass | string): PersistedModelClass {
    if (typeof name !== 'string' || !name) throw new TypeError('A model needs a name');
    const s: AnyObject = {...settings};
    const Base = this.resolveBase(s.base ?? parent);
    if (Base !== PersistedModel) s.base = Base.modelName;
    const props: {[p: string]: PropertyDefinition} = {};
    if (Base !== PersistedModel && Base.definition) {
      for (const [p, d] of Object.entries(Base.definition.properties)) props[p] = {...d};
      for (const k of ['hidden', 'hiddenProperties', 'strict', 'idInjection', 'forceId'] as const) {
        if (s[k] === undefined && Base.definition.settings[k] !== undefined) s[k] = Base.definition.settings[k];
      }
    }
    Object.assign(props, normalizeProperties(properties));
    const hasId = Object.values(props).some(p => p.id);
    if (!hasId && s.idInjection !== false) {
      // LoopBack 3 injects a generated numeric `id` first.
      const withId: {[p: string]: PropertyDefinition} = {id: {type: 'number', id: true, generated: true}};
      Object.assign(withId, props);
      Object.keys(props).forEach(k => delete props[k]);
      Object.assign(props, withId);
    }
    const definition = new ModelDefinition({name, properties: props, settings: s});
    const ModelClass = {[name]: class extends Base {}}[name] as PersistedModelClass;
    Object.defineProperty(ModelClass, 'definition', {value: definition, writable: true, configurable: true});
    ModelClass.settings = definition.settings;
    ModelClass.relations = {...(Base.relations ?? {})};
    ModelClass.modelBuilder = this;
    ModelClass.pluralModelName = s.plural ?? pluralize(name);
    ModelClass.dataSource = undefined;
    this.models[name] = ModelClass;
    this.definitions[name] = definition;
    this.emit('define', ModelClass, name, properties, settings);
    const callbacks = this.waiting.get(name);
    if (callbacks) {
      this.waiting.delete(name);
      for (const fn of callbacks) fn(ModelClass);
    }
    return ModelClass;
  }

  /** The model of that name: exact, then case-insensitive (as LoopBack 3 resolves relation targets). */
  getModel(name: string): PersistedModelClass | undefined {
    if (this.models[name]) return this.models[name];
    const lower = name.toLowerCase();
    for (const n of Object.keys(this.models)) if (n.toLowerCase() === lower) return this.models[n];
    return undefined;
  }

  /** Like `getModel`, also trying the singular of a plural name (`orders` → `Order`). */
  lookupModel(name: string, singularFallback = false): PersistedModelClass | undefined {
    return this.getModel(name) ?? (singularFallback ? this.getModel(singularize(name)) : undefined);
  }

  /** Runs `fn` once a model of that name is defined (now, when it already is). */
  whenDefined(name: string, fn: (model: PersistedModelClass) => void): void {
    const found = this.getModel(name);
    if (found) return fn(found);
    const list = this.waiting.get(name) ?? [];
    list.push(fn);
    this.waiting.set(name, list);
  }

  /** Names of models some relation waits for that were never defined. */
  pendingModelNames(): string[] {
    return [...this.waiting.keys()];
  }

  private resolveBase(base: unknown): PersistedModelClass {
    if (base == null) return PersistedModel;
    if (typeof base === 'function') return base as PersistedModelClass;
    if (typeof base === 'string') {
      const found = this.getModel(base);
      if (found) return found;
      if (BUILTIN_BASES.has(base.toLowerCase())) return PersistedModel;
      throw new Error(`Model base ${base} is not defined`);
    }
    throw new TypeError(`Invalid model base: ${String(base)}`);
  }
}
