import {AnyObject} from '../common/types';

/** Comparison operators of the where language. */
export type Operators =
  | 'eq' | 'neq' | 'gt' | 'gte' | 'lt' | 'lte' | 'inq' | 'nin' | 'between' | 'exists'
  | 'and' | 'or' | 'like' | 'nlike' | 'ilike' | 'nilike' | 'regexp';

/** An operator clause on one property: `{gt: 5}`, `{inq: [1, 2]}`, `{like: 'a%'}`. */
export interface PredicateComparison<PT> {
  eq?: PT;
  neq?: PT;
  gt?: PT;
  gte?: PT;
  lt?: PT;
  lte?: PT;
  inq?: PT[];
  nin?: PT[];
  between?: [PT, PT];
  exists?: boolean;
  like?: PT | string;
  nlike?: PT | string;
  ilike?: PT | string;
  nilike?: PT | string;
  regexp?: string | RegExp;
  /** Flags for like/nlike (`'i'`). */
  options?: string;
}

export type ShortHandEqualType = string | number | boolean | Date | null;

export type KeyOf<MT extends object> = Exclude<Extract<keyof MT, string>, Operators>;

/** Conditions on properties: `{name: 'x', age: {gt: 3}}`. */
export type Condition<MT extends object> = {
  [P in KeyOf<MT>]?: PredicateComparison<MT[P]> | (MT[P] & ShortHandEqualType);
};

export interface AndClause<MT extends object> {
  and: Where<MT>[];
}
export interface OrClause<MT extends object> {
  or: Where<MT>[];
}

/** A where clause. */
export type Where<MT extends object = AnyObject> =
  | Condition<MT>
  | AndClause<MT>
  | OrClause<MT>
  | (Condition<MT> & AndClause<MT>)
  | (Condition<MT> & OrClause<MT>)
  | (Condition<MT> & AndClause<MT> & OrClause<MT>);

export type Direction = 'ASC' | 'DESC';

/** Order: `'name DESC'`, `['a ASC', 'b DESC']`, or the builder's `{name: 'DESC'}`. */
export type Order<MT = AnyObject> = {[P in keyof MT]: Direction};

/** Fields selection: `{name: true}` or `['name']`. */
export type Fields<MT = AnyObject> = {[P in keyof MT]?: boolean} | Extract<keyof MT, string>[];

/** An include entry: a relation name or `{relation, scope}`. */
export interface Inclusion {
  relation: string;
  targetType?: string;
  scope?: Filter<AnyObject> & {totalLimit?: number};
  /** relata, hasMany-through relations: a where on the through (link) model, ANDed with the relation's own. */
  throughScope?: {where?: Where<AnyObject>};
}

export type InclusionFilter = string | Inclusion;

/** The query filter. */
export interface Filter<MT extends object = AnyObject> {
  where?: Where<MT>;
  fields?: Fields<MT>;
  order?: string | string[];
  limit?: number;
  skip?: number;
  offset?: number;
  include?: InclusionFilter | InclusionFilter[] | AnyObject;
}

export type FilterExcludingWhere<MT extends object = AnyObject> = Omit<Filter<MT>, 'where'>;

/** True when every key of `x` is a filter key. */
export function isFilter<MT extends object>(x: unknown): x is Filter<MT> {
  if (x == null || typeof x !== 'object' || Array.isArray(x)) return false;
  const keys = new Set(['where', 'fields', 'order', 'limit', 'skip', 'offset', 'include']);
  return Object.keys(x).every(k => keys.has(k));
}

// ---------------------------------------------------------------------------
// Normalized forms: what the engine and the connectors receive after validation.
// ---------------------------------------------------------------------------

/** One sort key. */
export interface OrderKey {
  property: string;
  direction: Direction;
}

/** A validated include entry with its normalized scope. */
export interface NormalizedInclusion {
  relation: string;
  targetType?: string;
  /** The scope as given (validated against the target model by the target's repository). */
  scope?: Filter & {totalLimit?: number};
  /** hasMany-through: `{where}` on the through model, as given (shape checked; the where is validated when used). */
  throughScope?: {where?: AnyObject};
}

/**
 * A validated, normalized filter. `where` values are coerced to property types,
 * `order` is a list of keys, `fields` a list of property names (or undefined
 * for all), `limit`/`skip` numbers or undefined.
 */
export interface NormalizedFilter {
  where?: AnyObject;
  order?: OrderKey[];
  limit?: number;
  skip?: number;
  fields?: string[];
  include?: NormalizedInclusion[];
}
