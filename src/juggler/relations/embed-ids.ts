import {randomBytes} from 'node:crypto';
import {AnyObject} from '../../common/types';
import {kindOfType} from '../../model/property-definition';
import type {PersistedModelClass} from '../persisted-model';

/** The id property of an embedded model (`id` when it declares none, as LoopBack 3). */
export function embeddedIdName(Target: PersistedModelClass): string {
  return Target.definition.idProperties()[0] ?? 'id';
}

/**
 * LoopBack 3 compares embedded ids as strings (`1` finds the item with id
 * `'1'`); a list or an object is no id (`[1]` would read as `'1'`).
 */
export function idEquals(a: unknown, b: unknown): boolean {
  if (a == null || b == null || isContainer(a) || isContainer(b)) return false;
  return String(a) === String(b);
}

function isContainer(v: unknown): boolean {
  return Array.isArray(v) || (typeof v === 'object' && !(v instanceof Date) && Object.getPrototypeOf(v) === Object.prototype);
}

/** How ids of new embedded items are chosen. */
export interface EmbeddedIdRules {
  /** Replace a given id too (LoopBack 3 `options.forceId`). */
  forceId?: boolean;
  /** Only when the id property is marked `generated` (embedsOne). */
  onlyGenerated?: boolean;
}

/**
 * Gives new embedded data its id, as LoopBack 3 does for embedded items that
 * are not stored on their own: a numeric id property gets one more than the
 * largest numeric id among `siblings` (1 for the first); any other type a
 * random 24-hex-digit string (what juggler's transient connector makes).
 * Nothing happens when the model has no id property, or when the data
 * already has an id and `forceId` is off.
 */
export function assignEmbeddedId(
  Target: PersistedModelClass, data: AnyObject, siblings: readonly AnyObject[], rules: EmbeddedIdRules,
): void {
  const pk = Target.definition.idProperties()[0];
  const prop = pk === undefined ? undefined : Target.definition.properties[pk];
  if (pk === undefined || !prop) return;
  if (rules.onlyGenerated && !prop.generated) return;
  if (!rules.forceId && data[pk] !== undefined) return;
  if (kindOfType(prop.type) === 'number') {
    let max = 0;
    for (const s of siblings) if (typeof s?.[pk] === 'number' && s[pk] > max) max = s[pk];
    data[pk] = max + 1;
  } else {
    data[pk] = randomBytes(12).toString('hex');
  }
}
