import {AnyObject} from '../../common/types';
import {normalizeInclude} from '../../filter/normalize-include';
import {cachedRelations, PersistedModel, PersistedModelClass} from '../persisted-model';
import type {JugglerRelationDefinition} from './relation-definition';
import {mergeQuery, resolveIncludeScope} from './relation-options';
import {UndefinedRelationError} from './relation-errors';

/** Marks filters, scopes and include lists this module already adapted (adapting twice would repeat scopes). */
const ADAPTED = Symbol.for('relata.juggler.includeAdapted');

/** The relation types whose include this module shapes (the others' owners shape theirs). */
const SCOPED_TYPES = new Set(['belongsTo', 'hasOne', 'hasMany']);

/** Relation types whose include gives every source a list (`[]` when it has no targets). */
const LIST_TYPES = new Set(['hasMany', 'hasAndBelongsToMany', 'referencesMany']);

function mark<T extends object>(value: T): T {
  Object.defineProperty(value, ADAPTED, {value: true, enumerable: false});
  return value;
}

function isAdapted(value: unknown): boolean {
  return !!value && typeof value === 'object' && (value as {[ADAPTED]?: boolean})[ADAPTED] === true;
}

/**
 * A filter whose `include` reads as LoopBack 3 reads it, in the form the
 * shared engine runs (a list of `{relation, scope}`), so the include planner
 * still sees the whole tree:
 *
 * - every relation name is checked against the model's relations
 *   (`Relation "<name>" is not defined for <Model> model`), at every level;
 * - relations with `options.disableInclude` are left out silently;
 * - each belongsTo/hasOne/hasMany relation's own `scope` is merged into the
 *   inclusion's scope (the relation scope is the update, as LoopBack 3's
 *   `applyScope`; a scope function gets no instance);
 * - a scope `fields` keeps the join keys: the target's key of the relation,
 *   and the keys nested relations join on, so they stay in the results.
 *
 * Filters without `include` come back as they are; adapting is idempotent.
 */
export function adaptFilterIncludes<F>(model: PersistedModelClass, filter: F): F {
  if (!filter || typeof filter !== 'object' || isAdapted(filter)) return filter;
  const f = filter as AnyObject;
  if (f.include === undefined || f.include === null) return filter;
  return mark({...f, include: adaptInclude(model, f.include)}) as F;
}

/** An include clause of `model` adapted as {@link adaptFilterIncludes} describes. */
function adaptInclude(model: PersistedModelClass, include: unknown): AnyObject[] {
  if (isAdapted(include)) return include as AnyObject[];
  const out: AnyObject[] = [];
  for (const entry of normalizeInclude(include) ?? []) {
    const relation = model.relations?.[entry.relation];
    if (!relation) throw new UndefinedRelationError(entry.relation, model.modelName);
    if (relation.options?.disableInclude) continue;
    out.push(adaptEntry(relation, entry as AnyObject));
  }
  return mark(out);
}

function adaptEntry(relation: JugglerRelationDefinition, entry: AnyObject): AnyObject {
  let scope: AnyObject | undefined = entry.scope ? {...entry.scope} : undefined;
  if (SCOPED_TYPES.has(relation.type) && !relation.modelThrough && relation.scope != null) {
    const relationScope = resolveIncludeScope(relation, scope);
    if (relationScope) scope = mergeQuery(scope ?? {}, relationScope);
  }
  if (!scope) return {...entry};
  const target = relation.modelTo;
  const joinKey = targetJoinKey(relation);
  if (scope.fields !== undefined && joinKey) scope.fields = withField(scope.fields, joinKey);
  if (scope.include !== undefined && scope.include !== null && target) {
    const nested = adaptInclude(target, scope.include);
    if (nested.length) scope.include = nested;
    else delete scope.include;
    if (scope.fields !== undefined) {
      for (const n of nested) {
        const key = target.relations?.[n.relation]?.keyFrom;
        if (key) scope.fields = withField(scope.fields, key);
      }
    }
  }
  return {...entry, scope: mark(scope)};
}

/** The property of the relation's target that the include matches sources on. */
function targetJoinKey(relation: JugglerRelationDefinition): string | undefined {
  if (relation.type === 'embedsOne' || relation.type === 'embedsMany') return undefined;
  if (relation.modelThrough) return relation.modelTo?.getIdName();
  return relation.keyTo || undefined;
}

/** `fields` (a list, a name, or an inclusion/exclusion object) extended to select `key`. */
function withField(fields: unknown, key: string): unknown {
  if (fields === null || fields === undefined) return fields;
  if (typeof fields === 'string') return fields === key ? fields : [fields, key];
  if (Array.isArray(fields)) return fields.length === 0 || fields.includes(key) ? fields : [...fields, key];
  if (typeof fields === 'object') {
    const f = fields as AnyObject;
    if (Object.values(f).some(Boolean)) return f[key] ? f : {...f, [key]: true};
    if (key in f) {
      const copy = {...f};
      delete copy[key];
      return copy;
    }
  }
  return fields;
}

/**
 * Finishes an adapted include on loaded instances as LoopBack 3 leaves
 * them: a to-many relation without targets is cached as `[]` (the shared
 * engine leaves it out), at every level of the include tree.
 */
export function completeIncludes(model: PersistedModelClass, filter: unknown, loaded: unknown): void {
  const include = filter && typeof filter === 'object' ? (filter as AnyObject).include : undefined;
  if (!isAdapted(include)) return;
  const instances = (Array.isArray(loaded) ? loaded : [loaded])
    .filter((i): i is PersistedModel => i instanceof PersistedModel);
  if (!instances.length) return;
  for (const entry of include as AnyObject[]) {
    const relation = model.relations?.[entry.relation];
    if (!relation) continue;
    const name = relation.name;
    if (LIST_TYPES.has(relation.type)) {
      for (const inst of instances) {
        const cache = cachedRelations(inst);
        if (cache[name] === undefined) cache[name] = [];
      }
    }
    const nested = entry.scope?.include;
    if (!isAdapted(nested)) continue;
    // Targets grouped by class: a polymorphic relation loads instances of several models.
    const byClass = new Map<PersistedModelClass, PersistedModel[]>();
    for (const inst of instances) {
      const value = cachedRelations(inst)[name];
      for (const t of Array.isArray(value) ? value : [value]) {
        if (!(t instanceof PersistedModel)) continue;
        const cls = t.constructor as PersistedModelClass;
        let group = byClass.get(cls);
        if (!group) byClass.set(cls, (group = []));
        group.push(t);
      }
    }
    for (const [cls, group] of byClass) completeIncludes(cls, {include: nested}, group);
  }
}
