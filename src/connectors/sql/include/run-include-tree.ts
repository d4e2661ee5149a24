import {CompiledQuery} from 'kysely';
import {AnyObject} from '../../../common/types';
import {FindTreeOptions, IncludeTree} from '../../connector';
import {IncludeHost} from './include-host';
import {IncludeLevel} from './include-level';
import {explainSink} from './explain-plan';
import {fragmentCache, rootStatement} from './level-statements';
import {Collector, readRows} from './level-reader';
import {estimateRootRows, planIncludeLevels, PlannerOptions} from './plan-include-levels';
import {cachedPlan, keepPlan, treeShape} from './root-plan-cache';
import {TableMapping} from '../table-mapping';
import {execute, report} from './level-execution';
import {runBatched} from './run-batched';
import {runThroughVariants} from './run-through';

/**
 * `Connector.findTree` for the SQL connectors: loads a find and its include
 * tree in as few round trips as the plan allows — one statement for the
 * root and every JSON-planned relation, plus one per batched relation (two
 * for an unpaged through relation: its link pairs, then each related row
 * once; a MySQL key list longer than the bind limit is split). Batched
 * concrete types of a polymorphic relation run side by side, one statement
 * each (through a link table, after one statement for the links of every
 * type). Never one statement per parent row.
 *
 * Results equal per-level `find` calls joined on the keys: the same rows,
 * the same order per parent, NULL columns left out, relations `undefined`
 * when nothing matched. The plan of each level is reported to
 * `options.explain` and `DEBUG=relata:plan`.
 *
 * @example
 * const rows = await runIncludeTree(connector, {
 *   model: 'Customer', filter: {limit: 1},
 *   include: [{name: 'orders', model: 'Order', parentKey: 'id', childKey: 'customerId', many: true,
 *     filter: {}, include: []}],
 * }, {explain: true});
 */
export async function runIncludeTree(host: IncludeHost, tree: IncludeTree, options?: FindTreeOptions): Promise<AnyObject[]> {
  await host.connect();
  const dialect = host.dialect;
  const mappingOf = (model: string) => host.mapping(model);
  const planner = plannerOptions(host);
  const explain = explainSink(options);
  const db = host.kysely(options);
  const collector: Collector = new Map();

  // A shape asked for before reuses its plan and statement text (only the where values are bound anew).
  const shape = treeShape(tree, dialect, mappingOf, db, shapeExtra(tree, mappingOf(tree.model), planner));
  const cached = cachedPlan(host, shape);
  let levels: IncludeLevel[];
  let query: CompiledQuery;
  if (cached !== undefined) {
    levels = cached.levels;
    query = CompiledQuery.raw(cached.text, cached.parameters);
  } else {
    levels = planIncludeLevels(tree, dialect, mappingOf, planner);
    query = rootStatement(levels[0], dialect, fragmentCache(dialect, fragment => fragment.compile(db))).compile(db);
    keepPlan(host, shape, levels, query.sql, query.parameters);
  }
  const root = levels[0];
  const fragments = fragmentCache(dialect, fragment => fragment.compile(db));
  if (explain) report(explain, root, query.sql);
  const rows = await execute(host, db, query, root);
  const result = readRows(root, rows, collector);

  const parents = parentMap(levels);
  const done = new Set<IncludeLevel>();
  for (const level of levels) {
    if (level.strategy !== 'batched' || done.has(level)) continue;
    const parent = parents.get(level)!;
    if (level.relation!.through?.polymorphic !== undefined) {
      // The concrete types of a polymorphic relation through a link table: the links once, merged per parent.
      const group = parent.children.filter(c => c.relation!.name === level.relation!.name);
      for (const v of group) done.add(v);
      await runThroughVariants(host, db, group, parent, collector, explain, fragments);
      continue;
    }
    if (level.relation!.parentType !== undefined) {
      // The concrete types of a polymorphic to-one relation: their statements run side by side, as
      // independent queries would (measured faster than one UNION ALL statement of JSON rows).
      const group = parent.children.filter(c => c.strategy === 'batched' && !done.has(c) &&
        c.relation!.name === level.relation!.name);
      for (const v of group) done.add(v);
      await Promise.all(group.map(v => runBatched(host, db, v, parent, collector, explain, fragments)));
      continue;
    }
    await runBatched(host, db, level, parent, collector, explain, fragments);
  }
  return result;
}

/** What a plan depends on besides the tree's shape: the root size estimate, a pinned id, the server. */
function shapeExtra(tree: IncludeTree, mapping: TableMapping, planner: PlannerOptions): string {
  const ids = mapping.columns.filter(c => c.isId);
  const v = ids.length === 1 ? tree.filter.where?.[ids[0].property] : undefined;
  const pinned = v === undefined ? 'u' : v === null ? 'n' : typeof v !== 'object' || v instanceof Date ? 'p' : 'o';
  return `${estimateRootRows(tree.filter, mapping).rows}|${pinned}|${planner.orderedJsonAggregation}`;
}

/** What the planner must know of the server. */
function plannerOptions(host: IncludeHost): PlannerOptions {
  // MariaDB >= 10.5 orders and limits inside JSON_ARRAYAGG; it is also the
  // release that brought INSERT ... RETURNING, which the adapter probes.
  return {orderedJsonAggregation: host.dialect.name !== 'mysql' || host.dialect.insertReturning};
}

function parentMap(levels: IncludeLevel[]): Map<IncludeLevel, IncludeLevel> {
  const out = new Map<IncludeLevel, IncludeLevel>();
  for (const level of levels) for (const child of level.children) out.set(child, level);
  return out;
}
