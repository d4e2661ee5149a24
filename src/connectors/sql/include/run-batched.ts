// The batched run of one include level: one statement (or one per bind-limit
// chunk) over every parent's key, its rows handed to the parents by key.
import {Kysely} from 'kysely';
import {AnyObject} from '../../../common/types';
import {IncludePlanStep} from '../../connector';
import {IncludeHost} from './include-host';
import {IncludeLevel} from './include-level';
import {batchedStatement, FragmentCache, linkColumns, throughInTwoSteps} from './level-statements';
import {collectedOf, Collector, readRows} from './level-reader';
import {execute, report} from './level-execution';
import {distinctKeys, keyOf, keyStatements, uniqueRows} from './key-statements';
import {readThroughRows, runThroughInTwoSteps} from './run-through';
import {runListBatched} from './run-list-batched';

/**
 * Loads a batched level for every row of its parent level at once, then
 * hands each parent its rows (to-many, in statement order) or first row
 * (to-one). Parents sharing a key share the result, as batched resolvers do.
 */
export async function runBatched(
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

/** The parents' keys, `undefined` for the parents not of `type.value` (a concrete type of a polymorphic relation). */
function keysOfType(
  parent: IncludeLevel, keys: unknown[][], parentKeys: unknown[], type: {property: string; value: string},
): unknown[] {
  const types = keys[parent.keySlots.findIndex(k => k.property === type.property)];
  const out = new Array<unknown>(parentKeys.length);
  for (let i = 0; i < parentKeys.length; i++) out[i] = types[i] === type.value ? parentKeys[i] : undefined;
  return out;
}
