import {AnyObject} from '../../common/types';
import {IncludeTree, IncludeTreeRelation} from '../../connectors/connector';
import {DataSource} from '../../datasource/datasource';
import {normalizeFilter} from '../../filter/normalize-filter';
import {NormalizedFilter, NormalizedInclusion} from '../../filter/types';
import {Entity} from '../../model/model';
import {validateInclusions} from '../validate-inclusions';
import {includePlanMetadataOf} from './include-plan-metadata';

/** What the planner needs of a repository (a `DefaultCrudRepository`). */
export interface PlannableRepository {
  readonly entityClass: typeof Entity;
  readonly dataSource: DataSource;
  readonly inclusionResolvers: Map<string, unknown>;
}

/**
 * How to turn one level of connector rows into entities: the class of the
 * level, its planned relations, and the relations that get `undefined`
 * without a query (their join key was not selected on this level).
 */
export interface MaterializePlan {
  entityClass: typeof Entity;
  relations: {name: string; many: boolean; plan: MaterializePlan}[];
  omitted: string[];
}

/** An include tree for the connector, and how to build entities from its answer. */
export interface PlannedIncludeTree {
  tree: IncludeTree;
  materialize: MaterializePlan;
}

/** Decides whether a target repository's rows can be loaded in the same connector call. */
export type JoinableRepositoryTest = (repository: unknown) => repository is PlannableRepository;

interface LevelPlan {
  include: IncludeTreeRelation[];
  relations: MaterializePlan['relations'];
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
 * resolving to `undefined`.
 */
export async function planIncludeTree(
  root: PlannableRepository,
  filter: NormalizedFilter,
  inclusions: NormalizedInclusion[],
  joinable: JoinableRepositoryTest,
): Promise<PlannedIncludeTree | undefined> {
  try {
    const level = await planLevel(root, inclusions, filter.fields, joinable);
    if (!level) return undefined;
    return {
      tree: {model: root.entityClass.definition.name, filter, include: level.include},
      materialize: {entityClass: root.entityClass, relations: level.relations, omitted: level.omitted},
    };
  } catch {
    return undefined;
  }
}

async function planLevel(
  repo: PlannableRepository,
  inclusions: NormalizedInclusion[],
  selected: string[] | undefined,
  joinable: JoinableRepositoryTest,
): Promise<LevelPlan | undefined> {
  const out: LevelPlan = {include: [], relations: [], omitted: []};
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
    };
    if (globalLimit) node.globalLimit = true;
    out.include.push(node);
    out.relations.push({
      name, many: meta.many,
      plan: {entityClass: target.entityClass, relations: child.relations, omitted: child.omitted},
    });
  }
  return out;
}
