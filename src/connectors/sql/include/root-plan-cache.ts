import {Kysely} from 'kysely';
import {AnyObject} from '../../../common/types';
import {NormalizedFilter} from '../../../filter/types';
import {IncludeTree, IncludeTreeRelation} from '../../connector';
import {SqlDialect} from '../sql-dialect';
import {TableMapping} from '../table-mapping';
import {compileWhere} from '../where-compiler';
import {IncludeLevel} from './include-level';
import {mappingId} from './level-statements';

/**
 * A planned include tree and its root statement, kept per query shape: the
 * same models, relations, scopes (fields, order, limit, skip), root size
 * estimate and where clauses compiling to the same SQL text — only bound
 * values differ. A call of a known shape reuses the levels and the SQL
 * text, binding its own where values; planning and building the statement
 * are skipped. The text never holds a value (limits are validated literals).
 */
interface CachedPlan {
  /** The planned levels (preorder, as the planner lists them): templates, never handed out. */
  levels: IncludeLevel[];
  /** Per template level, the index of each child and JSON child. */
  children: number[][];
  jsonChildren: number[][];
  /** The root statement's SQL text. */
  text: string;
  /**
   * The parameter lists the root statement binds, in statement order: per
   * entry a level (preorder index) times 2, plus 1 for the values a JSON
   * level binds before its children (its link where, in its EXISTS test).
   */
  bound: number[];
}

/** One level of the caller's tree, in preorder, with the values its where binds. */
interface ShapeNode {
  filter: NormalizedFilter;
  relation?: IncludeTreeRelation;
  create?: (data: AnyObject) => AnyObject;
  /** The values a JSON level binds after its children: its link where (through), then its where. */
  parameters: readonly unknown[];
  /** The values a JSON level binds before its children: its link where (through levels only). */
  pre: readonly unknown[];
}

/** A tree's shape: the cache key and the per-call parts of its levels. */
export interface TreeShape {
  key: string;
  nodes: ShapeNode[];
}

const CACHE_SIZE = 300;
const caches = new WeakMap<object, Map<string, CachedPlan | null>>();

function cacheOf(owner: object): Map<string, CachedPlan | null> {
  let cache = caches.get(owner);
  if (cache === undefined) caches.set(owner, cache = new Map());
  return cache;
}

/**
 * The shape of an include tree. Where clauses are compiled on their own (one
 * alias for all) to get their text, which goes into the key, and their
 * values. `extra` holds what else the plan depends on (root estimate, server options).
 */
export function treeShape(
  tree: IncludeTree, dialect: SqlDialect, mappingOf: (model: string) => TableMapping, db: Kysely<any>, extra: string,
): TreeShape {
  const nodes: ShapeNode[] = [];
  let key = extra;
  const visit = (model: string, filter: NormalizedFilter, relation: IncludeTreeRelation | undefined,
    create: ((data: AnyObject) => AnyObject) | undefined, include: IncludeTreeRelation[]): void => {
    const mapping = mappingOf(model);
    let whereText = '';
    let parameters: readonly unknown[] = EMPTY;
    let pre: readonly unknown[] = EMPTY;
    const where = filter.where;
    if (where !== undefined && where !== null && Object.keys(where).length > 0) {
      const compiled = compileWhere(where, mapping, dialect, 't0').compile(db);
      whereText = compiled.sql;
      parameters = compiled.parameters;
    }
    // A JSON level binds, after its children: its link where (in the join), its parent type, its where.
    const linkWhere = relation?.through?.where;
    if (linkWhere !== undefined && Object.keys(linkWhere).length > 0) {
      const compiled = compileWhere(linkWhere, mappingOf(relation!.through!.model), dialect, 't0').compile(db);
      whereText += '\u0005' + compiled.sql;
      pre = compiled.parameters;
    }
    const parentType = relation?.parentType;
    if (parentType !== undefined) whereText += '\u0005' + parentType.property + '\u0005' + parentType.value;
    if (pre.length > 0 || parentType !== undefined) {
      parameters = [...pre, ...(parentType === undefined ? [] : [parentType.value]), ...parameters];
    }
    nodes.push({filter, relation, create, parameters, pre});
    key += '\u0001' + mappingId(mapping) + '\u0002' + (relation === undefined ? ''
      : `${relation.name}\u0002${relation.parentKey}\u0002${relation.childKey}\u0002${relation.many}\u0002${
        relation.globalLimit === true}\u0002${relation.parentKeyList === true}\u0002${relation.through === undefined ? ''
        : `${mappingId(mappingOf(relation.through.model))}\u0004${relation.through.parentKey}\u0004${relation.through.childKey}\u0004${
          relation.through.polymorphic === undefined ? '' : relation.through.polymorphic.type}`}`) + '\u0002' + filterKey(filter) + '\u0002' + whereText + '\u0002' + include.length;
    for (const rel of include) visit(rel.model, rel.filter, rel, rel.create, rel.include);
  };
  visit(tree.model, tree.filter, undefined, tree.create, tree.include);
  return {key, nodes};
}

const EMPTY: readonly unknown[] = Object.freeze([]);

/** Fields, order, limit and skip of a filter (the where goes into the key as compiled text). */
function filterKey(filter: NormalizedFilter): string {
  const {fields, order, limit, skip} = filter;
  let out = fields === undefined ? '-' : JSON.stringify(fields);
  out += '\u0003' + (order === undefined ? '-' : JSON.stringify(order));
  return out + '\u0003' + String(limit) + '\u0003' + String(skip);
}

/** The levels and root statement of a known shape, rebound to this call's tree; `undefined` on a miss. */
export function cachedPlan(owner: object, shape: TreeShape): {levels: IncludeLevel[]; text: string; parameters: unknown[]}
  | undefined {
  const hit = cacheOf(owner).get(shape.key);
  if (hit === undefined || hit === null) return undefined;
  const {nodes} = shape;
  // Fresh level objects per call: concurrent calls of one shape never share per-call parts.
  const levels = hit.levels.map((t, i) => {
    const node = nodes[i];
    return {...t, filter: node.filter, relation: node.relation, create: node.create, children: [], jsonChildren: []} as
      IncludeLevel;
  });
  for (let i = 0; i < levels.length; i++) {
    levels[i].children = hit.children[i].map(c => levels[c]);
    levels[i].jsonChildren = hit.jsonChildren[i].map(c => levels[c]);
  }
  return {levels, text: hit.text, parameters: boundParameters(hit.bound, nodes)};
}

/**
 * Keeps a freshly planned shape, once the statement's parameters are checked
 * to be exactly the where values of the levels it carries, in the expected
 * order (else the shape is never cached).
 */
export function keepPlan(
  owner: object, shape: TreeShape, levels: IncludeLevel[], text: string, parameters: readonly unknown[],
): void {
  const cache = cacheOf(owner);
  if (cache.has(shape.key) || levels.length !== shape.nodes.length) return;
  const index = new Map<IncludeLevel, number>();
  levels.forEach((l, i) => index.set(l, i));
  const bound: number[] = [];
  const visit = (level: IncludeLevel): void => {
    const i = index.get(level)!;
    if (level.relation?.through !== undefined) bound.push(2 * i + 1);
    for (const child of level.jsonChildren) visit(child);
    bound.push(2 * i);
  };
  visit(levels[0]);
  const expected = boundParameters(bound, shape.nodes);
  if (cache.size >= CACHE_SIZE) cache.clear();
  if (!sameParameters(expected, parameters)) {
    cache.set(shape.key, null);
    return;
  }
  cache.set(shape.key, {
    levels, text, bound,
    children: levels.map(l => l.children.map(c => index.get(c)!)),
    jsonChildren: levels.map(l => l.jsonChildren.map(c => index.get(c)!)),
  });
}

function boundParameters(bound: number[], nodes: ShapeNode[]): unknown[] {
  const listOf = (b: number) => b % 2 === 0 ? nodes[b >> 1].parameters : nodes[b >> 1].pre;
  if (bound.length === 1) return listOf(bound[0]) as unknown[];
  const out: unknown[] = [];
  for (const b of bound) for (const p of listOf(b)) out.push(p);
  return out;
}

function sameParameters(a: readonly unknown[], b: readonly unknown[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    const x = a[i];
    const y = b[i];
    if (Object.is(x, y)) continue;
    if (Buffer.isBuffer(x) && Buffer.isBuffer(y) && x.equals(y)) continue;
    if (x instanceof Date && y instanceof Date && x.getTime() === y.getTime()) continue;
    if (typeof x === 'object' && x !== null && typeof y === 'object' && y !== null &&
      JSON.stringify(x) === JSON.stringify(y)) continue;
    return false;
  }
  return true;
}
