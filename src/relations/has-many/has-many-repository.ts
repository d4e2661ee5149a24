import {Count, DataObject, Options} from '../../common/types';
import {Getter} from '../../context/getter';
import {Filter, Where} from '../../filter/types';
import {Entity} from '../../model/model';
import {EntityCrudRepository} from '../../repository/repository';
import {constrainDataObject, constrainFilter, constrainWhere} from '../constraint-utils';

/** The targets of one source in a hasMany relation: `customerRepo.orders(id)`. */
export interface HasManyRepository<Target extends Entity> {
  /** Creates a target with the foreign key set to the source. */
  create(targetModelData: DataObject<Target>, options?: Options): Promise<Target>;
  /** Finds the source's targets; `filter.where` is ANDed with the relation constraint. */
  find(filter?: Filter<Target>, options?: Options): Promise<Target[]>;
  /** Deletes the source's targets matching `where`. */
  delete(where?: Where<Target>, options?: Options): Promise<Count>;
  /** Patches the source's targets matching `where`. */
  patch(dataObject: DataObject<Target>, where?: Where<Target>, options?: Options): Promise<Count>;
}

/** A repository constrained to the targets of one source. */
export class DefaultHasManyRepository<Target extends Entity, TargetID, TargetRepository extends EntityCrudRepository<Target, TargetID>>
  implements HasManyRepository<Target> {
  constructor(
    public getTargetRepository: Getter<TargetRepository>,
    public constraint: DataObject<Target>,
  ) {}

  async create(targetModelData: DataObject<Target>, options?: Options): Promise<Target> {
    const repo = await this.getTargetRepository();
    return repo.create(constrainDataObject(targetModelData, this.constraint), options);
  }

  async find(filter?: Filter<Target>, options?: Options): Promise<Target[]> {
    const repo = await this.getTargetRepository();
    return repo.find(constrainFilter(filter, this.constraint), options);
  }

  async delete(where?: Where<Target>, options?: Options): Promise<Count> {
    const repo = await this.getTargetRepository();
    return repo.deleteAll(constrainWhere(where, this.constraint), options);
  }

  async patch(dataObject: DataObject<Target>, where?: Where<Target>, options?: Options): Promise<Count> {
    const repo = await this.getTargetRepository();
    return repo.updateAll(constrainDataObject(dataObject, this.constraint), constrainWhere(where, this.constraint), options);
  }
}
