import {AnyObject} from '../../../common/types';
import {NormalizedFilter} from '../../../filter/types';
import {IncludeTreeRelation} from '../../connector';
import {ValueDecoder} from '../value-codec';
import {ColumnMapping, TableMapping} from '../table-mapping';

/**
 * How one level of an include tree is loaded:
 * - `query`: the root statement;
 * - `json`: inside its parent's statement, as a correlated subquery that
 *   aggregates the related rows into JSON (no round trip of its own);
 * - `batched`: its own statement for the related rows of ALL parents
 *   (`= ANY($1)` / `IN (...)` on the parents' keys), stitched in JavaScript;
 * - `empty`: nothing can match (the join keys are of different kinds, as in
 *   memory where `1 !== '1'`): no statement.
 */
export type LevelStrategy = 'query' | 'json' | 'batched' | 'empty';

/** One level of a planned include tree: what to load, how, and how to read it. */
export interface IncludeLevel {
  /** `Customer`, `Customer.orders`, ... (explain output). */
  path: string;
  mapping: TableMapping;
  filter: NormalizedFilter;
  /** The relation this level loads (absent at the root). */
  relation?: IncludeTreeRelation;
  /** Builds the object a row becomes (the caller's entity), from its returned properties. */
  create?: (data: AnyObject) => AnyObject;
  /** The parent's column of `relation.parentKey` (absent at the root). */
  parentKeyColumn?: ColumnMapping;
  /** The parent's column of `relation.parentType.property` (a concrete type of a polymorphic relation). */
  parentTypeColumn?: ColumnMapping;
  /** The link table of a relation joined through one (`relation.through`). */
  throughMapping?: TableMapping;
  strategy: LevelStrategy;
  /** Why the strategy was chosen (explain output). */
  reason: string;
  children: IncludeLevel[];
  /** Columns read, in mapping order: returned properties and join keys. */
  slots: ColumnMapping[];
  /** Per slot: returned to the caller (else a join key only). */
  returned: boolean[];
  /** Per slot: decoder of a value read from a row. */
  rowDecoders: (ValueDecoder | undefined)[];
  /** Per slot: decoder of a value read from JSON built by the database. */
  jsonDecoders: (ValueDecoder | undefined)[];
  /** Per slot: the `typeof` of a value that needs no decoding (numbers, strings, booleans), if any. */
  jsTypes: (string | undefined)[];
  /** Key properties whose values are kept per row (for batched children and own grouping), with their slot. */
  keySlots: {property: string; slot: number}[];
  /** Rows of this level are kept for stitching (the level is batched or has batched children). */
  collect: boolean;
  /** Children loaded inside this level's rows (json), in tree order. */
  jsonChildren: IncludeLevel[];
  /** Result column names in a row statement: of the slots (property names where safe), then of the JSON children. */
  slotAliases: string[];
  childAliases: string[];
  /** Children share a relation name (the concrete types of a polymorphic relation): none may unset another's value. */
  sharedNames: boolean;
  /**
   * A driver row without NULLs can be handed to `create` as it is: its
   * columns are named after the properties and every slot is returned.
   */
  reuseRows: boolean;
}
