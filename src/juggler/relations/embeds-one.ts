import {withCallback} from '../../common/callback';
import {AnyObject, Options} from '../../common/types';
import {PropertyDefinition} from '../../model/property-definition';
import {splitArgs} from '../callback-args';
import {instanceData, PersistedModel, PersistedModelClass} from '../persisted-model';
import {registerRelationDefiner} from './define-relation';
import {assignEmbeddedId, embeddedIdName} from './embed-ids';
import {bindEmbedRelation} from './embed-inclusion';
import {embedNames} from './embed-names';
import {changeAndPersist, persistOwner, restoreOwner, snapshotOwner, updateItemAndPersist} from './embed-persist';
import {installEmbedStorage} from './embed-storage';
import {registerEmbedValidations, validateEmbeddedItem} from './embed-validation';
import {installRelationAccessor} from './relation-accessor';
import {JugglerRelationDefinition, JugglerRelationParams} from './relation-definition';
import {HAS_ONE_HELPERS, installPrototypeHelpers} from './prototype-helpers';
import {applyRelationProperties} from './relation-options';
import {finishAccessor, registerCustomMethods} from './relation-support';

/**
 * LoopBack 3 embedsOne: `Person.embedsOne(Address, {as, property, default,
 * properties, methods, options: {validate, forceId, persistent}})`. The
 * address lives inside the person's row, in the property `address` (typed
 * with the Address model: a JSON column on SQL); the relation `addressItem`
 * reads and writes it:
 *
 * ```js
 * Person.embedsOne(Address);
 * const address = await person.addressItem.create({street: 'Main St'}); // saves the person
 * person.addressItem() === person.address;                             // the embedded Address
 * ```
 */
export function defineEmbedsOne(
  source: PersistedModelClass, target: PersistedModelClass | undefined, params: JugglerRelationParams,
): JugglerRelationDefinition {
  const Target = target!;
  const {name, property} = embedNames('embedsOne', source, Target, params);
  const options = params.options ?? {};
  const relation = new JugglerRelationDefinition({
    name, type: 'embedsOne', modelFrom: source, keyFrom: property, modelTo: Target,
    keyTo: embeddedIdName(Target), multiple: false, options, scope: params.scope,
    properties: params.properties, embed: true,
  });
  const definition: Partial<PropertyDefinition> = {...(options.property as AnyObject | undefined), type: Target};
  // LoopBack 3: `default: true` embeds an empty instance, an object embeds an instance of that data.
  if (params.default === true) definition.default = {};
  else if (params.default && typeof params.default === 'object') definition.default = params.default;
  installEmbedStorage(relation, definition);
  registerEmbedValidations(relation);
  registerCustomMethods(relation, params);
  bindEmbedRelation(relation, async owner => (owner as unknown as AnyObject)[property]);
  installRelationAccessor(source, name, owner => buildEmbedsOneAccessor(owner as PersistedModel, relation), {
    methods: () => relation.methods,
  });
  installPrototypeHelpers(source, name, HAS_ONE_HELPERS);
  return relation;
}

function buildEmbedsOneAccessor(owner: PersistedModel, relation: JugglerRelationDefinition): Function {
  const Target = relation.modelTo!;
  const property = relation.keyFrom;
  const self = owner as unknown as AnyObject;
  const {persistent, forceId, validate} = relation.options;

  const build = (data?: AnyObject): PersistedModel => {
    const d: AnyObject = {...(data instanceof PersistedModel ? instanceData(data) : data)};
    applyRelationProperties(relation, owner, d);
    if (!persistent) assignEmbeddedId(Target, d, [], {forceId, onlyGenerated: true});
    self[property] = new Target(d);
    return self[property];
  };

  const create = async (data: AnyObject | undefined, options?: Options): Promise<PersistedModel> => {
    const before = snapshotOwner(relation, owner);
    const item = build(data);
    try {
      // A persistent item is stored in its own model first (which validates it and gives it its id).
      if (persistent) await PersistedModel.prototype.save.call(item, options);
      else if (validate !== false) await validateEmbeddedItem(Target, item, options);
      await persistOwner(relation, owner, before, options);
    } catch (err) {
      restoreOwner(relation, owner, before);
      throw err;
    }
    return item;
  };

  /**
   * `rel()` the embedded instance; `rel(cb)`, `rel(refresh, options, cb)`
   * the same, as a promise/callback; `rel(addressInstance)` embeds it (not
   * saved; instances of other models are ignored, as in LoopBack 3).
   */
  const accessor = function (...args: unknown[]) {
    if (args.length === 0) return self[property];
    if (args.length === 1 && args[0] instanceof PersistedModel) {
      if (args[0] instanceof Target) {
        applyRelationProperties(relation, owner, args[0] as AnyObject);
        self[property] = args[0];
      }
      return undefined;
    }
    const {cb} = splitArgs(args, 2);
    return withCallback(Promise.resolve(self[property]), cb);
  } as AnyObject;

  accessor.build = build;
  accessor.value = () => self[property];
  accessor.create = (...args: unknown[]) => {
    const {values: [data, options], cb} = splitArgs(args, 2);
    return withCallback(create(data as AnyObject | undefined, options as Options), cb);
  };
  /** Changes the embedded instance (validated, owner saved); creates it when there is none. */
  accessor.update = (...args: unknown[]) => {
    const {values: [data, options], cb} = splitArgs(args, 2);
    const d: AnyObject = data instanceof PersistedModel ? instanceData(data) : (data ?? {}) as AnyObject;
    const current = self[property];
    const run = current instanceof Target
      ? updateItemAndPersist(relation, owner, current, d, options as Options)
      : create(d, options as Options);
    return withCallback(run, cb);
  };
  /** Removes the embedded instance (the property becomes `null`) and saves the owner; resolves to the owner. */
  accessor.destroy = (...args: unknown[]) => {
    const {values: [options], cb} = splitArgs(args, 1);
    const run = changeAndPersist(relation, owner, options as Options, () => {
      self[property] = null;
      return owner;
    });
    return withCallback(run, cb);
  };
  finishAccessor(accessor, relation, owner);
  return accessor as unknown as Function;
}

registerRelationDefiner('embedsOne', defineEmbedsOne);
