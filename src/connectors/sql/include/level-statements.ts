import {RawBuilder, sql, SqlBool} from 'kysely';
import {SqlDialect} from '../sql-dialect';
import {columnRef, SQL_TRUE, sqlAnd, tableRef} from '../sql-refs';
import {ColumnMapping, TableMapping} from '../table-mapping';
import {compileOrder, compileWhere} from '../where-compiler';
import {IncludeLevel} from './include-level';

const ROW_NUMBER = '__relata_rn';
/** MariaDB builds JSON_ARRAYAGG like GROUP_CONCAT: without this, long arrays are cut (silently) at 1 MB. */
const MARIADB_NO_TRUNCATION = sql`SET STATEMENT group_concat_max_len = 4294967295 FOR `;

/**
 * Compiled SQL of JSON subqueries that hold no value (no scope where; limits
 * are literals), per dialect adapter: a tree shape asked for again reuses
 * their text instead of building and compiling them anew. The text comes
 * from Kysely's compiler (identifiers quoted by it, from the table
 * mappings); it never holds a value.
 */
export interface FragmentCache {
  compile(fragment: RawBuilder<unknown>): {sql: string; parameters: readonly unknown[]};
  store: Map<string, {text: string; aliases: number}>;
}

const FRAGMENT_CACHE_SIZE = 500;
const fragmentStores = new WeakMap<SqlDialect, Map<string, {text: string; aliases: number}>>();

/** The fragment cache of a dialect adapter, compiling with `compile`. */
export function fragmentCache(dialect: SqlDialect, compile: FragmentCache['compile']): FragmentCache {
  let store = fragmentStores.get(dialect);
  if (store === undefined) fragmentStores.set(dialect, store = new Map());
  return {compile, store};
}

/** Per-statement state: distinct table aliases for correlated subqueries, the fragment cache. */
class StatementContext {
  private next = 1;
  constructor(readonly dialect: SqlDialect, readonly fragments: FragmentCache | undefined) {}
  take(): string {
    return `t${this.next++}`;
  }
  get taken(): number {
    return this.next;
  }
  skip(n: number): void {
    this.next += n;
  }
}

/**
 * The root statement: the root rows with every JSON-planned relation as a
 * column (named by the level's `slotAliases` and `childAliases`).
 */
export function rootStatement(level: IncludeLevel, dialect: SqlDialect, fragments?: FragmentCache): RawBuilder<unknown> {
  const alias = 't0';
  const {filter, mapping} = level;
  const cond = compileWhere(filter.where, mapping, dialect, alias);
  const limit = filter.limit ? filter.limit : undefined;
  const skip = filter.skip && filter.skip > 0 ? filter.skip : undefined;
  const list = selectList(level, alias, new StatementContext(dialect, fragments));
  // One id pinned (findById): at most one row, nothing to order or limit.
  const single = skip === undefined && pinsOneId(level);
  const order = single ? undefined : compileOrder(filter.order, mapping, dialect, alias);
  const select = sql`SELECT ${list} FROM ${tableRef(mapping)} AS ${sql.id(alias)}${where(cond)}${
    order ? sql` ORDER BY ${order}` : sql``}${single ? sql`` : limitOffset(dialect, limit, skip)}`;
  return guard(level, dialect, select);
}

/** The root where is `{id: value}` on the model's only id. */
function pinsOneId(level: IncludeLevel): boolean {
  const where = level.filter.where;
  const ids = level.mapping.columns.filter(c => c.isId);
  if (!where || ids.length !== 1) return false;
  const v = where[ids[0].property];
  return v !== undefined && v !== null && (typeof v !== 'object' || v instanceof Date);
}

/**
 * LIMIT/OFFSET with the numbers written into the statement: they are
 * validated integers, never user text, and SQLite plans a statement with
 * correlated subqueries much faster with a literal LIMIT than a bound one.
 */
function limitOffset(dialect: SqlDialect, limit: number | undefined, offset: number | undefined): RawBuilder<unknown> {
  const l = limit === undefined ? undefined : sql.lit(checkedCount(limit));
  const o = offset ? sql.lit(checkedCount(offset)) : undefined;
  if (l !== undefined && o !== undefined) return sql` LIMIT ${l} OFFSET ${o}`;
  if (l !== undefined) return sql` LIMIT ${l}`;
  if (o === undefined) return sql``;
  switch (dialect.name) {
    case 'postgresql': return sql` OFFSET ${o}`;
    // Neither has OFFSET without LIMIT: their documented "all rows" limits.
    case 'mysql': return sql` LIMIT 18446744073709551615 OFFSET ${o}`;
    default: return sql` LIMIT -1 OFFSET ${o}`;
  }
}

function checkedCount(n: number): number {
  if (!Number.isSafeInteger(n) || n < 0) throw new RangeError(`Invalid limit or offset ${n}`);
  return n;
}

/**
 * The statement of a batched level: the related rows of every parent key in
 * `keys` (a condition on the child key built by the caller), with the
 * scope's where and order; `limit`/`skip` per parent (ROW_NUMBER per key),
 * or once over all parents (`globalLimit`); to-one levels keep the first row
 * per key unless the key is the target's unique id.
 */
export function batchedStatement(
  level: IncludeLevel, dialect: SqlDialect, keyCondition: (ref: RawBuilder<unknown>) => RawBuilder<SqlBool>,
  fragments?: FragmentCache,
): RawBuilder<unknown> {
  if (level.relation!.through !== undefined) return throughBatchedStatement(level, dialect, keyCondition, fragments);
  return keyedStatement(level, dialect, keyCondition, fragments);
}

/**
 * The related rows of a level whose `keys` condition is on the related
 * table's own key column (a plain batched level, or the targets of a
 * through level once its link pairs are known).
 */
function keyedStatement(
  level: IncludeLevel, dialect: SqlDialect, keyCondition: (ref: RawBuilder<unknown>) => RawBuilder<SqlBool>,
  fragments?: FragmentCache,
): RawBuilder<unknown> {
  const alias = 't0';
  const relation = level.relation!;
  const {filter, mapping} = level;
  const childKey = mapping.byProperty.get(relation.childKey)!;
  const cond = sqlAnd([keyCondition(columnRef(childKey.column, alias)), compileWhere(filter.where, mapping, dialect, alias)]);
  const order = compileOrder(filter.order, mapping, dialect, alias);
  const orderBy = order ? sql` ORDER BY ${order}` : sql``;
  const table = sql`${tableRef(mapping)} AS ${sql.id(alias)}`;
  const list = selectList(level, alias, new StatementContext(dialect, fragments));
  const limit = filter.limit ? filter.limit : undefined;
  const skip = filter.skip && filter.skip > 0 ? filter.skip : 0;

  let select: RawBuilder<unknown>;
  if (relation.globalLimit) {
    select = sql`SELECT ${list} FROM ${table}${where(cond)}${orderBy}${limitOffset(dialect, limit, skip || undefined)}`;
  } else if (relation.parentKeyList) {
    // Parents share rows through their key lists: every row once, paged per parent when stitched.
    select = sql`SELECT ${list} FROM ${table}${where(cond)}${orderBy}`;
  } else {
    const first = relation.many ? limit : 1;
    const unique = !relation.many && isUniqueKey(childKey, level);
    if (skip === 0 && (first === undefined || (unique && first >= 1))) {
      select = sql`SELECT ${list} FROM ${table}${where(cond)}${orderBy}`;
    } else {
      // Rows skip+1 .. skip+first of each key, in one statement.
      const rn = sql.id(alias, ROW_NUMBER);
      const range = first === undefined ? sql`${rn} > ${sql.lit(checkedCount(skip))}`
        : sql`${rn} > ${sql.lit(checkedCount(skip))} AND ${rn} <= ${sql.lit(checkedCount(skip + first))}`;
      select = sql`SELECT ${list} FROM (SELECT ${sql.id(alias)}.*, ROW_NUMBER() OVER (PARTITION BY ${
        columnRef(childKey.column, alias)}${orderBy}) AS ${sql.id(ROW_NUMBER)} FROM ${table}${where(cond)}) AS ${
        sql.id(alias)} WHERE ${range}${orderBy}`;
    }
  }
  return guard(level, dialect, select);
}

/** Result column of a through-batched statement holding the link's parent key. */
export const LINK_KEY = '__relata_pk';
/** Result column of a link pairs statement holding the link's related key. */
export const LINK_TARGET = '__relata_ck';

/**
 * A through level without per-parent paging is loaded in two statements:
 * its link pairs, then each related row once (not once per link).
 */
export function throughInTwoSteps(level: IncludeLevel): boolean {
  const {filter, relation} = level;
  return relation!.through !== undefined && !relation!.globalLimit && !filter.limit && !(filter.skip && filter.skip > 0);
}

/**
 * The link pairs of a through level: (parent key `LINK_KEY`, related key
 * `LINK_TARGET`) of the links of every parent key in `keys`, duplicates
 * included (the caller counts each pair once).
 */
export function linkPairsStatement(
  level: IncludeLevel, dialect: SqlDialect, keyCondition: (ref: RawBuilder<unknown>) => RawBuilder<SqlBool>,
): RawBuilder<unknown> {
  const through = linkColumns(level);
  const cond = sqlAnd([keyCondition(columnRef(through.parentKey.column, 'l0')), linkWhere(level, dialect, 'l0')]);
  // Polymorphic targets: the type of each link too.
  const poly = level.relation!.through!.polymorphic;
  const type = poly === undefined ? sql``
    : sql`, ${columnRef(through.mapping.byProperty.get(poly.discriminator)!.column, 'l0')} AS ${sql.id(LINK_TYPE)}`;
  return sql`SELECT ${columnRef(through.parentKey.column, 'l0')} AS ${sql.id(LINK_KEY)}, ${
    columnRef(through.childKey.column, 'l0')} AS ${sql.id(LINK_TARGET)}${type} FROM ${tableRef(through.mapping)} AS ${
    sql.id('l0')} WHERE ${cond}`;
}

/** Result column of a link pairs statement holding the link's discriminator (polymorphic targets). */
export const LINK_TYPE = '__relata_lt';

/**
 * The statement of one concrete type of a polymorphic through level: its
 * related rows of `keys`, filtered and ordered by the scope, never paged
 * (the types are merged per parent, then paged).
 */
export function variantTargetsStatement(
  level: IncludeLevel, dialect: SqlDialect, keyCondition: (ref: RawBuilder<unknown>) => RawBuilder<SqlBool>,
  fragments?: FragmentCache,
): RawBuilder<unknown> {
  const unpaged: IncludeLevel = {...level, filter: {...level.filter, limit: undefined, skip: undefined}};
  return keyedStatement(unpaged, dialect, keyCondition, fragments);
}

/** The link rows' own condition (`through.where`: the relation's through scope and the inclusion's), on `alias`. */
function linkWhere(level: IncludeLevel, dialect: SqlDialect, alias: string): RawBuilder<SqlBool> {
  const where = level.relation!.through!.where;
  if (where === undefined) return SQL_TRUE;
  return compileWhere(where, level.throughMapping!, dialect, alias);
}

/**
 * The related rows of a through level with a related key in `keys` (the
 * distinct keys of its link pairs), filtered and ordered by the scope:
 * each row once, stitched to every parent linking it by the caller.
 */
export function linkTargetsStatement(
  level: IncludeLevel, dialect: SqlDialect, keyCondition: (ref: RawBuilder<unknown>) => RawBuilder<SqlBool>,
  fragments?: FragmentCache,
): RawBuilder<unknown> {
  return keyedStatement(level, dialect, keyCondition, fragments);
}
/** Result column of a paged through-batched statement: 1 on a row kept only to show its parent has links. */
export const LINK_PAGED_OUT = '__relata_out';

/**
 * The statement of a batched level joined through a link table when
 * `limit`/`skip` page it per parent (unpaged levels use
 * {@link linkPairsStatement} and {@link linkTargetsStatement}): the
 * distinct (parent key, related key) pairs of the links of every parent key
 * in `keys`, LEFT JOINed to the related rows (scope where in the join), so
 * a parent whose links lead nowhere still shows (a row without related
 * columns). Ordered by the scope; `limit`/`skip` per parent key (ROW_NUMBER),
 * the first row of each parent kept (flagged) to show it has links. Each row carries the parent key as `LINK_KEY`.
 */
function throughBatchedStatement(
  level: IncludeLevel, dialect: SqlDialect, keyCondition: (ref: RawBuilder<unknown>) => RawBuilder<SqlBool>,
  fragments?: FragmentCache,
): RawBuilder<unknown> {
  const alias = 't0';
  const relation = level.relation!;
  const {filter, mapping} = level;
  const childKey = mapping.byProperty.get(relation.childKey)!;
  const through = linkColumns(level);
  const linkCond = sqlAnd([keyCondition(columnRef(through.parentKey.column, 'l0')), linkWhere(level, dialect, 'l0')]);
  const links = sql`(SELECT DISTINCT ${columnRef(through.parentKey.column, 'l0')} AS ${sql.id(LINK_KEY)}, ${
    columnRef(through.childKey.column, 'l0')} AS ${sql.id(LINK_TARGET)} FROM ${tableRef(through.mapping)} AS ${
    sql.id('l0')} WHERE ${linkCond}) AS ${sql.id('l1')}`;
  const on = sqlAnd([sql<SqlBool>`${columnRef(childKey.column, alias)} = ${sql.id('l1', LINK_TARGET)}`,
    compileWhere(filter.where, mapping, dialect, alias)]);
  const from = sql`${links} LEFT JOIN ${tableRef(mapping)} AS ${sql.id(alias)} ON ${on}`;
  const order = compileOrder(filter.order, mapping, dialect, alias);
  const orderBy = order ? sql` ORDER BY ${order}` : sql``;
  const list = selectList(level, alias, new StatementContext(dialect, fragments));
  const limit = filter.limit ? filter.limit : undefined;
  const skip = filter.skip && filter.skip > 0 ? filter.skip : 0;
  let select: RawBuilder<unknown>;
  if (skip === 0 && limit === undefined) {
    select = sql`SELECT ${sql.id('l1', LINK_KEY)} AS ${sql.id(LINK_KEY)}, ${list} FROM ${from}${orderBy}`;
  } else {
    const rn = sql.id(alias, ROW_NUMBER);
    const missing = sql`${columnRef(childKey.column, alias)} IS NULL`;
    const range = limit === undefined ? sql`${rn} > ${sql.lit(checkedCount(skip))}`
      : sql`${rn} > ${sql.lit(checkedCount(skip))} AND ${rn} <= ${sql.lit(checkedCount(skip + limit))}`;
    // The first row of each parent key is kept even when paged out (flagged `LINK_PAGED_OUT`): the parent has links.
    select = sql`SELECT ${sql.id(alias, LINK_KEY)} AS ${sql.id(LINK_KEY)}, CASE WHEN ${range} THEN 0 ELSE 1 END AS ${
      sql.id(LINK_PAGED_OUT)}, ${list} FROM (SELECT ${sql.id(alias)}.*, ${
      sql.id('l1', LINK_KEY)} AS ${sql.id(LINK_KEY)}, ROW_NUMBER() OVER (PARTITION BY ${sql.id('l1', LINK_KEY)}, ${
      missing}${orderBy}) AS ${sql.id(ROW_NUMBER)} FROM ${from}) AS ${sql.id(alias)} WHERE (${range}) OR ${rn} = 1${orderBy}`;
  }
  return guard(level, dialect, select);
}

/** The key is the target's only id: at most one row per key value. */
function isUniqueKey(column: ColumnMapping, level: IncludeLevel): boolean {
  return column.isId && level.mapping.columns.filter(c => c.isId).length === 1;
}

function where(cond: RawBuilder<SqlBool>): RawBuilder<unknown> {
  return cond === SQL_TRUE ? sql`` : sql` WHERE ${cond}`;
}

/** MariaDB statements aggregating JSON lift the aggregate length limit for themselves. */
function guard(level: IncludeLevel, dialect: SqlDialect, select: RawBuilder<unknown>): RawBuilder<unknown> {
  return dialect.name === 'mysql' && level.jsonChildren.length ? sql`${MARIADB_NO_TRUNCATION}${select}` : select;
}

/** The slots, then the JSON children, of a row statement, named by `slotAliases`/`childAliases`. */
function selectList(level: IncludeLevel, alias: string, ctx: StatementContext): RawBuilder<unknown> {
  const items: RawBuilder<unknown>[] = [];
  level.slots.forEach((c, i) => items.push(sql`${columnRef(c.column, alias)} AS ${sql.id(level.slotAliases[i])}`));
  level.jsonChildren.forEach((child, j) =>
    items.push(sql`${jsonSubquery(child, alias, ctx)} AS ${sql.id(level.childAliases[j])}`));
  return sql.join(items);
}

/** One row of a level as a JSON array: its slots, then its JSON children (the order `readJson` expects). */
function jsonRow(level: IncludeLevel, alias: string, ctx: StatementContext): RawBuilder<unknown> {
  const values: RawBuilder<unknown>[] = level.slots.map(c => jsonColumn(c, alias, ctx.dialect));
  for (const child of level.jsonChildren) values.push(jsonSubquery(child, alias, ctx));
  const list = sql.join(values);
  switch (ctx.dialect.name) {
    case 'postgresql': return sql`json_build_array(${list})`;
    case 'mysql': return sql`JSON_ARRAY(${list})`;
    default: return sql`json_array(${list})`;
  }
}

function jsonColumn(column: ColumnMapping, alias: string, dialect: SqlDialect): RawBuilder<unknown> {
  const ref = columnRef(column.column, alias);
  // SQLite writes REAL values into JSON with 15 significant digits: pass them as exact text instead
  // (a generated id is the rowid, always an integer).
  if (dialect.name === 'sqlite' && column.kind === 'number' && !column.generated) {
    return sql`CASE WHEN typeof(${ref}) = 'real' THEN printf('%!.17g', ${ref}) ELSE ${ref} END`;
  }
  return dialect.jsonValue(ref, column.kind);
}

/**
 * The correlated subquery of a JSON-planned relation: the related rows of
 * the parent row `parentAlias`, filtered, ordered and paged per parent, as
 * a JSON array of rows (to-many; NULL or `[]` when none) or one row (to-one;
 * NULL when none).
 */
function jsonSubquery(level: IncludeLevel, parentAlias: string, ctx: StatementContext): RawBuilder<unknown> {
  const cache = ctx.fragments;
  if (cache === undefined || !holdsNoValue(level)) return buildJsonSubquery(level, parentAlias, ctx);
  const key = `${ctx.dialect.name}|${parentAlias}|${ctx.taken}|${signature(level)}`;
  const hit = cache.store.get(key);
  if (hit !== undefined) {
    ctx.skip(hit.aliases);
    return sql.raw(hit.text);
  }
  const start = ctx.taken;
  const built = buildJsonSubquery(level, parentAlias, ctx);
  const compiled = cache.compile(built);
  if (compiled.parameters.length === 0) {
    if (cache.store.size >= FRAGMENT_CACHE_SIZE) cache.store.clear();
    cache.store.set(key, {text: compiled.sql, aliases: ctx.taken - start});
  }
  return built;
}

/** No where in the level (nor on its link rows) or the JSON levels inside it: its subquery binds no value. */
function holdsNoValue(level: IncludeLevel): boolean {
  const where = level.filter.where;
  if (where !== undefined && Object.keys(where).length > 0) return false;
  if (level.relation?.through?.where !== undefined || level.relation?.parentType !== undefined) return false;
  return level.jsonChildren.every(holdsNoValue);
}

const mappingIds = new WeakMap<TableMapping, number>();
let nextMappingId = 1;

/** A number per table mapping object: a redefined model gets a new mapping, so no stale text is reused. */
export function mappingId(mapping: TableMapping): number {
  let id = mappingIds.get(mapping);
  if (id === undefined) mappingIds.set(mapping, id = nextMappingId++);
  return id;
}

/** Everything a value-free JSON subquery's text depends on. */
function signature(level: IncludeLevel): string {
  const {mapping, filter, relation} = level;
  const through = relation!.through;
  return JSON.stringify([mappingId(mapping), relation!.name, level.parentKeyColumn!.column, relation!.childKey,
    relation!.many, relation!.parentKeyList === true, through === undefined ? 0 : [mappingId(level.throughMapping!), through.parentKey, through.childKey], level.slots.map(c => c.column), filter.order, filter.limit, filter.skip,
    level.jsonChildren.map(signature)]);
}

function buildJsonSubquery(level: IncludeLevel, parentAlias: string, ctx: StatementContext): RawBuilder<unknown> {
  if (level.relation!.parentKeyList) return listJsonSubquery(level, parentAlias, ctx);
  const dialect = ctx.dialect;
  const alias = ctx.take();
  const relation = level.relation!;
  const {mapping, filter} = level;
  const childKey = mapping.byProperty.get(relation.childKey)!;
  const parentColumn = level.parentKeyColumn!;
  const parentRef = columnRef(parentColumn.column, parentAlias);
  const through = relation.through === undefined ? undefined : linkColumns(level);
  let join: RawBuilder<SqlBool>;
  if (through === undefined) {
    join = sql<SqlBool>`${columnRef(childKey.column, alias)} = ${parentRef}`;
  } else {
    // A semi-join: each related row once per parent, however many links lead to it.
    const link = ctx.take();
    const linked = sqlAnd([sql<SqlBool>`${columnRef(through.parentKey.column, link)} = ${parentRef}`,
      linkWhere(level, dialect, link)]);
    join = sql<SqlBool>`${columnRef(childKey.column, alias)} IN (SELECT ${columnRef(through.childKey.column, link)} FROM ${
      tableRef(through.mapping)} AS ${sql.id(link)} WHERE ${linked})`;
  }
  // A concrete type of a polymorphic relation: only for parents of that type (the value bound after the join's).
  const parentType = relation.parentType === undefined ? SQL_TRUE
    : sql<SqlBool>`${columnRef(level.parentTypeColumn!.column, parentAlias)} = ${relation.parentType.value}`;
  const cond = sqlAnd([join, parentType, compileWhere(filter.where, mapping, dialect, alias)]);
  const order = compileOrder(filter.order, mapping, dialect, alias);
  const orderBy = order ? sql` ORDER BY ${order}` : sql``;
  const table = sql`${tableRef(mapping)} AS ${sql.id(alias)}`;
  const row = jsonRow(level, alias, ctx);
  const limit = filter.limit ? filter.limit : undefined;
  const skip = filter.skip && filter.skip > 0 ? filter.skip : 0;

  if (!relation.many) {
    return sql`(SELECT ${row} FROM ${table} WHERE ${cond}${orderBy}${limitOffset(dialect, 1, skip || undefined)})`;
  }
  const paged = limit !== undefined || skip > 0;
  let list: RawBuilder<unknown>;
  if (dialect.name === 'mysql') {
    // MariaDB orders and pages inside the aggregate (no outer references in derived tables there).
    const page = !paged ? sql``
      : sql` LIMIT ${sql.lit(checkedCount(skip))}, ${sql.lit(checkedCount(limit ?? Number.MAX_SAFE_INTEGER))}`;
    list = sql`(SELECT JSON_ARRAYAGG(${row}${orderBy}${page}) FROM ${table} WHERE ${cond})`;
  } else {
    const aggregate = dialect.name === 'postgresql' ? sql`json_agg(${row}${orderBy})` : sql`json_group_array(${row}${orderBy})`;
    // Page in a derived table under the same alias, so the row and the order read the same names.
    list = !paged ? sql`(SELECT ${aggregate} FROM ${table} WHERE ${cond})`
      : sql`(SELECT ${aggregate} FROM (SELECT ${sql.id(alias)}.* FROM ${table} WHERE ${cond}${orderBy}${
        limitOffset(dialect, limit, skip || undefined)}) AS ${sql.id(alias)})`;
  }
  if (through === undefined) return list;
  // Through a link table: NULL for a parent without links, else the list (`[]` when no related row matches).
  // (The link where binds its values here first, then in the list: root-plan-cache.ts counts on that order.)
  const link = ctx.take();
  const empty = dialect.name === 'postgresql' ? sql`json_build_array()` : dialect.name === 'mysql' ? sql`JSON_ARRAY()`
    : sql`json_array()`;
  const exists = sqlAnd([sql<SqlBool>`${columnRef(through.parentKey.column, link)} = ${parentRef}`,
    linkWhere(level, dialect, link)]);
  return sql`(CASE WHEN EXISTS (SELECT 1 FROM ${tableRef(through.mapping)} AS ${sql.id(link)} WHERE ${
    exists}) THEN COALESCE(${list}, ${empty}) END)`;
}

/** Result column of a paged list subquery: the position of the related row's key in the parent's list. */
const LIST_POSITION = '__relata_n';

/**
 * The correlated subquery of a JSON-planned list relation (referencesMany):
 * the elements of the parent's key list (a JSON array column), each joined
 * to the related row with that key — a key listed twice gives the row
 * twice, a key without a row nothing — in list order, or in the scope's
 * order (then list order) when it has one; paged per parent. A JSON array
 * of rows, NULL when none. PostgreSQL and SQLite only (see the planner).
 */
function listJsonSubquery(level: IncludeLevel, parentAlias: string, ctx: StatementContext): RawBuilder<unknown> {
  const dialect = ctx.dialect;
  const alias = ctx.take();
  const u = ctx.take();
  const {mapping, filter} = level;
  const childRef = columnRef(mapping.byProperty.get(level.relation!.childKey)!.column, alias);
  const list = columnRef(level.parentKeyColumn!.column, parentAlias);
  const table = sql`${tableRef(mapping)} AS ${sql.id(alias)}`;
  let from: RawBuilder<unknown>;
  let position: RawBuilder<unknown>;
  if (dialect.name === 'postgresql') {
    // Elements as text, matched as the key's kind: integers only for a number key (a text that is no integer matches nothing).
    const text = sql`(${sql.id(u, 'v')} #>> '{}')`;
    const match = level.mapping.byProperty.get(level.relation!.childKey)!.kind === 'number'
      ? sql<SqlBool>`${childRef} = CASE WHEN ${text} ~ '^-?[0-9]{1,18}$' THEN ${text}::bigint END`
      : sql<SqlBool>`${childRef} = ${text}`;
    from = sql`jsonb_array_elements(CASE WHEN jsonb_typeof(${list}) = 'array' THEN ${list} ELSE '[]'::jsonb END) WITH ORDINALITY AS ${
      sql.id(u)}(${sql.id('v')}, ${sql.id('n')}) JOIN ${table} ON ${match}`;
    position = sql.id(u, 'n');
  } else {
    // SQLite compares an element with the key column's affinity ('1' matches 1, 1 matches '1').
    from = sql`json_each(CASE WHEN json_valid(${list}) AND json_type(${list}) = 'array' THEN ${list} ELSE '[]' END) AS ${
      sql.id(u)} JOIN ${table} ON ${childRef} = ${sql.id(u, 'value')}`;
    position = sql.id(u, 'key');
  }
  const cond = compileWhere(filter.where, mapping, dialect, alias);
  const ordered = filter.order !== undefined && filter.order.length > 0;
  const order = ordered ? sql`${compileOrder(filter.order, mapping, dialect, alias)!}, ${position}` : position;
  const row = jsonRow(level, alias, ctx);
  const aggregate = (by: RawBuilder<unknown>) =>
    dialect.name === 'postgresql' ? sql`json_agg(${row} ORDER BY ${by})` : sql`json_group_array(${row} ORDER BY ${by})`;
  const limit = filter.limit ? filter.limit : undefined;
  const skip = filter.skip && filter.skip > 0 ? filter.skip : 0;
  if (limit === undefined && skip === 0) return sql`(SELECT ${aggregate(order)} FROM ${from}${where(cond)})`;
  // Page in a derived table under the target's alias; the outer aggregate orders by the same terms.
  const outer = ordered
    ? sql`${compileOrder(filter.order, mapping, dialect, alias)!}, ${sql.id(alias, LIST_POSITION)}`
    : sql.id(alias, LIST_POSITION);
  return sql`(SELECT ${aggregate(outer)} FROM (SELECT ${sql.id(alias)}.*, ${position} AS ${sql.id(LIST_POSITION)} FROM ${from}${
    where(cond)} ORDER BY ${order}${limitOffset(dialect, limit, skip || undefined)}) AS ${sql.id(alias)})`;
}

/** The link table of a level joined through one, with its two key columns. */
export function linkColumns(level: IncludeLevel): {mapping: TableMapping; parentKey: ColumnMapping; childKey: ColumnMapping} {
  const mapping = level.throughMapping!;
  const through = level.relation!.through!;
  return {mapping, parentKey: mapping.byProperty.get(through.parentKey)!, childKey: mapping.byProperty.get(through.childKey)!};
}
