import {withCallback} from '../../common/callback';
import {AnyObject, Options} from '../../common/types';
import {Filter, Inclusion, Where} from '../../filter/types';
import {Entity} from '../../model/model';
import {
  createHasManyThroughRepositoryFactory, HasManyThroughRepositoryFactory,
} from '../../relations/has-many-through/has-many-through-repository-factory';
import {HasManyThroughRepository} from '../../relations/has-many-through/has-many-through-repository';
import {InclusionResolver} from '../../relations/inclusion-resolver';
import {HasManyDefinition, RelationType} from '../../relations/relation-types';
import {splitArgs} from '../callback-args';
import {camelize, pluralize} from '../naming';
import {cachedRelations, instanceData, PersistedModel, PersistedModelClass} from '../persisted-model';
import {bindEngineRelation} from './bind-engine-relation';
import {checkRelationName} from './define-relation';
import {installRelationAccessor} from './relation-accessor';
import {JugglerRelationDefinition, JugglerRelationParams} from './relation-definition';
import {RelatedInstanceNotFoundError} from './relation-errors';
import {
  applyRelationProperties, applyRelationScope, mergeQuery, resolveRelationScope, scopeWhereValues,
} from './relation-options';
import {finishAccessor, registerCustomMethods} from './relation-support';
import {HAS_MANY_HELPERS, installPrototypeHelpers} from './prototype-helpers';
import {addToCache, collectionAccessorCall, getAsyncCall, includeScopeOf, removeFromCache} from './through-collection';
import {LinkNotFoundError} from './through-errors';
import {throughFacadeGetter} from './through-facade';
import {declareThroughKeys, resolveThroughKeys, ThroughKeys, ThroughPolymorphic, throughPolymorphic} from './through-keys';

type Factory = HasManyThroughRepositoryFactory<PersistedModel, unknown, PersistedModel, unknown>;
type ConstrainedRepository = HasManyThroughRepository<PersistedModel, unknown, PersistedModel>;

/**
 * The shared engine behind one LoopBack 3 through relation: LoopBack 4
 * hasMany-through metadata and its repository factory. Keys are resolved
 * when first needed (the through model's belongsTo relations, which LoopBack
 * 3 reads them from, are often defined after the hasMany), then fixed.
 */
class ThroughEngine {
  readonly metadata: HasManyDefinition;
  private fixed?: ThroughKeys;
  private factoryFn?: Factory;

  constructor(
    readonly relation: JugglerRelationDefinition,
    private readonly params: JugglerRelationParams,
    private readonly polymorphic: ThroughPolymorphic | undefined,
  ) {
    const engine = this;
    const Target = relation.modelTo!;
    const Through = relation.modelThrough!;
    this.metadata = {
      type: RelationType.hasMany, targetsMany: true, name: relation.name,
      source: relation.modelFrom, target: () => Target,
      get keyFrom() {
        return engine.keys().keyFrom;
      },
      get keyTo() {
        return engine.keys().targetKey;
      },
      through: {
        model: () => Through,
        get keyFrom() {
          return engine.keys().throughFrom;
        },
        get keyTo() {
          return engine.keys().throughTo;
        },
        // A polymorphic through relation only sees (and writes) links carrying its discriminator value.
        get scope() {
          const d = engine.keys().discriminator;
          return d ? {where: {[d.property]: d.value}} : undefined;
        },
      },
    };
  }

  /** The keys: fixed once the engine is built, else resolved from the models as they are now. */
  keys(): ThroughKeys {
    if (this.fixed) return this.fixed;
    const {modelFrom, modelTo, modelThrough} = this.relation;
    const keys = resolveThroughKeys(modelFrom, modelTo!, modelThrough!, this.params, this.polymorphic);
    this.relation.keyFrom = keys.keyFrom;
    this.relation.keyTo = keys.throughFrom;
    this.relation.keyThrough = keys.throughTo;
    return keys;
  }

  /** The LoopBack 4 repository factory (built on first use, which fixes the keys). */
  factory(): Factory {
    if (!this.factoryFn) {
      const keys = this.keys();
      const {modelFrom, modelTo, modelThrough} = this.relation;
      declareThroughKeys(modelFrom, modelTo!, modelThrough!, keys, this.polymorphic);
      this.factoryFn = createHasManyThroughRepositoryFactory<PersistedModel, unknown, PersistedModel, unknown, unknown>(
        this.metadata, throughFacadeGetter(modelTo!) as never, throughFacadeGetter(modelThrough!) as never);
      this.fixed = keys;
    }
    return this.factoryFn;
  }

  /** The factory and the fixed keys. */
  ready(): {factory: Factory; keys: ThroughKeys} {
    const factory = this.factory();
    return {factory, keys: this.fixed!};
  }
}

/**
 * Defines `Source.hasMany(Target, {through: Through, ...})` (also what
 * hasAndBelongsToMany builds on) with LoopBack 3's names and keys; see
 * `resolveThroughKeys` for the keys. Declares the link keys the through
 * model lacks, binds the relation to the LoopBack 4 hasMany-through engine
 * and installs the prototype accessor.
 */
export function defineThroughRelation(
  source: PersistedModelClass, Target: PersistedModelClass, Through: PersistedModelClass,
  params: JugglerRelationParams,
): JugglerRelationDefinition {
  const name = params.as ?? camelize(Target.pluralModelName ?? pluralize(Target.modelName));
  checkRelationName(source, name);
  const polymorphic = throughPolymorphic(params);
  const keys = resolveThroughKeys(source, Target, Through, params, polymorphic);
  declareThroughKeys(source, Target, Through, keys, polymorphic);
  const relation = new JugglerRelationDefinition({
    name, type: 'hasMany', modelFrom: source, keyFrom: keys.keyFrom, modelTo: Target, keyTo: keys.throughFrom,
    multiple: true, modelThrough: Through, keyThrough: keys.throughTo,
    options: params.options ?? {}, scope: params.scope, properties: params.properties,
  });
  if (polymorphic) relation.polymorphic = {...polymorphic};
  const engine = new ThroughEngine(relation, params, polymorphic);
  bindEngineRelation(source, engine.metadata, () => throughInclusionResolver(engine));
  registerCustomMethods(relation, params);
  installRelationAccessor(source, name, instance => buildThroughAccessor(instance, engine),
    {methods: () => relation.methods});
  installPrototypeHelpers(source, name, {...HAS_MANY_HELPERS, link: 'add', unlink: 'remove'});
  return relation;
}

/**
 * The relation's inclusion resolver: the engine's, with the relation scope
 * merged into the inclusion scope (LoopBack 3 passes no instance to a scope
 * function here) and `options.disableInclude` honoured (the relation is then
 * left out silently). It reads through the models' LoopBack 3 methods (their
 * hooks and default scopes apply), so it carries no include-plan metadata:
 * a planned SQL join would bypass them.
 */
function throughInclusionResolver(engine: ThroughEngine): InclusionResolver<Entity, Entity> {
  const relation = engine.relation;
  const resolver = async (entities: Entity[], inclusion: Inclusion, options?: Options) => {
    if (relation.options?.disableInclude) return entities.map(() => undefined);
    const scope = includeScopeOf(relation, inclusion);
    const merged = scope ? {...inclusion, scope: mergeQuery(inclusion.scope as AnyObject | undefined, scope)} : inclusion;
    const found = await engine.factory().inclusionResolver(entities, merged as Inclusion, options);
    // LoopBack 3 gives a source without targets an empty list.
    return Array.from(found as unknown[], list => list ?? []) as Entity[][];
  };
  return resolver as InclusionResolver<Entity, Entity>;
}

function andWhere(base: AnyObject, extra: unknown): AnyObject {
  if (!extra || typeof extra !== 'object' || Object.keys(extra as object).length === 0) return base;
  return {and: [base, extra]};
}

/**
 * `physician.patients` for one instance. Reads return targets (the caller's
 * filter and the relation scope apply to them); `count`, `destroyAll`,
 * `updateAll` and `build` work on the link rows as in LoopBack 3.
 */
function buildThroughAccessor(instance: AnyObject, engine: ThroughEngine): Function {
  const relation = engine.relation;
  const {name} = relation;
  const Target = relation.modelTo!;
  const Through = relation.modelThrough!;

  const sourceId = () => instance[engine.keys().keyFrom];
  const constrained = (): ConstrainedRepository => engine.ready().factory(sourceId());
  const targetIdOf = (value: unknown): unknown =>
    value instanceof Target ? (value as AnyObject)[engine.keys().targetKey] : value;
  /** The link rows of this instance (its key, and the discriminator value of a polymorphic relation). */
  const linkWhere = (): AnyObject => {
    const {keys} = engine.ready();
    const where: AnyObject = {[keys.throughFrom]: instance[keys.keyFrom]};
    if (keys.discriminator) where[keys.discriminator.property] = keys.discriminator.value;
    return where;
  };
  const pair = (fkId: unknown, sep: string) =>
    `(${relation.modelFrom.modelName}.${String(sourceId())}${sep}${Target.modelName}.${String(fkId)})`;

  const find = async (filter: AnyObject | undefined, options: Options | undefined): Promise<PersistedModel[]> => {
    if (sourceId() == null) return [];
    const scoped = applyRelationScope(relation, instance, filter);
    return constrained().find(scoped as Filter<PersistedModel>, options);
  };
  /**
   * The link rows the link-level methods (count, destroyAll, updateAll,
   * exists) work on: this instance's, matching `where` (a where on the
   * through model), and — when the relation has a scope — only those whose
   * target is in the scope. Undefined when no link can match.
   */
  const linkRows = async (where: unknown, options: Options | undefined): Promise<AnyObject | undefined> => {
    if (sourceId() == null) return undefined;
    const rows = andWhere(linkWhere(), where);
    if (relation.scope == null) return rows;
    const {targetKey, throughTo} = engine.keys();
    const ids = (await find(undefined, options)).map(t => (t as AnyObject)[targetKey]);
    return ids.length ? andWhere(rows, {[throughTo]: {inq: ids}}) : undefined;
  };
  const exists = async (target: unknown, options: Options | undefined): Promise<boolean> => {
    const id = targetIdOf(target);
    if (id == null) return false;
    const where = await linkRows({[engine.keys().throughTo]: id}, options);
    return where !== undefined && (await Through.count(where, options)) > 0;
  };
  const findById = async (fkId: unknown, options: Options | undefined): Promise<PersistedModel> => {
    const found = await find({where: {[engine.keys().targetKey]: fkId}}, options);
    if (found.length) return found[0];
    if (!(await exists(fkId, options))) {
      throw new LinkNotFoundError(`No relation found in ${Through.modelName} for ${pair(fkId, ',')}`);
    }
    throw new RelatedInstanceNotFoundError(Target.modelName, fkId);
  };
  const createOne = async (data: AnyObject | undefined, options: Options | undefined): Promise<PersistedModel> => {
    const scope = resolveRelationScope(relation, instance);
    const targetData = {...(data instanceof PersistedModel ? instanceData(data) : data), ...scopeWhereValues(scope?.where, Target.definition.properties)};
    // LoopBack 3 applies the relation's `properties` to the link row it writes.
    const throughData: AnyObject = {};
    applyRelationProperties(relation, instance, throughData);
    const created = await constrained().create(targetData, {...options, throughData});
    addToCache(instance, name, created, engine.keys().targetKey);
    return created;
  };

  const accessor = function (...args: unknown[]) {
    return collectionAccessorCall(instance, name, args, find);
  } as unknown as AnyObject;
  finishAccessor(accessor, relation, instance);

  accessor.find = (...args: unknown[]) => {
    const {values: [filter, options], cb} = splitArgs(args, 2);
    return withCallback(find(filter as AnyObject | undefined, options as Options), cb);
  };
  accessor.getAsync = (...args: unknown[]) => getAsyncCall(accessor as unknown as (...a: unknown[]) => unknown, args);
  accessor.findOne = (...args: unknown[]) => {
    const {values: [filter, options], cb} = splitArgs(args, 2);
    const run = find({...(filter as AnyObject | undefined), limit: 1}, options as Options).then(r => r[0] ?? null);
    return withCallback(run, cb);
  };
  accessor.findById = (...args: unknown[]) => {
    const {values: [fkId, options], cb} = splitArgs(args, 2);
    return withCallback(findById(fkId, options as Options), cb);
  };
  accessor.exists = (...args: unknown[]) => {
    const {values: [target, options], cb} = splitArgs(args, 2);
    return withCallback(exists(target, options as Options), cb);
  };
  accessor.count = (...args: unknown[]) => {
    const {values: [where, options], cb} = splitArgs(args, 2);
    const run = linkRows(where, options as Options)
      .then(rows => (rows === undefined ? 0 : Through.count(rows, options)));
    return withCallback(run, cb);
  };
  accessor.create = (...args: unknown[]) => {
    const {values: [data, options], cb} = splitArgs(args, 2);
    const run = Array.isArray(data)
      ? (async () => {
        const out: PersistedModel[] = [];
        for (const d of data) out.push(await createOne(d as AnyObject, options as Options));
        return out;
      })()
      : createOne(data as AnyObject | undefined, options as Options);
    return withCallback<unknown>(run, cb);
  };
  accessor.build = (data?: AnyObject) => new Through({...data, ...linkWhere()});
  accessor.add = (...args: unknown[]) => {
    const {values: [target, data, options], cb} = splitArgs(args, 3);
    const run = (async () => {
      const throughData: AnyObject = {...(data as AnyObject | undefined)};
      applyRelationProperties(relation, instance, throughData);
      const link = await constrained().link(targetIdOf(target), {...(options as Options), throughData});
      if (target instanceof Target) addToCache(instance, name, target as AnyObject, engine.keys().targetKey);
      return link;
    })();
    return withCallback(run, cb);
  };
  accessor.remove = (...args: unknown[]) => {
    const {values: [target, options], cb} = splitArgs(args, 2);
    const run = (async () => {
      const id = targetIdOf(target);
      await constrained().unlink(id, options as Options);
      removeFromCache(instance, name, id, engine.keys().targetKey);
    })();
    return withCallback(run, cb);
  };
  accessor.destroyById = (...args: unknown[]) => {
    const {values: [fkId, options], cb} = splitArgs(args, 2);
    const run = (async () => {
      if (!(await exists(fkId, options as Options))) {
        throw new LinkNotFoundError(`No record found in ${Through.modelName} for ${pair(fkId, ' ,')}`);
      }
      // The engine deletes the target and every link to it in one transaction (or undoes on failure).
      const deleted = await constrained().delete({[engine.keys().targetKey]: fkId} as Where, options as Options);
      removeFromCache(instance, name, fkId, engine.keys().targetKey);
      return deleted;
    })();
    return withCallback(run, cb);
  };
  accessor.destroy = accessor.destroyById;
  accessor.updateById = (...args: unknown[]) => {
    const {values: [fkId, data, options], cb} = splitArgs(args, 3);
    const run = (async () => {
      const target = await findById(fkId, options as Options);
      await target.updateAttributes(data, options);
      return target;
    })();
    return withCallback(run, cb);
  };
  accessor.destroyAll = (...args: unknown[]) => {
    const {values: [where, options], cb} = splitArgs(args, 2);
    const run = (async () => {
      const rows = await linkRows(where, options as Options);
      if (rows === undefined) return {count: 0};
      const result = await Through.destroyAll(rows, options);
      cachedRelations(instance)[name] = undefined;
      return result;
    })();
    return withCallback(run, cb);
  };
  accessor.updateAll = (...args: unknown[]) => {
    let {values: [where, data, options], cb} = splitArgs(args, 3);
    if (data === undefined) [where, data] = [undefined, where];
    const run = linkRows(where, options as Options)
      .then(rows => (rows === undefined ? {count: 0} : Through.updateAll(rows, data ?? {}, options)));
    return withCallback(run, cb);
  };

  return accessor as unknown as Function;
}

/** The resolved engine keys, for callers that need them (tests, REST layer). */
export type {ThroughKeys};
