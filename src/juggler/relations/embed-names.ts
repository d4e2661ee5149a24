import {camelize} from '../naming';
import type {PersistedModelClass} from '../persisted-model';
import {checkRelationName, InvalidJugglerRelationError} from './define-relation';
import type {JugglerRelationParams} from './relation-definition';

/**
 * The relation name and storage property of an embed relation, with
 * LoopBack 3's defaults: embedsOne `Address` → relation `addressItem`,
 * property `address`; embedsMany `EmailAddress` → relation
 * `emailAddressList`, property `emailAddresses` (camelized plural).
 *
 * Both must differ from each other, and the relation name from every
 * property of the owner. LoopBack 3 silently renames a clashing property to
 * `_<name>`; relata refuses the definition instead, so no data ends up
 * under a name nobody asked for.
 */
export function embedNames(
  type: 'embedsOne' | 'embedsMany', source: PersistedModelClass, Target: PersistedModelClass,
  params: JugglerRelationParams,
): {name: string; property: string} {
  const many = type === 'embedsMany';
  const name = params.as ?? camelize(Target.modelName) + (many ? 'List' : 'Item');
  const property = params.property ?? camelize(many ? Target.pluralModelName : Target.modelName);
  if (name === property) {
    throw new InvalidJugglerRelationError(
      `${type} relation "${name}" of model ${source.modelName} has the same name as its storage property ` +
      `"${property}"; give the relation (as) or the property (property) another name`,
      'RELATION_NAME_CONFLICT');
  }
  if (source.relations?.[property]) {
    throw new InvalidJugglerRelationError(
      `${type} relation "${name}" of model ${source.modelName}: its storage property "${property}" ` +
      `is the name of the relation "${property}"`, 'RELATION_NAME_CONFLICT');
  }
  checkRelationName(source, name);
  return {name, property};
}
