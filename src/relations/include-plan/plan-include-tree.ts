import {AnyObject} from '../../common/types';
import {IncludeTree, IncludeTreeRelation, IncludeTreeThrough} from '../../connectors/connector';
import {DataSource} from '../../datasource/datasource';
import {normalizeFilter} from '../../filter/normalize-filter';
import {normalizeWhere} from '../../filter/normalize-where';
import {andWhere, throughScopeWhere} from '../has-many-through/through-scope';
import {NormalizedFilter, NormalizedInclusion} from '../../filter/types';
import {Entity} from '../../model/model';
import {validateInclusions} from '../validate-inclusions';
import {kindOfType} from '../../model/property-definition';
import {imposeWhere} from '../constraint-utils';
import {scopeForType} from '../polymorphic-inclusion-resolver';
import {
  IncludePlanMetadata, IncludePlanPolymorphism, IncludePlanThrough, includePlanMetadataOf,
} from './include-plan-metadata';
import {RelationCheck} from './polymorphic-checks';
import {InvalidPolymorphismError} from '../relation-errors';

/** What the planner needs of a repository (a `DefaultCrudRepository`). */
export interface PlannableRepository {
  readonly entityClass: typeof Entity;
  readonly dataSource: DataSource;
  readonly inclusionResolvers: Map<string, unknown>;
}

/** Decides whether a target repository's rows can be loaded in the same connector call. */
export type JoinableRepositoryTest = (repository: unknown) => repository is PlannableRepository;

interface LevelPlan {
  include: IncludeTreeRelation[];
  /** Relations resolved to `undefined` without a query (the level does not select their join key). */
  omitted: string[];
  /** Relations resolved to `[]` without a query (referencesMany whose id array the level does not select). */
  emptyLists: string[];
  /** What the result must be checked for (polymorphic to-one relations at or below this level). */
  checks: RelationCheck[];
}

/** A planned include tree, and what its result must be checked for before it is handed out. */
export interface PlannedIncludeTree {
  tree: IncludeTree;
  /** Empty unless a polymorphic to-one relation is planned (see `verifyPlannedRows`). */
  checks: RelationCheck[];
}

/**
 * Builds the include tree of a `find` when EVERY inclusion, at every level,
 * can be handed to the connector: its resolver carries plan metadata (built
 * by relata's relation factories), no polymorphic `targetType` other than
 * the concrete type being planned, every target repository passes
 * `joinable` (a default repository on the same data source), and every
 * scope and nested include is valid. Resolves `undefined` otherwise —
 * including when a scope is invalid, so the batched resolvers run and
 * report the problem exactly when and how they always do.
 *
 * Scopes keep the resolvers' semantics: `limit`/`skip` per parent,
 * `totalLimit` as one limit over all parents, `fields` without the join key
 * still matching, and a relation whose join key the level does not select
 * resolving to `undefined` (`[]` for referencesMany). Each level's `create`
 * builds instances of that level's entity class, so the connector touches
 * every row once. A polymorphic to-one relation becomes one entry per
 * concrete type (`parentType`), each with the scope and nested includes the
 * resolver would give that type.
 */
export async function planIncludeTree(
  root: PlannableRepository,
  filter: NormalizedFilter,
  inclusions: NormalizedInclusion[],
  joinable: JoinableRepositoryTest,
): Promise<IncludeTree | undefined> {
  return (await planIncludeTreeWithChecks(root, filter, inclusions, joinable))?.tree;
}

/** {@link planIncludeTree}, with the checks its result needs (see `verifyPlannedRows`). */
export async function planIncludeTreeWithChecks(
  root: PlannableRepository,
  filter: NormalizedFilter,
  inclusions: NormalizedInclusion[],
  joinable: JoinableRepositoryTest,
): Promise<PlannedIncludeTree | undefined> {
  try {
    const level = await planLevel(root, inclusions, filter.fields, joinable, undefined);
    if (!level) return undefined;
    return {
      tree: {
        model: root.entityClass.definition.name, filter, include: level.include,
        create: entityFactory(root.entityClass, level.omitted, level.emptyLists),
      },
      checks: level.checks,
    };
  } catch {
    return undefined;
  }
}

type EntityConstructor = new (data?: AnyObject) => AnyObject;

/**
 * `data => new Entity(data)` for a level, with the relations the level
 * omits set at once (as their resolvers would: they finish without a
 * query, before the others): `undefined`, or `[]` for `emptyLists`.
 */
export function entityFactory(
  entityClass: typeof Entity, omitted: string[], emptyLists: string[] = [],
): (data: AnyObject) => AnyObject {
  const Ctor = entityClass as unknown as EntityConstructor;
  if (omitted.length === 0 && emptyLists.length === 0) return data => new Ctor(data);
  return data => {
    const entity = new Ctor(data);
    for (const name of omitted) entity[name] = undefined;
    for (const name of emptyLists) entity[name] = [];
    return entity;
  };
}

/**
 * Plans the inclusions of one level. `type` is the concrete type the level
 * stands for under a polymorphic relation: its include entries with that
 * `targetType` apply (the resolvers pass it on as `polymorphicType`).
 */
async function planLevel(
  repo: PlannableRepository,
  inclusions: NormalizedInclusion[],
  selected: string[] | undefined,
  joinable: JoinableRepositoryTest,
  type: string | undefined,
): Promise<LevelPlan | undefined> {
  const out: LevelPlan = {include: [], omitted: [], emptyLists: [], checks: []};
  const seen = new Set<string>();
  const properties = repo.entityClass.definition.properties;
  for (const inclusion of inclusions) {
    const name = inclusion.relation;
    // Repeated names and names shadowing a property are left to the resolvers.
    if (seen.has(name) || Object.prototype.hasOwnProperty.call(properties, name)) return undefined;
    seen.add(name);
    if (inclusion.targetType !== undefined && inclusion.targetType !== type) return undefined;
    const meta = includePlanMetadataOf(repo.inclusionResolvers.get(name));
    if (!meta) return undefined;
    if (selected !== undefined && !selected.includes(meta.parentKey)) {
      // The resolver would see no key on any source: nothing to load, nothing to validate.
      (meta.parentKeyList ? out.emptyLists : out.omitted).push(name);
      continue;
    }
    if (meta.polymorphic) {
      if (!(await planPolymorphic(out, inclusion, meta, meta.polymorphic, selected, joinable))) return undefined;
      continue;
    }
    if (meta.through?.polymorphic) {
      if (!(await planPolymorphicThrough(out, repo, inclusion, meta, meta.through, joinable))) return undefined;
      continue;
    }
    const target = await meta.getTargetRepository();
    if (!joinable(target)) return undefined;
    const definition = target.entityClass.definition;

    const {include: nestedRaw, totalLimit, ...rest} = (inclusion.scope ?? {}) as AnyObject;
    const globalLimit = totalLimit !== undefined;
    let through: IncludeTreeThrough | undefined;
    if (meta.through) {
      // The through resolver has no totalLimit; it is left to report that as it does.
      if (globalLimit) return undefined;
      through = await planThrough(meta.through, meta, repo, target, joinable, inclusion.throughScope);
      if (!through) return undefined;
    } else if (inclusion.throughScope !== undefined) {
      return undefined;
    }
    if (globalLimit) rest.limit = totalLimit;
    // The resolver ANDs the relation's own target condition into the scope (polymorphic hasMany).
    if (meta.targetWhere) rest.where = imposeWhere(rest.where, meta.targetWhere);
    const scope = normalizeFilter(rest, definition);
    const nested = nestedRaw === undefined || nestedRaw === null
      ? []
      : validateInclusions(target, nestedRaw);
    const child = await planLevel(target, nested, levelFields(scope, meta.childKey), joinable, undefined);
    if (!child) return undefined;

    const node: IncludeTreeRelation = {
      name, model: definition.name, parentKey: meta.parentKey, childKey: meta.childKey,
      many: meta.many, filter: scope, include: child.include,
      create: entityFactory(target.entityClass, child.omitted, child.emptyLists),
    };
    if (globalLimit) node.globalLimit = true;
    if (through) node.through = through;
    if (meta.parentKeyList) node.parentKeyList = true;
    out.include.push(node);
    if (child.checks.length) out.checks.push({name, targets: child.checks});
  }
  return out;
}

/** The fields a level's rows are read with for its nested relations: the scope's, with the join key. */
function levelFields(scope: NormalizedFilter, childKey: string): string[] | undefined {
  return scope.fields && !scope.fields.includes(childKey) ? [...scope.fields, childKey] : scope.fields;
}

/**
 * Plans a polymorphic to-one relation as one entry per concrete type, each
 * taking the sources of its type (`parentType`), with the scope the
 * resolver gives that type (`fields` it does not declare left out) and the
 * nested includes that apply to it (`targetType`). False when a type cannot
 * be planned (its repository is not joinable, ...), or the level does not
 * select the discriminator (the resolver would then see no type).
 */
async function planPolymorphic(
  out: LevelPlan, inclusion: NormalizedInclusion, meta: IncludePlanMetadata, poly: IncludePlanPolymorphism,
  selected: string[] | undefined, joinable: JoinableRepositoryTest,
): Promise<boolean> {
  const name = inclusion.relation;
  const {include: nestedRaw, totalLimit, ...rest} = (inclusion.scope ?? {}) as AnyObject;
  if (totalLimit !== undefined || inclusion.throughScope !== undefined) return false;
  if (selected !== undefined && !selected.includes(poly.discriminator)) return false;
  const nestedAll = nestedRaw === undefined || nestedRaw === null ? [] : normalizeFilter({include: nestedRaw}).include ?? [];
  const types = new Map<string, RelationCheck[]>();
  for (const type of Object.keys(poly.getters)) {
    const target = await poly.getters[type]();
    if (!joinable(target)) return false;
    const definition = target.entityClass.definition;
    const scope = normalizeFilter(scopeForType(rest, definition.properties), definition);
    // The resolver queries each type with `polymorphicType`: entries for other types drop out.
    const forType = nestedAll.filter(i => i.targetType === undefined || i.targetType === type);
    const nested = forType.length ? validateInclusions(target, forType) : [];
    const child = await planLevel(target, nested, levelFields(scope, meta.childKey), joinable, type);
    if (!child) return false;
    out.include.push({
      name, model: definition.name, parentKey: meta.parentKey, childKey: meta.childKey, many: false,
      filter: scope, include: child.include, parentType: {property: poly.discriminator, value: type},
      create: entityFactory(target.entityClass, child.omitted, child.emptyLists),
    });
    types.set(type, child.checks);
  }
  out.checks.push({
    name, polymorphic: {discriminator: poly.discriminator, keyFrom: meta.parentKey, missing: poly.missing, types},
  });
  return true;
}

/**
 * Plans a polymorphic hasMany-through relation as one entry per concrete
 * type (in the getter map's order), each joining the link rows of its type
 * (`through.polymorphic`), with the scope as the resolver gives it to every
 * type and the nested includes that apply to the type. False when a type
 * cannot be planned.
 */
async function planPolymorphicThrough(
  out: LevelPlan, source: PlannableRepository, inclusion: NormalizedInclusion, meta: IncludePlanMetadata,
  through: IncludePlanThrough, joinable: JoinableRepositoryTest,
): Promise<boolean> {
  const name = inclusion.relation;
  const {discriminator, getters} = through.polymorphic!;
  const {include: nestedRaw, totalLimit, ...rest} = (inclusion.scope ?? {}) as AnyObject;
  if (totalLimit !== undefined) return false;
  const nestedAll = nestedRaw === undefined || nestedRaw === null ? [] : normalizeFilter({include: nestedRaw}).include ?? [];
  const types = Object.keys(getters);
  const checks: RelationCheck[] = [];
  for (const type of types) {
    const target = await getters[type]();
    if (!joinable(target)) return false;
    const link = await planThrough(through, meta, source, target, joinable, inclusion.throughScope);
    if (!link) return false;
    link.polymorphic = {
      discriminator, type, types,
      invalidType: value => new InvalidPolymorphismError(String(value), discriminator),
    };
    const definition = target.entityClass.definition;
    const scope = normalizeFilter(rest, definition);
    const forType = nestedAll.filter(i => i.targetType === undefined || i.targetType === type);
    const nested = forType.length ? validateInclusions(target, forType) : [];
    const child = await planLevel(target, nested, levelFields(scope, meta.childKey), joinable, type);
    if (!child) return false;
    out.include.push({
      name, model: definition.name, parentKey: meta.parentKey, childKey: meta.childKey, many: true,
      filter: scope, include: child.include, through: link,
      create: entityFactory(target.entityClass, child.omitted, child.emptyLists),
    });
    for (const check of child.checks) checks.push({...check, model: target.entityClass});
  }
  if (checks.length) out.checks.push({name, targets: checks});
  return true;
}

function kindOf(repo: PlannableRepository, property: string): string | undefined {
  const def = repo.entityClass.definition.properties[property];
  return def === undefined ? undefined : kindOfType(def.type);
}

/**
 * The link hop of a hasMany-through join, when the connector can do it as
 * the resolver does: the link repository is joinable, the target key is the
 * target's only id (the resolver keeps one target per linked key), and each
 * hop joins keys of one kind (else the resolver's lookups differ from SQL
 * comparisons).
 */
async function planThrough(
  through: IncludePlanThrough, meta: IncludePlanMetadata, source: PlannableRepository, target: PlannableRepository,
  joinable: JoinableRepositoryTest, throughScope: NormalizedInclusion['throughScope'],
): Promise<IncludeTreeThrough | undefined> {
  const link = await through.getRepository();
  if (!joinable(link)) return undefined;
  const ids = target.entityClass.definition.idProperties();
  if (ids.length !== 1 || ids[0] !== meta.childKey) return undefined;
  const sourceKind = kindOf(source, meta.parentKey);
  const targetKind = kindOf(target, meta.childKey);
  if (sourceKind === undefined || sourceKind !== kindOf(link, through.parentKey)) return undefined;
  if (targetKind === undefined || targetKind !== kindOf(link, through.childKey)) return undefined;
  const out: IncludeTreeThrough = {model: link.entityClass.definition.name, parentKey: through.parentKey, childKey: through.childKey};
  // The relation's through scope and the inclusion's, validated against the link model (an error → the resolver reports it).
  const given = normalizeWhere(throughScopeWhere(throughScope, meta.relation), link.entityClass.definition);
  const where = andWhere(through.where, given);
  if (where !== undefined) out.where = where;
  return out;
}
