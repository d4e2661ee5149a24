import {AnyObject, Count, Options} from '../../common/types';
import {Getter} from '../../context/getter';
import {EntityCrudRepository} from '../../repository/repository';
import {PersistedModel, PersistedModelClass} from '../persisted-model';

/**
 * The part of a repository the LoopBack 4 constrained repositories (hasMany,
 * hasOne) use, answered by a LoopBack 3 model class's own methods
 * (`Model.find`, `Model.create`, …). Relation methods built on it behave as
 * LoopBack 3's do: each read and write goes through the model API (its
 * hooks, its include handling), while the relation logic (constraints,
 * the one-target rule of hasOne) stays the shared engine's.
 */
export function modelFacade(model: PersistedModelClass): EntityCrudRepository<PersistedModel, unknown> {
  const facade = {
    entityClass: model,
    find: (filter?: AnyObject, options?: Options) => model.find(filter, options),
    findOne: (filter?: AnyObject, options?: Options) => model.findOne(filter, options),
    create: (data: AnyObject, options?: Options) => model.create(data, options),
    count: async (where?: AnyObject, options?: Options): Promise<Count> => ({count: await model.count(where, options)}),
    deleteAll: (where?: AnyObject, options?: Options) => model.destroyAll(where ?? {}, options),
    updateAll: (data: AnyObject, where?: AnyObject, options?: Options) => model.updateAll(where ?? {}, data, options),
  };
  return facade as unknown as EntityCrudRepository<PersistedModel, unknown>;
}

/** A getter of {@link modelFacade} (what the LoopBack 4 relation factories take). */
export function modelFacadeGetter(model: PersistedModelClass): Getter<EntityCrudRepository<PersistedModel, unknown>> {
  const facade = modelFacade(model);
  return async () => facade;
}
