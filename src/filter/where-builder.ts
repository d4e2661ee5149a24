import {AnyObject} from '../common/types';
import {AndClause, Condition, KeyOf, OrClause, Where} from './types';

/**
 * Fluent builder of where clauses (LoopBack 4's `WhereBuilder`). Adding a
 * key that the where already has turns it into `{and: [old, new]}` rather
 * than overwriting.
 *
 * @example
 * new WhereBuilder().eq('a', 1).gt('b', 2).or({c: 1}, {d: 2}).build()
 * // => {a: 1, b: {gt: 2}, or: [{c: 1}, {d: 2}]}
 */
export class WhereBuilder<MT extends object = AnyObject> {
  where: Where<MT>;

  /** Starts from a shallow copy of `w` (the caller's object is never changed). */
  constructor(w?: Where<MT>) {
    this.where = w ? ({...w} as Where<MT>) : ({} as Where<MT>);
  }

  private add(w: AnyObject): this {
    const current = this.where as AnyObject;
    for (const k of Object.keys(w)) {
      if (k in current) {
        this.where = {and: [current, w]} as Where<MT>;
        return this;
      }
    }
    this.where = Object.assign(current, w) as Where<MT>;
    return this;
  }

  private op(key: string, operator: string, value: unknown): this {
    return this.add({[key]: {[operator]: value}});
  }

  /**
   * Returns the clause typed as a where (kept for LoopBack compatibility).
   * @deprecated not needed since TypeScript 3.2
   */
  cast(clause: AndClause<MT> | OrClause<MT> | Condition<MT>): Where<MT> {
    return clause;
  }

  /** Adds `{and: [...]}` of the given clauses (arrays are flattened one level). */
  and(...w: (Where<MT> | Where<MT>[])[]): this {
    return this.add({and: flatten(w)});
  }

  /** Adds `{or: [...]}` of the given clauses (arrays are flattened one level). */
  or(...w: (Where<MT> | Where<MT>[])[]): this {
    return this.add({or: flatten(w)});
  }

  /** `key = val` */
  eq<K extends KeyOf<MT>>(key: K, val: MT[K]): this {
    return this.add({[key]: val});
  }

  /** `key != val` */
  neq<K extends KeyOf<MT>>(key: K, val: MT[K]): this {
    return this.op(key, 'neq', val);
  }

  /** `key > val` */
  gt<K extends KeyOf<MT>>(key: K, val: MT[K]): this {
    return this.op(key, 'gt', val);
  }

  /** `key >= val` */
  gte<K extends KeyOf<MT>>(key: K, val: MT[K]): this {
    return this.op(key, 'gte', val);
  }

  /** `key < val` */
  lt<K extends KeyOf<MT>>(key: K, val: MT[K]): this {
    return this.op(key, 'lt', val);
  }

  /** `key <= val` */
  lte<K extends KeyOf<MT>>(key: K, val: MT[K]): this {
    return this.op(key, 'lte', val);
  }

  /** `key IN (...)` */
  inq<K extends KeyOf<MT>>(key: K, val: MT[K][]): this {
    return this.op(key, 'inq', val);
  }

  /** `key NOT IN (...)` */
  nin<K extends KeyOf<MT>>(key: K, val: MT[K][]): this {
    return this.op(key, 'nin', val);
  }

  /** `key BETWEEN val1 AND val2` (inclusive) */
  between<K extends KeyOf<MT>>(key: K, val1: MT[K], val2: MT[K]): this {
    return this.op(key, 'between', [val1, val2]);
  }

  /** `key` is (or, with `false`, is not) set; no argument means `true`. */
  exists<K extends KeyOf<MT>>(key: K, val?: boolean): this {
    return this.op(key, 'exists', !!val || val == null);
  }

  /** ANDs a where clause in (conflicting keys give an `and`). */
  impose(where: Where<MT>): this {
    if (where === undefined || where === null) return this;
    return this.add(where as AnyObject);
  }

  /** SQL LIKE pattern (`%`, `_`). */
  like<K extends KeyOf<MT>>(key: K, val: MT[K]): this {
    return this.op(key, 'like', val);
  }

  /** SQL NOT LIKE pattern. */
  nlike<K extends KeyOf<MT>>(key: K, val: MT[K]): this {
    return this.op(key, 'nlike', val);
  }

  /** Case-insensitive LIKE. */
  ilike<K extends KeyOf<MT>>(key: K, val: MT[K]): this {
    return this.op(key, 'ilike', val);
  }

  /** Case-insensitive NOT LIKE. */
  nilike<K extends KeyOf<MT>>(key: K, val: MT[K]): this {
    return this.op(key, 'nilike', val);
  }

  /** Regular expression match (`'^a'`, `'/^a/i'` or a RegExp). */
  regexp<K extends KeyOf<MT>>(key: K, val: string | RegExp): this {
    return this.op(key, 'regexp', val);
  }

  /** The where clause built so far. */
  build(): Where<MT> {
    return this.where;
  }
}

function flatten<T>(w: (T | T[])[]): T[] {
  const out: T[] = [];
  for (const x of w) {
    if (Array.isArray(x)) out.push(...x);
    else out.push(x);
  }
  return out;
}
