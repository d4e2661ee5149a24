import {AnyObject, Options} from '../../common/types';
import {instanceData, PersistedModel} from '../persisted-model';
import {validateEmbeddedItem} from './embed-validation';
import type {JugglerRelationDefinition} from './relation-definition';

/** An owner's values before a change through an embed relation (to find what changed, and to undo it). */
export interface OwnerSnapshot {
  data: AnyObject;
  /** The embedded value; a copy of the list for embedsMany (the list itself is changed in place). */
  embedded: unknown;
}

/** Takes an {@link OwnerSnapshot} before changing the owner's embedded data. */
export function snapshotOwner(relation: JugglerRelationDefinition, owner: PersistedModel): OwnerSnapshot {
  const embedded = (owner as unknown as AnyObject)[relation.keyFrom];
  return {data: instanceData(owner), embedded: Array.isArray(embedded) ? [...embedded] : embedded};
}

/** Puts the owner back as the snapshot found it (after a failed write). */
function restoreOwner(relation: JugglerRelationDefinition, owner: PersistedModel, before: OwnerSnapshot): void {
  const self = owner as unknown as AnyObject;
  for (const key of Object.keys(instanceData(owner))) {
    if (key !== relation.keyFrom && !(key in before.data)) self[key] = undefined;
  }
  for (const [key, value] of Object.entries(before.data)) {
    if (key !== relation.keyFrom && self[key] !== value) self[key] = value;
  }
  const current = self[relation.keyFrom];
  // The list keeps its identity (LoopBack 3 code holds on to `person.emails`).
  if (Array.isArray(current) && Array.isArray(before.embedded)) current.splice(0, current.length, ...before.embedded);
  else self[relation.keyFrom] = before.embedded;
}

/**
 * Writes an embed relation's storage property back to the owner's row, as
 * LoopBack 3 does after every change to embedded data: the owner is created
 * when it is new (`save`), else patched (`updateAttributes`) with that
 * property and any other owner property the change set (`properties` with
 * `invertProperties` copy embedded values onto the owner). Both writes
 * validate the owner, the relation's checks included (see
 * `registerEmbedValidations`). The owner keeps the very instances it held
 * (the write refreshes its other properties from the store).
 */
async function persistOwner(
  relation: JugglerRelationDefinition, owner: PersistedModel, before: OwnerSnapshot, options?: Options,
): Promise<void> {
  const self = owner as unknown as AnyObject;
  const property = relation.keyFrom;
  const value = self[property];
  if (owner.isNewRecord()) {
    await owner.save(options);
  } else {
    const patch: AnyObject = {[property]: value};
    for (const [key, v] of Object.entries(instanceData(owner))) {
      if (key !== property && v !== before.data[key]) patch[key] = v;
    }
    await owner.updateAttributes(patch, options);
  }
  self[property] = value;
}

/**
 * Stores items just built into the owner's embedded data (`build()` put
 * them there): a `persistent` item is saved in its own model first (which
 * validates it and gives it its id), any other is validated unless
 * `options.validate` is false; then the owner is persisted. On failure the
 * owner is put back as `before` found it.
 */
export async function persistNewItems(
  relation: JugglerRelationDefinition, owner: PersistedModel, before: OwnerSnapshot,
  build: () => PersistedModel[], options?: Options,
): Promise<PersistedModel[]> {
  const {persistent, validate} = relation.options;
  try {
    const items = build();
    for (const item of items) {
      if (persistent) await PersistedModel.prototype.save.call(item, options);
      else if (validate !== false) await validateEmbeddedItem(relation.modelTo!, item, options);
    }
    await persistOwner(relation, owner, before, options);
    return items;
  } catch (err) {
    restoreOwner(relation, owner, before);
    throw err;
  }
}

/**
 * Applies `change` to the owner's embedded data and persists it; when the
 * write fails (validation, store), the owner is put back as it was and the
 * error is passed on.
 */
export async function changeAndPersist<T>(
  relation: JugglerRelationDefinition, owner: PersistedModel, options: Options | undefined, change: () => T,
): Promise<T> {
  const before = snapshotOwner(relation, owner);
  const result = change();
  try {
    await persistOwner(relation, owner, before, options);
  } catch (err) {
    restoreOwner(relation, owner, before);
    throw err;
  }
  return result;
}

/**
 * Sets `data` on one embedded instance and persists its owner; when that
 * fails, the instance gets its previous values back. With `validateItem`
 * the instance is checked first, so a problem is reported as the embedded
 * model's `ValidationError` (embedsMany `updateById`, as LoopBack 3).
 */
export async function updateItemAndPersist(
  relation: JugglerRelationDefinition, owner: PersistedModel, item: PersistedModel,
  data: AnyObject, options?: Options, validateItem = false,
): Promise<PersistedModel> {
  const self = item as unknown as AnyObject;
  const itemBefore = instanceData(item);
  const before = snapshotOwner(relation, owner);
  item.setAttributes(data);
  try {
    if (validateItem) await validateEmbeddedItem(relation.modelTo!, item, options);
    await persistOwner(relation, owner, before, options);
  } catch (err) {
    for (const key of Object.keys(instanceData(item))) if (!(key in itemBefore)) delete self[key];
    Object.assign(item, itemBefore);
    throw err;
  }
  return item;
}
