import {AnyObject} from '../../common/types';
import {createReferencesManyAccessor} from '../../relations/references-many/references-many-accessor';
import {RelationType} from '../../relations/relation-types';
import {repositoryOf} from '../model-registry';
import {camelize, pluralize} from '../naming';
import {PersistedModel, PersistedModelClass} from '../persisted-model';
import {bindEngineRelation} from './bind-engine-relation';
import {checkRelationName, createRelationDefinition, registerRelationDefiner} from './define-relation';
import {ensureProperty, keyType} from './key-properties';
import {listInclusionResolver} from './list-inclusion-resolver';
import {installPrototypeHelpers, REFERENCES_MANY_HELPERS} from './prototype-helpers';
import {buildReferencesManyAccessor, duplicateIdsMessage, hasDuplicateIds} from './references-many-accessor';
import {installRelationAccessor} from './relation-accessor';
import {JugglerRelationDefinition, JugglerRelationParams} from './relation-definition';
import {throughFacadeGetter} from './through-facade';

/**
 * LoopBack 3 referencesMany: `Customer.referencesMany(Account)`. The source
 * keeps the target ids in an array property (`accountIds`, default
 * camelize(Target + '_ids'), declared as `[<id type>]` defaulting to `[]`;
 * SQL stores it as JSON text); the relation is named after the target's
 * plural (`accounts`). Duplicate ids are rejected with LoopBack 3's
 * validation error (`contains duplicate \`Account\` instance`).
 *
 * ```js
 * Customer.referencesMany(Account);
 * const account = await customer.accounts.create({name: 'savings'});  // saves customer.accountIds too
 * const accounts = await customer.accounts();                          // in accountIds order
 * ```
 */
export function defineReferencesMany(
  source: PersistedModelClass, target: PersistedModelClass | undefined, params: JugglerRelationParams,
): JugglerRelationDefinition {
  const Target = target!;
  const name = params.as ?? camelize(Target.pluralModelName ?? pluralize(Target.modelName));
  const keyTo = Target.getIdName();
  const keyFrom = params.foreignKey || camelize(Target.modelName + '_ids');
  checkRelationName(source, name, [keyFrom]);
  ensureProperty(source, keyFrom, {type: 'array', itemType: keyType(Target, keyTo), default: []});
  const relation = createRelationDefinition(params, {
    name, type: 'referencesMany', modelFrom: source, keyFrom, modelTo: Target, keyTo, multiple: true,
  });
  const metadata = {
    type: RelationType.referencesMany, targetsMany: true as const, name,
    source, target: () => Target, keyFrom, keyTo,
  };
  // The engine's resolver loads every source's ids in one query, each list in id order.
  bindEngineRelation(source, metadata, () => {
    const engine = createReferencesManyAccessor<PersistedModel, unknown, PersistedModel, unknown>(
      metadata as never, throughFacadeGetter(Target) as never,
      {findById: (id, filter, options) => repositoryOf(source).findById(id, filter, options)});
    return listInclusionResolver(relation, () => engine.inclusionResolver);
  });
  installRelationAccessor(source, name, instance => buildReferencesManyAccessor(instance, relation),
    {methods: () => relation.methods});
  installPrototypeHelpers(source, name, REFERENCES_MANY_HELPERS);
  registerDuplicateValidation(source, relation);
  return relation;
}

/**
 * LoopBack 3 validates the id list on every save of the source: a
 * validation of the source model, beside the check the relation's own
 * writes make (see the accessor).
 */
function registerDuplicateValidation(source: PersistedModelClass, relation: JugglerRelationDefinition): void {
  const message = duplicateIdsMessage(relation);
  source.validate(relation.name, function (this: AnyObject, fail: (kind?: false) => void) {
    if (!hasDuplicateIds(this[relation.keyFrom])) return;
    this.errors.add(relation.name, message, 'uniqueness');
    fail(false);
  }, {code: 'uniqueness', message});
}

registerRelationDefiner('referencesMany', defineReferencesMany);
