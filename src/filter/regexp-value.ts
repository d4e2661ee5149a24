import {describeValue} from './describe-value';
import {InvalidFilterError} from './invalid-filter-error';

const DELIMITED = /^\/([\s\S]*)\/([a-zA-Z]*)$/;
const ALLOWED_FLAGS = 'igm';

/**
 * Turns a `regexp` operand into a RegExp: a RegExp stays as is, `'^a'`
 * compiles as a pattern, `'/^a/i'` as pattern and flags (only `i`, `g`, `m`
 * are allowed: `Invalid regex flags: x`). `property` and `clause` name the
 * offending clause in errors.
 */
export function toRegExpValue(value: unknown, property: string, clause: unknown): RegExp {
  if (value instanceof RegExp) return value;
  if (typeof value !== 'string') {
    throw new InvalidFilterError(
      `The ${property} property has invalid clause ${describeValue(clause)}: Expected a string or RegExp`);
  }
  let source = value;
  let flags = '';
  const m = DELIMITED.exec(value);
  if (m) {
    source = m[1];
    flags = m[2];
    const bad = flags.split('').filter(f => !ALLOWED_FLAGS.includes(f));
    if (bad.length) throw new InvalidFilterError(`Invalid regex flags: ${bad.join(',')}`);
  }
  try {
    return new RegExp(source, flags);
  } catch (e) {
    throw new InvalidFilterError(
      `The ${property} property has invalid clause ${describeValue(clause)}: ${(e as Error).message}`);
  }
}

/**
 * A copy of `re` without the `g`/`y` flags, so repeated `test()` calls do
 * not depend on `lastIndex`.
 */
export function statelessRegExp(re: RegExp): RegExp {
  if (!re.global && !re.sticky) return re;
  return new RegExp(re.source, re.flags.replace(/[gy]/g, ''));
}
