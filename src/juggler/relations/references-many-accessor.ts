import {withCallback} from '../../common/callback';
import {AnyObject, Options} from '../../common/types';
import {ValidationError} from '../../model/validation-error';
import {indexTargets, referenceKey, referencedIds} from '../../relations/references-many/references-many-inclusion-resolver';
import {splitArgs} from '../callback-args';
import {cachedRelations, instanceData, PersistedModel} from '../persisted-model';
import {JugglerRelationDefinition} from './relation-definition';
import {RelatedInstanceNotFoundError} from './relation-errors';
import {applyRelationProperties, applyRelationScope, resolveRelationScope, scopeWhereValues} from './relation-options';
import {finishAccessor} from './relation-support';
import {addToCache, collectionAccessorCall, getAsyncCall, removeFromCache} from './through-collection';
import {KeyMismatchError} from './through-errors';

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

function andWhere(...parts: unknown[]): AnyObject {
  const list = parts.filter(p => p && typeof p === 'object' && Object.keys(p as object).length > 0) as AnyObject[];
  if (list.length === 0) return {};
  return list.length === 1 ? list[0] : {and: list};
}

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
  const idOf = (value: unknown): unknown => value instanceof Target ? (value as AnyObject)[keyTo] : value;

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
  const findById = async (fkId: unknown, options: Options | undefined): Promise<PersistedModel> => {
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
  const build = (data?: AnyObject): PersistedModel => {
    const scope = resolveRelationScope(relation, instance);
    const values: AnyObject = {...(data instanceof PersistedModel ? instanceData(data) : data), ...scopeWhereValues(scope?.where, Target.definition.properties)};
    applyRelationProperties(relation, instance, values);
    return new Target(values);
  };
  const scopedWhere = (where: unknown): AnyObject =>
    andWhere({[keyTo]: {inq: ids()}}, where, resolveRelationScope(relation, instance)?.where);

  const accessor = function (...args: unknown[]) {
    return collectionAccessorCall(instance, name, args, find);
  } as unknown as AnyObject;
  finishAccessor(accessor, relation, instance);

  accessor.find = (...args: unknown[]) => {
    const {values: [filter, options], cb} = splitArgs(args, 2);
    return withCallback(find(filter as AnyObject | undefined, options as Options), cb);
  };
  accessor.getAsync = (...args: unknown[]) => getAsyncCall(accessor as unknown as (...a: unknown[]) => unknown, args);
  accessor.findOne = (...args: unknown[]) => {
    const {values: [filter, options], cb} = splitArgs(args, 2);
    return withCallback(find(filter as AnyObject | undefined, options as Options).then(r => r[0] ?? null), cb);
  };
  accessor.findById = (...args: unknown[]) => {
    const {values: [fkId, options], cb} = splitArgs(args, 2);
    return withCallback(findById(fkId, options as Options), cb);
  };
  accessor.exists = (...args: unknown[]) => {
    const {values: [fkId], cb} = splitArgs(args, 2);
    // From the id list alone, as LoopBack 3 (no database round trip).
    return withCallback(Promise.resolve(ids().some(id => sameId(id, idOf(fkId)))), cb);
  };
  accessor.at = (...args: unknown[]) => {
    const {values: [index, options], cb} = splitArgs(args, 2);
    return withCallback(findById(ids()[Number(index)], options as Options), cb);
  };
  accessor.count = (...args: unknown[]) => {
    const {values: [where, options], cb} = splitArgs(args, 2);
    const run = ids().length === 0
      ? Promise.resolve(0)
      : Target.count(scopedWhere(where), options);
    return withCallback(run, cb);
  };
  accessor.build = build;
  accessor.create = (...args: unknown[]) => {
    const {values: [data, options], cb} = splitArgs(args, 2);
    const run = (async () => {
      const created: PersistedModel = await Target.create(instanceData(build(data as AnyObject | undefined)), options);
      try {
        await saveIds(push(ids(), (created as AnyObject)[keyTo]), options as Options);
      } catch (err) {
        // The new target would be referenced by nobody: take it back.
        await Target.destroyById((created as AnyObject)[keyTo], options).catch(() => undefined);
        throw err;
      }
      addToCache(instance, name, created, keyTo);
      return created;
    })();
    return withCallback(run, cb);
  };
  accessor.add = (...args: unknown[]) => {
    const {values: [value, options], cb} = splitArgs(args, 2);
    const run = (async () => {
      let target: PersistedModel | null;
      if (value instanceof Target) {
        target = value as PersistedModel;
      } else {
        const scope = resolveRelationScope(relation, instance);
        [target = null] = await Target.find({where: andWhere({[keyTo]: value}, scope?.where), limit: 1}, options);
      }
      if (!target) return null;
      await saveIds(push(ids(), (target as AnyObject)[keyTo]), options as Options);
      addToCache(instance, name, target, keyTo);
      return target;
    })();
    return withCallback(run, cb);
  };
  accessor.remove = (...args: unknown[]) => {
    const {values: [value, options], cb} = splitArgs(args, 2);
    const run = (async () => {
      const id = idOf(value);
      const list = ids();
      const i = list.findIndex(x => sameId(x, id));
      if (i >= 0) {
        await saveIds(list.filter((_x, j) => j !== i), options as Options);
        removeFromCache(instance, name, id, keyTo);
      }
      return ids();
    })();
    return withCallback(run, cb);
  };
  accessor.updateById = (...args: unknown[]) => {
    const {values: [fkId, data, options], cb} = splitArgs(args, 3);
    const run = (async () => {
      const target = await findById(fkId, options as Options);
      await target.updateAttributes(data ?? {}, options);
      return target;
    })();
    return withCallback(run, cb);
  };
  accessor.destroyById = (...args: unknown[]) => {
    const {values: [fkId, options], cb} = splitArgs(args, 2);
    const run = (async () => {
      const target = await findById(fkId, options as Options);
      const id = (target as AnyObject)[keyTo];
      await saveIds(ids().filter(x => !sameId(x, id)), options as Options);
      removeFromCache(instance, name, id, keyTo);
      return target.destroy(options);
    })();
    return withCallback(run, cb);
  };
  accessor.destroy = accessor.destroyById;
  accessor.updateAll = (...args: unknown[]) => {
    let {values: [where, data, options], cb} = splitArgs(args, 3);
    if (data === undefined) [where, data] = [undefined, where];
    const run = ids().length === 0
      ? Promise.resolve({count: 0})
      : Target.updateAll(scopedWhere(where), data ?? {}, options);
    return withCallback(run, cb);
  };
  accessor.destroyAll = (...args: unknown[]) => {
    const {values: [where, options], cb} = splitArgs(args, 2);
    const run = (async () => {
      if (ids().length === 0) return {count: 0};
      const doomed = await Target.find({where: scopedWhere(where), fields: [keyTo]}, options);
      if (doomed.length === 0) return {count: 0};
      const gone = doomed.map(t => (t as AnyObject)[keyTo]);
      await saveIds(ids().filter(x => !gone.some(g => sameId(g, x))), options as Options);
      cachedRelations(instance)[name] = undefined;
      return Target.destroyAll({[keyTo]: {inq: gone}}, options);
    })();
    return withCallback(run, cb);
  };

  return accessor as unknown as Function;
}
