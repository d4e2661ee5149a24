import {AnyObject, Count, DataObject, Options} from '../common/types';
import {Filter, FilterExcludingWhere, Where} from '../filter/types';
import {Entity, Model} from '../model/model';
import {InclusionResolver} from '../relations/inclusion-resolver';

/** Marker interface of all repositories. */
export interface Repository<T extends Model> {} // eslint-disable-line @typescript-eslint/no-unused-vars

export interface ExecutableRepository<T extends Model> extends Repository<T> {
  execute(command: unknown, parameters?: unknown, options?: Options): Promise<AnyObject>;
}

/** CRUD over a model (LoopBack 4's `CrudRepository`). */
export interface CrudRepository<T extends Model, Relations extends object = {}> extends Repository<T> {
  create(data: DataObject<T>, options?: Options): Promise<T>;
  createAll(data: DataObject<T>[], options?: Options): Promise<T[]>;
  find(filter?: Filter<T>, options?: Options): Promise<(T & Relations)[]>;
  updateAll(data: DataObject<T>, where?: Where<T>, options?: Options): Promise<Count>;
  deleteAll(where?: Where<T>, options?: Options): Promise<Count>;
  count(where?: Where<T>, options?: Options): Promise<Count>;
}

/** CRUD over an entity with identity (LoopBack 4's `EntityCrudRepository`). */
export interface EntityCrudRepository<T extends Entity, ID, Relations extends object = {}>
  extends CrudRepository<T, Relations> {
  entityClass: typeof Entity & {prototype: T};
  inclusionResolvers: Map<string, InclusionResolver<T, Entity>>;
  findOne(filter?: Filter<T>, options?: Options): Promise<(T & Relations) | null>;
  save(entity: DataObject<T>, options?: Options): Promise<T>;
  update(entity: DataObject<T>, options?: Options): Promise<void>;
  delete(entity: DataObject<T>, options?: Options): Promise<void>;
  findById(id: ID, filter?: FilterExcludingWhere<T>, options?: Options): Promise<T & Relations>;
  updateById(id: ID, data: DataObject<T>, options?: Options): Promise<void>;
  replaceById(id: ID, data: DataObject<T>, options?: Options): Promise<void>;
  deleteById(id: ID, options?: Options): Promise<void>;
  exists(id: ID, options?: Options): Promise<boolean>;
}
