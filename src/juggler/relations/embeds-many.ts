// Placeholder registered until the embedsMany adapter lands (being written now).
import {InvalidJugglerRelationError, registerRelationDefiner} from './define-relation';

registerRelationDefiner('embedsMany', () => {
  throw new InvalidJugglerRelationError('embedsMany is not available yet');
});
