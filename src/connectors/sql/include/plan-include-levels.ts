import {AnyObject} from '../../../common/types';
import {NormalizedFilter} from '../../../filter/types';
import {IncludeTree, IncludeTreeRelation} from '../../connector';
import {SqlDialect} from '../sql-dialect';
import {ColumnMapping, TableMapping} from '../table-mapping';
import {jsonDecoder, rowDecoder} from '../value-codec';
import {IncludeLevel, LevelStrategy} from './include-level';

/**
 * What decides the plan on one database. The figures come from
 * `bench/sql-include.ts` and the measurements in bench/README.md
 * (customers → orders → manufacturers, 1 to 1,000 customers).
 */
interface DialectPolicy {
  /** Up to this many root rows, the whole tree is one statement (JSON aggregation wins). */
  smallRoot: number;
  /** Most values one JSON row may hold (function argument limits). */
  maxJsonValues: number;
  /** How to-many relations under a large parent set are loaded. */
  bulkToMany: 'batched-once' | 'batched' | 'json';
}

const POLICIES: Record<SqlDialect['name'], DialectPolicy> = {
  // json_build_array takes at most 100 arguments.
  postgresql: {smallRoot: 20, maxJsonValues: 100, bulkToMany: 'batched-once'},
  mysql: {smallRoot: 10, maxJsonValues: 1000, bulkToMany: 'batched'},
  // SQLITE_MAX_FUNCTION_ARG is 1000 in the bundled SQLite.
  sqlite: {smallRoot: 20, maxJsonValues: 1000, bulkToMany: 'json'},
};

/** How many root rows a filter can return, and why (`Infinity` when unknown). */
export interface RootEstimate {
  rows: number;
  why: string;
}

/** Options of the planner that depend on the server (learned at connect). */
export interface PlannerOptions {
  /** The server aggregates JSON with ORDER BY/LIMIT inside (MariaDB >= 10.5; always on PostgreSQL/SQLite). */
  orderedJsonAggregation: boolean;
}

/**
 * Chooses, for every level of an include tree, how it is loaded (see
 * {@link LevelStrategy}), with the reason, and lays out what each level
 * reads. The choice is per relation shape and expected size:
 *
 * - a root expected to return few rows (`limit`, an id) → ONE statement:
 *   every relation aggregated into JSON by correlated subqueries;
 * - otherwise to-one relations are batched (one query over the distinct
 *   keys beats building a JSON object per parent row), and to-many
 *   relations follow the database: PostgreSQL batches the first to-many
 *   level and aggregates the levels below it into JSON inside that query,
 *   MySQL/MariaDB batches every level, SQLite aggregates JSON in one
 *   statement;
 * - `totalLimit` scopes are always batched (one limit over all parents),
 *   as are rows too wide for one JSON value and, on MySQL without ordered
 *   JSON aggregation, every level.
 */
export function planIncludeLevels(
  tree: IncludeTree, dialect: SqlDialect, mappingOf: (model: string) => TableMapping, options: PlannerOptions,
): IncludeLevel[] {
  const policy = POLICIES[dialect.name];
  const rootMapping = mappingOf(tree.model);
  const estimate = estimateRootRows(tree.filter, rootMapping);
  const small = estimate.rows <= policy.smallRoot;
  const parents = Number.isFinite(estimate.rows) ? `up to ${estimate.rows} root rows (${estimate.why})`
    : `root rows of unknown number (${estimate.why})`;
  const levels: IncludeLevel[] = [];

  const choose = (
    rel: IncludeTreeRelation, parentMapping: TableMapping, childMapping: TableMapping, inJson: boolean,
    underBatched: boolean,
  ): [LevelStrategy, string] => {
    const pk = parentMapping.byProperty.get(rel.parentKey);
    const ck = childMapping.byProperty.get(rel.childKey);
    if (rel.parentKeyList) {
      if (!pk || !ck) {
        return ['empty', `the keys ${parentMapping.model}.${rel.parentKey} or ${childMapping.model}.${rel.childKey} ` +
          'are not stored: nothing can match'];
      }
      // In SQL, the JSON list column's elements are joined to the related keys (PostgreSQL, SQLite): only for the
      // storage relata gives the column, number or string keys, and one limit per parent.
      const inSql = dialect.name !== 'mysql' && !rel.globalLimit && pk.connectorSettings?.dataType === undefined &&
        (pk.kind === 'array' || pk.kind === 'any') && (ck.kind === 'number' || ck.kind === 'string');
      if (!inSql) {
        return ['batched', 'a list of keys per parent (referencesMany): one query over the distinct keys of every ' +
          'parent, each row read once and handed out in list order'];
      }
    } else if (rel.through) {
      // Parent → link rows → related rows: both hops must compare keys of one kind.
      const link = mappingOf(rel.through.model);
      const lp = link.byProperty.get(rel.through.parentKey);
      const lc = link.byProperty.get(rel.through.childKey);
      if (!pk || !lp || pk.kind !== lp.kind) {
        return ['empty', `the join keys ${parentMapping.model}.${rel.parentKey} and ${link.model}.${rel.through.parentKey} ` +
          'are of different kinds (or not stored): no link matches, as in memory'];
      }
      if (!ck || !lc || ck.kind !== lc.kind) {
        throw new RangeError(`${link.model}.${rel.through.childKey} and ${childMapping.model}.${rel.childKey} ` +
          'are of different kinds: the link join cannot be planned');
      }
    } else if (!pk || !ck || pk.kind !== ck.kind) {
      return ['empty', `the join keys ${parentMapping.model}.${rel.parentKey} and ${childMapping.model}.${rel.childKey} ` +
        'are of different kinds (or not stored): nothing can match, as in memory'];
    }
    if (rel.globalLimit) {
      return ['batched', 'totalLimit counts the targets of all parents together: one query over all parent keys, ' +
        'ordered and limited once'];
    }
    if (rel.through?.polymorphic) {
      return ['batched', 'a concrete type of a polymorphic relation through a link table: the link rows of every type ' +
        'in one query, then the rows of each type, merged per parent'];
    }
    const width = jsonWidth(rel, childMapping);
    if (width > policy.maxJsonValues) {
      return ['batched', `a JSON row would hold ${width} values, over the ${policy.maxJsonValues} arguments ` +
        `a ${dialect.name} function takes`];
    }
    if (!options.orderedJsonAggregation && rel.many) {
      return ['batched', 'this server cannot order or limit inside JSON_ARRAYAGG (MariaDB >= 10.5 can): ' +
        'one batched query per level'];
    }
    if (small) {
      return ['json', `at most ${estimate.rows} root row(s) expected (${estimate.why}): ` +
        'one statement, the related rows aggregated into JSON by a correlated subquery, beats another round trip'];
    }
    if (!rel.many) {
      return ['batched', `to-one relation under ${parents}: one query over the distinct keys beats ` +
        'building a JSON object per parent row (measured about 2x)'];
    }
    switch (policy.bulkToMany) {
      case 'json':
        return ['json', `to-many relation under ${parents}: SQLite aggregates JSON in-process, ` +
          'one statement is fastest at every size measured'];
      case 'batched':
        return ['batched', `to-many relation under ${parents}: a correlated JSON subquery runs per parent row ` +
          'here; one IN (...) query per level is faster for bulk loads (measured 1.5x)'];
      default:
        if (underBatched || inJson) {
          return ['json', 'nested in a batched query: aggregated into JSON there, which costs about what a separate ' +
            'batched query costs (measured within 5%) and saves a round trip'];
        }
        return ['batched', `to-many relation under ${parents}: one = ANY($1) query beats JSON aggregation ` +
          'at the top level for bulk loads (measured 1.4x)'];
    }
  };

  const build = (
    path: string, mapping: TableMapping, filter: NormalizedFilter, relation: IncludeTreeRelation | undefined,
    strategy: LevelStrategy, reason: string, include: IncludeTreeRelation[], underBatched: boolean,
  ): IncludeLevel => {
    const level = newLevel(path, mapping, filter, relation, strategy, reason);
    levels.push(level);
    const parentInJson = strategy === 'json';
    for (const rel of include) {
      const childMapping = mappingOf(rel.model);
      const [childStrategy, childReason] = choose(rel, mapping, childMapping, parentInJson, underBatched);
      const child = build(`${path}.${rel.name}`, childMapping, rel.filter, rel, childStrategy, childReason, rel.include,
        underBatched || childStrategy === 'batched');
      child.parentKeyColumn = mapping.byProperty.get(rel.parentKey);
      if (rel.parentType) child.parentTypeColumn = mapping.byProperty.get(rel.parentType.property);
      if (rel.through) child.throughMapping = mappingOf(rel.through.model);
      child.create = rel.create;
      level.children.push(child);
    }
    finishLayout(level, dialect);
    return level;
  };

  const root = build(tree.model, rootMapping, tree.filter, undefined, 'query', `the root statement: ${parents}`,
    tree.include, false);
  root.create = tree.create;
  return levels;
}

/**
 * How many rows a root filter can return: its `limit`, or the number of
 * ids it pins (`{id: 5}`, `{id: {inq: [...]}}`), else unknown.
 */
export function estimateRootRows(filter: NormalizedFilter, mapping: TableMapping): RootEstimate {
  let rows = Infinity;
  let why = 'no limit, no id';
  const id = mapping.idColumn;
  const pinned = id && mapping.columns.filter(c => c.isId).length === 1 ? pinnedIds(filter.where, id.property) : undefined;
  if (pinned !== undefined) {
    rows = pinned;
    why = `${pinned} id value(s)`;
  }
  if (filter.limit && filter.limit < rows) {
    rows = filter.limit;
    why = `limit ${filter.limit}`;
  }
  return {rows, why};
}

function pinnedIds(where: AnyObject | undefined, idProperty: string): number | undefined {
  if (!where) return undefined;
  const v = where[idProperty];
  if (v === undefined) return undefined;
  if (v === null || typeof v !== 'object' || v instanceof Date) return 1;
  if (Array.isArray(v.inq)) return v.inq.length;
  return undefined;
}

/** Most values in one JSON row of a relation: returned columns, plus a key and a value per nested relation. */
function jsonWidth(rel: IncludeTreeRelation, mapping: TableMapping): number {
  const fields = rel.filter.fields;
  const columns = fields && fields.length ? fields.filter(f => mapping.byProperty.has(f)).length : mapping.columns.length;
  return columns + 2 * rel.include.length;
}

function newLevel(
  path: string, mapping: TableMapping, filter: NormalizedFilter, relation: IncludeTreeRelation | undefined,
  strategy: LevelStrategy, reason: string,
): IncludeLevel {
  return {
    path, mapping, filter, relation, strategy, reason, children: [],
    slots: [], returned: [], rowDecoders: [], jsonDecoders: [], jsTypes: [], keySlots: [], collect: false, jsonChildren: [],
    slotAliases: [], childAliases: [], reuseRows: false, sharedNames: false,
  };
}

/** Decides the columns a level reads once its children are known. */
function finishLayout(level: IncludeLevel, dialect: SqlDialect): void {
  const {mapping, filter} = level;
  const fields = filter.fields && filter.fields.length ? new Set(filter.fields) : undefined;
  const keys = new Set<string>();
  if (level.strategy === 'batched') keys.add(level.relation!.childKey);
  for (const child of level.children) {
    if (child.strategy !== 'batched') continue;
    keys.add(child.relation!.parentKey);
    // A concrete type of a polymorphic relation takes the parents of its type only.
    if (child.relation!.parentType !== undefined) keys.add(child.relation!.parentType.property);
  }
  const slots: ColumnMapping[] = [];
  for (const c of mapping.columns) {
    if (fields === undefined || fields.has(c.property) || keys.has(c.property)) slots.push(c);
  }
  // A statement selects at least one column.
  if (slots.length === 0 && level.strategy !== 'json' && mapping.columns.length) {
    slots.push(mapping.idColumn ?? mapping.columns[0]);
  }
  level.slots = slots;
  level.returned = slots.map(c => fields === undefined || fields.has(c.property));
  level.rowDecoders = slots.map(c => rowDecoder(c.kind, dialect));
  level.jsonDecoders = slots.map(c => jsonDecoder(c.kind, dialect));
  level.jsTypes = slots.map(c => JS_TYPES[c.kind]);
  level.keySlots = [...keys].map(property => ({property, slot: slots.findIndex(c => c.property === property)}));
  level.jsonChildren = level.children.filter(c => c.strategy === 'json');
  level.collect = level.strategy === 'batched' || level.children.some(c => c.strategy === 'batched');
  // Result columns named after the properties (and relations) when every name survives as an alias.
  const childNames = level.children.map(c => c.relation!.name);
  level.sharedNames = new Set(childNames).size !== childNames.length;
  const names = [...slots.map(c => c.property), ...level.jsonChildren.map(c => c.relation!.name)];
  // (A row read in place carries its JSON columns under the relation names: not with shared names.)
  const named = !level.sharedNames && new Set(names).size === names.length && names.every(n => safeAlias(n, dialect));
  level.slotAliases = named ? slots.map(c => c.property) : slots.map((_, i) => `c${i}`);
  level.childAliases = named ? level.jsonChildren.map(c => c.relation!.name) : level.jsonChildren.map((_, j) => `r${j}`);
  level.reuseRows = named && level.returned.every(Boolean);
}

/** The JS type a value of a kind already has when it needs no decoding. */
const JS_TYPES: Partial<Record<ColumnMapping['kind'], string>> = {number: 'number', string: 'string', boolean: 'boolean'};

/** Alias lengths: PostgreSQL truncates identifiers to 63 bytes, MySQL allows 256 characters. */
function safeAlias(name: string, dialect: SqlDialect): boolean {
  if (name === '' || name === '__proto__') return false;
  if (dialect.name === 'postgresql') return Buffer.byteLength(name) <= 63;
  if (dialect.name === 'mysql') return name.length <= 256;
  return true;
}
