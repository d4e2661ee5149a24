import {AnyObject} from '../../common/types';
import {IncludeTree, IncludeTreeRelation, IncludeTreeThrough} from '../../connectors/connector';
import {DataSource} from '../../datasource/datasource';
import {normalizeFilter} from '../../filter/normalize-filter';
import {NormalizedFilter, NormalizedInclusion} from '../../filter/types';
import {Entity} from '../../model/model';
import {validateInclusions} from '../validate-inclusions';
import {kindOfType} from '../../model/property-definition';
import {IncludePlanMetadata, IncludePlanThrough, includePlanMetadataOf} from './include-plan-metadata';

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
}

/**
 * Builds the include tree of a `find` when EVERY inclusion, at every level,
 * can be handed to the connector: its resolver carries plan metadata (built
 * by relata's relation factories), no polymorphic `targetType`, the target
 * repository passes `joinable` (a default repository on the same data
 * source), and every scope and nested include is valid. Resolves
 * `undefined` otherwise — including when a scope is invalid, so the batched
 * resolvers run and report the problem exactly when and how they always do.
 *
 * Scopes keep the resolvers' semantics: `limit`/`skip` per parent,
 * `totalLimit` as one limit over all parents, `fields` without the join key
 * still matching, and a relation whose join key the level does not select
 * resolving to `undefined`. Each level's `create` builds instances of that
 * level's entity class, so the connector touches every row once.
 */
export async function planIncludeTree(
  root: PlannableRepository,
  filter: NormalizedFilter,
  inclusions: NormalizedInclusion[],
  joinable: JoinableRepositoryTest,
): Promise<IncludeTree | undefined> {
  try {
    const level = await planLevel(root, inclusions, filter.fields, joinable);
    if (!level) return undefined;
    return {
      model: root.entityClass.definition.name, filter, include: level.include,
      create: entityFactory(root.entityClass, level.omitted),
    };
  } catch {
    return undefined;
  }
}

type EntityConstructor = new (data?: AnyObject) => AnyObject;

/**
 * `data => new Entity(data)` for a level, with the relations the level
 * omits set to `undefined` at once (as their resolvers would: they finish
 * without a query, before the others).
 */
export function entityFactory(entityClass: typeof Entity, omitted: string[]): (data: AnyObject) => AnyObject {
  const Ctor = entityClass as unknown as EntityConstructor;
  if (omitted.length === 0) return data => new Ctor(data);
  return data => {
    const entity = new Ctor(data);
    for (const name of omitted) entity[name] = undefined;
    return entity;
  };
}

async function planLevel(
  repo: PlannableRepository,
  inclusions: NormalizedInclusion[],
  selected: string[] | undefined,
  joinable: JoinableRepositoryTest,
): Promise<LevelPlan | undefined> {
  const out: LevelPlan = {include: [], omitted: []};
  const seen = new Set<string>();
  const properties = repo.entityClass.definition.properties;
  for (const inclusion of inclusions) {
    const name = inclusion.relation;
    // Repeated names and names shadowing a property are left to the resolvers.
    if (seen.has(name) || Object.prototype.hasOwnProperty.call(properties, name)) return undefined;
    seen.add(name);
    if (inclusion.targetType !== undefined) return undefined;
    const meta = includePlanMetadataOf(repo.inclusionResolvers.get(name));
    if (!meta) return undefined;
    if (selected !== undefined && !selected.includes(meta.parentKey)) {
      // The resolver would see no key on any source: nothing to load, nothing to validate.
      out.omitted.push(name);
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
      through = await planThrough(meta.through, meta, repo, target, joinable);
      if (!through) return undefined;
    }
    if (globalLimit) rest.limit = totalLimit;
    const scope = normalizeFilter(rest, definition);
    // Nested relations see the level's rows with the join key loaded.
    const levelFields = scope.fields && !scope.fields.includes(meta.childKey)
      ? [...scope.fields, meta.childKey]
      : scope.fields;
    const nested = nestedRaw === undefined || nestedRaw === null
      ? []
      : validateInclusions(target, nestedRaw);
    const child = await planLevel(target, nested, levelFields, joinable);
    if (!child) return undefined;

    const node: IncludeTreeRelation = {
      name, model: definition.name, parentKey: meta.parentKey, childKey: meta.childKey,
      many: meta.many, filter: scope, include: child.include,
      create: entityFactory(target.entityClass, child.omitted),
    };
    if (globalLimit) node.globalLimit = true;
    if (through) node.through = through;
    out.include.push(node);
  }
  return out;
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
  joinable: JoinableRepositoryTest,
): Promise<IncludeTreeThrough | undefined> {
  const link = await through.getRepository();
  if (!joinable(link)) return undefined;
  const ids = target.entityClass.definition.idProperties();
  if (ids.length !== 1 || ids[0] !== meta.childKey) return undefined;
  const sourceKind = kindOf(source, meta.parentKey);
  const targetKind = kindOf(target, meta.childKey);
  if (sourceKind === undefined || sourceKind !== kindOf(link, through.parentKey)) return undefined;
  if (targetKind === undefined || targetKind !== kindOf(link, through.childKey)) return undefined;
  return {model: link.entityClass.definition.name, parentKey: through.parentKey, childKey: through.childKey};
}
