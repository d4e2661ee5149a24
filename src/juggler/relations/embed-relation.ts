import {AnyObject, Options} from '../../common/types';
import {Entity} from '../../model/model';
import {PropertyDefinition} from '../../model/property-definition';
import {InclusionResolver} from '../../relations/inclusion-resolver';
import {RelationType} from '../../relations/relation-types';
import {isDataObject} from '../argument-checks';
import {camelize} from '../naming';
import type {PersistedModel, PersistedModelClass} from '../persisted-model';
import {bindEngineRelation} from './bind-engine-relation';
import {checkRelationName, createRelationDefinition} from './define-relation';
import {embeddedIdName} from './embed-ids';
import {installEmbedStorage} from './embed-storage';
import {registerEmbedValidations} from './embed-validation';
import {installPrototypeHelpers} from './prototype-helpers';
import {installRelationAccessor} from './relation-accessor';
import type {JugglerRelationDefinition, JugglerRelationParams} from './relation-definition';
import {InvalidJugglerRelationError} from './relation-errors';

/** Reads an owner's embedded data as the relation accessor does, with an optional filter. */
export type EmbeddedReader = (owner: PersistedModel, filter: AnyObject | undefined, options?: Options) => Promise<unknown>;

/** What embedsOne and embedsMany each bring to {@link defineEmbedRelation}. */
export interface EmbedRelationSpec {
  /** The storage property's type and default (`options.property` is merged under it). */
  storage: Partial<PropertyDefinition>;
  /** More of the definition (embedsMany: `uniqueIds`). */
  extra?: Partial<JugglerRelationDefinition>;
  /** How the accessor and includes read the embedded data. */
  read(relation: JugglerRelationDefinition): EmbeddedReader;
  /** Builds the accessor of one owner. */
  accessor(owner: PersistedModel, relation: JugglerRelationDefinition, read: EmbeddedReader): Function;
  /** LoopBack 3's prototype helpers of the type. */
  helpers: {[operation: string]: string};
}

/**
 * Defines an embedsOne/embedsMany relation: LoopBack 3's names (see
 * `embedNames`), the storage property on the owner (typed with the
 * embedded model; a JSON column on SQL), the relation's validations of the
 * owner, its place in the shared engine (see `bindEmbedRelation`), the
 * accessor and the prototype helpers.
 */
export function defineEmbedRelation(
  type: 'embedsOne' | 'embedsMany', source: PersistedModelClass, Target: PersistedModelClass,
  params: JugglerRelationParams, spec: EmbedRelationSpec,
): JugglerRelationDefinition {
  const {name, property} = embedNames(type, source, Target, params);
  const relation = createRelationDefinition(params, {
    name, type, modelFrom: source, keyFrom: property, modelTo: Target, keyTo: embeddedIdName(Target),
    multiple: type === 'embedsMany', embed: true, ...spec.extra,
  });
  const declared = relation.options.property;
  installEmbedStorage(relation, {...(isDataObject(declared) ? declared : {}), ...spec.storage});
  registerEmbedValidations(relation);
  const read = spec.read(relation);
  bindEmbedRelation(relation, read);
  installRelationAccessor(source, name, owner => spec.accessor(owner as PersistedModel, relation, read), {
    methods: () => relation.methods,
  });
  installPrototypeHelpers(source, name, spec.helpers);
  return relation;
}

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
function embedNames(
  type: 'embedsOne' | 'embedsMany', source: PersistedModelClass, Target: PersistedModelClass,
  params: JugglerRelationParams,
): {name: string; property: string} {
  const many = type === 'embedsMany';
  const name = params.as ?? camelize(Target.modelName) + (many ? 'List' : 'Item');
  const property = params.property || camelize(many ? Target.pluralModelName : Target.modelName);
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

/**
 * Records an embed relation in the shared engine (its metadata on the owner
 * definition, so writes reject the relation name as navigational data) and
 * makes it includable: the data is already in each owner, so including it
 * just reads it through the accessor's logic (`include: 'addressItem'`,
 * `{relation: 'emailAddressList', scope: {where: …, include: …}}`), which
 * lands it in the owner's related-data cache as LoopBack 3 does. With
 * `options.disableInclude` the inclusion yields nothing.
 */
function bindEmbedRelation(relation: JugglerRelationDefinition, read: EmbeddedReader): void {
  const metadata = {
    type: relation.multiple ? RelationType.embedsMany : RelationType.embedsOne,
    targetsMany: relation.multiple, name: relation.name, source: relation.modelFrom,
    target: () => relation.modelTo, keyFrom: relation.keyFrom, keyTo: relation.keyTo,
  };
  const resolver = async (entities: Entity[], inclusion: {scope?: AnyObject}, options?: Options) => {
    if (relation.options.disableInclude) return entities.map(() => undefined);
    return Promise.all(entities.map(e => read(e as PersistedModel, inclusion.scope, options)));
  };
  bindEngineRelation(relation.modelFrom, metadata, () => resolver as unknown as InclusionResolver<Entity, Entity>);
}
