import {withCallback} from '../../common/callback';
import {AnyObject, Options} from '../../common/types';
import {createBelongsToAccessor} from '../../relations/belongs-to/belongs-to-accessor';
import {RelationType} from '../../relations/relation-types';
import {splitArgs} from '../callback-args';
import {camelize} from '../naming';
import {cachedRelations, PersistedModel, PersistedModelClass} from '../persisted-model';
import {repositoryOf} from '../model-registry';
import {bindEngineRelation, repositoryGetter} from './bind-engine-relation';
import {checkRelationName, registerRelationDefiner} from './define-relation';
import {installRelationAccessor} from './relation-accessor';
import {JugglerRelationDefinition, JugglerRelationParams} from './relation-definition';

/**
 * LoopBack 3 belongsTo: `Order.belongsTo(Customer, {as, foreignKey})`. Name
 * defaults to the camelized target name (`customer`), the key to
 * `<name>Id`, added to the source with the target id's type when missing.
 */
export function defineBelongsTo(
  source: PersistedModelClass, target: PersistedModelClass | undefined, params: JugglerRelationParams,
): JugglerRelationDefinition {
  const Target = target!;
  const name = params.as ?? camelize(Target.modelName);
  checkRelationName(source, name);
  const keyTo = params.primaryKey ?? Target.getIdName();
  const keyFrom = params.foreignKey || name + 'Id';
  if (!source.definition.properties[keyFrom]) {
    source.definition.addProperty(keyFrom, {type: Target.definition.properties[keyTo]?.type ?? 'number'});
  }
  const relation = new JugglerRelationDefinition({
    name, type: 'belongsTo', modelFrom: source, keyFrom, modelTo: Target, keyTo, multiple: false,
    options: params.options ?? {}, scope: params.scope, properties: params.properties,
  });
  const metadata = {
    type: RelationType.belongsTo, targetsMany: false as const, name,
    source, target: () => Target, keyFrom, keyTo,
  };
  const sourceRepo = {findById: (id: unknown, f?: AnyObject, o?: Options) => repositoryOf(source).findById(id, f, o)};
  const accessorFn = createBelongsToAccessor<PersistedModel, unknown, PersistedModel, unknown>(
    metadata, repositoryGetter(Target) as never, sourceRepo);
  bindEngineRelation(source, metadata, () => accessorFn.inclusionResolver as never);
  installRelationAccessor(source, name, instance => {
    const fetch = async (options?: Options) => {
      const fk = instance[keyFrom];
      if (fk == null) return null;
      const found = await repositoryOf(Target).findOne({where: {[keyTo]: fk}}, options);
      cachedRelations(instance)[name] = found ?? undefined;
      return found;
    };
    const accessor = function (...args: unknown[]) {
      const cache = cachedRelations(instance);
      if (args.length === 0) return cache[name];
      if (args[0] instanceof PersistedModel) {
        instance[keyFrom] = (args[0] as AnyObject)[keyTo];
        cache[name] = args[0];
        return args[0];
      }
      const {values: [refresh, options], cb} = splitArgs(args, 2);
      const run = refresh !== true && cache[name] !== undefined ? Promise.resolve(cache[name]) : fetch(options as Options);
      return withCallback(run, cb);
    } as AnyObject;
    accessor.get = (...args: unknown[]) => {
      const {values: [options], cb} = splitArgs(args, 1);
      return withCallback(fetch(options as Options), cb);
    };
    return accessor as unknown as Function;
  });
  return relation;
}

registerRelationDefiner('belongsTo', defineBelongsTo);
