// Placeholder registered until the referencesMany adapter lands (being written now).
import {InvalidJugglerRelationError, registerRelationDefiner} from './define-relation';

registerRelationDefiner('referencesMany', () => {
  throw new InvalidJugglerRelationError('referencesMany is not available yet');
});
