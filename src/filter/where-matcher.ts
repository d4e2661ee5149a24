import {AnyObject} from '../common/types';
import {describeValue} from './describe-value';
import {InvalidFilterError} from './invalid-filter-error';
import {likeToRegExp} from './like-pattern';
import {PROPERTY_OPERATORS} from './normalize-where';
import {isPlainObject} from './plain-object';
import {statelessRegExp, toRegExpValue} from './regexp-value';
import {toSequentialArray} from './sequential-array';
import {makeCompare, makeEqTest, makeInTest, makeRegExpTest, ValueTest} from './value-tests';

/** A compiled where clause. */
export type RecordPredicate = (record: AnyObject) => boolean;

const MATCH_ALL: RecordPredicate = () => true;

/**
 * Compiles a normalized where clause (see `normalizeWhere`) into a predicate
 * on plain records, once per query: operands, patterns and lists are
 * prepared up front so testing a row allocates nothing.
 *
 * Semantics (memory-connector style, with SQL's LIKE):
 * - equality: Dates by time, `'5'` equals `5`, `null` matches null/missing,
 *   an array-valued field matches when any element matches;
 * - `neq`, `nin`, `nlike`, `nilike` are the exact negations of `eq`, `inq`,
 *   `like`, `ilike` (so missing values match them);
 * - `gt/gte/lt/lte/between` never match null/missing values;
 * - `exists: true` matches values that are neither undefined nor null;
 * - `like` patterns are anchored, `%` any run, `_` one character, `\` escapes;
 *   `options: 'i'` (or ilike) ignores case;
 * - dotted keys walk nested objects and arrays of objects.
 *
 * @example
 * const match = compileWhere({age: {gte: 18}, name: {like: 'A%'}});
 * rows.filter(match);
 */
export function compileWhere(where: AnyObject | undefined): RecordPredicate {
  if (where === undefined || where === null) return MATCH_ALL;
  if (typeof where !== 'object' || Array.isArray(where)) {
    throw new InvalidFilterError(`The where clause ${describeValue(where)} is not an object`);
  }
  const preds: RecordPredicate[] = [];
  for (const key of Object.keys(where)) {
    const clause = where[key];
    if (clause === undefined) continue;
    if (key === 'and' || key === 'or') {
      const parts = clauseList(key, clause).map(compileWhere);
      preds.push(key === 'and' ? allOf(parts) : anyOf(parts));
    } else {
      preds.push(compileProperty(key, clause));
    }
  }
  return allOf(preds);
}

function clauseList(op: string, value: unknown): AnyObject[] {
  const list = toSequentialArray(value);
  if (typeof list === 'string') {
    throw new InvalidFilterError(`The ${op} operator has invalid clauses ${describeValue(value)}: ${list}`);
  }
  return list.filter(c => c !== undefined) as AnyObject[];
}

function allOf(preds: RecordPredicate[]): RecordPredicate {
  switch (preds.length) {
    case 0: return MATCH_ALL;
    case 1: return preds[0];
    case 2: {
      const [a, b] = preds;
      return r => a(r) && b(r);
    }
    default:
      return r => {
        for (let i = 0; i < preds.length; i++) if (!preds[i](r)) return false;
        return true;
      };
  }
}

function anyOf(preds: RecordPredicate[]): RecordPredicate {
  if (preds.length === 1) return preds[0];
  return r => {
    for (let i = 0; i < preds.length; i++) if (preds[i](r)) return true;
    return false;
  };
}

/** One operator of a property clause: a positive value test, possibly negated. */
interface CompiledOperator {
  test: ValueTest;
  negate: boolean;
  /** Test the value itself, without matching array elements one by one. */
  whole: boolean;
}

function compileProperty(key: string, clause: unknown): RecordPredicate {
  const ops = compileOperators(key, clause);
  const preds = ops.map(op => {
    const positive = pathPredicate(key, op.whole ? op.test : elementwise(op.test));
    return op.negate ? (r: AnyObject) => !positive(r) : positive;
  });
  return allOf(preds);
}

/** A value test that also matches arrays having a matching element. */
function elementwise(test: ValueTest): ValueTest {
  const some = (v: unknown[]): boolean => {
    for (let i = 0; i < v.length; i++) if (test(v[i])) return true;
    return false;
  };
  return v => test(v) || (Array.isArray(v) && some(v));
}

/** Reads `key` (dotted keys walk objects and, existentially, arrays of objects) and tests it. */
function pathPredicate(key: string, test: ValueTest): RecordPredicate {
  if (!key.includes('.')) return r => test(r[key]);
  const segs = key.split('.');
  const last = segs.length - 1;
  // `items.0.name` indexes the array; `items.name` looks into every element.
  const isIndex = segs.map(s => /^\d+$/.test(s));
  const walk = (obj: unknown, i: number): boolean => {
    if (obj === null || typeof obj !== 'object') return test(undefined);
    const next = (obj as AnyObject)[segs[i]];
    if (i === last) return test(next);
    if (Array.isArray(next) && !isIndex[i + 1]) {
      for (let j = 0; j < next.length; j++) if (walk(next[j], i + 1)) return true;
      return false;
    }
    return walk(next, i + 1);
  };
  return r => walk(r, 0);
}

function compileOperators(key: string, clause: unknown): CompiledOperator[] {
  if (clause instanceof RegExp) return [{test: makeRegExpTest(clause), negate: false, whole: false}];
  if (!isPlainObject(clause)) return [{test: makeEqTest(clause), negate: false, whole: false}];
  const keys = Object.keys(clause);
  if (!keys.some(k => PROPERTY_OPERATORS.has(k))) {
    // An object compared as a whole (object properties).
    return [{test: makeEqTest(clause), negate: false, whole: false}];
  }
  const options = typeof clause.options === 'string' ? clause.options : '';
  const out: CompiledOperator[] = [];
  for (const op of keys) {
    const operand = clause[op];
    if (op === 'options' || operand === undefined) continue;
    out.push(compileOperator(key, op, operand, clause, options));
  }
  return out;
}

function compileOperator(
  key: string, op: string, operand: unknown, clause: AnyObject, options: string,
): CompiledOperator {
  switch (op) {
    case 'eq':
      return {test: makeEqTest(operand), negate: false, whole: false};
    case 'neq':
      return {test: makeEqTest(operand), negate: true, whole: false};
    case 'gt':
    case 'gte':
    case 'lt':
    case 'lte':
      return {test: rangeTest(op, operand), negate: false, whole: false};
    case 'between': {
      const list = listOperand(key, operand, clause);
      const lo = makeCompare(list[0]);
      const hi = makeCompare(list[1]);
      return {test: v => lo(v) >= 0 && hi(v) <= 0, negate: false, whole: false};
    }
    case 'inq':
      return {test: makeInTest(listOperand(key, operand, clause)), negate: false, whole: false};
    case 'nin':
      return {test: makeInTest(listOperand(key, operand, clause)), negate: true, whole: false};
    case 'exists':
      return {test: v => v !== undefined && v !== null, negate: !operand || operand === 'false', whole: true};
    case 'like':
    case 'nlike':
    case 'ilike':
    case 'nilike': {
      const ci = op === 'ilike' || op === 'nilike' || options.includes('i');
      return {test: likeTest(key, operand, clause, ci), negate: op[0] === 'n', whole: false};
    }
    case 'regexp':
      return {test: makeRegExpTest(toRegExpValue(operand, key, clause)), negate: false, whole: false};
    default:
      throw new InvalidFilterError(
        `The ${key} property has invalid clause ${describeValue(clause)}: Unknown operator "${op}"`);
  }
}

function rangeTest(op: string, operand: unknown): ValueTest {
  const cmp = makeCompare(operand);
  switch (op) {
    case 'gt': return v => cmp(v) > 0;
    case 'gte': return v => cmp(v) >= 0;
    case 'lt': return v => cmp(v) < 0;
    default: return v => cmp(v) <= 0;
  }
}

function listOperand(key: string, operand: unknown, clause: AnyObject): unknown[] {
  const list = toSequentialArray(operand);
  if (typeof list === 'string') {
    throw new InvalidFilterError(`The ${key} property has invalid clause ${describeValue(clause)}: ${list}`);
  }
  return list;
}

function likeTest(key: string, operand: unknown, clause: AnyObject, caseInsensitive: boolean): ValueTest {
  let re: RegExp;
  if (typeof operand === 'string') {
    re = likeToRegExp(operand, caseInsensitive);
  } else if (operand instanceof RegExp) {
    re = caseInsensitive && !operand.ignoreCase ? new RegExp(operand.source, operand.flags + 'i') : operand;
    re = statelessRegExp(re);
  } else {
    throw new InvalidFilterError(
      `The ${key} property has invalid clause ${describeValue(clause)}: Expected a string or RegExp`);
  }
  return v => typeof v === 'string' && re.test(v);
}
