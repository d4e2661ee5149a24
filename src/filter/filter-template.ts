import {AnyObject} from '../common/types';
import {InvalidFilterError} from './invalid-filter-error';

/**
 * A tagged template producing a filter factory: each `${'a.b'}` placeholder
 * is replaced by the JSON of that path in the context (null when missing);
 * numbers, booleans and objects given directly are inserted as JSON. The
 * result is JSON-parsed (`Invalid JSON: <text>` when it is not JSON).
 *
 * @example
 * const byOwner = filterTemplate`{"where": {"ownerId": ${'user.id'}}, "limit": ${10}}`;
 * byOwner({user: {id: 7}}) // {where: {ownerId: 7}, limit: 10}
 */
export function filterTemplate(strings: TemplateStringsArray, ...keys: unknown[]): (ctx: AnyObject) => AnyObject {
  return function filter(ctx: AnyObject): AnyObject {
    const tokens: string[] = [strings[0]];
    keys.forEach((key, i) => {
      const value = typeof key === 'string' ? getPath(ctx, key) : key;
      tokens.push(String(JSON.stringify(value)), strings[i + 1]);
    });
    const text = tokens.join('');
    try {
      return JSON.parse(text);
    } catch {
      throw new InvalidFilterError('Invalid JSON: ' + text);
    }
  };
}

function getPath(ctx: unknown, path: string): unknown {
  let value = ctx;
  for (const p of path.split('.')) {
    if (value === null || value === undefined) return null;
    value = (value as AnyObject)[p];
  }
  return value ?? null;
}
