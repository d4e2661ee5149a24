import {EventEmitter} from 'node:events';
import {AnyObject} from '../common/types';
import {ModelDefinition} from '../model/model-definition';
import {PropertyDefinition} from '../model/property-definition';
import {pluralize, singularize} from './naming';
import {PersistedModel, PersistedModelClass} from './persisted-model';
import {normalizeProperty} from './property-shorthand';
import {InvalidModelDefinitionError} from './model-definition-error';

/** Names LoopBack 3 projects use as `base` for persisted models (lower case); relata defines such models on PersistedModel. */
export const BUILTIN_BASES: ReadonlySet<string> = new Set(['model', 'persistedmodel', 'keyvaluemodel', 'user', 'basemodel']);

/** Settings a subclass never inherits: they name the base model itself. */
const NOT_INHERITED = new Set(['base', 'super', 'plural', 'http', 'name']);

/**
 * A LoopBack 3 model definition: LoopBack 4's `ModelDefinition` plus the
 * helpers juggler code calls on `Model.definition` (`idName()`,
 * `idNames()`, `defineProperty()` with shorthands, `hasPK()`).
 */
export class JugglerModelDefinition extends ModelDefinition {
  /** The first id property name (juggler's `idName()`). */
  idName(): string | undefined {
    return this.idProperties()[0];
  }

  /** Every id property name. */
  idNames(): string[] {
    return this.idProperties();
  }

  /** True when the model has an id property. */
  hasPK(): boolean {
    return this.idProperties().length > 0;
  }

  /** Adds a property given in any LoopBack 3 form (`String`, `{type: Number, required: true}`, …). */
  defineProperty(name: string, declaration: unknown): this {
    return this.addProperty(name, normalizeProperty(name, declaration));
  }

  /** The property definitions (juggler keeps raw and built ones; relata has one set). */
  get rawProperties(): {[name: string]: PropertyDefinition} {
    return this.properties;
  }
}

/**
 * Defines LoopBack 3 model classes and keeps them by name, so relations can
 * name their target (`Order.belongsTo('Customer')`) and models on different
 * data sources sharing one builder can relate to each other.
 *
 * ```js
 * const builder = new ModelBuilder();
 * const db1 = new DataSource('memory', undefined, builder);
 * const db2 = new DataSource({connector: 'sqlite', file: ':memory:'}, undefined, builder);
 * const Customer = db1.createModel('Customer', {name: String});
 * const Order = db2.createModel('Order', {total: Number});
 * Customer.hasMany('Order');
 * ```
 */
export class ModelBuilder extends EventEmitter {
  private static shared?: ModelBuilder;

  /** The builder of models defined with `PersistedModel.extend()` outside any data source. */
  static get defaultInstance(): ModelBuilder {
    return (ModelBuilder.shared ??= new ModelBuilder());
  }

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
   * `idInjection`, `forceId`, `strict`, `hidden`, `plural`, `scope`, … .
   *
   * As in juggler: a model without an id property gets a generated numeric
   * `id` (appended after the declared properties) unless `idInjection` is
   * `false`; `forceId` defaults to on for a generated id (creating an
   * instance with an id then fails validation: "`id` can't be set"); a
   * model with a `base` inherits its properties (a child declaring its own
   * id drops the base id; a property set to `null`/`false` is removed) and
   * its settings (merged deeply, `hidden` lists joined).
   */
  define(name: string, properties?: AnyObject, settings?: AnyObject, parent?: PersistedModelClass | string): PersistedModelClass {
    if (typeof name !== 'string' || !name) throw new InvalidModelDefinitionError('Class name required');
    if (properties != null && (typeof properties !== 'object' || Array.isArray(properties))) {
      throw new InvalidModelDefinitionError(`Model ${name}: properties must be an object`, 'INVALID_MODEL_DEFINITION', name);
    }
    const own: AnyObject = {...settings};
    const baseRef = own.base ?? own.super ?? parent;
    delete own.super;
    const Base = this.resolveBase(baseRef);
    const inheriting = Base !== PersistedModel && !!Base.definition;
    const s: AnyObject = inheriting ? mergeSettings(Base.definition.settings, own) : own;
    if (inheriting) s.base = Base.modelName;
    else if (typeof baseRef === 'string') s.base = baseRef;
    s.strict ??= false;

    const props = this.buildProperties(name, inheriting ? Base : undefined, properties);
    const definition = new JugglerModelDefinition({name, properties: props, settings: s});
    applyIdSettings(definition, s);

    const ModelClass = {[name]: class extends Base {}}[name] as PersistedModelClass;
    Object.defineProperty(ModelClass, 'definition', {value: definition, writable: true, configurable: true});
    ModelClass.settings = definition.settings;
    ModelClass.relations = {...(Base.relations ?? {})};
    ModelClass.modelBuilder = this;
    ModelClass.pluralModelName = own.plural ?? pluralize(name);
    ModelClass.dataSource = undefined;
    defineVirtualId(ModelClass, definition);
    this.register(ModelClass);
    this.emit('define', ModelClass, name, properties, settings);
    return ModelClass;
  }

  /**
   * Adds a model class defined by another builder (`ds.attach(Model)` with
   * a model from elsewhere), resolving relations that waited for its name.
   */
  register(ModelClass: PersistedModelClass): void {
    const name = ModelClass.modelName;
    this.models[name] = ModelClass;
    this.definitions[name] = ModelClass.definition;
    const callbacks = this.waiting.get(name);
    if (callbacks) {
      this.waiting.delete(name);
      for (const fn of callbacks) fn(ModelClass);
    }
  }

  /** The model of that name: exact, then case-insensitive (as LoopBack 3 resolves relation targets). */
  getModel(name: string): PersistedModelClass | undefined {
    if (this.models[name]) return this.models[name];
    const lower = name.toLowerCase();
    for (const n of Object.keys(this.models)) if (n.toLowerCase() === lower) return this.models[n];
    return undefined;
  }

  /** The definition of a model by name. */
  getModelDefinition(name: string): ModelDefinition | undefined {
    return this.definitions[name] ?? this.getModel(name)?.definition;
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

  /** Forgets a model (juggler's `deleteModelByName`). */
  deleteModelByName(name: string): void {
    delete this.models[name];
    delete this.definitions[name];
  }

  private buildProperties(
    name: string, Base: PersistedModelClass | undefined, properties: AnyObject | undefined,
  ): {[p: string]: PropertyDefinition} {
    const declared = properties ?? {};
    const props: {[p: string]: PropertyDefinition} = {};
    if (Base) {
      const childHasId = Object.values(declared).some(d => d && typeof d === 'object' && !Array.isArray(d) && (d as AnyObject).id);
      for (const [p, d] of Object.entries(Base.definition.properties)) {
        // A child declaring its own id does not inherit the base id (juggler's `extend`).
        if (childHasId && d.id) continue;
        props[p] = structuredCloneDefinition(d);
      }
    }
    for (const p of Object.keys(declared)) {
      const d = declared[p];
      // `null`/`false` removes an inherited property.
      if (d === null || d === false) {
        delete props[p];
        continue;
      }
      if (p.includes('.')) {
        throw new InvalidModelDefinitionError(
          `Property names containing dot(s) are not supported. Model: ${name}, property: ${p}`, 'INVALID_PROPERTY', name);
      }
      props[p] = normalizeProperty(p, d);
    }
    return props;
  }

  private resolveBase(base: unknown): PersistedModelClass {
    if (base == null || base === '') return PersistedModel;
    if (typeof base === 'function') {
      if (base === PersistedModel || base.prototype instanceof PersistedModel) return base as PersistedModelClass;
      throw new InvalidModelDefinitionError(
        `Invalid model base: ${base.name || String(base)} is not a LoopBack model class`, 'INVALID_MODEL_BASE');
    }
    if (typeof base === 'string') {
      const found = this.getModel(base);
      if (found) return found;
      if (BUILTIN_BASES.has(base.toLowerCase())) return PersistedModel;
      throw new InvalidModelDefinitionError(`Base model is not found: ${base}`, 'MODEL_BASE_NOT_FOUND');
    }
    throw new InvalidModelDefinitionError(`Invalid model base: ${String(base)}`, 'INVALID_MODEL_BASE');
  }
}

/**
 * juggler's id rules: inject `id` (a generated number, after the declared
 * properties) unless a property is an id or `idInjection` is false; then
 * `forceId` — on (`'auto'`) for a generated id unless set to false, off for
 * a model whose id is not generated even when a base turned it on.
 */
function applyIdSettings(definition: JugglerModelDefinition, s: AnyObject): void {
  if (definition.idProperties().length === 0 && s.idInjection !== false) {
    definition.addProperty('id', {type: 'number', id: true, generated: true});
  }
  const idName = definition.idProperties()[0];
  if (idName === undefined) return;
  const idProp = definition.properties[idName];
  let forceId = s.forceId;
  if (idProp?.generated && forceId !== false) forceId = 'auto';
  else if (!idProp?.generated && forceId === 'auto') forceId = false;
  if (forceId === undefined) return;
  s.forceId = forceId;
  if (idProp) idProp.updateOnly = !!forceId;
}

/** LoopBack 3 instances have `id` even when the id property has another name. */
function defineVirtualId(ModelClass: PersistedModelClass, definition: ModelDefinition): void {
  const ids = definition.idProperties();
  if (ids.length !== 1 || ids[0] === 'id' || 'id' in definition.properties) return;
  const idProp = ids[0];
  Object.defineProperty(ModelClass.prototype, 'id', {
    configurable: true,
    enumerable: false,
    get(this: AnyObject) {
      return this[idProp];
    },
    set(this: AnyObject, value: unknown) {
      this[idProp] = value;
    },
  });
}

function structuredCloneDefinition(d: PropertyDefinition): PropertyDefinition {
  const out: PropertyDefinition = {...d};
  if (d.default !== null && typeof d.default === 'object') out.default = JSON.parse(JSON.stringify(d.default));
  return out;
}

function isPlainObject(v: unknown): v is AnyObject {
  return v !== null && typeof v === 'object' && !Array.isArray(v) && Object.getPrototypeOf(v) === Object.prototype;
}

/**
 * juggler's default (legacy) settings merge for `base` models: the base
 * settings deep-copied, then each child setting merged in — objects
 * deep-merged, arrays joined without duplicates (`hidden`, `protected`),
 * anything else replaced. Names of the base itself are not inherited.
 */
function mergeSettings(base: AnyObject, child: AnyObject): AnyObject {
  const out: AnyObject = {};
  for (const [k, v] of Object.entries(base)) if (!NOT_INHERITED.has(k)) out[k] = deepCopy(v);
  for (const [k, v] of Object.entries(child)) out[k] = mergeValue(out[k], v);
  return out;
}

function mergeValue(base: unknown, child: unknown): unknown {
  if (Array.isArray(base) && Array.isArray(child)) {
    const joined = [...base];
    for (const item of child) if (!joined.some(x => JSON.stringify(x) === JSON.stringify(item))) joined.push(item);
    return joined;
  }
  if (isPlainObject(base) && isPlainObject(child)) {
    const out: AnyObject = {...base};
    for (const [k, v] of Object.entries(child)) out[k] = mergeValue(out[k], v);
    return out;
  }
  return child;
}

function deepCopy(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(deepCopy);
  if (isPlainObject(v)) return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, deepCopy(x)]));
  return v;
}
