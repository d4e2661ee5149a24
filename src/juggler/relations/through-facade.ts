import {AnyObject, Options} from '../../common/types';
import {Getter} from '../../context/getter';
import {EntityCrudRepository} from '../../repository/repository';
import {hasRepository, repositoryOf} from '../model-registry';
import {PersistedModel, PersistedModelClass} from '../persisted-model';
import {modelFacade} from './model-facade';

/**
 * The repository the LoopBack 4 hasMany-through and referencesMany engines
 * use for a LoopBack 3 model: its reads and writes go through the model's
 * own methods (`Model.find`, `Model.create`, … with LoopBack 3's hooks,
 * validation, default scope and include handling), and it also answers what
 * those engines read from a repository besides CRUD: the data source (so a
 * multi-step write runs in one transaction on SQL), `delete`/`createAll`
 * (to undo a failed step on stores without transactions) and the store's
 * list limits.
 */
function throughFacade(model: PersistedModelClass): EntityCrudRepository<PersistedModel, unknown> {
  const facade = modelFacade(model) as unknown as AnyObject;
  const real = () => (hasRepository(model) ? repositoryOf(model) as unknown as AnyObject : undefined);
  Object.defineProperties(facade, {
    dataSource: {get: () => model.dataSource, enumerable: false},
    maxInqSize: {get: () => real()?.maxInqSize, enumerable: false},
    supportsPartitionedFind: {get: () => real()?.supportsPartitionedFind, enumerable: false},
  });
  facade.delete = async (entity: AnyObject, options?: Options) => {
    await model.destroyById(entity[model.getIdName()], options);
  };
  facade.deleteById = async (id: unknown, options?: Options) => {
    await model.destroyById(id, options);
  };
  facade.createAll = (rows: AnyObject[], options?: Options) => model.create(rows, options);
  return facade as unknown as EntityCrudRepository<PersistedModel, unknown>;
}

/** A getter of {@link throughFacade}, built once (what the engine factories take). */
export function throughFacadeGetter(model: PersistedModelClass): Getter<EntityCrudRepository<PersistedModel, unknown>> {
  let facade: EntityCrudRepository<PersistedModel, unknown> | undefined;
  return async () => (facade ??= throughFacade(model));
}
