import {AnyObject, Options} from '../../common/types';
import {ValidationError} from '../../model/validation-error';
import {indexTargets, referenceKey, referencedIds} from '../../relations/references-many/references-many-inclusion-resolver';
import {InvalidDataError} from '../../common/data-checks';
import {describeArgument, requireObjectArgument, requireWhereObject} from '../argument-checks';
import {callbackOrPromise, isDataOnlyCall} from '../callback-args';
import {cachedRelations, instanceData, PersistedModel} from '../persisted-model';
import {addToCache, collectionAccessor, removeFromCache} from './collection-accessor';
import {requireTargetReference} from './key-properties';
import {JugglerRelationDefinition} from './relation-definition';
import {KeyMismatchError, RelatedInstanceNotFoundError} from './relation-errors';
import {andWhere, applyRelationScope, relationLabel, relationPayload, resolveRelationScope} from './relation-options';

/** LoopBack 3's message for an id list naming a target twice. */
export function duplicateIdsMessage(relation: JugglerRelationDefinition): string {
  return `contains duplicate \`${relation.modelTo!.modelName}\` instance`;
}

/** True when an id list names one target twice (`1` and `'1'` are the same id). */
export function hasDuplicateIds(ids: unknown): boolean {
  if (!Array.isArray(ids)) return false;
  const seen = new Set<string>();
  for (const id of ids) {
    if (id == null) continue;
    const k = referenceKey(id);
    if (seen.has(k)) return true;
    seen.add(k);
  }
  return false;
}

/** Reference equality as the engine keys references (ObjectIDs and strings alike). */
function sameId(a: unknown, b: unknown): boolean {
  return a != null && b != null && referenceKey(a) === referenceKey(b);
}

/**
 * `customer.accounts` for one instance: the id list lives on the instance
 * (`customer.accountIds`), reads query the target model by those ids, and
 * `add` / `remove` / `create` / `destroyById` change the list and save it.
 */
export function buildReferencesManyAccessor(instance: AnyObject, relation: JugglerRelationDefinition): Function {
  const {name, keyFrom, keyTo} = relation;
  const Source = relation.modelFrom;
  const Target = relation.modelTo!;
  const ids = (): unknown[] => referencedIds(instance[keyFrom]);
  /** The id of a target argument (an instance or an id); a 400 for anything else. */
  const idOf = (value: unknown, method: string): unknown =>
    requireTargetReference(value, Target, keyTo, `${relationLabel(relation)}.${method}`);

  /** Writes a new id list to the source (after LoopBack 3's duplicate check); the instance keeps the old list on failure. */
  const saveIds = async (list: unknown[], options: Options | undefined): Promise<void> => {
    if (hasDuplicateIds(list)) {
      throw new ValidationError(Source.modelName, [
        {property: name, code: 'uniqueness', message: duplicateIdsMessage(relation), value: list},
      ]);
    }
    const self = instance as PersistedModel;
    const previous = instance[keyFrom];
    instance[keyFrom] = list;
    try {
      if (self.isNewRecord()) await self.save(options);
      else await self.updateAttributes({[keyFrom]: list}, options);
    } catch (err) {
      instance[keyFrom] = previous;
      throw err;
    }
  };
  const push = (list: unknown[], id: unknown): unknown[] =>
    relation.options?.prepend ? [id, ...list] : [...list, id];

  const find = async (filter: AnyObject | undefined, options: Options | undefined): Promise<PersistedModel[]> => {
    const list = ids();
    if (!list.length) return [];
    const scoped = applyRelationScope(relation, instance, filter) ?? {};
    const query = {...scoped, where: andWhere({[keyTo]: {inq: list}}, scoped.where)};
    const found = await Target.find(query, options);
    // Without an order, LoopBack 3 returns the targets in the order of the id list.
    if (scoped.order || found.some(t => (t as AnyObject)[keyTo] === undefined)) return found;
    const byKey = indexTargets(found, keyTo);
    const out: PersistedModel[] = [];
    const seen = new Set<string>();
    for (const id of list) {
      const k = referenceKey(id);
      const t = byKey.get(k);
      if (t && !seen.has(k)) out.push(t);
      seen.add(k);
    }
    return out;
  };
  const findById = async (target: unknown, options: Options | undefined, method = 'findById'): Promise<PersistedModel> => {
    const fkId = idOf(target, method);
    const scope = resolveRelationScope(relation, instance);
    const query = {...scope, where: andWhere({[keyTo]: fkId}, scope?.where), limit: 1};
    const [found] = await Target.find(query, options);
    if (!found) throw new RelatedInstanceNotFoundError(Target.modelName, fkId);
    if (!ids().some(id => sameId(id, (found as AnyObject)[keyTo]))) {
      throw new KeyMismatchError(`Key mismatch: ${Source.modelName}.${keyFrom}: ${String(instance[keyFrom])}, ` +
        `${Target.modelName}.${keyTo}: ${String((found as AnyObject)[keyTo])}`);
    }
    return found;
  };
  const build = (data?: AnyObject): PersistedModel => new Target(relationPayload(relation, instance, data, {}));
  const scopedWhere = (where: unknown, method: string): AnyObject =>
    andWhere({[keyTo]: {inq: ids()}}, requireWhereObject(where, `${relationLabel(relation)}.${method}`),
      resolveRelationScope(relation, instance)?.where);

  const accessor = collectionAccessor(instance, relation, {find, findById, findOneWithLimit: false});
  // From the id list alone, as LoopBack 3 (no database round trip).
  accessor.exists = (...args: unknown[]) => callbackOrPromise(args, 2, (target: unknown) => {
    const fkId = idOf(target, 'exists');
    return ids().some(id => sameId(id, fkId));
  });
  accessor.at = (...args: unknown[]) => callbackOrPromise(args, 2, (index: unknown, options?: Options) => {
    // A REST layer passes the index as text.
    const i = typeof index === 'string' && /^\d+$/.test(index) ? Number(index) : index;
    if (typeof i !== 'number' || !Number.isInteger(i) || i < 0) {
      throw new InvalidDataError(`${relationLabel(relation)}.at: the index must be a whole number from 0, got ${describeArgument(index)}`);
    }
    const list = ids();
    if (i >= list.length) throw RelatedInstanceNotFoundError.atIndex(Target.modelName, i);
    return findById(list[i], options, 'at');
  });
  accessor.count = (...args: unknown[]) => callbackOrPromise(args, 2, async (where: unknown, options?: Options) => {
    const w = scopedWhere(where, 'count');
    return ids().length === 0 ? 0 : Target.count(w, options);
  });
  accessor.build = build;
  accessor.create = (...args: unknown[]) => callbackOrPromise(args, 2, async (data: unknown, options?: Options) => {
    const created: PersistedModel = await Target.create(instanceData(build(data as AnyObject | undefined)), options);
    try {
      await saveIds(push(ids(), (created as AnyObject)[keyTo]), options);
    } catch (err) {
      // The new target would be referenced by nobody: take it back.
      await Target.destroyById((created as AnyObject)[keyTo], options).catch(() => undefined);
      throw err;
    }
    addToCache(instance, name, [created], keyTo);
    return created;
  });
  accessor.add = (...args: unknown[]) => callbackOrPromise(args, 2, async (value: unknown, options?: Options) => {
    const fkId = idOf(value, 'add');
    let target: PersistedModel | null;
    if (value instanceof Target) {
      target = value as PersistedModel;
    } else {
      const scope = resolveRelationScope(relation, instance);
      [target = null] = await Target.find({where: andWhere({[keyTo]: fkId}, scope?.where), limit: 1}, options);
    }
    if (!target) return null;
    await saveIds(push(ids(), (target as AnyObject)[keyTo]), options);
    addToCache(instance, name, [target], keyTo);
    return target;
  });
  accessor.remove = (...args: unknown[]) => callbackOrPromise(args, 2, async (value: unknown, options?: Options) => {
    const id = idOf(value, 'remove');
    const list = ids();
    const i = list.findIndex(x => sameId(x, id));
    if (i >= 0) {
      await saveIds(list.filter((_x, j) => j !== i), options);
      removeFromCache(instance, name, id, keyTo);
    }
    return ids();
  });
  accessor.updateById = (...args: unknown[]) => callbackOrPromise(args, 3, async (fkId: unknown, data: unknown, options?: Options) => {
    const target = await findById(fkId, options, 'updateById');
    await target.updateAttributes(data, options);
    return target;
  });
  accessor.destroyById = (...args: unknown[]) => callbackOrPromise(args, 2, async (fkId: unknown, options?: Options) => {
    const target = await findById(fkId, options, 'destroyById');
    const id = (target as AnyObject)[keyTo];
    await saveIds(ids().filter(x => !sameId(x, id)), options);
    removeFromCache(instance, name, id, keyTo);
    return target.destroy(options);
  });
  accessor.destroy = accessor.destroyById;
  accessor.updateAll = (...args: unknown[]) => callbackOrPromise(args, 3, async (where: unknown, data: unknown, options?: Options) => {
    if (isDataOnlyCall(args)) [where, data] = [undefined, where];
    const patch = requireObjectArgument(data, 'data', `${relationLabel(relation)}.updateAll`);
    const w = scopedWhere(where, 'updateAll');
    if (ids().length === 0) return {count: 0};
    return Target.updateAll(w, patch, options);
  });
  accessor.destroyAll = (...args: unknown[]) => callbackOrPromise(args, 2, async (where: unknown, options?: Options) => {
    const w = scopedWhere(where, 'destroyAll');
    if (ids().length === 0) return {count: 0};
    const doomed = await Target.find({where: w, fields: [keyTo]}, options);
    if (doomed.length === 0) return {count: 0};
    const gone = doomed.map(t => (t as AnyObject)[keyTo]);
    await saveIds(ids().filter(x => !gone.some(g => sameId(g, x))), options);
    cachedRelations(instance)[name] = undefined;
    return Target.destroyAll({[keyTo]: {inq: gone}}, options);
  });

  return accessor as unknown as Function;
}
