import {RelataError} from '../../common/errors';
import {Count, DataObject, Options} from '../../common/types';
import {Getter} from '../../context/getter';
import {Filter} from '../../filter/types';
import {Entity} from '../../model/model';
import {EntityNotFoundError} from '../../repository/errors';
import {EntityCrudRepository} from '../../repository/repository';
import {constrainDataObject, constrainFilter} from '../constraint-utils';

/** The target of one source in a hasOne relation: `customerRepo.address(id)`. */
export interface HasOneRepository<Target extends Entity> {
  /** Creates the target; fails when the source already has one. */
  create(targetModelData: DataObject<Target>, options?: Options): Promise<Target>;
  /** The target; `EntityNotFoundError` when there is none. */
  get(filter?: Omit<Filter<Target>, 'where'> & {where?: Filter<Target>['where']}, options?: Options): Promise<Target>;
  /** Deletes the target. */
  delete(options?: Options): Promise<Count>;
  /** Patches the target. */
  patch(dataObject: DataObject<Target>, options?: Options): Promise<Count>;
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

/** A repository constrained to the single target of one source. */
export class DefaultHasOneRepository<Target extends Entity, TargetID, TargetRepository extends EntityCrudRepository<Target, TargetID>>
  implements HasOneRepository<Target> {
  constructor(
    public getTargetRepository: Getter<TargetRepository>,
    public constraint: DataObject<Target>,
  ) {}

  async create(targetModelData: DataObject<Target>, options?: Options): Promise<Target> {
    const repo = await this.getTargetRepository();
    const data = constrainDataObject(targetModelData, this.constraint);
    const existing = await repo.count(this.constraint as never, options);
    if (existing.count > 0) throw new HasOneAlreadyExistsError(repo.entityClass.modelName);
    return repo.create(data, options);
  }

  async get(filter?: Filter<Target>, options?: Options): Promise<Target> {
    const repo = await this.getTargetRepository();
    const found = await repo.find({...constrainFilter(filter, this.constraint), limit: 1}, options);
    if (!found.length) {
      throw new EntityNotFoundError(repo.entityClass, `constraint ${JSON.stringify(this.constraint)}`);
    }
    return found[0];
  }

  async delete(options?: Options): Promise<Count> {
    const repo = await this.getTargetRepository();
    return repo.deleteAll(this.constraint as never, options);
  }

  async patch(dataObject: DataObject<Target>, options?: Options): Promise<Count> {
    const repo = await this.getTargetRepository();
    return repo.updateAll(constrainDataObject(dataObject, this.constraint), this.constraint as never, options);
  }
}
