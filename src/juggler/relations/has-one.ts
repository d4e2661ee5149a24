import {AnyObject, Options} from '../../common/types';
import {Entity} from '../../model/model';
import {constrainFilter, imposeWhere} from '../../relations/constraint-utils';
import {
  createHasOneInclusionResolver, createHasOneRepositoryFactory,
} from '../../relations/has-one/has-one-repository-factory';
import {DefaultHasOneRepository, HasOneRepository} from '../../relations/has-one/has-one-repository';
import {InclusionResolver} from '../../relations/inclusion-resolver';
import {RelationType} from '../../relations/relation-types';
import {EntityCrudRepository} from '../../repository/repository';
import {callbackOrPromise} from '../callback-args';
import {camelize} from '../naming';
import {cachedRelations, PersistedModel, PersistedModelClass} from '../persisted-model';
import {bindEngineRelation, repositoryGetter} from './bind-engine-relation';
import {createRelationDefinition, registerRelationDefiner} from './define-relation';
import {requireSavedSource} from './key-properties';
import {modelFacadeGetter} from './model-facade';
import {HAS_ONE_HELPERS, installPrototypeHelpers} from './prototype-helpers';
import {installRelationAccessor} from './relation-accessor';
import {JugglerRelationDefinition, JugglerRelationParams} from './relation-definition';
import {applyRelationScope, relationPayload} from './relation-options';
import {defineTargetForeignKey, targetConstraint} from './target-foreign-key';
import {toOneAccessor} from './to-one-accessor';

/**
 * LoopBack 3 hasOne: `Supplier.hasOne(Account, {as, foreignKey, primaryKey})`.
 * The name defaults to the camelized target name (`account`), the foreign
 * key to camelize(source + '_id') (`supplierId`), added to the target when
 * missing. A second `create` for the same source is refused with LoopBack
 * 3's message (`HasOne relation cannot create more than one instance of <Target>`).
 *
 * Polymorphic: `Article.hasOne(Picture, {as: 'packshot', polymorphic: 'imageable'})`
 * (or `{selector}`, `{foreignKey, discriminator}`): the target's
 * `imageableId` holds the key and `imageableType` the source model's name.
 *
 * Instances get `supplier.account(…)` with `get`, `create`, `build`,
 * `update` and `destroy` (see `HasOneAccessor` in accessor-types.ts).
 */
export function defineHasOne(
  source: PersistedModelClass, target: PersistedModelClass | undefined, params: JugglerRelationParams,
): JugglerRelationDefinition {
  const Target = target!;
  const name = params.as ?? camelize(Target.modelName);
  const {keyFrom, keyTo, polymorphic} = defineTargetForeignKey(source, Target, params, name);
  const relation = createRelationDefinition(params, {
    name, type: 'hasOne', modelFrom: source, keyFrom, modelTo: Target, keyTo, multiple: false,
    ...(polymorphic ? {polymorphic} : {}),
  });
  // LoopBack 4's own polymorphic hasOne keeps the type on the source; LoopBack 3's is on the target,
  // so the engine sees a plain hasOne and the discriminator joins the constraint.
  const metadata = {
    type: RelationType.hasOne, targetsMany: false as const, name,
    source, target: () => Target, keyFrom, keyTo, polymorphic: false,
  };
  const facade = modelFacadeGetter(Target);
  const factory = createHasOneRepositoryFactory<PersistedModel, unknown, unknown>(metadata, facade);
  const repositoryFor = (key: unknown): HasOneRepository<PersistedModel> => polymorphic
    ? new DefaultHasOneRepository<PersistedModel, unknown, EntityCrudRepository<PersistedModel, unknown>>(
      facade, {[keyTo]: key, [polymorphic.discriminator]: source.modelName}, () => Target as never)
    : factory(key);
  bindEngineRelation(source, metadata, () => {
    const resolver = createHasOneInclusionResolver(metadata, repositoryGetter(Target)) as InclusionResolver<Entity, Entity>;
    if (!polymorphic) return resolver;
    const typeConstraint = {[polymorphic.discriminator]: source.modelName};
    return (entities, inclusion, options) => resolver(entities, {
      ...inclusion, scope: {...inclusion.scope, where: imposeWhere(inclusion.scope?.where as AnyObject, typeConstraint)},
    }, options);
  });
  installRelationAccessor(source, name, instance => buildAccessor(instance, relation, repositoryFor), {
    methods: () => relation.methods,
  });
  installPrototypeHelpers(source, name, HAS_ONE_HELPERS);
  return relation;
}


function buildAccessor(
  instance: AnyObject, relation: JugglerRelationDefinition,
  repositoryFor: (key: unknown) => HasOneRepository<PersistedModel>,
): Function {
  const Target = relation.modelTo!;
  const sourceKey = () => instance[relation.keyFrom];
  const constraint = () => targetConstraint(relation, instance);

  const accessor = toOneAccessor(instance, relation, {
    kind: 'HasOne',
    async load(filter, options) {
      if (sourceKey() == null) return null;
      return Target.findOne(constrainFilter(applyRelationScope(relation, instance, filter ?? {}), constraint()), options);
    },
    assign(target) {
      Object.assign(target, constraint());
    },
    async destroy(target, options) {
      const result = await target.destroy(options);
      cachedRelations(instance)[relation.name] = undefined;
      return result;
    },
  });
  accessor.build = (data?: AnyObject) => new Target(relationPayload(relation, instance, data, constraint()));
  accessor.create = (...args: unknown[]) => callbackOrPromise(args, 2, async (data: unknown, options?: Options) => {
    requireSavedSource(instance, relation, 'create');
    const created = await repositoryFor(sourceKey()).create(relationPayload(relation, instance, data, constraint()), options);
    cachedRelations(instance)[relation.name] = created;
    return created;
  });
  return accessor as unknown as Function;
}

registerRelationDefiner('hasOne', defineHasOne);
