import {RelataError} from '../../common/errors';
import {Count, DataObject, Options} from '../../common/types';
import {Getter} from '../../context/getter';
import {Filter} from '../../filter/types';
import {Entity} from '../../model/model';
import {TypeResolver} from '../../model/type-resolver';
import {EntityNotFoundError} from '../../repository/errors';
import {EntityCrudRepository} from '../../repository/repository';
import {constrainDataObject, constrainFilter} from '../constraint-utils';
import {GetterMap, isGetterMap, pickTargetGetter, selectTargetGetters} from '../polymorphism';
import {InvalidPolymorphismError} from '../relation-errors';

/** The target of one source in a hasOne relation: `customerRepo.address(id)`. */
export interface HasOneRepository<Target extends Entity> {
  /**
   * Creates the target; fails when the source already has one. A
   * polymorphic target is created in the repository of
   * `options.polymorphicType` (a type of the getter map).
   */
  create(targetModelData: DataObject<Target>, options?: Options & {polymorphicType?: string}): Promise<Target>;
  /**
   * The target; `EntityNotFoundError` when there is none. A polymorphic
   * target is searched in the types of `options.polymorphicType` (a name or
   * a list; all types when absent), in order.
   */
  get(
    filter?: Omit<Filter<Target>, 'where'> & {where?: Filter<Target>['where']},
    options?: Options & {polymorphicType?: string | string[]},
  ): Promise<Target>;
  /** Deletes the target (of the `options.polymorphicType` types only, when given). */
  delete(options?: Options & {polymorphicType?: string | string[]}): Promise<Count>;
  /**
   * Patches the target. With `options.isPolymorphic`, `dataObject` is a map
   * of concrete type name → patch, each applied in its type's repository.
   */
  patch(
    dataObject: DataObject<Target> | {[polymorphicType: string]: DataObject<Target>},
    options?: Options & {isPolymorphic?: boolean},
  ): Promise<Count>;
}

/**
 * A second target for the same source. LoopBack 4 silently creates it (and
 * then `get()` and `include` disagree on which one is "the" target); relata
 * refuses, with LoopBack 3's message. HTTP 409.
 */
export class HasOneAlreadyExistsError extends RelataError {
  constructor(targetName: string) {
    super(`HasOne relation cannot create more than one instance of ${targetName}`, 'HAS_ONE_ALREADY_EXISTS', 409);
  }
}

/**
 * A repository constrained to the single target of one source. The target
 * repository is one getter, or (polymorphic targets) a map of concrete type
 * name → getter, with `targetResolver` giving the declared (base) target.
 */
export class DefaultHasOneRepository<Target extends Entity, TargetID, TargetRepository extends EntityCrudRepository<Target, TargetID>>
  implements HasOneRepository<Target> {
  /** The target repositories by concrete type name. */
  readonly getTargetRepositoryDict: GetterMap<TargetRepository>;
  private readonly polymorphic: boolean;

  constructor(
    public getTargetRepository: Getter<TargetRepository> | GetterMap<TargetRepository>,
    public constraint: DataObject<Target>,
    public targetResolver?: TypeResolver<Entity, typeof Entity>,
  ) {
    this.polymorphic = isGetterMap(getTargetRepository);
    this.getTargetRepositoryDict = isGetterMap(getTargetRepository)
      ? getTargetRepository
      : {[targetResolver?.().name ?? 'target']: getTargetRepository};
  }

  /** The declared target's name (errors), once the repository of a type is known. */
  private targetName(repo?: TargetRepository): string {
    const target = this.targetResolver?.();
    return target?.modelName ?? repo?.entityClass.modelName ?? 'target';
  }

  /** The repository `create` writes to: `polymorphicType`, else the declared target (or the only type). */
  private createGetter(polymorphicType: unknown): Getter<TargetRepository> {
    const dict = this.getTargetRepositoryDict;
    if (polymorphicType != null) return pickTargetGetter(dict, polymorphicType);
    const keys = Object.keys(dict);
    if (keys.length === 1) return dict[keys[0]];
    const name = this.targetResolver?.().name;
    if (name !== undefined && Object.prototype.hasOwnProperty.call(dict, name)) return dict[name];
    throw new InvalidPolymorphismError(String(name));
  }

  /** Options for one type's query: `polymorphicType` names it, so `targetType` include entries apply. */
  private typeOptions(options: Options | undefined, typeName: string): Options | undefined {
    return this.polymorphic ? {...options, polymorphicType: typeName} : options;
  }

  async create(targetModelData: DataObject<Target>, options?: Options & {polymorphicType?: string}): Promise<Target> {
    const getter = this.createGetter(options?.polymorphicType);
    const data = constrainDataObject(targetModelData, this.constraint);
    const repo = await getter();
    for (const [, other] of selectTargetGetters(this.getTargetRepositoryDict)) {
      const existing = await (other === getter ? repo : await other()).count(this.constraint as never, options);
      if (existing.count > 0) throw new HasOneAlreadyExistsError(this.polymorphic ? this.targetName(repo) : repo.entityClass.modelName);
    }
    return repo.create(data, options);
  }

  async get(
    filter?: Filter<Target>, options?: Options & {polymorphicType?: string | string[]},
  ): Promise<Target> {
    const constrained = {...constrainFilter(filter, this.constraint), limit: 1};
    let lastRepo: TargetRepository | undefined;
    for (const [name, getter] of selectTargetGetters(this.getTargetRepositoryDict, options?.polymorphicType)) {
      lastRepo = await getter();
      const found = await lastRepo.find(constrained, this.typeOptions(options, name));
      if (found.length) return found[0];
    }
    throw new EntityNotFoundError(
      this.polymorphic ? this.targetName(lastRepo) : lastRepo?.entityClass ?? this.targetName(),
      `constraint ${JSON.stringify(this.constraint)}`);
  }

  async delete(options?: Options & {polymorphicType?: string | string[]}): Promise<Count> {
    let count = 0;
    for (const [, getter] of selectTargetGetters(this.getTargetRepositoryDict, options?.polymorphicType)) {
      count += (await (await getter()).deleteAll(this.constraint as never, options)).count;
    }
    return {count};
  }

  async patch(
    dataObject: DataObject<Target> | {[polymorphicType: string]: DataObject<Target>},
    options?: Options & {isPolymorphic?: boolean},
  ): Promise<Count> {
    const dict = this.getTargetRepositoryDict;
    // Data first: a bad key or patch fails before anything is written.
    const work: [Getter<TargetRepository>, DataObject<Target>][] = [];
    if (options?.isPolymorphic) {
      const perType = (dataObject ?? {}) as {[polymorphicType: string]: DataObject<Target>};
      for (const name of Object.keys(perType)) {
        work.push([pickTargetGetter(dict, name), constrainDataObject(perType[name], this.constraint)]);
      }
    } else {
      const data = constrainDataObject(dataObject as DataObject<Target>, this.constraint);
      for (const [, getter] of selectTargetGetters(dict)) work.push([getter, data]);
    }
    let count = 0;
    for (const [getter, data] of work) {
      count += (await (await getter()).updateAll(data, this.constraint as never, options)).count;
    }
    return {count};
  }
}
