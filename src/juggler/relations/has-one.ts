// Placeholder registered until the hasOne adapter lands (being written now).
import {InvalidJugglerRelationError, registerRelationDefiner} from './define-relation';

registerRelationDefiner('hasOne', () => {
  throw new InvalidJugglerRelationError('hasOne is not available yet');
});
