import {AnyObject, Options} from '../../common/types';
import {Inclusion} from '../../filter/types';
import {Entity} from '../../model/model';
import {InclusionResolver} from '../../relations/inclusion-resolver';
import {JugglerRelationDefinition} from './relation-definition';
import {mergeQuery, resolveIncludeScope} from './relation-options';

/**
 * The inclusion resolver of a to-many relation whose include runs through
 * the models' LoopBack 3 methods (hasMany through, referencesMany): the
 * engine's resolver (`engineResolver()`, built when first needed), with
 * the relation scope merged into the inclusion scope, `options.disableInclude`
 * honoured (the relation is then left out silently), and `[]` for a source
 * without targets, as LoopBack 3 leaves it.
 */
export function listInclusionResolver(
  relation: JugglerRelationDefinition, engineResolver: () => InclusionResolver<Entity, Entity>,
): InclusionResolver<Entity, Entity> {
  const resolver = async (entities: Entity[], inclusion: Inclusion, options?: Options) => {
    if (relation.options?.disableInclude) return entities.map(() => undefined);
    const scope = resolveIncludeScope(relation, inclusion.scope as AnyObject | undefined);
    const merged = scope ? {...inclusion, scope: mergeQuery(inclusion.scope as AnyObject | undefined, scope)} : inclusion;
    const found = await engineResolver()(entities, merged as Inclusion, options);
    return Array.from(found as unknown[], list => list ?? []) as Entity[][];
  };
  return resolver as InclusionResolver<Entity, Entity>;
}
