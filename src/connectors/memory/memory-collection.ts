import {AnyObject} from '../../common/types';
import {RelataError} from '../../common/errors';
import {compileWhere} from '../../filter/where-matcher';
import {ModelDefinition} from '../../model/model-definition';
import {PropertyKind, kindOfType} from '../../model/property-definition';
import {HashIndex} from './hash-index';
import {revivableProperties, reviveRow} from './revive-row';
import {EqualityKey, RowKey, compareIds, equalityKey, rowKeyOf} from './value-key';
import {equalityConjuncts} from './where-plan';

/** Counters for tests and tuning: how much work the queries did. */
export interface MemoryCollectionStats {
  /** Rows read by queries (tested against a where, or taken without one). */
  rowsExamined: number;
  /** Queries answered from the primary map or a hash index. */
  indexedQueries: number;
  /** Queries that read every row. */
  fullScans: number;
}

/** Receives matching rows; returning `false` stops the scan. */
export type RowVisitor = (key: RowKey, row: AnyObject) => boolean | void;

/** Which rows a where can be answered from. */
interface QueryPlan {
  /** Primary keys of the candidates; undefined → every row. */
  keys?: RowKey[];
  /** The candidates are exactly the matches: no where check needed. */
  exact: boolean;
}

const CANONICAL_NUMBER = /^-?(?:0|[1-9]\d*)(?:\.\d+)?$/;

/**
 * The rows of one model: a Map keyed by id (a hidden counter for models
 * without id property) kept in id order, the id counter, and hash indexes
 * built lazily per property the first time a query filters it by equality or
 * `inq`, then maintained on every write. Stored rows are plain objects owned
 * by the collection; it never hands them out (the connector copies).
 */
export class MemoryCollection {
  /** Stored rows by primary key. */
  readonly rows = new Map<RowKey, AnyObject>();
  /** The next generated id (LoopBack's `ids[model]`). */
  nextId = 1;
  readonly stats: MemoryCollectionStats = {rowsExamined: 0, indexedQueries: 0, fullScans: 0};

  private definition!: ModelDefinition;
  private idProperty: string | undefined;
  private idKind: PropertyKind = 'any';
  private revivable: Array<[string, PropertyKind]> = [];
  private readonly indexes = new Map<string, HashIndex>();
  /** Whether the Map's insertion order is id order. */
  private sorted = true;
  /** The largest key inserted (an upper bound once rows are deleted). */
  private maxKey: RowKey | undefined;
  /** How many stored ids are numbers / strings (primary lookups are exact when all are). */
  private numberIds = 0;
  private stringIds = 0;
  /** Row JSON by row object, for file writes (rows are replaced, never mutated). */
  private json = new WeakMap<AnyObject, string>();

  constructor(definition: ModelDefinition) {
    this.setDefinition(definition);
  }

  get name(): string {
    return this.definition.name;
  }

  /** The id property, or undefined for a model without one (hidden keys). */
  get idName(): string | undefined {
    return this.idProperty;
  }

  /** Names of the properties that have a hash index. */
  get indexedProperties(): string[] {
    return [...this.indexes.keys()];
  }

  /** Installs a (new) definition; rows are kept (re-keyed if the id property changed). */
  setDefinition(definition: ModelDefinition): void {
    const previousId = this.idProperty;
    const hadDefinition = this.definition !== undefined;
    this.definition = definition;
    this.idProperty = definition.idProperties()[0];
    this.idKind = this.idProperty ? kindOfType(definition.properties[this.idProperty]?.type) : 'number';
    this.revivable = revivableProperties(definition);
    if (hadDefinition && previousId !== this.idProperty && this.rows.size) this.rekey();
  }

  // ---------------------------------------------------------------------------
  // Reads
  // ---------------------------------------------------------------------------

  /**
   * Visits the rows matching a normalized where, in id order when `ordered`.
   * Uses the primary Map or a hash index when the where pins a property by
   * equality/`inq`, else reads every row.
   */
  scan(where: AnyObject | undefined, ordered: boolean, visit: RowVisitor): void {
    const stats = this.stats;
    if (where === undefined || isEmpty(where)) {
      stats.fullScans++;
      if (ordered) this.ensureSorted();
      for (const [key, row] of this.rows) {
        stats.rowsExamined++;
        if (visit(key, row) === false) return;
      }
      return;
    }
    const plan = this.plan(where, ordered);
    const match = plan.exact ? undefined : compileWhere(where);
    const keys = plan.keys;
    if (keys === undefined) {
      stats.fullScans++;
      if (ordered) this.ensureSorted();
      for (const [key, row] of this.rows) {
        stats.rowsExamined++;
        if (match!(row) && visit(key, row) === false) return;
      }
      return;
    }
    stats.indexedQueries++;
    if (ordered && keys.length > 1) keys.sort(compareIds);
    const rows = this.rows;
    for (let i = 0; i < keys.length; i++) {
      const row = rows.get(keys[i]);
      if (row === undefined) continue;
      stats.rowsExamined++;
      if (match !== undefined && !match(row)) continue;
      if (visit(keys[i], row) === false) return;
    }
  }

  /** Counts the rows matching a where. */
  count(where: AnyObject | undefined): number {
    if (where === undefined || isEmpty(where)) return this.rows.size;
    let n = 0;
    this.scan(where, false, () => {
      n++;
    });
    return n;
  }

  /** The primary key of the row whose id equals `id` (loosely, as the where matcher does), if any. */
  findKey(id: unknown): RowKey | undefined {
    if (id === null || id === undefined) return undefined;
    const key = rowKeyOf(id);
    if (this.rows.has(key)) return key;
    return this.alternateKey(key);
  }

  // ---------------------------------------------------------------------------
  // Writes
  // ---------------------------------------------------------------------------

  /**
   * Gives new rows their ids (generating missing ones, LoopBack's counter
   * rules) and checks them against stored rows and each other. Changes
   * nothing until {@link insertPrepared}; throws `DUPLICATE_ENTRY` first.
   */
  prepareInsert(rows: AnyObject[]): {keys: RowKey[]; nextId: number} {
    const idName = this.idProperty;
    let counter = this.nextId;
    const keys: RowKey[] = new Array(rows.length);
    const batch = rows.length > 1 ? new Set<RowKey>() : undefined;
    for (let i = 0; i < rows.length; i++) {
      const row = rows[i];
      if (idName === undefined) {
        while (this.rows.has(counter) || batch?.has(counter)) counter++;
        keys[i] = counter++;
        batch?.add(keys[i]);
        continue;
      }
      let id = row[idName];
      if (id === undefined || id === null || id === '') {
        while (this.hasLoose(this.generatedId(counter), batch)) counter++;
        id = this.generatedId(counter);
        counter++;
      } else {
        id = this.coerceId(id);
        if (this.hasLoose(rowKeyOf(id), batch)) {
          throw new RelataError(`Duplicate entry for ${this.name}.${idName}`, 'DUPLICATE_ENTRY', 409);
        }
        // LoopBack: the counter moves past an explicit numeric id, and moves on by one anyway.
        const n = numericId(id);
        counter = n >= counter ? Math.floor(n) + 1 : counter + 1;
      }
      row[idName] = id;
      keys[i] = rowKeyOf(id);
      batch?.add(keys[i]);
    }
    return {keys, nextId: counter};
  }

  /** Inserts rows checked by {@link prepareInsert}. */
  insertPrepared(rows: AnyObject[], prepared: {keys: RowKey[]; nextId: number}): void {
    for (let i = 0; i < rows.length; i++) this.insert(prepared.keys[i], rows[i]);
    this.nextId = prepared.nextId;
  }

  /** Replaces the stored row under `key` by `row` (a new object: rows are never mutated). */
  replace(key: RowKey, row: AnyObject): void {
    const old = this.rows.get(key);
    if (old === undefined) return;
    this.rows.set(key, row);
    for (const [property, index] of this.indexes) {
      const before = old[property];
      const after = row[property];
      if (before === after) continue;
      index.remove(key, before);
      index.add(key, after);
    }
  }

  /** Deletes the row under `key`. */
  delete(key: RowKey): void {
    const old = this.rows.get(key);
    if (old === undefined) return;
    this.rows.delete(key);
    this.countId(old, -1);
    for (const [property, index] of this.indexes) index.remove(key, old[property]);
  }

  /** Deletes every row; `resetIds` also restarts the id counter (automigrate). */
  clear(resetIds = false): void {
    this.rows.clear();
    for (const index of this.indexes.values()) index.clear();
    this.sorted = true;
    this.maxKey = undefined;
    this.numberIds = 0;
    this.stringIds = 0;
    if (resetIds) this.nextId = 1;
  }

  // ---------------------------------------------------------------------------
  // File format
  // ---------------------------------------------------------------------------

  /** Loads rows parsed from the file (`{"<id>": row}`), reviving typed values. */
  load(rows: {[id: string]: AnyObject}, nextId: number | undefined): void {
    const idName = this.idProperty;
    let maxNumeric = 0;
    const unkeyed: AnyObject[] = [];
    for (const fileKey of Object.keys(rows)) {
      const row = reviveRow(rows[fileKey], this.revivable);
      let key: RowKey;
      if (idName === undefined) {
        const n = Number(fileKey);
        if (!Number.isSafeInteger(n) || n < 1 || this.rows.has(n)) {
          unkeyed.push(row);
          continue;
        }
        key = n;
      } else {
        const id = row[idName] === undefined || row[idName] === null ? fileKey : row[idName];
        row[idName] = this.coerceId(id);
        key = rowKeyOf(row[idName]);
        if (this.rows.has(key)) continue;
      }
      const n = numericId(idName === undefined ? key : row[idName]);
      if (n > maxNumeric) maxNumeric = Math.floor(n);
      this.insert(key, row);
    }
    this.nextId = Math.max(nextId ?? 1, maxNumeric + 1, this.nextId);
    for (const row of unkeyed) this.insert(this.nextId++, row);
  }

  /** The rows as LoopBack's file stores them: `{"<id>": "<row JSON>"}`, in id order. */
  serializeRows(): {[id: string]: string} {
    this.ensureSorted();
    const out: {[id: string]: string} = {};
    for (const [key, row] of this.rows) out[String(key)] = this.rowJson(row);
    return out;
  }

  /**
   * The JSON text of a row, computed once per row object. Called on new rows
   * before they are stored, so a value JSON cannot hold (a BigInt, a cycle)
   * fails that write instead of every later file write.
   */
  rowJson(row: AnyObject): string {
    let text = this.json.get(row);
    if (text === undefined) {
      try {
        text = JSON.stringify(row);
      } catch (err) {
        throw new RelataError(
          `Cannot store ${this.name} data in the memory connector file: ${(err as Error).message}`,
          'INVALID_DATA', 400);
      }
      this.json.set(row, text);
    }
    return text;
  }

  // ---------------------------------------------------------------------------
  // Internals
  // ---------------------------------------------------------------------------

  private insert(key: RowKey, row: AnyObject): void {
    this.rows.set(key, row);
    if (this.maxKey === undefined || compareIds(key, this.maxKey) > 0) this.maxKey = key;
    else this.sorted = false;
    this.countId(row, 1);
    for (const [property, index] of this.indexes) index.add(key, row[property]);
  }

  private countId(row: AnyObject, delta: number): void {
    if (this.idProperty === undefined) return;
    const id = row[this.idProperty];
    if (typeof id === 'number') this.numberIds += delta;
    else if (typeof id === 'string') this.stringIds += delta;
  }

  /** Re-sorts the Map by id after an insert out of order. */
  private ensureSorted(): void {
    if (this.sorted) return;
    const entries = [...this.rows].sort((a, b) => compareIds(a[0], b[0]));
    this.rows.clear();
    for (const [key, row] of entries) this.rows.set(key, row);
    this.sorted = true;
    this.maxKey = entries.length ? entries[entries.length - 1][0] : undefined;
  }

  private plan(where: AnyObject, ordered: boolean): QueryPlan {
    const conjuncts = equalityConjuncts(where);
    if (conjuncts.length === 0) return {exact: false};
    const whereKeys = Object.keys(where);
    const single = conjuncts.length === 1 && whereKeys.length === 1 && whereKeys[0] === conjuncts[0].property;

    for (const c of conjuncts) {
      if (c.property !== this.idProperty || !this.primaryIsExact(c.values)) continue;
      const keys: RowKey[] = [];
      const values = c.values.length > 1 ? new Set(c.values) : c.values;
      for (const v of values) {
        if (this.rows.has(v as RowKey)) keys.push(v as RowKey);
      }
      return {keys, exact: single};
    }

    let best: HashIndex | undefined;
    let bestKeys: EqualityKey[] = [];
    let bestCount = Infinity;
    let bestValues: unknown[] = [];
    for (const c of conjuncts) {
      const index = this.ensureIndex(c.property);
      const eqKeys = lookupKeys(c.values, index);
      if (eqKeys === undefined) continue;
      let n = 0;
      for (const k of eqKeys) n += index.count(k);
      if (n < bestCount) {
        best = index;
        bestKeys = eqKeys;
        bestCount = n;
        bestValues = c.values;
        if (n === 0) break;
      }
    }
    // Past a share of the rows, reading the (id-ordered) Map beats
    // collecting, sorting and looking up keys (measured: ~1/4 ordered, ~1/2 not).
    if (best === undefined || bestCount * (ordered ? 4 : 2) > this.rows.size) return {exact: false};
    let keys: RowKey[] = [];
    for (const k of bestKeys) best.collect(k, keys);
    if (bestKeys.length > 1 && best.hasMultiKeyRows) keys = [...new Set(keys)];
    const exact = single && best.numbersOnly && bestValues.every(isNumber);
    return {keys, exact};
  }

  /** Map lookups by id agree exactly with the matcher when ids and values share one primitive type. */
  private primaryIsExact(values: unknown[]): boolean {
    const size = this.rows.size;
    if (this.numberIds === size) return values.every(isNumber);
    if (this.stringIds === size) return values.every(v => typeof v === 'string');
    return false;
  }

  private ensureIndex(property: string): HashIndex {
    let index = this.indexes.get(property);
    if (index === undefined) {
      index = new HashIndex(property);
      for (const [key, row] of this.rows) index.add(key, row[property]);
      this.indexes.set(property, index);
    }
    return index;
  }

  private rekey(): void {
    const rows = [...this.rows.values()];
    this.clear();
    const idName = this.idProperty;
    for (let row of rows) {
      let id = idName === undefined ? undefined : row[idName];
      if (id === undefined || id === null) {
        id = this.nextId++;
        // a new object: stored rows are never mutated
        if (idName !== undefined) row = {...row, [idName]: this.generatedId(id as number)};
      }
      const key = rowKeyOf(idName === undefined ? id : row[idName]);
      if (!this.rows.has(key)) this.insert(key, row);
    }
  }

  private generatedId(n: number): number | string {
    return this.idKind === 'string' ? String(n) : n;
  }

  /** Brings an explicit id to the id property's kind (`'5'` → 5 for number ids, 5 → `'5'` for string ids). */
  private coerceId(id: unknown): unknown {
    if (this.idKind === 'number' && typeof id === 'string' && CANONICAL_NUMBER.test(id)) return Number(id);
    if (this.idKind === 'string' && typeof id === 'number') return String(id);
    return id;
  }

  /** Whether `key` (or its number/string twin, which shares its file key) is taken. */
  private hasLoose(key: RowKey, batch: Set<RowKey> | undefined): boolean {
    if (this.rows.has(key) || batch?.has(key)) return true;
    const alt = twinKey(key);
    return alt !== undefined && (this.rows.has(alt) || batch?.has(alt) === true);
  }

  private alternateKey(key: RowKey): RowKey | undefined {
    const alt = twinKey(key);
    return alt !== undefined && this.rows.has(alt) ? alt : undefined;
  }
}

/** 5 ↔ '5': the two keys LoopBack's object-keyed storage cannot tell apart. */
function twinKey(key: RowKey): RowKey | undefined {
  if (typeof key === 'number') return String(key);
  const n = Number(key);
  return key !== '' && String(n) === key ? n : undefined;
}

function numericId(id: unknown): number {
  if (typeof id === 'number') return id;
  if (typeof id === 'string' && CANONICAL_NUMBER.test(id)) return Number(id);
  return NaN;
}

/**
 * The bucket keys holding every row a value of `values` can equal, or
 * undefined when the index cannot tell (a Date example against string
 * values, which the matcher compares by parsing them).
 */
function lookupKeys(values: unknown[], index: HashIndex): EqualityKey[] | undefined {
  if (values.length === 1 && typeof values[0] === 'number') return [values[0] as number];
  const keys = new Set<EqualityKey>();
  for (const v of values) {
    if (v instanceof Date && index.hasStrings) return undefined;
    keys.add(equalityKey(v));
    // A date string equals Date values of its time.
    if (typeof v === 'string' && index.hasDates && (v.trim() === '' || Number.isNaN(Number(v)))) {
      const t = Date.parse(v);
      if (t === t) keys.add(t);
    }
  }
  return [...keys];
}

function isNumber(v: unknown): boolean {
  return typeof v === 'number' && v === v;
}

function isEmpty(o: AnyObject): boolean {
  for (const _ in o) return false;
  return true;
}
