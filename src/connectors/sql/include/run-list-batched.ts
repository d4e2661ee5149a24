// List-valued keys (referencesMany): one statement over the distinct keys of
// every parent's list, then each parent gets its list's rows, always an array.
import {Kysely} from 'kysely';
import {AnyObject} from '../../../common/types';
import {IncludePlanStep} from '../../connector';
import {IncludeHost} from './include-host';
import {IncludeLevel} from './include-level';
import {batchedStatement, FragmentCache} from './level-statements';
import {collectedOf, Collector, readRows} from './level-reader';
import {execute, report} from './level-execution';
import {keyOf, keyStatements} from './key-statements';

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
export async function runListBatched(
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
