import {AnyObject} from '../../../common/types';
import {IncludeLevel} from './include-level';

/** The rows of a level gathered for stitching, with the key values of each row (aligned with `keySlots`). */
export interface CollectedRows {
  rows: AnyObject[];
  keys: unknown[][];
}

/** Where the rows of levels that must be stitched are gathered during one run. */
export type Collector = Map<IncludeLevel, CollectedRows>;

/** The collected rows of a level (created empty on first use). */
export function collectedOf(level: IncludeLevel, collector: Collector): CollectedRows {
  let c = collector.get(level);
  if (c === undefined) {
    c = {rows: [], keys: level.keySlots.map(() => [])};
    collector.set(level, c);
  }
  return c;
}

/**
 * Reads the rows of a row statement (root or batched level): each becomes
 * an object of its returned properties (NULLs left out, as memory leaves out
 * properties never set), built into the caller's object by `level.create`
 * right away, then every relation of the level is set in tree order — JSON
 * ones read from their column, the others `undefined` until stitched.
 */
export function readRows(level: IncludeLevel, rows: AnyObject[], collector: Collector): AnyObject[] {
  const {slots, returned, rowDecoders, jsTypes, keySlots, children, reuseRows} = level;
  const nSlots = slots.length;
  const aliases = level.slotAliases;
  const properties = slots.map(c => c.property);
  const jsonAliases = level.childAliases;
  const collected = level.collect ? collectedOf(level, collector) : undefined;
  const create = level.create;
  const out = new Array<AnyObject>(rows.length);
  for (let r = 0; r < rows.length; r++) {
    const src = rows[r];
    let obj: AnyObject | undefined;
    if (reuseRows) obj = decodeInPlace(src, aliases, rowDecoders, jsTypes);
    if (obj === undefined) {
      obj = {};
      for (let s = 0; s < nSlots; s++) {
        if (!returned[s]) continue;
        const v = src[aliases[s]];
        if (v === null || v === undefined) continue;
        const decode = rowDecoders[s];
        obj[properties[s]] = decode === undefined || typeof v === jsTypes[s] ? v : decode(v);
      }
    }
    const row = create === undefined ? obj : create(obj);
    if (collected !== undefined) {
      collected.rows.push(row);
      for (let k = 0; k < keySlots.length; k++) {
        const slot = keySlots[k].slot;
        const v = src[aliases[slot]];
        const decode = rowDecoders[slot];
        collected.keys[k].push(v === null || v === undefined || decode === undefined ? v : decode(v));
      }
    }
    let j = 0;
    for (let c = 0; c < children.length; c++) {
      const child = children[c];
      const value = child.strategy === 'json' ? readJsonValue(child, src[jsonAliases[j++]], collector) : undefined;
      if (level.sharedNames) setRelation(row, child.relation!.name, value);
      else row[child.relation!.name] = value;
    }
    out[r] = row;
  }
  return out;
}

/**
 * The driver row itself as the row's data, decoded in place, when it has no
 * NULL (NULL properties are left out of the data, which needs a copy).
 * Columns of JSON relations ride along; the caller overwrites them.
 */
function decodeInPlace(
  src: AnyObject, aliases: string[], decoders: IncludeLevel['rowDecoders'], jsTypes: IncludeLevel['jsTypes'],
): AnyObject | undefined {
  for (let s = 0; s < aliases.length; s++) {
    const v = src[aliases[s]];
    if (v === null || v === undefined) return undefined;
  }
  for (let s = 0; s < aliases.length; s++) {
    const decode = decoders[s];
    if (decode === undefined) continue;
    const v = src[aliases[s]];
    if (typeof v === jsTypes[s]) continue;
    const d = decode(v);
    if (d !== v) src[aliases[s]] = d;
  }
  return src;
}

/**
 * Reads the JSON value of a JSON-planned relation (text or parsed): a list
 * of row arrays (to-many; `undefined` when empty) or one row array (to-one).
 * Lists are turned into objects in place.
 */
function readJsonValue(level: IncludeLevel, raw: unknown, collector: Collector): unknown {
  // A list relation (referencesMany) is always an array.
  if (raw === null || raw === undefined) return level.relation!.parentKeyList ? [] : undefined;
  const value = typeof raw === 'string' ? JSON.parse(raw) : raw;
  if (!level.relation!.many) return readJsonRow(level, value as unknown[], collector);
  const list = value as unknown[];
  if (!Array.isArray(list)) return level.relation!.parentKeyList ? [] : undefined;
  // Through a link table, an empty list means links that lead to no related row: `[]`, as the resolver gives.
  if (list.length === 0) return level.relation!.through === undefined && !level.relation!.parentKeyList ? undefined : list;
  for (let i = 0; i < list.length; i++) list[i] = readJsonRow(level, list[i] as unknown[], collector);
  return list;
}

/** One row built by the database as a JSON array: slots first, then JSON children. */
function readJsonRow(level: IncludeLevel, arr: unknown[], collector: Collector): AnyObject {
  const {slots, returned, jsonDecoders, jsTypes, keySlots, children} = level;
  const nSlots = slots.length;
  const obj: AnyObject = {};
  for (let s = 0; s < nSlots; s++) {
    if (!returned[s]) continue;
    const v = arr[s];
    if (v === null || v === undefined) continue;
    const decode = jsonDecoders[s];
    obj[slots[s].property] = decode === undefined || typeof v === jsTypes[s] ? v : decode(v);
  }
  const row = level.create === undefined ? obj : level.create(obj);
  if (level.collect) {
    const collected = collectedOf(level, collector);
    collected.rows.push(row);
    for (let k = 0; k < keySlots.length; k++) {
      const slot = keySlots[k].slot;
      const v = arr[slot];
      const decode = jsonDecoders[slot];
      collected.keys[k].push(v === null || v === undefined || decode === undefined ? v : decode(v));
    }
  }
  let j = nSlots;
  for (let c = 0; c < children.length; c++) {
    const child = children[c];
    const value = child.strategy === 'json' ? readJsonValue(child, arr[j++], collector) : undefined;
    if (level.sharedNames) setRelation(row, child.relation!.name, value);
    else row[child.relation!.name] = value;
  }
  return row;
}

/**
 * Sets a relation of a row; `undefined` never replaces a value, since the
 * concrete types of a polymorphic relation are sibling levels of one name.
 */
function setRelation(row: AnyObject, name: string, value: unknown): void {
  if (value !== undefined || row[name] === undefined) row[name] = value;
}
