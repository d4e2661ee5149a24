// Placeholder registered until the embedsOne adapter lands (being written now).
import {InvalidJugglerRelationError, registerRelationDefiner} from './define-relation';

registerRelationDefiner('embedsOne', () => {
  throw new InvalidJugglerRelationError('embedsOne is not available yet');
});
