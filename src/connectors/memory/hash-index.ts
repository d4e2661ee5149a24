import {EqualityKey, NULL_KEY, RowKey, equalityKey} from './value-key';

/** One bucket: a single row key, or a set of them once a second row arrives. */
type Bucket = RowKey | Set<RowKey>;

/**
 * A hash index of one property: equality key → primary keys of the rows
 * holding that value. Array values are filed under each element (an empty
 * array under the null key), as the where matcher matches an array field when
 * any element matches.
 */
export class HashIndex {
  private readonly buckets = new Map<EqualityKey, Bucket>();
  /** Rows whose value is not one plain number: lookups on them are not exact. */
  private nonNumberRows = 0;
  /** Rows filed under more than one key: a union of buckets may repeat them. */
  private multiKeyRows = 0;
  /** Rows holding a string / a Date (alone or in an array): they equal some values of other types. */
  private stringRows = 0;
  private dateRows = 0;

  constructor(readonly property: string) {}

  /** Files a row's value. */
  add(key: RowKey, value: unknown): void {
    if (typeof value === 'number') {
      this.addTo(value, key);
      return;
    }
    this.nonNumberRows++;
    this.countTypes(value, 1);
    if (!Array.isArray(value)) {
      this.addTo(equalityKey(value), key);
      return;
    }
    const keys = elementKeys(value);
    if (keys === undefined) {
      this.addTo(value.length ? equalityKey(value[0]) : NULL_KEY, key);
      return;
    }
    this.multiKeyRows++;
    for (const k of keys) this.addTo(k, key);
  }

  /** Removes a row's value, given the value it was filed with. */
  remove(key: RowKey, value: unknown): void {
    if (typeof value === 'number') {
      this.removeFrom(value, key);
      return;
    }
    this.nonNumberRows--;
    this.countTypes(value, -1);
    if (!Array.isArray(value)) {
      this.removeFrom(equalityKey(value), key);
      return;
    }
    const keys = elementKeys(value);
    if (keys === undefined) {
      this.removeFrom(value.length ? equalityKey(value[0]) : NULL_KEY, key);
      return;
    }
    this.multiKeyRows--;
    for (const k of keys) this.removeFrom(k, key);
  }

  clear(): void {
    this.buckets.clear();
    this.nonNumberRows = 0;
    this.multiKeyRows = 0;
    this.stringRows = 0;
    this.dateRows = 0;
  }

  /** How many rows are filed under this key. */
  count(k: EqualityKey): number {
    const b = this.buckets.get(k);
    if (b === undefined) return 0;
    return typeof b === 'object' ? b.size : 1;
  }

  /** Appends the primary keys filed under `k` to `out`. */
  collect(k: EqualityKey, out: RowKey[]): void {
    const b = this.buckets.get(k);
    if (b === undefined) return;
    if (typeof b !== 'object') out.push(b);
    else for (const key of b) out.push(key);
  }

  /** True when every indexed value is one plain number (number lookups are then exact). */
  get numbersOnly(): boolean {
    return this.nonNumberRows === 0;
  }

  /** True when some row is filed under several keys. */
  get hasMultiKeyRows(): boolean {
    return this.multiKeyRows > 0;
  }

  /** True when some row holds a string (a Date example may equal it by parsing). */
  get hasStrings(): boolean {
    return this.stringRows > 0;
  }

  /** True when some row holds a Date (a date string example may equal it). */
  get hasDates(): boolean {
    return this.dateRows > 0;
  }

  private countTypes(value: unknown, delta: number): void {
    let strings = false;
    let dates = false;
    if (Array.isArray(value)) {
      for (const el of value) {
        if (typeof el === 'string') strings = true;
        else if (el instanceof Date) dates = true;
      }
    } else if (typeof value === 'string') {
      strings = true;
    } else if (value instanceof Date) {
      dates = true;
    }
    if (strings) this.stringRows += delta;
    if (dates) this.dateRows += delta;
  }

  private addTo(k: EqualityKey, key: RowKey): void {
    const b = this.buckets.get(k);
    if (b === undefined) this.buckets.set(k, key);
    else if (typeof b === 'object') b.add(key);
    else if (b !== key) this.buckets.set(k, new Set([b, key]));
  }

  private removeFrom(k: EqualityKey, key: RowKey): void {
    const b = this.buckets.get(k);
    if (b === undefined) return;
    if (typeof b !== 'object') {
      if (b === key) this.buckets.delete(k);
      return;
    }
    b.delete(key);
    if (b.size === 1) {
      const [only] = b;
      this.buckets.set(k, only);
    } else if (b.size === 0) {
      this.buckets.delete(k);
    }
  }
}

/** Distinct keys of a multi-element array, or undefined when it yields at most one key. */
function elementKeys(value: unknown[]): Set<EqualityKey> | undefined {
  if (value.length < 2) return undefined;
  const keys = new Set<EqualityKey>();
  for (const el of value) keys.add(equalityKey(el));
  return keys.size > 1 ? keys : undefined;
}
