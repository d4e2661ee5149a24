import {RawBuilder, sql, SqlBool} from 'kysely';
import {AnyObject} from '../../common/types';
import {describeValue} from '../../filter/describe-value';
import {InvalidFilterError} from '../../filter/invalid-filter-error';
import {isPlainObject} from '../../filter/plain-object';
import {toRegExpValue} from '../../filter/regexp-value';
import {OrderKey} from '../../filter/types';
import {PropertyKind} from '../../model/property-definition';
import {SqlDialect} from './sql-dialect';
import {UnsupportedQueryError} from './sql-errors';
import {columnRef, SQL_FALSE, SQL_TRUE, sqlAnd, sqlOr} from './sql-refs';
import {ColumnMapping, TableMapping} from './table-mapping';

export {SQL_FALSE, SQL_TRUE} from './sql-refs';

type Cond = RawBuilder<SqlBool>;

const JSON_KINDS: ReadonlySet<PropertyKind> = new Set<PropertyKind>(['object', 'array', 'any']);
const OPERATORS: ReadonlySet<string> = new Set([
  'eq', 'neq', 'gt', 'gte', 'lt', 'lte', 'inq', 'nin', 'between', 'exists',
  'like', 'nlike', 'ilike', 'nilike', 'regexp',
]);

interface Ctx {
  mapping: TableMapping;
  dialect: SqlDialect;
  alias: string | undefined;
}

/**
 * Compiles a normalized where clause (`NormalizedFilter.where`) into a SQL
 * condition for one table, with exactly the memory connector's semantics:
 *
 * - `{p: null}` / `eq: null` → `IS NULL`; `neq`, `nin`, `nlike`, `nilike` are
 *   exact negations, so NULL columns match them (`(col IS NULL OR NOT ...)`);
 * - empty `inq` matches nothing, empty `nin` everything; long lists are bound
 *   as one array/JSON parameter (`SqlDialect.inList`), never beyond the bind limit;
 * - `gt`/`gte`/`lt`/`lte`/`between` never match NULL; `between` is inclusive;
 * - `exists: true` → `IS NOT NULL`;
 * - `like` family: anchored, case-sensitive (`ilike`/`options: 'i'` not),
 *   `%`, `_` and `\` escapes on every database; RegExp operands act as `regexp`;
 * - `regexp`: the RegExp's source with its `i`/`m` flags;
 * - a value of another type than the property's (a string for a number
 *   property...) matches nothing, as in memory;
 * - several operators in one clause, and `and`/`or` lists, nest as AND/OR.
 *
 * Property names become columns only through `mapping`; values are always
 * bound. Dotted keys, whole-object equality, comparisons on JSON columns
 * (object/array/any, beyond null checks) and properties without a column
 * throw `UnsupportedQueryError` (400).
 *
 * Returns `SQL_TRUE` for an empty where (callers may omit the WHERE), usable
 * in `.where(...)` and inside `sql` templates.
 *
 * @example
 * const cond = compileWhere({age: {gte: 18}, name: {like: 'A%'}}, mapping, dialect, 't');
 * // ("t"."age" >= $1 AND "t"."name" COLLATE "C" LIKE $2)
 * await sql`SELECT * FROM ${tableRef(mapping)} AS t WHERE ${cond}`.execute(db);
 */
export function compileWhere(
  where: AnyObject | undefined | null, mapping: TableMapping, dialect: SqlDialect, tableAlias?: string,
): RawBuilder<SqlBool> {
  if (where === undefined || where === null) return SQL_TRUE;
  return compileObject(where, {mapping, dialect, alias: tableAlias});
}

function compileObject(where: AnyObject, ctx: Ctx): Cond {
  if (typeof where !== 'object' || where === null || Array.isArray(where)) {
    throw new InvalidFilterError(`The where clause ${describeValue(where)} is not an object`);
  }
  const parts: Cond[] = [];
  for (const key of Object.keys(where)) {
    const clause = where[key];
    if (clause === undefined) continue;
    if (key === 'and' || key === 'or') {
      if (!Array.isArray(clause)) {
        throw new InvalidFilterError(`The ${key} operator has invalid clauses ${describeValue(clause)}`);
      }
      const subs = clause.filter(c => c !== undefined).map(c => compileObject(c, ctx));
      parts.push(key === 'and' ? sqlAnd(subs) : sqlOr(subs));
    } else {
      parts.push(compileProperty(key, clause, ctx));
    }
  }
  return sqlAnd(parts);
}

/** The column of a property named in a filter, or a 400 naming what cannot be translated. */
function columnOf(property: string, ctx: Ctx, where: 'where' | 'order'): ColumnMapping {
  const column = ctx.mapping.byProperty.get(property);
  if (column !== undefined) return column;
  const model = ctx.mapping.model;
  if (property.includes('.')) {
    throw new UnsupportedQueryError(
      `The nested property "${property}" used in the ${where} clause of model "${model}" cannot be queried ` +
      `on the ${ctx.dialect.name} connector`);
  }
  throw new UnsupportedQueryError(
    `Property "${property}" used in the ${where} clause of model "${model}" has no column on the ` +
    `${ctx.dialect.name} connector`);
}

function compileProperty(property: string, clause: unknown, ctx: Ctx): Cond {
  const column = columnOf(property, ctx, 'where');
  const p = new PropertyCompiler(property, column, ctx);
  if (clause === null) return p.isNull();
  if (clause instanceof RegExp) return p.regexp(clause);
  if (isPlainObject(clause)) {
    const keys = Object.keys(clause);
    if (!keys.some(k => OPERATORS.has(k))) {
      throw new UnsupportedQueryError(
        `Property "${property}" of model "${ctx.mapping.model}" cannot be compared with a whole object on the ` +
        `${ctx.dialect.name} connector`);
    }
    const options = typeof clause.options === 'string' ? clause.options : '';
    const parts: Cond[] = [];
    for (const op of keys) {
      const operand = clause[op];
      if (op === 'options' || operand === undefined) continue;
      parts.push(p.operator(op, operand, clause, options));
    }
    return sqlAnd(parts);
  }
  return p.eq(clause);
}

/** Compiles the operators of one property clause. */
class PropertyCompiler {
  private readonly kind: PropertyKind;
  private readonly ref: RawBuilder<unknown>;

  constructor(private readonly property: string, private readonly column: ColumnMapping, private readonly ctx: Ctx) {
    this.kind = column.kind;
    this.ref = columnRef(column.column, ctx.alias);
  }

  isNull(): Cond {
    return sql<SqlBool>`${this.ref} IS NULL`;
  }

  notNull(): Cond {
    return sql<SqlBool>`${this.ref} IS NOT NULL`;
  }

  operator(op: string, operand: unknown, clause: AnyObject, options: string): Cond {
    if (JSON_KINDS.has(this.kind)) return this.jsonOperator(op, operand);
    switch (op) {
      case 'eq':
        return this.eq(operand);
      case 'neq':
        return this.negate(this.eq(operand), operand === null);
      case 'gt':
      case 'gte':
      case 'lt':
      case 'lte':
        return this.range(op, operand);
      case 'between': {
        const list = this.list(operand, clause);
        if (list.length !== 2 || !this.comparable(list[0]) || !this.comparable(list[1])) return SQL_FALSE;
        const ref = this.orderedRef();
        return sql<SqlBool>`${ref} BETWEEN ${this.operand(list[0])} AND ${this.operand(list[1])}`;
      }
      case 'inq': {
        const {cond} = this.inq(this.list(operand, clause));
        return cond;
      }
      case 'nin': {
        const {cond, matchesNull} = this.inq(this.list(operand, clause));
        return this.negate(cond, matchesNull);
      }
      case 'exists':
        return operand === false || operand === 'false' ? this.isNull() : this.notNull();
      case 'like':
      case 'nlike':
      case 'ilike':
      case 'nilike': {
        const ci = op === 'ilike' || op === 'nilike' || options.includes('i');
        const positive = this.like(operand, ci, clause);
        return op[0] === 'n' ? this.negate(positive, false) : positive;
      }
      case 'regexp':
        return this.regexp(toRegExpValue(operand, this.property, clause));
      default:
        throw new InvalidFilterError(
          `The ${this.property} property has invalid clause ${describeValue(clause)}: Unknown operator "${op}"`);
    }
  }

  /** JSON columns: only null checks can be translated faithfully. */
  private jsonOperator(op: string, operand: unknown): Cond {
    if (op === 'exists') return operand === false || operand === 'false' ? this.isNull() : this.notNull();
    if (op === 'eq' && operand === null) return this.isNull();
    if (op === 'neq' && operand === null) return this.notNull();
    throw new UnsupportedQueryError(
      `Property "${this.property}" of model "${this.ctx.mapping.model}" holds JSON (${this.kind}): the ` +
      `${this.ctx.dialect.name} connector can only test it for null or exists, not with "${op}"`);
  }

  /** Equality as the memory connector has it for a scalar column. */
  eq(value: unknown): Cond {
    if (value === null || value === undefined) return this.isNull();
    if (JSON_KINDS.has(this.kind)) return this.jsonOperator('eq', value);
    if (value instanceof RegExp) return this.regexp(value);
    // A one-element list equals its element (LoopBack's `{id: [1]}`); other lists equal no scalar.
    if (Array.isArray(value)) return value.length === 1 ? this.eq(value[0]) : SQL_FALSE;
    if (!this.compatible(value)) return SQL_FALSE;
    return sql<SqlBool>`${this.ref} = ${this.operand(value)}`;
  }

  regexp(re: RegExp): Cond {
    if (JSON_KINDS.has(this.kind)) return this.jsonOperator('regexp', re);
    if (this.kind !== 'string') return SQL_FALSE;
    return this.ctx.dialect.regexp(this.ref, this.column, re);
  }

  /**
   * The exact complement of `positive` over all rows. `positive` is never
   * NULL for a non-NULL column; for a NULL column it is true when
   * `matchesNull`, else false or NULL, so NULL columns are added back.
   */
  private negate(positive: Cond, matchesNull: boolean): Cond {
    if (positive === SQL_TRUE) return SQL_FALSE;
    if (positive === SQL_FALSE) return SQL_TRUE;
    if (matchesNull) return sql<SqlBool>`NOT ${positive}`;
    return sql<SqlBool>`(${this.ref} IS NULL OR NOT ${positive})`;
  }

  private range(op: 'gt' | 'gte' | 'lt' | 'lte', value: unknown): Cond {
    if (!this.comparable(value)) return SQL_FALSE;
    const ref = this.orderedRef();
    const v = this.operand(value);
    switch (op) {
      case 'gt': return sql<SqlBool>`${ref} > ${v}`;
      case 'gte': return sql<SqlBool>`${ref} >= ${v}`;
      case 'lt': return sql<SqlBool>`${ref} < ${v}`;
      default: return sql<SqlBool>`${ref} <= ${v}`;
    }
  }

  /** Membership: values by `IN`/`ANY`, null by `IS NULL`, RegExps and one-element lists as alternatives. */
  private inq(list: unknown[]): {cond: Cond; matchesNull: boolean} {
    const values: unknown[] = [];
    const alternatives: Cond[] = [];
    let matchesNull = false;
    for (const item of list) {
      if (item === null || item === undefined) matchesNull = true;
      else if (item instanceof RegExp || Array.isArray(item)) alternatives.push(this.eq(item));
      else if (this.compatible(item)) values.push(typeof item === 'bigint' ? Number(item) : item);
    }
    const parts: Cond[] = [];
    if (values.length === 1) parts.push(sql<SqlBool>`${this.ref} = ${this.operand(values[0])}`);
    else if (values.length > 1) parts.push(this.ctx.dialect.inList(this.ref, values, this.kind));
    if (matchesNull) parts.push(this.isNull());
    parts.push(...alternatives);
    return {cond: sqlOr(parts), matchesNull};
  }

  private like(operand: unknown, caseInsensitive: boolean, clause: AnyObject): Cond {
    if (operand instanceof RegExp) {
      const re = caseInsensitive && !operand.ignoreCase ? new RegExp(operand.source, operand.flags + 'i') : operand;
      return this.regexp(re);
    }
    if (typeof operand !== 'string') {
      throw new InvalidFilterError(
        `The ${this.property} property has invalid clause ${describeValue(clause)}: Expected a string or RegExp`);
    }
    if (this.kind !== 'string') return SQL_FALSE;
    return this.ctx.dialect.like(this.ref, this.column, normalizeLikePattern(operand), caseInsensitive);
  }

  private list(operand: unknown, clause: AnyObject): unknown[] {
    if (!Array.isArray(operand)) {
      throw new InvalidFilterError(
        `The ${this.property} property has invalid clause ${describeValue(clause)}: Expected an array`);
    }
    return operand;
  }

  /** The value can equal a stored value of the column's kind. */
  private compatible(value: unknown): boolean {
    switch (this.kind) {
      case 'number':
        return (typeof value === 'number' && !Number.isNaN(value)) || typeof value === 'bigint';
      case 'string':
        return typeof value === 'string';
      case 'boolean':
        return typeof value === 'boolean';
      case 'date':
        return value instanceof Date && !Number.isNaN(value.getTime());
      case 'buffer':
        return Buffer.isBuffer(value);
      default:
        return false;
    }
  }

  /** The value can be ordered against stored values (buffers cannot, as in memory). */
  private comparable(value: unknown): boolean {
    return this.kind !== 'buffer' && this.compatible(value);
  }

  private orderedRef(): RawBuilder<unknown> {
    return this.kind === 'string' ? this.ctx.dialect.stringRef(this.ref, this.column) : this.ref;
  }

  private operand(value: unknown): unknown {
    return this.ctx.dialect.operand(this.kind, value);
  }
}

/**
 * Normalizes a LIKE pattern to the escapes every database reads alike:
 * `\%`, `\_` and `\\` stay, `\x` for any other character becomes `x`, and a
 * trailing lone `\` becomes a literal backslash (as in the memory connector).
 */
export function normalizeLikePattern(pattern: string): string {
  if (!pattern.includes('\\')) return pattern;
  let out = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c !== '\\') {
      out += c;
    } else if (i + 1 < pattern.length) {
      const next = pattern[++i];
      out += next === '%' || next === '_' || next === '\\' ? '\\' + next : next;
    } else {
      out += '\\\\';
    }
  }
  return out;
}

/**
 * Compiles an order into ORDER BY terms (without the keywords): each key
 * with relata's NULL placement (first in ASC, last in DESC), strings by code
 * point, then the id ascending as tiebreak (unless the order already holds
 * the id). Without keys the order is the id ascending. JSON and buffer
 * columns only sort NULLs apart (memory cannot order objects either).
 * Returns undefined when there is nothing to order by (no keys, no id).
 *
 * @example
 * sql`SELECT * FROM t ORDER BY ${compileOrder([{property: 'name', direction: 'DESC'}], mapping, dialect)}`
 * // ORDER BY "name" COLLATE "C" DESC NULLS LAST, "id" ASC
 */
export function compileOrder(
  order: OrderKey[] | undefined, mapping: TableMapping, dialect: SqlDialect, tableAlias?: string,
): RawBuilder<unknown> | undefined {
  const ctx: Ctx = {mapping, dialect, alias: tableAlias};
  const terms: RawBuilder<unknown>[] = [];
  const used = new Set<string>();
  for (const key of order ?? []) {
    const column = columnOf(key.property, ctx, 'order');
    if (used.has(column.property)) continue;
    used.add(column.property);
    terms.push(orderTerm(column, key.direction === 'DESC', ctx));
  }
  const ids = mapping.columns.filter(c => c.isId);
  if (!ids.some(c => used.has(c.property))) {
    for (const id of ids) terms.push(orderTerm(id, false, ctx));
  }
  return terms.length ? sql.join(terms) : undefined;
}

function orderTerm(column: ColumnMapping, descending: boolean, ctx: Ctx): RawBuilder<unknown> {
  const ref = columnRef(column.column, ctx.alias);
  if (JSON_KINDS.has(column.kind) || column.kind === 'buffer') {
    return descending ? sql`(${ref} IS NULL) ASC` : sql`(${ref} IS NULL) DESC`;
  }
  // Ids are never NULL (primary keys): no NULL placement, so an index can serve the order.
  return ctx.dialect.orderTerm(column.kind === 'string' ? ctx.dialect.stringRef(ref, column) : ref, descending, !column.isId);
}
