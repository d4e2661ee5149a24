import {RelataError} from '../common/errors';
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

/** A model used before `ds.attach(Model)` / `ds.createModel(…)` (500: a programming error). */
export class ModelNotAttachedError extends RelataError {
  constructor(modelName: string) {
    super(`Model ${modelName} is not attached to a data source`, 'NOT_ATTACHED', 500);
  }
}

/** The repository of an attached model; a {@link ModelNotAttachedError} for a model with no data source. */
export function repositoryOf(model: PersistedModelClass): JugglerRepository {
  const repo = repositories.get(model);
  if (!repo) throw new ModelNotAttachedError(model.modelName);
  return repo;
}

export function hasRepository(model: Function): boolean {
  return repositories.has(model);
}

/**
 * Tells the connector of an attached model that its definition changed (a
 * property added after attach: a relation's foreign key, an embed's storage
 * property), so a store that maps columns (SQL) knows the new property.
 */
export function refreshConnectorDefinition(model: PersistedModelClass): void {
  const connector = model.dataSource?.connector as {define?: (definition: unknown) => void} | undefined;
  if (typeof connector?.define === 'function') connector.define(model.definition);
}
