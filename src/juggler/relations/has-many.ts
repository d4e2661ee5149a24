import {withCallback} from '../../common/callback';
import {AnyObject, Options} from '../../common/types';
import {Entity} from '../../model/model';
import {createHasManyRepositoryFactory} from '../../relations/has-many/has-many-repository-factory';
import {RelationType} from '../../relations/relation-types';
import {EntityCrudRepository} from '../../repository/repository';
import {splitArgs} from '../callback-args';
import {camelize, pluralize} from '../naming';
import {cachedRelations, PersistedModel, PersistedModelClass} from '../persisted-model';
import {repositoryOf} from '../model-registry';
import {bindEngineRelation, repositoryGetter} from './bind-engine-relation';
import {checkRelationName, registerRelationDefiner} from './define-relation';
import {defineHasManyThrough} from './has-many-through';
import {installRelationAccessor} from './relation-accessor';
import {JugglerRelationDefinition, JugglerRelationParams} from './relation-definition';

/**
 * LoopBack 3 hasMany: `Customer.hasMany(Order, {as, foreignKey, primaryKey})`.
 * Name defaults to the camelized plural of the target (`orders`), the key to
 * camelize(source + '_id') (`customerId`), defined on the target when missing.
 */
export function defineHasMany(
  source: PersistedModelClass, target: PersistedModelClass | undefined, params: JugglerRelationParams,
): JugglerRelationDefinition {
  if (params.through) return defineHasManyThrough(source, target, params);
  const Target = target!;
  const name = params.as ?? camelize(pluralize(Target.modelName));
  checkRelationName(source, name);
  const keyFrom = params.primaryKey ?? source.getIdName();
  const keyTo = params.foreignKey || camelize(source.modelName + '_id');
  if (!Target.definition.properties[keyTo]) {
    const idType = source.definition.properties[keyFrom]?.type ?? 'number';
    Target.definition.addProperty(keyTo, {type: idType});
  }
  const relation = new JugglerRelationDefinition({
    name, type: 'hasMany', modelFrom: source, keyFrom, modelTo: Target, keyTo, multiple: true,
    options: params.options ?? {}, scope: params.scope, properties: params.properties,
  });
  const metadata = {
    type: RelationType.hasMany, targetsMany: true as const, name,
    source, target: () => Target, keyFrom, keyTo,
  };
  const factory = createHasManyRepositoryFactory<PersistedModel, unknown, unknown>(metadata, repositoryGetter(Target) as never);
  bindEngineRelation(source, metadata, () => factory.inclusionResolver as never);
  installRelationAccessor(source, name, instance => buildHasManyAccessor(instance, relation, factory));
  return relation;
}

function buildHasManyAccessor(
  instance: AnyObject, relation: JugglerRelationDefinition,
  factory: ReturnType<typeof createHasManyRepositoryFactory<PersistedModel, unknown, unknown>>,
): Function {
  const {name, keyFrom} = relation;
  const constrained = () => factory(instance[keyFrom]);
  const Target = relation.modelTo!;
  const accessor = function (...args: unknown[]) {
    if (args.length === 0) return cachedRelations(instance)[name];
    const {values: [filterOrRefresh, options], cb} = splitArgs(args, 2);
    const filter = typeof filterOrRefresh === 'object' && filterOrRefresh ? filterOrRefresh as AnyObject : undefined;
    const useCache = filterOrRefresh === undefined || filterOrRefresh === false;
    const cache = cachedRelations(instance);
    const run = (async () => {
      if (useCache && cache[name] !== undefined) return cache[name];
      const found = await constrained().find(filter, options as Options);
      if (!filter) cache[name] = found;
      return found;
    })();
    return withCallback(run, cb);
  } as AnyObject;
  accessor.find = (...args: unknown[]) => {
    const {values: [filter, options], cb} = splitArgs(args, 2);
    return withCallback(constrained().find(filter as AnyObject, options as Options), cb);
  };
  accessor.create = (...args: unknown[]) => {
    const {values: [data, options], cb} = splitArgs(args, 2);
    return withCallback(constrained().create((data ?? {}) as AnyObject, options as Options), cb);
  };
  accessor.build = (data?: AnyObject) => new Target({...data, [relation.keyTo]: instance[keyFrom]});
  accessor.count = (...args: unknown[]) => {
    const {values: [where, options], cb} = splitArgs(args, 2);
    const run = (repositoryOf(Target) as unknown as EntityCrudRepository<Entity, unknown>)
      .count({and: [where ?? {}, {[relation.keyTo]: instance[keyFrom]}]} as AnyObject, options as Options)
      .then(c => c.count);
    return withCallback(run, cb);
  };
  accessor.destroyAll = (...args: unknown[]) => {
    const {values: [where, options], cb} = splitArgs(args, 2);
    return withCallback(constrained().delete(where as AnyObject, options as Options), cb);
  };
  return accessor as unknown as Function;
}

registerRelationDefiner('hasMany', defineHasMany);
