import {AnyObject, Options} from '../../common/types';
import {Entity} from '../../model/model';
import {InclusionResolver} from '../../relations/inclusion-resolver';
import {RelationType} from '../../relations/relation-types';
import {PersistedModel} from '../persisted-model';
import {bindEngineRelation} from './bind-engine-relation';
import type {JugglerRelationDefinition} from './relation-definition';

/** Reads an owner's embedded data as the relation accessor does, with an optional filter. */
export type EmbeddedReader = (owner: PersistedModel, filter: AnyObject | undefined, options?: Options) => Promise<unknown>;

/**
 * Records an embed relation in the shared engine (its metadata on the owner
 * definition, so writes reject the relation name as navigational data) and
 * makes it includable: the data is already in each owner, so including it
 * just reads it through the accessor's logic (`include: 'addressItem'`,
 * `{relation: 'emailAddressList', scope: {where: …, include: …}}`), which
 * lands it in the owner's related-data cache as LoopBack 3 does. With
 * `options.disableInclude` the inclusion yields nothing.
 */
export function bindEmbedRelation(relation: JugglerRelationDefinition, read: EmbeddedReader): void {
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
