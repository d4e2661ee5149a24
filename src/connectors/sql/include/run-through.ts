// The through hop of a batched level: link pairs first, then each related row
// once (also per concrete type of a polymorphic link table), merged per parent.
import {Kysely} from 'kysely';
import {AnyObject} from '../../../common/types';
import {compareByOrder} from '../../../filter/order';
import {IncludePlanStep} from '../../connector';
import {rowDecoder} from '../value-codec';
import {IncludeHost} from './include-host';
import {IncludeLevel} from './include-level';
import {
  FragmentCache, linkColumns, linkPairsStatement, linkTargetsStatement, LINK_KEY, LINK_PAGED_OUT, LINK_TARGET, LINK_TYPE,
  variantTargetsStatement,
} from './level-statements';
import {collectedOf, Collector, readRows} from './level-reader';
import {execute, report} from './level-execution';
import {distinctKeys, keyOf, keyStatements, uniqueRows} from './key-statements';

/**
 * Loads an unpaged through level in two statements: the link pairs of the
 * parents' keys, then the related rows of the distinct related keys, each
 * row read once and handed, in statement order, to every parent linking it
 * (a pair counts once however many links repeat it). A parent with links
 * but no related row gets `[]`; one without links keeps `undefined`.
 */
export async function runThroughInTwoSteps(
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

/**
 * Loads the concrete types of a polymorphic relation through a link table
 * (`levels`, one per type, in type order): the link pairs and their types
 * of every parent in one statement (a link of an unknown type fails), then
 * the related rows of each type once, in the scope's order. Each parent
 * with links gets one list: type by type, ordered across types by the
 * scope when links of several types exist, then paged — as the batched
 * resolver does.
 */
export async function runThroughVariants(
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
export function readThroughRows(
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
