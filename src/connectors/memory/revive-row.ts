import {AnyObject} from '../../common/types';
import {ModelDefinition} from '../../model/model-definition';
import {PropertyKind, kindOfType} from '../../model/property-definition';

/** Kinds whose values a JSON round trip does not give back as they were. */
const REVIVED_KINDS = new Set<PropertyKind>(['date', 'buffer', 'number', 'boolean']);

/** The properties of a model whose stored JSON values need reviving, with their kinds. */
export function revivableProperties(definition: ModelDefinition): Array<[string, PropertyKind]> {
  const out: Array<[string, PropertyKind]> = [];
  for (const name of Object.keys(definition.properties)) {
    const kind = kindOfType(definition.properties[name].type);
    if (REVIVED_KINDS.has(kind)) out.push([name, kind]);
  }
  return out;
}

/**
 * Gives a row parsed from the file its typed values back, in place: date
 * properties become `Date`s, buffer properties `Buffer`s (from the
 * `{type: 'Buffer', data: [...]}` JSON form), and numbers or booleans kept as
 * strings by older files their primitive types. Values that do not convert
 * are left as they are.
 */
export function reviveRow(row: AnyObject, properties: Array<[string, PropertyKind]>): AnyObject {
  for (const [name, kind] of properties) {
    const v = row[name];
    if (v === null || v === undefined) continue;
    switch (kind) {
      case 'date':
        if (typeof v === 'string' || typeof v === 'number') {
          const d = parseDate(v);
          if (d !== undefined) row[name] = d;
        }
        break;
      case 'buffer':
        if (typeof v === 'object' && v.type === 'Buffer' && Array.isArray(v.data)) {
          row[name] = Buffer.from(v.data);
        }
        break;
      case 'number':
        if (typeof v === 'string' && v.trim() !== '' && !Number.isNaN(Number(v))) row[name] = Number(v);
        break;
      case 'boolean':
        if (v === 'true' || v === 'false') row[name] = v === 'true';
        break;
    }
  }
  return row;
}

function parseDate(v: string | number): Date | undefined {
  let d = new Date(v);
  if (!Number.isNaN(d.getTime())) return d;
  if (typeof v !== 'string') return undefined;
  // `Date#toString()` output with a zone name, e.g. "... GMT+0100 (CET)"
  d = new Date(v.replace(/\s*\([^)]*\)\s*$/, ''));
  return Number.isNaN(d.getTime()) ? undefined : d;
}
