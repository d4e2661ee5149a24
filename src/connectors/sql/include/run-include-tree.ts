import {CompiledQuery, Kysely, RawBuilder, sql, SqlBool} from 'kysely';
import {AnyObject} from '../../../common/types';
import {compareByOrder} from '../../../filter/order';
import {FindTreeOptions, IncludePlanStep, IncludeTree} from '../../connector';
import {encodeOperand, rowDecoder} from '../value-codec';
import {IncludeHost} from './include-host';
import {IncludeLevel} from './include-level';
import {explainSink} from './explain-plan';
import {
  batchedStatement, FragmentCache, fragmentCache, linkColumns, linkPairsStatement, linkTargetsStatement, LINK_KEY,
  LINK_PAGED_OUT, LINK_TARGET, LINK_TYPE, rootStatement, throughInTwoSteps, variantTargetsStatement,
} from './level-statements';
import {collectedOf, Collector, readRows} from './level-reader';
import {estimateRootRows, planIncludeLevels, PlannerOptions} from './plan-include-levels';
import {cachedPlan, keepPlan, treeShape} from './root-plan-cache';
import {TableMapping} from '../table-mapping';

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

/** Reports a statement's level and the JSON levels it carries. */
function report(explain: (step: IncludePlanStep) => void, level: IncludeLevel, text: string): void {
  explain({relation: level.path, plan: level.strategy, reason: level.reason, sql: text});
  const visit = (l: IncludeLevel): void => {
    for (const child of l.children) {
      if (child.strategy === 'json') {
        explain({relation: child.path, plan: 'json', reason: child.reason, sql: text});
        visit(child);
      } else if (child.strategy === 'empty') {
        explain({relation: child.path, plan: 'empty', reason: child.reason, sql: ''});
      }
    }
  };
  visit(level);
}

async function execute(host: IncludeHost, db: Kysely<any>, query: CompiledQuery, level: IncludeLevel): Promise<AnyObject[]> {
  try {
    return (await db.executeQuery(query)).rows as AnyObject[];
  } catch (err) {
    throw host.translateError(err, 'find', level.mapping.model);
  }
}

/** Normalizes a key for lookups: Dates by time, other objects by their string form. */
function keyOf(value: unknown): unknown {
  if (value !== null && typeof value === 'object') return value instanceof Date ? value.getTime() : String(value);
  return value;
}

/**
 * Loads a batched level for every row of its parent level at once, then
 * hands each parent its rows (to-many, in statement order) or first row
 * (to-one). Parents sharing a key share the result, as batched resolvers do.
 */
async function runBatched(
  host: IncludeHost, db: Kysely<any>, level: IncludeLevel, parent: IncludeLevel, collector: Collector,
  explain: ((step: IncludePlanStep) => void) | undefined, fragments: FragmentCache,
): Promise<void> {
  const relation = level.relation!;
  const parentRows = collectedOf(parent, collector);
  let parentKeys = parentRows.keys[parent.keySlots.findIndex(k => k.property === relation.parentKey)];
  if (relation.parentType !== undefined) parentKeys = keysOfType(parent, parentRows.keys, parentKeys, relation.parentType);
  if (relation.parentKeyList) {
    await runListBatched(host, db, level, parentRows.rows, parentKeys, collector, explain, fragments);
    return;
  }
  const values = distinctKeys(parentKeys, uniqueRows(parent, relation.parentKey));
  const childKey = level.mapping.byProperty.get(relation.childKey)!;
  const matched = relation.through === undefined ? childKey : linkColumns(level).parentKey;
  if (throughInTwoSteps(level)) {
    await runThroughInTwoSteps(host, db, level, parentRows.rows, parentKeys, values, collector, explain, fragments);
    return;
  }
  const statements = keyStatements(level, values, matched.kind, db, host, fragments, batchedStatement);
  if (explain) {
    const text = statements.length ? statements[0].sql : '(no parent key: no statement)';
    report(explain, level, statements.length > 1 ? `${text}  -- ${statements.length} statements (bind limit)` : text);
  }
  if (relation.through !== undefined) {
    const linked = new Map<unknown, AnyObject[]>();
    for (const query of statements) readThroughRows(level, await execute(host, db, query, level), collector, linked, host);
    const rows = parentRows.rows;
    for (let i = 0; i < rows.length; i++) {
      const v = parentKeys[i];
      if (v === null || v === undefined) continue;
      const group = linked.get(typeof v === 'object' ? keyOf(v) : v);
      if (group !== undefined) rows[i][relation.name] = group;
    }
    return;
  }
  const own = collectedOf(level, collector);
  for (const query of statements) readRows(level, await execute(host, db, query, level), collector);

  const keyIndex = level.keySlots.findIndex(k => k.property === relation.childKey);
  const ownKeys = own.keys[keyIndex];
  const groups = new Map<unknown, AnyObject[]>();
  const ownRows = own.rows;
  for (let i = 0; i < ownRows.length; i++) {
    const v = ownKeys[i];
    const k = v !== null && typeof v === 'object' ? keyOf(v) : v;
    const group = groups.get(k);
    if (group === undefined) groups.set(k, [ownRows[i]]);
    else group.push(ownRows[i]);
  }
  const name = relation.name;
  const many = relation.many;
  const rows = parentRows.rows;
  for (let i = 0; i < rows.length; i++) {
    const v = parentKeys[i];
    if (v === null || v === undefined) continue;
    const group = groups.get(typeof v === 'object' ? keyOf(v) : v);
    if (group !== undefined) rows[i][name] = many ? group : group[0];
  }
}

/**
 * Loads an unpaged through level in two statements: the link pairs of the
 * parents' keys, then the related rows of the distinct related keys, each
 * row read once and handed, in statement order, to every parent linking it
 * (a pair counts once however many links repeat it). A parent with links
 * but no related row gets `[]`; one without links keeps `undefined`.
 */
async function runThroughInTwoSteps(
  host: IncludeHost, db: Kysely<any>, level: IncludeLevel, parentRows: AnyObject[], parentKeys: unknown[],
  values: unknown[], collector: Collector, explain: ((step: IncludePlanStep) => void) | undefined,
  fragments: FragmentCache,
): Promise<void> {
  const relation = level.relation!;
  const link = linkColumns(level);
  const pairStatements = keyStatements(level, values, link.parentKey.kind, db, host, fragments,
    (l, dialect, condition) => linkPairsStatement(l, dialect, condition));
  const decodeParent = rowDecoder(link.parentKey.kind, host.dialect);
  const decodeTarget = rowDecoder(link.childKey.kind, host.dialect);
  const linked = new Map<unknown, AnyObject[]>();
  // Related key → the parents linking it (normalized keys), and the distinct related keys to load.
  const parentsOf = new Map<unknown, unknown[]>();
  const seenPairs = new Map<unknown, Set<unknown>>();
  const targets: unknown[] = [];
  for (const query of pairStatements) {
    const rows = await execute(host, db, query, level);
    for (let i = 0; i < rows.length; i++) {
      const row = rows[i];
      let pk = row[LINK_KEY];
      if (pk === null || pk === undefined) continue;
      if (decodeParent !== undefined) pk = decodeParent(pk);
      const p = pk !== null && typeof pk === 'object' ? keyOf(pk) : pk;
      if (!linked.has(p)) linked.set(p, []);
      let ck = row[LINK_TARGET];
      if (ck === null || ck === undefined) continue;
      if (decodeTarget !== undefined) ck = decodeTarget(ck);
      const c = ck !== null && typeof ck === 'object' ? keyOf(ck) : ck;
      const parents = parentsOf.get(c);
      if (parents === undefined) {
        parentsOf.set(c, [p]);
        targets.push(ck);
      } else if (!hasParent(parents, p, c, seenPairs)) {
        parents.push(p);
      }
    }
  }
  const targetStatements = keyStatements(level, targets, level.mapping.byProperty.get(relation.childKey)!.kind, db, host,
    fragments, linkTargetsStatement, true);
  if (explain) {
    const text = [...pairStatements, ...targetStatements].map(q => q.sql).join(';\n');
    report(explain, level, text || '(no parent key: no statement)');
  }
  const own = collectedOf(level, collector);
  const keyIndex = level.keySlots.findIndex(k => k.property === relation.childKey);
  for (const query of targetStatements) {
    const start = own.rows.length;
    const read = readRows(level, await execute(host, db, query, level), collector);
    const keys = own.keys[keyIndex];
    for (let i = 0; i < read.length; i++) {
      const v = keys[start + i];
      const parents = parentsOf.get(v !== null && typeof v === 'object' ? keyOf(v) : v);
      if (parents === undefined) continue;
      for (let j = 0; j < parents.length; j++) linked.get(parents[j])!.push(read[i]);
    }
  }
  const name = relation.name;
  for (let i = 0; i < parentRows.length; i++) {
    const v = parentKeys[i];
    if (v === null || v === undefined) continue;
    const group = linked.get(typeof v === 'object' ? keyOf(v) : v);
    if (group !== undefined) parentRows[i][name] = group;
  }
}

/** The parents' keys, `undefined` for the parents not of `type.value` (a concrete type of a polymorphic relation). */
function keysOfType(
  parent: IncludeLevel, keys: unknown[][], parentKeys: unknown[], type: {property: string; value: string},
): unknown[] {
  const types = keys[parent.keySlots.findIndex(k => k.property === type.property)];
  const out = new Array<unknown>(parentKeys.length);
  for (let i = 0; i < parentKeys.length; i++) out[i] = types[i] === type.value ? parentKeys[i] : undefined;
  return out;
}

/** A key of a list as the related key's kind (lists are JSON: `'1'` refers to `1`), or undefined when it cannot be one. */
function listKeyAs(kind: IncludeLevel['slots'][number]['kind'], v: unknown): unknown {
  if (kind === 'number') {
    if (typeof v === 'number') return v;
    if (typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v))) return Number(v);
    return undefined;
  }
  if (kind === 'string') return typeof v === 'string' ? v : typeof v === 'number' ? String(v) : undefined;
  return v;
}

/** How a list key and a related key are matched: by their text (Dates by time), as the referencesMany resolver does. */
function listKeyOf(v: unknown): string {
  return String(keyOf(v));
}

/**
 * Loads a level whose parents hold lists of related keys (referencesMany):
 * one statement over the distinct keys of every list, each related row read
 * once, then each parent gets the rows of its list in list order (or in
 * the statement's order when the scope orders), paged per parent: always an
 * array.
 */
async function runListBatched(
  host: IncludeHost, db: Kysely<any>, level: IncludeLevel, parentRows: AnyObject[], parentKeys: unknown[],
  collector: Collector, explain: ((step: IncludePlanStep) => void) | undefined, fragments: FragmentCache,
): Promise<void> {
  const relation = level.relation!;
  const {filter} = level;
  const kind = level.mapping.byProperty.get(relation.childKey)!.kind;
  const seen = new Set<string>();
  const values: unknown[] = [];
  for (let i = 0; i < parentKeys.length; i++) {
    const list = parentKeys[i];
    if (!Array.isArray(list)) continue;
    for (const v of list) {
      if (v === null || v === undefined) continue;
      const k = listKeyOf(v);
      if (seen.has(k)) continue;
      seen.add(k);
      const key = listKeyAs(kind, v);
      if (key !== undefined) values.push(key);
    }
  }
  const statements = keyStatements(level, values, kind, db, host, fragments, batchedStatement, true);
  if (explain) {
    const text = statements.length ? statements[0].sql : '(no key in any list: no statement)';
    report(explain, level, statements.length > 1 ? `${text}  -- ${statements.length} statements (bind limit)` : text);
  }
  const own = collectedOf(level, collector);
  const start = own.rows.length;
  for (const query of statements) readRows(level, await execute(host, db, query, level), collector);
  const keys = own.keys[level.keySlots.findIndex(k => k.property === relation.childKey)];
  const byKey = new Map<string, AnyObject>();
  const ordered = filter.order !== undefined && filter.order.length > 0;
  const rank = ordered ? new Map<AnyObject, number>() : undefined;
  for (let i = start; i < own.rows.length; i++) {
    const k = listKeyOf(keys[i]);
    if (!byKey.has(k)) byKey.set(k, own.rows[i]);
    if (rank !== undefined) rank.set(own.rows[i], i);
  }
  const paged = !relation.globalLimit && ((filter.skip ?? 0) > 0 || filter.limit !== undefined);
  const skip = relation.globalLimit ? 0 : filter.skip ?? 0;
  const end = relation.globalLimit || filter.limit === undefined ? undefined : skip + filter.limit;
  const name = relation.name;
  for (let i = 0; i < parentRows.length; i++) {
    const list = parentKeys[i];
    let out: AnyObject[] = [];
    if (Array.isArray(list)) {
      for (const v of list) {
        if (v === null || v === undefined) continue;
        const row = byKey.get(listKeyOf(v));
        if (row !== undefined) out.push(row);
      }
    }
    if (rank !== undefined && out.length > 1) out.sort((a, b) => rank.get(a)! - rank.get(b)!);
    if (paged) out = out.slice(skip, end);
    parentRows[i][name] = out;
  }
}

/**
 * Loads the concrete types of a polymorphic relation through a link table
 * (`levels`, one per type, in type order): the link pairs and their types
 * of every parent in one statement (a link of an unknown type fails), then
 * the related rows of each type once, in the scope's order. Each parent
 * with links gets one list: type by type, ordered across types by the
 * scope when links of several types exist, then paged — as the batched
 * resolver does.
 */
async function runThroughVariants(
  host: IncludeHost, db: Kysely<any>, levels: IncludeLevel[], parent: IncludeLevel, collector: Collector,
  explain: ((step: IncludePlanStep) => void) | undefined, fragments: FragmentCache,
): Promise<void> {
  const first = levels[0];
  const relation = first.relation!;
  const poly = relation.through!.polymorphic!;
  const parentRows = collectedOf(parent, collector);
  const parentKeys = parentRows.keys[parent.keySlots.findIndex(k => k.property === relation.parentKey)];
  const values = distinctKeys(parentKeys, uniqueRows(parent, relation.parentKey));
  const link = linkColumns(first);
  const pairStatements = keyStatements(first, values, link.parentKey.kind, db, host, fragments,
    (l, dialect, condition) => linkPairsStatement(l, dialect, condition));
  const decodeParent = rowDecoder(link.parentKey.kind, host.dialect);
  const decodeTarget = rowDecoder(link.childKey.kind, host.dialect);
  const byType = new Map(levels.map((l, i) => [l.relation!.through!.polymorphic!.type, i]));
  // Per type: related key → the parents linking it, and the distinct related keys to load.
  const parentsOf = levels.map(() => new Map<unknown, unknown[]>());
  const seenPairs = levels.map(() => new Map<unknown, Set<unknown>>());
  const targets: unknown[][] = levels.map(() => []);
  const typesSeen = new Set<number>();
  // Parent key → its list per type (created for every parent with a link).
  const lists = new Map<unknown, AnyObject[][]>();
  for (const query of pairStatements) {
    const rows = await execute(host, db, query, first);
    for (let i = 0; i < rows.length; i++) {
      const row = rows[i];
      const type = row[LINK_TYPE];
      const t = typeof type === 'string' ? byType.get(type) : undefined;
      if (t === undefined) throw poly.invalidType(type === null ? undefined : type);
      let pk = row[LINK_KEY];
      if (pk === null || pk === undefined) continue;
      if (decodeParent !== undefined) pk = decodeParent(pk);
      const p = pk !== null && typeof pk === 'object' ? keyOf(pk) : pk;
      typesSeen.add(t);
      if (!lists.has(p)) lists.set(p, levels.map(() => []));
      let ck = row[LINK_TARGET];
      if (ck === null || ck === undefined) continue;
      if (decodeTarget !== undefined) ck = decodeTarget(ck);
      const c = ck !== null && typeof ck === 'object' ? keyOf(ck) : ck;
      const parents = parentsOf[t].get(c);
      if (parents === undefined) {
        parentsOf[t].set(c, [p]);
        targets[t].push(ck);
      } else if (!hasParent(parents, p, c, seenPairs[t])) {
        parents.push(p);
      }
    }
  }
  // The rows of each type: independent statements, run side by side.
  const statements = levels.map((level, t) => keyStatements(level, targets[t],
    level.mapping.byProperty.get(relation.childKey)!.kind, db, host, fragments, variantTargetsStatement, true));
  if (explain) {
    const text = [...pairStatements, ...statements.flat()].map(q => q.sql).join(';\n') || '(no parent key: no statement)';
    for (const level of levels) report(explain, level, text);
  }
  await Promise.all(levels.map(async (level, t) => {
    const own = collectedOf(level, collector);
    const keyIndex = level.keySlots.findIndex(k => k.property === relation.childKey);
    for (const query of statements[t]) {
      const raw = await execute(host, db, query, level);
      const start = own.rows.length;
      const read = readRows(level, raw, collector);
      const keys = own.keys[keyIndex];
      for (let i = 0; i < read.length; i++) {
        const v = keys[start + i];
        const parents = parentsOf[t].get(v !== null && typeof v === 'object' ? keyOf(v) : v);
        if (parents === undefined) continue;
        for (let j = 0; j < parents.length; j++) lists.get(parents[j])![t].push(read[i]);
      }
    }
  }));
  const {filter} = first;
  const compare = typesSeen.size > 1 && filter.order !== undefined && filter.order.length > 0
    ? compareByOrder(filter.order) : undefined;
  const skip = filter.skip ?? 0;
  const end = filter.limit === undefined ? undefined : skip + filter.limit;
  const paged = skip > 0 || end !== undefined;
  const name = relation.name;
  for (let i = 0; i < parentRows.rows.length; i++) {
    const v = parentKeys[i];
    if (v === null || v === undefined) continue;
    const perType = lists.get(typeof v === 'object' ? keyOf(v) : v);
    if (perType === undefined) continue;
    let list: AnyObject[] = [];
    for (const part of perType) for (const row of part) list.push(row);
    if (compare !== undefined) list.sort(compare);
    if (paged) list = list.slice(skip, end);
    parentRows.rows[i][name] = list;
  }
}

/** Lists of parents this long get a set for the duplicate check (a short scan is cheaper below). */
const PAIR_SCAN_LIMIT = 16;

/** Whether the pair (parent `p`, related `c`) was seen, `parents` being those already linked to `c`. */
function hasParent(parents: unknown[], p: unknown, c: unknown, seenPairs: Map<unknown, Set<unknown>>): boolean {
  if (parents.length < PAIR_SCAN_LIMIT) return parents.includes(p);
  let seen = seenPairs.get(c);
  if (seen === undefined) seenPairs.set(c, seen = new Set(parents));
  if (seen.has(p)) return true;
  seen.add(p);
  return false;
}

/**
 * Reads the rows of a through-batched statement into `linked`: parent key →
 * its related rows in statement order (an empty list for a parent whose
 * links lead to no related row, read from the rows without related columns).
 */
function readThroughRows(
  level: IncludeLevel, raw: AnyObject[], collector: Collector, linked: Map<unknown, AnyObject[]>, host: IncludeHost,
): void {
  const decode = rowDecoder(linkColumns(level).parentKey.kind, host.dialect);
  const keySlot = level.keySlots.find(k => k.property === level.relation!.childKey)!.slot;
  const keyAlias = level.slotAliases[keySlot];
  const kept: AnyObject[] = [];
  const keys: unknown[] = [];
  for (const row of raw) {
    const v = row[LINK_KEY];
    const pk = v === null || v === undefined || decode === undefined ? v : decode(v);
    const k = pk !== null && typeof pk === 'object' ? keyOf(pk) : pk;
    if (!linked.has(k)) linked.set(k, []);
    if (row[keyAlias] === null || row[keyAlias] === undefined) continue;
    const out = row[LINK_PAGED_OUT];
    if (out !== undefined && Number(out) !== 0) continue;
    kept.push(row);
    keys.push(k);
  }
  const read = readRows(level, kept, collector);
  for (let i = 0; i < read.length; i++) linked.get(keys[i])!.push(read[i]);
}

/**
 * The rows of a level are distinct rows of its table when one statement
 * loaded them (root or batched); a JSON level may repeat a row under
 * several parents.
 */
function uniqueRows(level: IncludeLevel, property: string): boolean {
  const ids = level.mapping.columns.filter(c => c.isId);
  return (level.strategy === 'query' || level.strategy === 'batched') && ids.length === 1 && ids[0].property === property;
}

/** The distinct non-null keys of the parents (already distinct when they are the ids of distinct rows). */
function distinctKeys(keys: unknown[], unique: boolean): unknown[] {
  const values: unknown[] = [];
  if (unique) {
    for (let i = 0; i < keys.length; i++) {
      const v = keys[i];
      if (v !== null && v !== undefined) values.push(v);
    }
    return values;
  }
  const seen = new Set<unknown>();
  for (let i = 0; i < keys.length; i++) {
    const v = keys[i];
    if (v === null || v === undefined) continue;
    const k = typeof v === 'object' ? keyOf(v) : v;
    if (seen.has(k)) continue;
    seen.add(k);
    values.push(v);
  }
  return values;
}

/** Keys per MySQL statement: a list is one parameter there, kept well under the packet size. */
const MYSQL_KEYS_PER_STATEMENT = 65535;
/** Up to this many keys SQLite gets `IN (?, ...)`; beyond, one JSON parameter read by json_each. */
const SQLITE_IN_LIST = 50;

/**
 * The statements of a batched level, the parents' keys bound as ONE
 * parameter: a PostgreSQL array (`= ANY($1)`), a JSON list on SQLite
 * (`IN (SELECT value FROM json_each(?))`), a list mysql2 expands into
 * `IN (1, 2, ...)` on MySQL (escaped client side like every value; lists
 * beyond 65,535 keys are split into several statements).
 */
function keyStatements(
  level: IncludeLevel, values: unknown[], kind: IncludeLevel['slots'][number]['kind'], db: Kysely<any>, host: IncludeHost,
  fragments: FragmentCache,
  build: (level: IncludeLevel, dialect: IncludeHost['dialect'], condition: (ref: RawBuilder<unknown>) => RawBuilder<SqlBool>,
    fragments?: FragmentCache) => RawBuilder<unknown>,
  single = false,
): CompiledQuery[] {
  if (values.length === 0) return [];
  const dialect = host.dialect;
  const compile = (condition: (ref: RawBuilder<unknown>) => RawBuilder<SqlBool>) =>
    build(level, dialect, condition, fragments).compile(db);
  if (dialect.name === 'postgresql') return [compile(ref => dialect.inList(ref, values, kind))];
  if (dialect.name === 'sqlite') {
    if (values.length <= SQLITE_IN_LIST || kind === 'buffer') return [compile(ref => dialect.inList(ref, values, kind))];
    const list = JSON.stringify(values.map(v => encodeOperand(kind, v, dialect.name)));
    return [compile(ref => sql<SqlBool>`${ref} IN (SELECT value FROM json_each(${list}))`)];
  }
  if ((single || level.relation!.globalLimit) && values.length > MYSQL_KEYS_PER_STATEMENT) {
    // One limit or one order over every key: one statement (the dialect binds long lists as one JSON parameter).
    return [compile(ref => dialect.inList(ref, values, kind))];
  }
  const out: CompiledQuery[] = [];
  for (let i = 0; i < values.length; i += MYSQL_KEYS_PER_STATEMENT) {
    const part = values.slice(i, i + MYSQL_KEYS_PER_STATEMENT).map(v => encodeOperand(kind, v, dialect.name));
    out.push(compile(ref => sql<SqlBool>`${ref} IN (${part})`));
  }
  return out;
}
