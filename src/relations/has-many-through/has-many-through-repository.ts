import {requireDataObject, requireId} from '../../common/data-checks';
import {AnyObject, Count, DataObject, Options} from '../../common/types';
import {Getter} from '../../context/getter';
import {describeValue} from '../../filter/describe-value';
import {InvalidFilterError} from '../../filter/invalid-filter-error';
import {Filter, Where} from '../../filter/types';
import {Entity} from '../../model/model';
import {ConstraintViolationError} from '../../repository/errors';
import {EntityCrudRepository} from '../../repository/repository';
import {constrainDataObject, constrainWhere} from '../constraint-utils';
import {GetterMap, pickTargetGetter, selectTargetGetters} from '../polymorphism';
import {InvalidPolymorphismError} from '../relation-errors';
import {normalizeKey} from '../relation-helpers';
import {findLinkedTargets, keyConstraint, LinkedTargetPart} from './find-linked-targets';
import {ResolvedHasManyThrough} from './has-many-through-metadata';
import {runAtomically} from './run-atomically';
import {andWhere} from './through-scope';

/** Options of operations reading links: `throughOptions` go to the through repository. */
export type ThroughReadOptions = Options & {
  /** Options of the through-repository calls; `discriminator` overrides the relation's (LoopBack 4). */
  throughOptions?: Options & {discriminator?: string};
  /** Polymorphic targets: the concrete type name(s) to consider (all by default). */
  polymorphicType?: string | string[];
  /**
   * relata: a where on the through (link) model, ANDed with the relation's
   * `through.scope`: only links matching both are followed (find, delete,
   * patch) or removed (unlink, unlinkAll).
   */
  throughWhere?: Where<AnyObject>;
};

/** Options of operations writing a link. */
export type ThroughWriteOptions<Through extends Entity> = Options & {
  /** Extra properties of the link row. */
  throughData?: DataObject<Through>;
  /** Options of the through-repository calls. */
  throughOptions?: Options;
  /** Polymorphic targets: the concrete type of the target (written as the link's discriminator). */
  polymorphicType?: string;
};

/**
 * The targets of one source in a hasMany-through relation:
 * `categoryRepo.products(categoryId)`. Every method honours
 * `options.transaction` (passed to both repositories); multi-step writes
 * run atomically (see `create` and `delete`).
 */
export interface HasManyThroughRepository<Target extends Entity, TargetID, Through extends Entity> {
  /**
   * Creates a target and links it, as one unit: in one transaction on SQL
   * (the caller's, or one started for it), else the target is deleted again
   * when linking fails.
   */
  create(targetModelData: DataObject<Target>, options?: ThroughWriteOptions<Through>): Promise<Target>;
  /**
   * The linked targets; `filter` applies to them (where ANDed, order, limit,
   * skip, fields, include). Only links in the relation's `through.scope`
   * and matching `options.throughWhere` count.
   */
  find(filter?: Filter<Target>, options?: ThroughReadOptions): Promise<Target[]>;
  /**
   * Deletes the linked targets matching `where`, and every link to them
   * (so no link dangles), atomically. Resolves the number of deleted targets.
   */
  delete(where?: Where<Target>, options?: ThroughReadOptions): Promise<Count>;
  /** Patches the linked targets matching `where` (`isPolymorphic`: `data` is `{[typeName]: data}`). */
  patch(
    dataObject: DataObject<Target> | {[polymorphicType: string]: DataObject<Target>},
    where?: Where<Target>,
    options?: ThroughReadOptions & {isPolymorphic?: boolean},
  ): Promise<Count>;
  /**
   * Links an existing target; linking an already linked target returns the
   * existing link. The link gets the `through.scope` equality values.
   */
  link(targetModelId: TargetID, options?: ThroughWriteOptions<Through>): Promise<Through>;
  /** Removes the link(s) to a target (those in the through scope). */
  unlink(targetModelId: TargetID, options?: ThroughReadOptions): Promise<void>;
  /** Removes every link of the source in the through scope (nothing to do when there is none). */
  unlinkAll(options?: ThroughReadOptions): Promise<void>;
}

/** The distinct target keys one source links, for one concrete type. */
interface LinkGroup<R> {
  type: string;
  getter: Getter<R>;
  keys: unknown[];
}

/** The options for the through repository: `throughOptions`, carrying the operation's transaction. */
function throughOptionsOf(options: Options | undefined): Options | undefined {
  const own = options?.throughOptions as Options | undefined;
  const tx = options?.transaction;
  if (tx === undefined || own?.transaction !== undefined) return own;
  return {...own, transaction: tx};
}

/** The options for a target repository: the operation's, without the relation's own keys. */
function targetOptionsOf(options: Options | undefined, polymorphicType?: string): Options | undefined {
  if (!options && polymorphicType === undefined) return undefined;
  const rest: AnyObject = {...options};
  delete rest.throughData;
  delete rest.throughOptions;
  delete rest.throughWhere;
  delete rest.polymorphicType;
  delete rest.isPolymorphic;
  if (polymorphicType !== undefined) rest.polymorphicType = polymorphicType;
  return rest;
}

function lookupKey(v: unknown): unknown {
  return v !== null && typeof v === 'object' ? normalizeKey(v) : v;
}

/**
 * The constrained repository of a hasMany-through relation. Built by
 * `createHasManyThroughRepositoryFactory`; `getTargetRepositoryDict` maps
 * each concrete target type name to its repository getter (one entry
 * unless the relation is polymorphic).
 */
export class DefaultHasManyThroughRepository<
  TargetEntity extends Entity,
  TargetID,
  TargetRepository extends EntityCrudRepository<TargetEntity, TargetID>,
  ThroughEntity extends Entity,
  ThroughID,
  ThroughRepository extends EntityCrudRepository<ThroughEntity, ThroughID>,
> implements HasManyThroughRepository<TargetEntity, TargetID, ThroughEntity> {
  constructor(
    public readonly getTargetRepositoryDict: GetterMap<TargetRepository>,
    public readonly getThroughRepository: Getter<ThroughRepository>,
    public readonly relation: ResolvedHasManyThrough,
    public readonly sourceId: unknown,
  ) {}

  // ---------------------------------------------------------------------------
  // Writes
  // ---------------------------------------------------------------------------

  async create(targetModelData: DataObject<TargetEntity>, options?: ThroughWriteOptions<ThroughEntity>): Promise<TargetEntity> {
    this.checkSource();
    const {type, getter} = this.writeType(options);
    const [targetRepo, throughRepo] = await Promise.all([getter(), this.getThroughRepository()]);
    return runAtomically([targetRepo, throughRepo], options, async (opts, undo) => {
      const targetOptions = targetOptionsOf(opts);
      const target = await targetRepo.create(targetModelData, targetOptions);
      undo.add(() => targetRepo.delete(target, targetOptions));
      await this.writeLink(throughRepo, (target as AnyObject)[this.relation.keyTo], type, opts, false);
      return target;
    });
  }

  async link(targetModelId: TargetID, options?: ThroughWriteOptions<ThroughEntity>): Promise<ThroughEntity> {
    this.checkSource();
    const {type} = this.writeType(options);
    return this.writeLink(await this.getThroughRepository(), targetModelId, type, options, true);
  }

  async unlink(targetModelId: TargetID, options?: ThroughReadOptions): Promise<void> {
    requireId(targetModelId, this.relation.targetModel.modelName);
    const where = andWhere(this.linkWhere(options), {[this.relation.throughKeyTo]: targetModelId});
    const throughRepo = await this.getThroughRepository();
    await throughRepo.deleteAll(where as Where<ThroughEntity>, throughOptionsOf(options));
  }

  async unlinkAll(options?: ThroughReadOptions): Promise<void> {
    const throughRepo = await this.getThroughRepository();
    await throughRepo.deleteAll(this.linkWhere(options) as Where<ThroughEntity>, throughOptionsOf(options));
  }

  async delete(where?: Where<TargetEntity>, options?: ThroughReadOptions): Promise<Count> {
    const types = this.selectTypes(options);
    const throughRepo = await this.getThroughRepository();
    const repos = await Promise.all(types.map(([, getter]) => getter()));
    const {keyTo, throughKeyTo} = this.relation;
    const disc = this.discriminator(options);
    return runAtomically([throughRepo, ...repos], options, async (opts, undo) => {
      let count = 0;
      for (const group of await this.linkedKeys(throughRepo, types, opts)) {
        const repo = repos[types.findIndex(([t]) => t === group.type)];
        const targetOptions = targetOptionsOf(opts);
        let ids = group.keys;
        let rows: TargetEntity[] | undefined;
        // The rows are read when `where` narrows them, or to put them back if a later step fails.
        if (where !== undefined || undo.active) {
          rows = await repo.find({where: constrainWhere(where, keyConstraint(keyTo, ids))} as Filter<TargetEntity>, targetOptions);
          // Without `where` every link of the source goes, including links to targets that no longer exist.
          if (where !== undefined) ids = rows.map(r => (r as AnyObject)[keyTo]);
        }
        if (ids.length === 0) continue;
        const deleted = await repo.deleteAll(keyConstraint(keyTo, ids) as Where<TargetEntity>, targetOptions);
        count += deleted.count;
        if (rows && rows.length) {
          const restore = rows;
          undo.add(() => repo.createAll(restore, targetOptions));
        }
        // Every link to a deleted target goes too, whichever source it comes from: none may dangle.
        const links: AnyObject = keyConstraint(throughKeyTo, ids);
        if (disc) links[disc] = group.type;
        const throughOptions = throughOptionsOf(opts);
        const linkRows = undo.active
          ? await throughRepo.find({where: links} as Filter<ThroughEntity>, throughOptions)
          : [];
        await throughRepo.deleteAll(links as Where<ThroughEntity>, throughOptions);
        if (linkRows.length) undo.add(() => throughRepo.createAll(linkRows, throughOptions));
      }
      return {count};
    });
  }

  async patch(
    dataObject: DataObject<TargetEntity> | {[polymorphicType: string]: DataObject<TargetEntity>},
    where?: Where<TargetEntity>,
    options?: ThroughReadOptions & {isPolymorphic?: boolean},
  ): Promise<Count> {
    const perType = !!options?.isPolymorphic;
    const dict = dataObject as {[type: string]: DataObject<TargetEntity>};
    if (perType && Object.keys(requireDataObject(dict, 'Polymorphic patch data')).length === 0) return {count: 0};
    const types = perType
      ? selectTargetGetters(this.getTargetRepositoryDict, Object.keys(dict))
      : this.selectTypes(options);
    const {keyTo} = this.relation;
    const dataFor = (type: string): DataObject<TargetEntity> => {
      const data = perType ? dict[type] : dataObject as DataObject<TargetEntity>;
      // Unlike LoopBack, the key constraint is not merged into the data; the key itself may not change.
      const copy = constrainDataObject(data, {});
      if ((copy as AnyObject)[keyTo] !== undefined) throw new ConstraintViolationError(keyTo);
      return copy;
    };
    for (const [type] of types) dataFor(type);
    const throughRepo = await this.getThroughRepository();
    const repos = await Promise.all(types.map(([, getter]) => getter()));
    const run = async (opts: Options | undefined): Promise<Count> => {
      let count = 0;
      for (const group of await this.linkedKeys(throughRepo, types, opts)) {
        const repo = repos[types.findIndex(([t]) => t === group.type)];
        const updated = await repo.updateAll(dataFor(group.type),
          constrainWhere(where, keyConstraint(keyTo, group.keys)), targetOptionsOf(opts));
        count += updated.count;
      }
      return {count};
    };
    // Several concrete types are several statements: one transaction where the store has them.
    if (types.length > 1) return runAtomically([throughRepo, ...repos], options, opts => run(opts));
    return run(options);
  }

  // ---------------------------------------------------------------------------
  // Reads
  // ---------------------------------------------------------------------------

  async find(filter?: Filter<TargetEntity>, options?: ThroughReadOptions): Promise<TargetEntity[]> {
    const types = this.selectTypes(options);
    const throughRepo = await this.getThroughRepository();
    const groups = await this.linkedKeys(throughRepo, types, options);
    if (groups.length === 0) return [];
    const parts: LinkedTargetPart<TargetEntity>[] = await Promise.all(groups.map(async g => ({
      type: g.type, repository: await g.getter() as EntityCrudRepository<TargetEntity, unknown>, keys: g.keys,
    })));
    const polymorphic = !!this.relation.polymorphic;
    return findLinkedTargets(parts, this.relation.keyTo, filter,
      type => targetOptionsOf(options, polymorphic ? type : undefined));
  }

  // ---------------------------------------------------------------------------
  // Helpers
  // ---------------------------------------------------------------------------

  /** The source id, which must be given: an undefined key would match every link. */
  private checkSource(): void {
    requireId(this.sourceId, this.relation.sourceModel.modelName);
  }

  /** The discriminator property on the through model (polymorphic relations only). */
  private discriminator(options: ThroughReadOptions | undefined): string | undefined {
    if (!this.relation.polymorphic) return undefined;
    return options?.throughOptions?.discriminator ?? this.relation.polymorphic.discriminator;
  }

  /** The concrete types an operation considers: `polymorphicType` (each must be known), else all. */
  private selectTypes(options: ThroughReadOptions | undefined): [string, Getter<TargetRepository>][] {
    if (!this.relation.polymorphic) return Object.entries(this.getTargetRepositoryDict);
    return selectTargetGetters(this.getTargetRepositoryDict, options?.polymorphicType);
  }

  /**
   * The concrete type of a target being created or linked: `polymorphicType`,
   * else the discriminator value in `throughData`, else the target class
   * name. An unknown name fails with `InvalidPolymorphismError`.
   */
  private writeType(options: ThroughWriteOptions<ThroughEntity> | undefined): {type: string; getter: Getter<TargetRepository>} {
    const dict = this.getTargetRepositoryDict;
    if (!this.relation.polymorphic) {
      const [type, getter] = Object.entries(dict)[0];
      if (options?.polymorphicType !== undefined && options.polymorphicType !== type) {
        throw new InvalidPolymorphismError(String(options.polymorphicType));
      }
      return {type, getter};
    }
    const disc = this.discriminator(options);
    if (options?.polymorphicType !== undefined) {
      return {type: options.polymorphicType, getter: pickTargetGetter(dict, options.polymorphicType)};
    }
    const fromData = disc !== undefined ? (options?.throughData as AnyObject | undefined)?.[disc] : undefined;
    if (fromData !== undefined && fromData !== null) {
      return {type: fromData, getter: pickTargetGetter(dict, fromData, disc)};
    }
    const name = this.relation.targetModel.name;
    return {type: name, getter: pickTargetGetter(dict, name)};
  }

  /** Creates the link row (or, with `checkExisting`, returns the existing one). */
  private async writeLink(
    throughRepo: ThroughRepository, targetId: unknown, type: string,
    options: ThroughWriteOptions<ThroughEntity> | undefined, checkExisting: boolean,
  ): Promise<ThroughEntity> {
    requireId(targetId, this.relation.targetModel.modelName);
    const {throughKeyFrom, throughKeyTo, throughScope} = this.relation;
    const constraint: AnyObject = {[throughKeyFrom]: this.sourceId, [throughKeyTo]: targetId};
    const disc = this.discriminator(options);
    if (disc) constraint[disc] = type;
    // The scope's values first: a link outside the scope would be invisible through the relation.
    const data = constrainDataObject((options?.throughData ?? {}) as DataObject<ThroughEntity>,
      {...throughScope.defaults, ...constraint});
    const throughOptions = throughOptionsOf(options);
    if (checkExisting) {
      // Only a link the relation sees counts as existing.
      const where = andWhere(throughScope.where, constraint);
      const existing = await throughRepo.find({where, limit: 1} as Filter<ThroughEntity>, throughOptions);
      if (existing.length) return existing[0];
    }
    return throughRepo.create(data, throughOptions);
  }

  /**
   * `{keyFrom: sourceId}` on the through model, narrowed to the requested
   * concrete types, ANDed with the relation's through scope and the
   * call's `throughWhere`.
   */
  private linkWhere(options: ThroughReadOptions | undefined): AnyObject {
    this.checkSource();
    const where: AnyObject = {[this.relation.throughKeyFrom]: this.sourceId};
    const disc = this.discriminator(options);
    if (disc && options?.polymorphicType !== undefined) {
      const names = this.selectTypes(options).map(([t]) => t);
      if (names.length) where[disc] = names.length === 1 ? names[0] : {inq: names};
    }
    const given = options?.throughWhere as AnyObject | undefined;
    if (given !== undefined && given !== null && (typeof given !== 'object' || Array.isArray(given))) {
      throw new InvalidFilterError(`The throughWhere ${describeValue(given)} is not an object`);
    }
    // The key constraint goes last so that it stays a top-level equality (indexed) unless a key collides.
    return andWhere(this.relation.throughScope.where, given ?? undefined, where)!;
  }

  /**
   * The source's links, as the distinct target keys of each concrete type
   * (in the order of `types`). A stored discriminator value that is not a
   * known type fails with `InvalidPolymorphismError`.
   */
  private async linkedKeys(
    throughRepo: ThroughRepository,
    types: [string, Getter<TargetRepository>][],
    options: ThroughReadOptions | undefined,
  ): Promise<LinkGroup<TargetRepository>[]> {
    const {throughKeyTo} = this.relation;
    const disc = this.discriminator(options);
    const fields = disc ? [throughKeyTo, disc] : [throughKeyTo];
    const links = await throughRepo.find(
      {where: this.linkWhere(options), fields} as Filter<ThroughEntity>, throughOptionsOf(options));
    if (links.length === 0) return [];
    const groups = new Map<string, {keys: unknown[]; seen: Set<unknown>}>();
    for (const [type] of types) groups.set(type, {keys: [], seen: new Set()});
    const single = disc ? undefined : groups.get(types[0][0]);
    for (const link of links as AnyObject[]) {
      const key = link[throughKeyTo];
      if (key === undefined || key === null) continue;
      let group = single;
      if (!group) {
        const type = link[disc!];
        group = typeof type === 'string' ? groups.get(type) : undefined;
        if (!group) {
          if (typeof type === 'string' && Object.prototype.hasOwnProperty.call(this.getTargetRepositoryDict, type)) continue;
          throw new InvalidPolymorphismError(String(type), disc);
        }
      }
      const k = lookupKey(key);
      if (group.seen.has(k)) continue;
      group.seen.add(k);
      group.keys.push(key);
    }
    const out: LinkGroup<TargetRepository>[] = [];
    for (const [type, getter] of types) {
      const keys = groups.get(type)!.keys;
      if (keys.length) out.push({type, getter, keys});
    }
    return out;
  }
}
