import {AnyObject, Options} from '../common/types';
import {NormalizedFilter} from '../filter/types';
import {ModelDefinition} from '../model/model-definition';

/** Options of a connector `find`. */
export interface FindOptions extends Options {
  /**
   * Apply `order`, `skip` and `limit` separately to each group of rows that
   * share a value of this property (per-parent include scopes), in one pass.
   */
  partitionBy?: string;
  /**
   * The caller does not need rows in any particular order (relation internals
   * reading link rows): a store may skip its default id order. Ignored when
   * the filter has an `order`, `skip` or `limit`; harmless where not honoured.
   */
  unordered?: boolean;
  /**
   * The caller only reads the rows, at once, and only the `fields` it asked
   * for (relation internals): a store may hand out the rows it holds, not
   * copied and not projected. Harmless where not honoured.
   */
  readOnly?: boolean;
}

/** What a connector can do beyond plain CRUD on one model. */
export interface ConnectorCapabilities {
  /** Most values one `inq`/`nin` list may carry in one query (the engine chunks above it). */
  maxInqSize: number;
  /** `find` honours `FindOptions.partitionBy`. */
  partitionedFind: boolean;
  transactions: boolean;
  /** Rows can hold properties the model does not declare (models with `strict: false`). */
  freeFormProperties?: boolean;
}

/**
 * One relation of an include tree (see `Connector.findTree`): the rows of
 * `model` whose `childKey` equals the parent row's `parentKey`. Connectors
 * know nothing more of relations than this join on keys.
 */
export interface IncludeTreeRelation {
  /** Property of each parent row that receives the related row(s). */
  name: string;
  /** The related model. */
  model: string;
  /** Property of the parent rows that is matched. */
  parentKey: string;
  /** Property of the related rows that must equal it. */
  childKey: string;
  /** `true`: an array of every match; `false`: the first match by order. */
  many: boolean;
  /**
   * `where`, `order`, `fields`, `limit` and `skip` of the related rows
   * (normalized, no include). `fields` lists the properties returned: join
   * keys it leaves out are still used for matching, never returned.
   * `limit`/`skip` apply per parent row unless `globalLimit`.
   */
  filter: NormalizedFilter;
  /** `limit`/`skip` count the related rows of all parents together (LoopBack's `totalLimit`). */
  globalLimit?: boolean;
  /**
   * Join through a link table instead of on the keys directly: the related
   * rows whose `childKey` is the `through.childKey` of a `through.model` row
   * whose `through.parentKey` equals the parent's `parentKey`. Each related
   * row counts once per parent, however many link rows lead to it. A parent
   * with link rows gets an array (empty when no related row matches); a
   * parent without any gets `undefined`. Always to-many, never `globalLimit`.
   */
  through?: IncludeTreeThrough;
  /**
   * The parent's `parentKey` holds a list of `childKey` values (a
   * referencesMany id array). Each parent gets the related rows of its
   * keys in list order (a repeated key repeats its row, a key without a
   * row is skipped) — in `filter.order` instead when the filter has one —
   * then `skip`/`limit` per parent (unless `globalLimit`): always an array,
   * `[]` when there is none. Always to-many.
   */
  parentKeyList?: boolean;
  /**
   * One concrete type of a polymorphic relation: only parents whose
   * `parentType.property` equals `parentType.value` take part. The types of
   * one relation are sibling entries sharing `name`: each parent gets the
   * value of the entry its type selects (`undefined` when none does).
   */
  parentType?: {property: string; value: string};
  /** Relations of the related rows. */
  include: IncludeTreeRelation[];
  /** Builds the object each related row becomes (see `IncludeTree.create`). */
  create?: (data: AnyObject) => AnyObject;
}

/** The link table of an {@link IncludeTreeRelation} joined through another table. */
export interface IncludeTreeThrough {
  /** The link model. */
  model: string;
  /** Property of the link rows that equals the parent's `parentKey`. */
  parentKey: string;
  /** Property of the link rows that equals the related row's `childKey`. */
  childKey: string;
  /** Only link rows matching this where (normalized, on the link model) count. */
  where?: AnyObject;
  /**
   * Polymorphic targets: each link row names the concrete type of its
   * related row in `discriminator`. The relation is then one entry per
   * concrete type (sibling entries sharing `name`, the same `through` but
   * for `type`, in `types` order), each loading the link rows of its type.
   * A parent with link rows gets ONE list: the related rows of every type,
   * type by type, ordered across types by `filter.order` when link rows of
   * several types exist, then paged by `filter.limit`/`skip` (the same on
   * every entry). A link row of no listed type fails with `invalidType`.
   */
  polymorphic?: {discriminator: string; type: string; types: string[]; invalidType(value: unknown): Error};
}

/** A find with relations to load with it, in as few round trips as the store can (see `Connector.findTree`). */
export interface IncludeTree {
  model: string;
  /** The root rows' filter (normalized, no include). */
  filter: NormalizedFilter;
  include: IncludeTreeRelation[];
  /**
   * Builds the object each root row becomes (the caller's entity), from the
   * row's own properties, as soon as the row is read; relations are then set
   * on the result. Default: the data object itself.
   */
  create?: (data: AnyObject) => AnyObject;
}

/** How a connector loaded one level of an include tree (`options.explain`, `DEBUG=relata:plan`). */
export interface IncludePlanStep {
  /** Path of the level from the root model: `Customer`, `Customer.orders`, `Customer.orders.manufacturers`. */
  relation: string;
  /** The plan chosen for it (connector-specific name, e.g. `json-subquery`, `batched`). */
  plan: string;
  /** Why that plan was chosen. */
  reason: string;
  /** The statement that loads it (bound values not included). */
  sql: string;
}

/** Options of `Connector.findTree`. */
export interface FindTreeOptions extends Options {
  /** `true` prints each level's plan; a function receives them. */
  explain?: boolean | ((step: IncludePlanStep) => void);
}

/**
 * The storage interface. A connector executes CRUD on one model at a time and
 * knows nothing of relations. Filters arrive validated and normalized
 * (`NormalizedFilter`: where values already coerced to property types).
 * Rows go in and come out as plain objects keyed by property name; a
 * connector maps them to its own columns. Returned objects belong to the
 * caller: mutating them never changes stored data.
 */
export interface Connector {
  readonly name: string;
  readonly settings: AnyObject;
  readonly capabilities: ConnectorCapabilities;

  connect(): Promise<void>;
  disconnect(): Promise<void>;

  /** Registers (or re-registers) a model definition. */
  define(definition: ModelDefinition): void;

  /** Inserts one row; generates the id when absent. Resolves the stored row. */
  create(model: string, data: AnyObject, options?: Options): Promise<AnyObject>;
  /** Inserts several rows atomically (all or none). */
  createAll(model: string, data: AnyObject[], options?: Options): Promise<AnyObject[]>;

  find(model: string, filter: NormalizedFilter, options?: FindOptions): Promise<AnyObject[]>;
  /**
   * Optional: runs an include tree in few round trips. Resolves the root
   * rows (built with `tree.create` when given); each carries every relation
   * of the tree, set after its own properties in tree order, as a row
   * (to-one), a non-empty array (to-many) or `undefined` when nothing
   * matched; nested rows likewise. Parents with equal keys may share related
   * rows. Results equal what per-level `find` calls joined on the keys give.
   */
  findTree?(tree: IncludeTree, options?: FindTreeOptions): Promise<AnyObject[]>;
  count(model: string, where: AnyObject | undefined, options?: Options): Promise<number>;

  /** Patches every row matching `where` with `data`; resolves the count. */
  updateAll(model: string, where: AnyObject | undefined, data: AnyObject, options?: Options): Promise<number>;
  /** Replaces the row with this id by `data` (id kept); resolves false when it does not exist. */
  replaceById(model: string, id: unknown, data: AnyObject, options?: Options): Promise<boolean>;
  /** Deletes every row matching `where`; resolves the count. */
  deleteAll(model: string, where: AnyObject | undefined, options?: Options): Promise<number>;

  /** Drops and recreates storage for the models (all when omitted). */
  automigrate(models?: string[]): Promise<void>;
  /** Alters storage to match the definitions, keeping data. */
  autoupdate(models?: string[]): Promise<void>;

  /** Runs a native command, where the connector has one. */
  execute?(command: unknown, params?: unknown, options?: Options): Promise<unknown>;
}
