import {AnyObject, Options} from '../../common/types';
import {requireIdArgument} from '../argument-checks';
import {PersistedModel, PersistedModelClass} from '../persisted-model';
import {idEquals} from './embed-ids';
import {changeAndPersist} from './embed-persist';
import type {JugglerRelationDefinition} from './relation-definition';
import {InvalidJugglerRelationError} from './relation-errors';
import {applyRelationScope, relationLabel} from './relation-options';

/**
 * The belongsTo relation of the embedded model that an "embedsMany with
 * belongsTo" relation links through (`options.belongsTo`, e.g. `Link`
 * embedded in `Category`, with `Link.belongsTo(Job)`). Without one,
 * `add`/`remove` fail as in LoopBack 3: `Invalid reference: <name>`.
 */
function referenceRelation(relation: JugglerRelationDefinition): JugglerRelationDefinition {
  const name = relation.options.belongsTo as string | undefined;
  const found = name ? relation.modelTo!.relations?.[name] : undefined;
  if (!found || found.type !== 'belongsTo') {
    throw new InvalidJugglerRelationError(
      `Invalid reference: ${name} (the embedsMany relation ${relation.name} of ${relation.modelFrom.modelName} ` +
      `needs options.belongsTo naming a belongsTo relation of ${relation.modelTo!.modelName})`,
      'INVALID_EMBEDDED_REFERENCE');
  }
  return found;
}

/** The model and key a reference (`add(job)`, `add(jobId)`) is looked up by. */
function referenceTarget(reference: JugglerRelationDefinition, ref: unknown): {Ref: PersistedModelClass; key: string} {
  const Ref = reference.modelTo ??
    (ref instanceof PersistedModel ? ref.constructor as PersistedModelClass : undefined);
  if (!Ref) {
    throw new InvalidJugglerRelationError(
      `The belongsTo relation ${reference.name} of ${reference.modelFrom.modelName} is polymorphic: ` +
      'pass the instance to link, not its id', 'INVALID_EMBEDDED_REFERENCE');
  }
  return {Ref, key: reference.modelTo && reference.keyTo ? reference.keyTo : Ref.getIdName()};
}

/**
 * `owner.<rel>.add(instanceOrId, data?)`: looks the referenced instance up
 * (with the belongsTo relation's scope), builds an embedded item from
 * `data` pointing at it (its key set, and the belongsTo `properties` copied,
 * e.g. the denormalized name with `invertProperties`), and saves the owner.
 * Resolves to the new item, or `null` when the reference does not exist;
 * no reference at all is a 400.
 */
export async function addReference(
  relation: JugglerRelationDefinition, owner: PersistedModel, build: (data?: AnyObject) => PersistedModel,
  ref: unknown, data: AnyObject | undefined, options?: Options,
): Promise<PersistedModel | null> {
  const reference = referenceRelation(relation);
  const {Ref, key} = referenceTarget(reference, ref);
  const id = ref instanceof PersistedModel ? (ref as AnyObject)[key] : ref;
  requireIdArgument(id, `${relationLabel(relation)}.add`);
  const filter = applyRelationScope(reference, owner, {where: {[key]: id}});
  const found = await Ref.findOne(filter, options);
  if (!found) return null;
  return changeAndPersist(relation, owner, options, () => {
    const item = build(data);
    // The belongsTo setter (`link.job(job)`) sets the key, applies the relation's
    // `properties` (with invertProperties: job → link) and caches the reference.
    (item as AnyObject)[reference.name](found);
    return item;
  });
}

/**
 * `owner.<rel>.remove(instanceOrId)`: takes out every embedded item whose
 * belongsTo key points at that reference and saves the owner.
 */
export async function removeReference(
  relation: JugglerRelationDefinition, owner: PersistedModel, ref: unknown, options?: Options,
): Promise<void> {
  const reference = referenceRelation(relation);
  const id = ref instanceof PersistedModel ? (ref as AnyObject)[referenceTarget(reference, ref).key] : ref;
  requireIdArgument(id, `${relationLabel(relation)}.remove`);
  // A polymorphic reference also names its model: only items pointing at that model match.
  const discriminator = reference.polymorphic ? reference.polymorphic.discriminator as string | undefined : undefined;
  const type = discriminator && ref instanceof PersistedModel ? (ref.constructor as PersistedModelClass).modelName : undefined;
  const matches = (item: AnyObject | null) =>
    idEquals(item?.[reference.keyFrom], id) && (type === undefined || item?.[discriminator!] === type);
  const list = (owner as unknown as AnyObject)[relation.keyFrom];
  if (!Array.isArray(list) || !list.some(matches)) return;
  await changeAndPersist(relation, owner, options, () => {
    const keep = list.filter(item => !matches(item));
    list.splice(0, list.length, ...keep);
  });
}
