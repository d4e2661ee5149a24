import {AnyObject, Options} from '../../common/types';
import {Inclusion} from '../../filter/types';
import {Entity} from '../../model/model';
import {InclusionResolver} from '../../relations/inclusion-resolver';
import {createReferencesManyAccessor} from '../../relations/references-many/references-many-accessor';
import {RelationType} from '../../relations/relation-types';
import {camelize, pluralize} from '../naming';
import {PersistedModel, PersistedModelClass} from '../persisted-model';
import {repositoryOf} from '../model-registry';
import {bindEngineRelation} from './bind-engine-relation';
import {includeScopeOf} from './through-collection';
import {throughFacadeGetter} from './through-facade';
import {checkRelationName, InvalidJugglerRelationError, registerRelationDefiner} from './define-relation';
import {buildReferencesManyAccessor, duplicateIdsMessage, hasDuplicateIds} from './references-many-accessor';
import {installRelationAccessor} from './relation-accessor';
import {JugglerRelationDefinition, JugglerRelationParams} from './relation-definition';
import {mergeQuery} from './relation-options';
import {installPrototypeHelpers} from './prototype-helpers';
import {ensureProperty, registerCustomMethods} from './relation-support';

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
  checkRelationName(source, name);
  const keyTo = Target.getIdName();
  const keyFrom = params.foreignKey || camelize(Target.modelName + '_ids');
  if (keyFrom === name) {
    throw new InvalidJugglerRelationError(
      `Relation "${name}" of model ${source.modelName} has the same name as its foreign key property; ` +
      'a relation name must differ from the properties it references', 'RELATION_NAME_CONFLICT');
  }
  const idType = Target.definition.properties[keyTo]?.type ?? 'number';
  ensureProperty(source, keyFrom, {type: 'array', itemType: idType, default: []});
  const relation = new JugglerRelationDefinition({
    name, type: 'referencesMany', modelFrom: source, keyFrom, modelTo: Target, keyTo, multiple: true,
    options: params.options ?? {}, scope: params.scope, properties: params.properties,
  });
  const metadata = {
    type: RelationType.referencesMany, targetsMany: true as const, name,
    source, target: () => Target, keyFrom, keyTo,
  };
  bindEngineRelation(source, metadata, () => referencesManyInclusionResolver(relation, metadata));
  registerCustomMethods(relation, params);
  installRelationAccessor(source, name, instance => buildReferencesManyAccessor(instance, relation),
    {methods: () => relation.methods});
  // LoopBack 3 gives referencesMany the hasMany helpers but `__exists__`, plus link/unlink.
  installPrototypeHelpers(source, name, {
    get: '', create: 'create', delete: 'destroyAll', update: 'updateAll', findOne: 'findOne', count: 'count',
    findById: 'findById', destroyById: 'destroyById', updateById: 'updateById', link: 'add', unlink: 'remove',
  });
  registerDuplicateValidation(source, relation);
  return relation;
}

/**
 * The engine's referencesMany inclusion resolver (one query for every
 * source's ids, each list in id order), with the relation scope merged into
 * the inclusion scope and `options.disableInclude` honoured.
 */
function referencesManyInclusionResolver(
  relation: JugglerRelationDefinition, metadata: AnyObject,
): InclusionResolver<Entity, Entity> {
  const source = relation.modelFrom;
  const engine = createReferencesManyAccessor<PersistedModel, unknown, PersistedModel, unknown>(
    metadata as never, throughFacadeGetter(relation.modelTo!) as never,
    {findById: (id, filter, options) => repositoryOf(source).findById(id, filter, options)});
  const resolver = async (entities: Entity[], inclusion: Inclusion, options?: Options) => {
    if (relation.options?.disableInclude) return entities.map(() => undefined);
    const scope = includeScopeOf(relation, inclusion);
    const merged = scope ? {...inclusion, scope: mergeQuery(inclusion.scope as AnyObject | undefined, scope)} : inclusion;
    const found = await engine.inclusionResolver(entities, merged as Inclusion, options);
    return Array.from(found as unknown[], list => list ?? []) as Entity[][];
  };
  return resolver as InclusionResolver<Entity, Entity>;
}

/**
 * LoopBack 3 validates the id list on every save of the source. When the
 * model has LoopBack 3's `validate(name, fn, options)` (the validation API
 * of the juggler face), the check is registered there too; the relation's
 * own writes always check it (see the accessor).
 */
function registerDuplicateValidation(source: PersistedModelClass, relation: JugglerRelationDefinition): void {
  const validate = (source as unknown as AnyObject).validate;
  if (typeof validate !== 'function') return;
  const message = duplicateIdsMessage(relation);
  validate.call(source, relation.name, function (this: AnyObject, err: (fail?: boolean) => void) {
    if (!hasDuplicateIds(this[relation.keyFrom])) return;
    if (this.errors && typeof this.errors.add === 'function') {
      this.errors.add(relation.name, message, 'uniqueness');
      err(false);
    } else {
      err();
    }
  }, {code: 'uniqueness', message});
}

registerRelationDefiner('referencesMany', defineReferencesMany);
