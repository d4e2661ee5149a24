import {AnyObject, Count, DataObject, Options} from '../common/types';
import {requireDataArray, requireDataObject, requireId} from '../common/data-checks';
import {InvalidFilterError} from '../filter/invalid-filter-error';
import {FindOptions} from '../connectors/connector';
import {DataSource} from '../datasource/datasource';
import {ModelCollection} from '../datasource/model-collection';
import {normalizeFilter, normalizeWhere} from '../filter/normalize-filter';
import {Filter, FilterExcludingWhere, Where} from '../filter/types';
import {Entity} from '../model/model';
import {Getter} from '../context/getter';
import {InclusionResolver} from '../relations/inclusion-resolver';
import {includeRelatedModels} from '../relations/relation-helpers';
import {findWithIncludePlan} from '../relations/include-plan/find-with-include-plan';
import {PlannableRepository} from '../relations/include-plan/plan-include-tree';
import {validateInclusions} from '../relations/validate-inclusions';
import {createBelongsToAccessor, BelongsToAccessor} from '../relations/belongs-to/belongs-to-accessor';
import {createHasOneRepositoryFactory, HasOneRepositoryFactory} from '../relations/has-one/has-one-repository-factory';
import {createHasManyRepositoryFactory, HasManyRepositoryFactory} from '../relations/has-many/has-many-repository-factory';
import {
  createHasManyThroughRepositoryFactory, HasManyThroughRepositoryFactory,
} from '../relations/has-many-through/has-many-through-repository-factory';
import {
  createReferencesManyAccessor, ReferencesManyAccessor,
} from '../relations/references-many/references-many-accessor';
import {RelationMetadata} from '../relations/relation-types';
import {InvalidRelationError} from '../relations/relation-errors';
import {EntityNotFoundError, InvalidBodyError} from './errors';
import {EntityCrudRepository} from './repository';
import {rejectNavigationalPropertiesInData} from './reject-navigational-properties';

type EntityClass<T extends Entity> = typeof Entity & {prototype: T};
type EntityConstructor<T> = new (data?: AnyObject) => T;

/**
 * LoopBack 4's default repository: CRUD for one entity class on one data
 * source, include resolution with registered resolvers, and the factories
 * that build relation accessors and constrained repositories.
 *
 * ```ts
 * class CustomerRepository extends DefaultCrudRepository<Customer, number, CustomerRelations> {
 *   constructor(@inject('datasources.db') db: juggler.DataSource) {
 *     super(Customer, db);
 *   }
 * }
 * ```
 */
export class DefaultCrudRepository<T extends Entity, ID, Relations extends object = {}>
  implements EntityCrudRepository<T, ID, Relations> {
  readonly inclusionResolvers = new Map<string, InclusionResolver<T, Entity>>();
  protected readonly collection: ModelCollection;

  constructor(public entityClass: EntityClass<T>, public dataSource: DataSource) {
    const def = entityClass.definition;
    if (!def || !Object.prototype.hasOwnProperty.call(entityClass, 'definition')) {
      throw new Error(`Entity ${entityClass.name} must have valid model definition.`);
    }
    if (def.idProperties().length === 0) {
      throw new Error(`Entity ${entityClass.name} must have at least one id/pk property.`);
    }
    this.collection = dataSource.attachDefinition(def);
  }

  /** The store can apply per-group limits in one query (include scopes). */
  get supportsPartitionedFind(): boolean {
    return this.dataSource.connector.capabilities.partitionedFind;
  }

  /** Longest `inq` list one query may carry on this store. */
  get maxInqSize(): number {
    return this.dataSource.settings.inqLimit ?? this.dataSource.connector.capabilities.maxInqSize;
  }

  /** Builds entities from stored rows. */
  protected toEntities(rows: AnyObject[]): T[] {
    const Ctor = this.entityClass as unknown as EntityConstructor<T>;
    const out = new Array<T>(rows.length);
    for (let i = 0; i < rows.length; i++) out[i] = new Ctor(rows[i]);
    return out;
  }

  protected toEntity(row: AnyObject): T {
    return new (this.entityClass as unknown as EntityConstructor<T>)(row);
  }

  /** Plain data of an entity or data object, navigational properties rejected. */
  protected entityToData(entity: DataObject<T>): AnyObject {
    requireDataObject(entity, `${this.entityClass.modelName} data`);
    rejectNavigationalPropertiesInData(this.entityClass, entity as AnyObject);
    // Own keys as given, hidden properties included (they are stored, just not serialized).
    return {...(entity as AnyObject)};
  }

  async create(data: DataObject<T>, options?: Options): Promise<T> {
    const row = await this.collection.create(this.entityToData(data), options);
    return this.toEntity(row);
  }

  async createAll(data: DataObject<T>[], options?: Options): Promise<T[]> {
    const rows = requireDataArray(data, `${this.entityClass.modelName} data`).map(d => this.entityToData(d));
    return this.toEntities(await this.collection.createAll(rows, options));
  }

  async save(entity: DataObject<T>, options?: Options): Promise<T> {
    requireDataObject(entity, `${this.entityClass.modelName} data`);
    const id = this.entityClass.getIdOf(entity as AnyObject);
    if (id == null) return this.create(entity, options);
    await this.replaceById(id as ID, entity, options);
    return this.toEntity(this.entityToData(entity));
  }

  async find(filter?: Filter<T>, options?: Options): Promise<(T & Relations)[]> {
    const normalized = normalizeFilter(filter, this.entityClass.definition);
    let include = normalized.include;
    const polymorphicType = options?.polymorphicType;
    if (include && typeof polymorphicType === 'string') {
      // Querying one concrete type of a polymorphic relation: entries for other types (`targetType`) do not apply.
      include = include.filter(i => !i.targetType || i.targetType === polymorphicType);
      validateInclusions(this, include);
      if (!include.length) include = undefined;
    } else if (include) {
      // Checked against the raw entries so the error quotes them as the caller wrote them.
      validateInclusions(this, (filter as {include?: unknown}).include);
    }
    delete normalized.include;
    if (include) {
      // One connector call for the whole tree where the store can; otherwise the resolvers, level by level.
      const planned = await findWithIncludePlan(this, normalized, include, options, this.isJoinableRepository);
      if (planned) return planned as (T & Relations)[];
    }
    const entities = this.toEntities(await this.collection.find(normalized, options as FindOptions));
    if (!include) return entities as (T & Relations)[];
    return includeRelatedModels<T, Relations>(this, entities, include, options);
  }

  /**
   * @internal For relation internals that only read a few keys of each row
   * (the link rows of a through model): the rows matching `filter` as plain
   * objects, no entities built, in no particular order; the caller must only
   * read them, at once, and only the `fields` it asked for (a store may hand
   * out its own rows). Falls back to `find` when it is not plain (an
   * override may add constraints).
   */
  async findPlainRows(filter: Filter<T>, options?: Options): Promise<AnyObject[]> {
    if (!this.findIsPlain()) return this.find(filter, options);
    const normalized = normalizeFilter(filter, this.entityClass.definition);
    if (normalized.include) return this.find(filter, options);
    return this.collection.find(normalized, {...options, unordered: true, readOnly: true} as FindOptions);
  }

  /**
   * @internal True when `find` adds nothing to a plain connector query: it
   * is not overridden, or the override says so (the LoopBack 3 face's
   * repository when the model has no default scope and no `access`/`loaded`
   * observers). The include planner and `findPlainRows` then read rows directly.
   */
  findIsPlain(): boolean {
    return this.find === DefaultCrudRepository.prototype.find;
  }

  /**
   * A target repository whose rows the connector may load together with
   * this repository's: a default repository on the same data source whose
   * `find` is plain (an override may add constraints of its own).
   */
  private readonly isJoinableRepository = (repository: unknown): repository is PlannableRepository =>
    repository instanceof DefaultCrudRepository && repository.dataSource === this.dataSource &&
    repository.findIsPlain();

  async findOne(filter?: Filter<T>, options?: Options): Promise<(T & Relations) | null> {
    const found = await this.find({...requireFilterObject(filter), limit: 1}, options);
    return found[0] ?? null;
  }

  async findById(id: ID, filter?: FilterExcludingWhere<T>, options?: Options): Promise<T & Relations> {
    const where = this.whereForId(id);
    const found = await this.find({...requireFilterObject(filter), where, limit: 1} as Filter<T>, options);
    if (!found.length) throw new EntityNotFoundError(this.entityClass, id);
    return found[0];
  }

  async update(entity: DataObject<T>, options?: Options): Promise<void> {
    requireDataObject(entity, `${this.entityClass.modelName} data`);
    const id = this.entityClass.getIdOf(entity as AnyObject);
    return this.updateById(id as ID, entity, options);
  }

  async delete(entity: DataObject<T>, options?: Options): Promise<void> {
    requireDataObject(entity, `${this.entityClass.modelName} entity`);
    rejectNavigationalPropertiesInData(this.entityClass, entity as AnyObject);
    const id = this.entityClass.getIdOf(entity as AnyObject);
    return this.deleteById(id as ID, options);
  }

  async updateAll(data: DataObject<T>, where?: Where<T>, options?: Options): Promise<Count> {
    const w = normalizeWhere(where ?? {}, this.entityClass.definition);
    const count = await this.collection.updateAll(w, this.entityToData(data), options);
    return {count};
  }

  async updateById(id: ID, data: DataObject<T>, options?: Options): Promise<void> {
    requireId(id, this.entityClass.modelName);
    const patch = this.entityToData(data);
    const idName = this.collection.idName!;
    if (patch[idName] !== undefined && String(patch[idName]) === String(id)) delete patch[idName];
    if (Object.keys(patch).filter(k => patch[k] !== undefined).length === 0) {
      throw new InvalidBodyError(this.entityClass, id);
    }
    const count = await this.collection.updateAll(this.whereForId(id), patch, options);
    if (count === 0) throw new EntityNotFoundError(this.entityClass, id);
  }

  async replaceById(id: ID, data: DataObject<T>, options?: Options): Promise<void> {
    const where = this.whereForId(id);
    const row = this.entityToData(data);
    const idName = this.collection.idName!;
    row[idName] = id;
    const replaced = await this.collection.replaceById(where[idName], row, options);
    if (!replaced) throw new EntityNotFoundError(this.entityClass, id);
  }

  async deleteAll(where?: Where<T>, options?: Options): Promise<Count> {
    const w = normalizeWhere(where ?? {}, this.entityClass.definition);
    return {count: await this.collection.deleteAll(w, options)};
  }

  async deleteById(id: ID, options?: Options): Promise<void> {
    const count = await this.collection.deleteAll(this.whereForId(id), options);
    if (count === 0) throw new EntityNotFoundError(this.entityClass, id);
  }

  async count(where?: Where<T>, options?: Options): Promise<Count> {
    const w = normalizeWhere(where ?? {}, this.entityClass.definition);
    return {count: await this.collection.count(w, options)};
  }

  async exists(id: ID, options?: Options): Promise<boolean> {
    return (await this.collection.count(this.whereForId(id), options)) > 0;
  }

  /**
   * The normalized where clause of one id. A missing id is an error: dropped
   * as `undefined`, it would match — and update or delete — every row.
   */
  protected whereForId(id: ID): AnyObject {
    requireId(id, this.entityClass.modelName);
    return normalizeWhere(this.entityClass.buildWhereForId(id), this.entityClass.definition)!;
  }

  /** Runs a native command on the data source's connector. */
  async execute(command: unknown, parameters?: unknown, options?: Options): Promise<AnyObject> {
    return (await this.dataSource.execute(command, parameters, options)) as AnyObject;
  }

  /** Makes `relationName` includable with `find({include: [...]})`. */
  registerInclusionResolver(relationName: string, resolver: InclusionResolver<T, Entity>): void {
    this.inclusionResolvers.set(relationName, resolver);
  }

  /** The metadata of one of this model's relations; a clear error when it does not exist. */
  protected getRelationDefinition(relationName: string): RelationMetadata {
    const meta = this.entityClass.definition.relations[relationName];
    if (!meta) {
      throw new InvalidRelationError('relation is not defined on the model',
        {name: relationName, type: 'unknown' as never, source: this.entityClass});
    }
    return meta;
  }

  protected createBelongsToAccessorFor<Target extends Entity, TargetId>(
    relationName: string,
    targetRepositoryGetter: Getter<EntityCrudRepository<Target, TargetId>> |
      {[repoType: string]: Getter<EntityCrudRepository<Target, TargetId>>},
  ): BelongsToAccessor<Target, ID> {
    return createBelongsToAccessor(this.getRelationDefinition(relationName), targetRepositoryGetter, this);
  }

  protected createHasOneRepositoryFactoryFor<Target extends Entity, TargetId, ForeignKeyType>(
    relationName: string,
    targetRepositoryGetter: Getter<EntityCrudRepository<Target, TargetId>> |
      {[repoType: string]: Getter<EntityCrudRepository<Target, TargetId>>},
  ): HasOneRepositoryFactory<Target, ForeignKeyType> {
    return createHasOneRepositoryFactory(this.getRelationDefinition(relationName), targetRepositoryGetter);
  }

  protected createHasManyRepositoryFactoryFor<Target extends Entity, TargetId, ForeignKeyType>(
    relationName: string,
    targetRepositoryGetter: Getter<EntityCrudRepository<Target, TargetId>> |
      {[repoType: string]: Getter<EntityCrudRepository<Target, TargetId>>},
  ): HasManyRepositoryFactory<Target, ForeignKeyType> {
    return createHasManyRepositoryFactory(this.getRelationDefinition(relationName), targetRepositoryGetter);
  }

  /**
   * The factory of a hasMany-through relation: `(sourceId) => constrained
   * repository`, plus its `inclusionResolver`. A polymorphic relation takes
   * a map of concrete type name to repository getter.
   */
  protected createHasManyThroughRepositoryFactoryFor<
    Target extends Entity, TargetId, Through extends Entity, ThroughId, ForeignKeyType = ID,
  >(
    relationName: string,
    targetRepositoryGetter: Getter<EntityCrudRepository<Target, TargetId>> |
      {[repoType: string]: Getter<EntityCrudRepository<Target, TargetId>>},
    throughRepositoryGetter: Getter<EntityCrudRepository<Through, ThroughId>>,
  ): HasManyThroughRepositoryFactory<Target, TargetId, Through, ForeignKeyType> {
    return createHasManyThroughRepositoryFactory<Target, TargetId, Through, ThroughId, ForeignKeyType>(
      this.getRelationDefinition(relationName), targetRepositoryGetter, throughRepositoryGetter);
  }

  /** The accessor of a referencesMany relation: `(sourceId, options?) => Promise<Target[]>`. */
  protected createReferencesManyAccessorFor<Target extends Entity, TargetId>(
    relationName: string,
    targetRepositoryGetter: Getter<EntityCrudRepository<Target, TargetId>> |
      {[repoType: string]: Getter<EntityCrudRepository<Target, TargetId>>},
  ): ReferencesManyAccessor<Target, ID> {
    return createReferencesManyAccessor(this.getRelationDefinition(relationName), targetRepositoryGetter, this);
  }
}

/** A filter argument must be an object (or absent) before it is spread into another one. */
function requireFilterObject<F>(filter: F | undefined): F | undefined {
  if (filter != null && (typeof filter !== 'object' || Array.isArray(filter))) {
    throw new InvalidFilterError(`The query filter ${JSON.stringify(filter)} is not an object`);
  }
  return filter;
}
