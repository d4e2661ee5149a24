// Placeholder until the hasMany-through adapter lands (being written now).
import {PersistedModelClass} from '../persisted-model';
import {InvalidJugglerRelationError} from './define-relation';
import {JugglerRelationDefinition, JugglerRelationParams} from './relation-definition';

export function defineHasManyThrough(
  _source: PersistedModelClass, _target: PersistedModelClass | undefined, _params: JugglerRelationParams,
): JugglerRelationDefinition {
  throw new InvalidJugglerRelationError('hasMany through is not available yet');
}
