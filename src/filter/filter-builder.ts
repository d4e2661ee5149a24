import {RelataError} from '../common/errors';
import {AnyObject} from '../common/types';
import {InvalidFilterError} from './invalid-filter-error';
import {Fields, Filter, Inclusion, isFilter, Order, Where} from './types';
import {WhereBuilder} from './where-builder';

const NON_WHERE_FIELDS = ['fields', 'order', 'limit', 'skip', 'offset', 'include'];
const ORDER_ITEM = /^[^\s]+( (ASC|DESC))?$/;

/**
 * Fluent builder of filters (LoopBack 4's `FilterBuilder`).
 *
 * @example
 * new FilterBuilder<Customer>()
 *   .fields('id', 'name').order('name DESC').limit(10).include('orders')
 *   .where({name: {like: 'A%'}})
 *   .build();
 */
export class FilterBuilder<MT extends object = AnyObject> {
  filter: Filter<MT>;

  /** Starts from a shallow copy of `f` (the caller's object is never changed). */
  constructor(f?: Filter<MT>) {
    this.filter = f ? {...f} : {};
  }

  /** Sets `limit`; it must be at least 1 (`Limit <n> must a positive number`). */
  limit(limit: number): this {
    if (!(limit >= 1)) throw new InvalidFilterError(`Limit ${limit} must a positive number`);
    this.filter.limit = limit;
    return this;
  }

  /** Sets `offset`. */
  offset(offset: number): this {
    this.filter.offset = offset;
    return this;
  }

  /** Alias of {@link FilterBuilder.offset}. */
  skip(skip: number): this {
    return this.offset(skip);
  }

  /** Selects fields: names, arrays of names, or `{name: boolean}` objects. */
  fields(...f: (Fields<MT> | (keyof MT)[] | keyof MT)[]): this {
    const fields: AnyObject = toFieldsObject(this.filter.fields);
    for (const field of f) {
      if (Array.isArray(field)) {
        for (const name of field) fields[name as string] = true;
      } else if (typeof field === 'string') {
        fields[field] = true;
      } else if (field && typeof field === 'object') {
        Object.assign(fields, field);
      }
    }
    this.filter.fields = fields as Fields<MT>;
    return this;
  }

  /**
   * Adds sort keys: `'name'`, `'name DESC'`, arrays of those, or
   * `{name: 'DESC'}` objects. Strings must read `prop` or `prop ASC|DESC`
   * (`Invalid order: <o>`); ` ASC` is appended when no direction is given.
   */
  order(...o: (string | string[] | Partial<Order<MT>>)[]): this {
    const existing = this.filter.order;
    const order: string[] = existing === undefined ? [] : Array.isArray(existing) ? [...existing] : [existing];
    for (const item of o) {
      if (typeof item === 'string') {
        order.push(withDirection(item));
      } else if (Array.isArray(item)) {
        for (const i of item) validateOrder(i);
        for (const i of item) order.push(withDirection(i));
      } else if (item && typeof item === 'object') {
        for (const key of Object.keys(item)) order.push(`${key} ${(item as AnyObject)[key]}`);
      }
    }
    this.filter.order = order;
    return this;
  }

  /** Adds inclusions: relation names (become `{relation}`), arrays of names, or `Inclusion` objects. */
  include(...i: (string | string[] | Inclusion)[]): this {
    const existing = this.filter.include;
    const include: unknown[] = existing == null ? [] : Array.isArray(existing) ? [...existing] : [existing];
    for (const inc of i) {
      if (typeof inc === 'string') include.push({relation: inc});
      else if (Array.isArray(inc)) for (const name of inc) include.push({relation: name});
      else include.push(inc);
    }
    this.filter.include = include as Inclusion[];
    return this;
  }

  /** Sets (replaces) the where clause. */
  where(w: Where<MT>): this {
    this.filter.where = w;
    return this;
  }

  /**
   * ANDs a constraint in: a where clause, or a filter holding only `where`.
   * A filter constraint with fields/order/limit/skip/offset/include throws
   * (`merging strategy for selection, pagination, and sorting not implemented`).
   */
  impose(constraint: Filter<MT> | Where<MT>): this {
    if (constraint === undefined || constraint === null) return this;
    const asFilter = isFilter<MT>(constraint);
    if (asFilter) {
      for (const key of Object.keys(constraint)) {
        if (NON_WHERE_FIELDS.includes(key)) {
          throw new RelataError(
            'merging strategy for selection, pagination, and sorting not implemented', 'NOT_IMPLEMENTED');
        }
      }
    }
    const where = asFilter ? (constraint as Filter<MT>).where : (constraint as Where<MT>);
    this.filter.where = new WhereBuilder<MT>(this.filter.where).impose(where as Where<MT>).build();
    return this;
  }

  /** The filter built so far. */
  build(): Filter<MT> {
    return this.filter;
  }
}

function validateOrder(order: string): void {
  if (typeof order !== 'string' || !ORDER_ITEM.test(order)) {
    throw new InvalidFilterError('Invalid order: ' + String(order));
  }
}

function withDirection(order: string): string {
  validateOrder(order);
  return order.endsWith(' ASC') || order.endsWith(' DESC') ? order : order + ' ASC';
}

function toFieldsObject(fields: unknown): AnyObject {
  if (Array.isArray(fields)) {
    const out: AnyObject = {};
    for (const f of fields) out[f] = true;
    return out;
  }
  if (typeof fields === 'string') return {[fields]: true};
  return fields && typeof fields === 'object' ? {...fields} : {};
}
