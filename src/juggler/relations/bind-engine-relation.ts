import {Getter} from '../../context/getter';
import {Entity} from '../../model/model';
import {InclusionResolver} from '../../relations/inclusion-resolver';
import {RelationMetadata} from '../../relations/relation-types';
import {EntityCrudRepository} from '../../repository/repository';
import {hasRepository, repositoryOf} from '../model-registry';
import {PersistedModel, PersistedModelClass} from '../persisted-model';
import {JugglerRepository} from '../juggler-repository';

const resolverFactories = new WeakMap<Function, Map<string, () => InclusionResolver<Entity, Entity>>>();

/** A lazy getter of a model's repository: the model may be attached after the relation is defined. */
export function repositoryGetter(model: PersistedModelClass): Getter<EntityCrudRepository<PersistedModel, unknown>> {
  return async () => repositoryOf(model) as unknown as EntityCrudRepository<PersistedModel, unknown>;
}

/**
 * Records a LoopBack 3 relation in the shared engine: its LoopBack 4
 * metadata goes on the model definition (the include planner reads it) and
 * its inclusion resolver is registered on the model's repository, now or
 * when the model is attached. A relation defined again under the same name
 * replaces the earlier one (LoopBack 3 code redefines relations freely).
 */
export function bindEngineRelation(
  source: PersistedModelClass,
  metadata: RelationMetadata,
  makeResolver: () => InclusionResolver<Entity, Entity>,
): void {
  source.definition.relations[metadata.name] = metadata;
  let map = resolverFactories.get(source);
  if (!map) {
    map = new Map();
    resolverFactories.set(source, map);
  }
  map.set(metadata.name, makeResolver);
  if (hasRepository(source)) {
    const repository = repositoryOf(source);
    repository.registerInclusionResolver(metadata.name, makeResolver() as never);
    registerResolvers(source, repository);
  }
}

/** Registers every relation's inclusion resolver of `model` on `repository` (called on attach). */
export function registerResolvers(model: PersistedModelClass, repository: JugglerRepository): void {
  const map = resolverFactories.get(model);
  if (!map) return;
  for (const [name, make] of map) {
    if (!repository.inclusionResolvers.has(name)) repository.registerInclusionResolver(name, make() as never);
  }
}
