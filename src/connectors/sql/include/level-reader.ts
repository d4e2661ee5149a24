import {AnyObject} from '../../../common/types';
import {IncludeLevel} from './include-level';
import {childAlias, slotAlias} from './level-statements';

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
 * properties never set), then every relation of the level in tree order —
 * JSON ones read from their column, the others `undefined` until stitched.
 */
export function readRows(level: IncludeLevel, rows: AnyObject[], collector: Collector): AnyObject[] {
  const {slots, returned, rowDecoders, keySlots, children} = level;
  const nSlots = slots.length;
  const aliases = slots.map((_, i) => slotAlias(i));
  const properties = slots.map(c => c.property);
  const jsonAliases = level.jsonChildren.map((_, j) => childAlias(j));
  const collected = level.collect ? collectedOf(level, collector) : undefined;
  const out = new Array<AnyObject>(rows.length);
  for (let r = 0; r < rows.length; r++) {
    const src = rows[r];
    const obj: AnyObject = {};
    for (let s = 0; s < nSlots; s++) {
      if (!returned[s]) continue;
      const v = src[aliases[s]];
      if (v === null || v === undefined) continue;
      const decode = rowDecoders[s];
      obj[properties[s]] = decode === undefined ? v : decode(v);
    }
    if (collected !== undefined) {
      collected.rows.push(obj);
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
      obj[child.relation!.name] = child.strategy === 'json'
        ? readJsonValue(child, src[jsonAliases[j++]], collector)
        : undefined;
    }
    out[r] = obj;
  }
  return out;
}

/**
 * Reads the JSON value of a JSON-planned relation (text or parsed): a list
 * of row arrays (to-many; `undefined` when empty) or one row array (to-one).
 * Lists are turned into objects in place.
 */
function readJsonValue(level: IncludeLevel, raw: unknown, collector: Collector): unknown {
  if (raw === null || raw === undefined) return undefined;
  const value = typeof raw === 'string' ? JSON.parse(raw) : raw;
  if (!level.relation!.many) return readJsonRow(level, value as unknown[], collector);
  const list = value as unknown[];
  if (!Array.isArray(list) || list.length === 0) return undefined;
  for (let i = 0; i < list.length; i++) list[i] = readJsonRow(level, list[i] as unknown[], collector);
  return list;
}

/** One row built by the database as a JSON array: slots first, then JSON children. */
function readJsonRow(level: IncludeLevel, arr: unknown[], collector: Collector): AnyObject {
  const {slots, returned, jsonDecoders, keySlots, children} = level;
  const nSlots = slots.length;
  const obj: AnyObject = {};
  for (let s = 0; s < nSlots; s++) {
    if (!returned[s]) continue;
    const v = arr[s];
    if (v === null || v === undefined) continue;
    const decode = jsonDecoders[s];
    obj[slots[s].property] = decode === undefined ? v : decode(v);
  }
  if (level.collect) {
    const collected = collectedOf(level, collector);
    collected.rows.push(obj);
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
    obj[child.relation!.name] = child.strategy === 'json' ? readJsonValue(child, arr[j++], collector) : undefined;
  }
  return obj;
}
