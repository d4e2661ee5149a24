import {AnyObject} from '../common/types';

/**
 * A new object holding only the `fields` of `record` that it has (keys with
 * an `undefined` value are left out, as JSON would; methods are never data).
 *
 * @example
 * pickFields({id: 1, name: 'a', secret: 's'}, ['id', 'name']) // {id: 1, name: 'a'}
 */
export function pickFields(record: AnyObject, fields: string[]): AnyObject {
  const out: AnyObject = {};
  for (let i = 0; i < fields.length; i++) {
    const k = fields[i];
    if (k === '__proto__') continue;
    const v = record[k];
    if (v !== undefined && typeof v !== 'function') out[k] = v;
  }
  return out;
}
