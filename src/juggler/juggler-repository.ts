import {DefaultCrudRepository} from '../repository/default-crud-repository';
import type {PersistedModel} from './persisted-model';

/**
 * The LoopBack 4 repository a LoopBack 3 model class runs on: the same CRUD,
 * include planner and relation factories as the LoopBack 4 face. The model
 * class statics and prototype accessors are adapters over it.
 */
export class JugglerRepository extends DefaultCrudRepository<PersistedModel, unknown, object> {}
