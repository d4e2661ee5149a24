import {withCallback} from '../../common/callback';
import {AnyObject, Options} from '../../common/types';
import {PropertyDefinition} from '../../model/property-definition';
import {callbackOrPromise, splitArgs} from '../callback-args';
import {PersistedModel, PersistedModelClass} from '../persisted-model';
import {registerRelationDefiner} from './define-relation';
import {assignEmbeddedId} from './embed-ids';
import {changeAndPersist, persistNewItems, snapshotOwner, updateItemAndPersist} from './embed-persist';
import {defineEmbedRelation} from './embed-relation';
import {EMBEDS_ONE_HELPERS} from './prototype-helpers';
import {finishAccessor} from './relation-accessor';
import {JugglerRelationDefinition, JugglerRelationParams} from './relation-definition';
import {applyRelationProperties, relationLabel, toPlainData} from './relation-options';

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
  const storage: Partial<PropertyDefinition> = {type: target!};
  // LoopBack 3: `default: true` embeds an empty instance, an object embeds an instance of that data.
  if (params.default === true) storage.default = {};
  else if (params.default && typeof params.default === 'object') storage.default = params.default;
  return defineEmbedRelation('embedsOne', source, target!, params, {
    storage,
    read: relation => async owner => (owner as unknown as AnyObject)[relation.keyFrom],
    accessor: (owner, relation) => buildEmbedsOneAccessor(owner, relation),
    helpers: EMBEDS_ONE_HELPERS,
  });
}

function buildEmbedsOneAccessor(owner: PersistedModel, relation: JugglerRelationDefinition): Function {
  const Target = relation.modelTo!;
  const property = relation.keyFrom;
  const self = owner as unknown as AnyObject;
  const {persistent, forceId} = relation.options;

  const build = (data?: AnyObject): PersistedModel => {
    const d = toPlainData(data, relationLabel(relation));
    applyRelationProperties(relation, owner, d);
    if (!persistent) assignEmbeddedId(Target, d, [], {forceId, onlyGenerated: true});
    self[property] = new Target(d);
    return self[property];
  };

  const create = async (data: unknown, options?: Options): Promise<PersistedModel> => {
    const [item] = await persistNewItems(relation, owner, snapshotOwner(relation, owner),
      () => [build(data as AnyObject | undefined)], options);
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
  accessor.create = (...args: unknown[]) => callbackOrPromise(args, 2, create);
  /** Changes the embedded instance (validated, owner saved); creates it when there is none. */
  accessor.update = (...args: unknown[]) => callbackOrPromise(args, 2, (data: unknown, options?: Options) => {
    const d = toPlainData(data, relationLabel(relation));
    const current = self[property];
    return current instanceof Target ? updateItemAndPersist(relation, owner, current, d, options) : create(d, options);
  });
  /** Removes the embedded instance (the property becomes `null`) and saves the owner; resolves to the owner. */
  accessor.destroy = (...args: unknown[]) => callbackOrPromise(args, 1, (options?: Options) =>
    changeAndPersist(relation, owner, options, () => {
      self[property] = null;
      return owner;
    }));
  finishAccessor(accessor, relation, owner);
  return accessor as unknown as Function;
}

registerRelationDefiner('embedsOne', defineEmbedsOne);
