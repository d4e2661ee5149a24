import {AnyObject} from '../../common/types';
import {pickFields} from '../../filter/fields';
import {compareByOrder} from '../../filter/order';
import {NormalizedFilter} from '../../filter/types';
import {cloneNestedInPlace, cloneRow} from './clone-value';
import {MemoryCollection} from './memory-collection';
import {EqualityKey, equalityKey} from './value-key';

/**
 * Runs a normalized filter on a collection: where → order (id ascending by
 * default, and as tie-break) → skip/limit, per group of `partitionBy` values
 * when given → fields. Returns copies the caller owns. `unordered` lets a
 * whole result come in index order (no id sort); `readOnly` hands out the
 * stored rows themselves (unprojected) to a caller that only reads them.
 */
export function findRows(
  collection: MemoryCollection,
  filter: NormalizedFilter,
  partitionBy?: string,
  unordered = false,
  readOnly = false,
): AnyObject[] {
  const order = filter.order !== undefined && filter.order.length > 0 ? filter.order : undefined;
  const skip = filter.skip !== undefined && filter.skip > 0 ? filter.skip : 0;
  // LoopBack treats a falsy limit as "no limit"
  const limit = filter.limit ? filter.limit : Infinity;
  const end = skip + limit;

  // Without an explicit order rows arrive in id order: stop once the page is full.
  const stopAt = order === undefined && partitionBy === undefined ? end : Infinity;
  const matched: AnyObject[] = [];
  // Any order will do only for a whole, unsorted, unpartitioned result.
  const ordered = !unordered || order !== undefined || partitionBy !== undefined || skip > 0 || limit !== Infinity;
  collection.scan(filter.where, ordered, (_key, row) => {
    matched.push(row);
    return matched.length < stopAt;
  });

  // Stable sort over id-ordered rows: ties keep id order.
  if (order !== undefined && matched.length > 1) matched.sort(compareByOrder(order));

  let page: AnyObject[];
  if (partitionBy !== undefined) page = pagePerGroup(matched, partitionBy, skip, end);
  else if (skip === 0 && end >= matched.length) page = matched;
  else page = matched.slice(skip, end);

  // A reading caller gets the stored rows themselves: no copy, no projection.
  if (readOnly) return page;
  const fields = filter.fields !== undefined && filter.fields.length > 0 ? filter.fields : undefined;
  const out: AnyObject[] = new Array(page.length);
  if (fields === undefined) {
    for (let i = 0; i < page.length; i++) out[i] = cloneRow(page[i]);
  } else {
    for (let i = 0; i < page.length; i++) out[i] = projectRow(page[i], fields);
  }
  return out;
}

function projectRow(row: AnyObject, fields: string[]): AnyObject {
  const picked = pickFields(row, fields);
  // pickFields may hand back the row itself or share nested values with it.
  return picked === row ? cloneRow(row) : cloneNestedInPlace(picked);
}

/**
 * Groups sorted rows by the value of `property` and keeps rows `skip..end`
 * of each group; groups come out concatenated, in order of first appearance.
 */
function pagePerGroup(rows: AnyObject[], property: string, skip: number, end: number): AnyObject[] {
  const groups = new Map<EqualityKey, AnyObject[]>();
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i];
    const k = equalityKey(row[property]);
    let group = groups.get(k);
    if (group === undefined) {
      group = [];
      groups.set(k, group);
    }
    if (group.length < end) group.push(row);
  }
  const out: AnyObject[] = [];
  for (const group of groups.values()) {
    for (let i = skip; i < group.length; i++) out.push(group[i]);
  }
  return out;
}
