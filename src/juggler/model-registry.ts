import type {PersistedModelClass} from './persisted-model';
import type {JugglerRepository} from './juggler-repository';

/**
 * The repository behind each attached LoopBack 3 model class. Kept outside
 * the class so user statics can never collide with it.
 */
const repositories = new WeakMap<Function, JugglerRepository>();

export function setRepository(model: PersistedModelClass, repository: JugglerRepository): void {
  repositories.set(model, repository);
}

/** The repository of an attached model; a clear error for a model with no data source. */
export function repositoryOf(model: PersistedModelClass): JugglerRepository {
  const repo = repositories.get(model);
  if (!repo) {
    const err = new Error(`Model ${model.modelName} is not attached to a data source`) as Error & {statusCode?: number};
    err.statusCode = 500;
    throw err;
  }
  return repo;
}

export function hasRepository(model: Function): boolean {
  return repositories.has(model);
}
