import pluralizeImpl from 'pluralize';

/**
 * LoopBack 3's camelize (inflection's `camelize(s, true)`): underscores are
 * removed with the following letter upper-cased, and only the first
 * character is lower-cased (`Customer_id` → `customerId`,
 * `HTTPServer_id` → `hTTPServerId`). LoopBack 4 uses lodash's camelCase instead.
 */
export function camelize(s: string): string {
  const joined = s.replace(/_+([a-zA-Z0-9])/g, (_m, c: string) => c.toUpperCase()).replace(/_/g, '');
  return joined.charAt(0).toLowerCase() + joined.slice(1);
}

/** English plural of a name (`Order` → `Orders`). */
export function pluralize(s: string): string {
  return pluralizeImpl.plural(s);
}

/** English singular of a name (`orders` → `order`). */
export function singularize(s: string): string {
  return pluralizeImpl.singular(s);
}
