// Placeholder registered until the hasAndBelongsToMany adapter lands (being written now).
import {InvalidJugglerRelationError, registerRelationDefiner} from './define-relation';

registerRelationDefiner('hasAndBelongsToMany', () => {
  throw new InvalidJugglerRelationError('hasAndBelongsToMany is not available yet');
});
