import {AnyObject, Options} from '../../common/types';
import {Filter, Where} from '../../filter/types';
import {
  createHasManyThroughRepositoryFactory, HasManyThroughRepositoryFactory,
} from '../../relations/has-many-through/has-many-through-repository-factory';
import {HasManyThroughRepository} from '../../relations/has-many-through/has-many-through-repository';
import {HasManyDefinition, RelationType} from '../../relations/relation-types';
import {requireObjectArgument, requireWhereObject} from '../argument-checks';
import {callbackOrPromise, isDataOnlyCall} from '../callback-args';
import {camelize, pluralize} from '../naming';
import {cachedRelations, PersistedModel, PersistedModelClass} from '../persisted-model';
import {bindEngineRelation} from './bind-engine-relation';
import {addToCache, collectionAccessor, removeFromCache} from './collection-accessor';
import {checkRelationName, createRelationDefinition} from './define-relation';
import {listInclusionResolver} from './list-inclusion-resolver';
import {normalizePolymorphic} from './polymorphic';
import {installPrototypeHelpers, THROUGH_HELPERS} from './prototype-helpers';
import {installRelationAccessor} from './relation-accessor';
import {JugglerPolymorphic, JugglerRelationDefinition, JugglerRelationParams} from './relation-definition';
import {InvalidJugglerRelationError, LinkNotFoundError, RelatedInstanceNotFoundError} from './relation-errors';
import {andWhere, applyRelationProperties, applyRelationScope, relationLabel, scopedTargetData, toPlainData} from './relation-options';
import {throughFacadeGetter} from './through-facade';
import {declareThroughKeys, resolveThroughKeys, ThroughKeys} from './through-keys';
import {requireSavedSource, requireTargetReference} from './key-properties';

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
    private readonly polymorphic: JugglerPolymorphic | undefined,
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
 * LoopBack 3 hasMany through: `Physician.hasMany(Patient, {through:
 * Appointment, foreignKey?, keyThrough?})`. The relation is named after the
 * target's plural (`patients`); the through model holds the source key
 * (`foreignKey`, default camelize(Source + '_id')) and the target key
 * (`keyThrough`, default camelize(Target + '_id')) unless its belongsTo
 * relations name other keys. `polymorphic` (with `invert`) puts a
 * discriminator on the through model. `has-many.ts` hands every
 * `{through}` hasMany over to this function.
 *
 * ```js
 * Physician.hasMany(Patient, {through: Appointment});
 * const appointment = await physician.patients.add(patient, {date: new Date()});
 * const patients = await physician.patients({include: 'address'});
 * ```
 */
export function defineHasManyThrough(
  source: PersistedModelClass, target: PersistedModelClass | undefined, params: JugglerRelationParams,
): JugglerRelationDefinition {
  const through = params.through;
  if (!target || typeof through !== 'function') {
    throw new InvalidJugglerRelationError(
      `hasMany relation ${params.as ?? ''} of ${source.modelName}: the target and the through model must be models`,
      'INVALID_THROUGH_MODEL');
  }
  return defineThroughRelation(source, target, through, params);
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
  const polymorphic = normalizePolymorphic(params);
  const keys = resolveThroughKeys(source, Target, Through, params, polymorphic);
  declareThroughKeys(source, Target, Through, keys, polymorphic);
  const relation = createRelationDefinition(params, {
    name, type: 'hasMany', modelFrom: source, keyFrom: keys.keyFrom, modelTo: Target, keyTo: keys.throughFrom,
    multiple: true, modelThrough: Through, keyThrough: keys.throughTo,
    ...(polymorphic ? {polymorphic: {...polymorphic}} : {}),
  });
  const engine = new ThroughEngine(relation, params, polymorphic);
  // Includes read through the models' LoopBack 3 methods (their hooks and default scopes apply),
  // so they carry no include-plan metadata: a planned SQL join would bypass them.
  bindEngineRelation(source, engine.metadata, () => listInclusionResolver(relation, () => engine.factory().inclusionResolver));
  installRelationAccessor(source, name, instance => buildThroughAccessor(instance, engine),
    {methods: () => relation.methods});
  installPrototypeHelpers(source, name, THROUGH_HELPERS);
  return relation;
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
  /** The id of a target argument (an instance or an id); a 400 for anything else. */
  const targetIdOf = (value: unknown, method: string): unknown =>
    requireTargetReference(value, Target, engine.keys().targetKey, `${relationLabel(relation)}.${method}`);
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
  const exists = async (id: unknown, options: Options | undefined): Promise<boolean> => {
    const where = await linkRows({[engine.keys().throughTo]: id}, options);
    return where !== undefined && (await Through.count(where, options)) > 0;
  };
  const findById = async (target: unknown, options: Options | undefined, method = 'findById'): Promise<PersistedModel> => {
    const fkId = targetIdOf(target, method);
    const found = await find({where: {[engine.keys().targetKey]: fkId}}, options);
    if (found.length) return found[0];
    if (!(await exists(fkId, options))) {
      throw new LinkNotFoundError(`No relation found in ${Through.modelName} for ${pair(fkId, ',')}`);
    }
    throw new RelatedInstanceNotFoundError(Target.modelName, fkId);
  };
  const createOne = async (data: unknown, options: Options | undefined): Promise<PersistedModel> => {
    requireSavedSource(instance, relation, 'create');
    // LoopBack 3 applies the relation's `properties` to the link row it writes.
    const throughData: AnyObject = {};
    applyRelationProperties(relation, instance, throughData);
    const created = await constrained().create(scopedTargetData(relation, instance, data), {...options, throughData});
    addToCache(instance, name, [created], engine.keys().targetKey);
    return created;
  };

  const accessor = collectionAccessor(instance, relation, {find, findById, findOneWithLimit: true});
  accessor.exists = (...args: unknown[]) => callbackOrPromise(args, 2, (target: unknown, options?: Options) =>
    exists(targetIdOf(target, 'exists'), options));
  accessor.count = (...args: unknown[]) => callbackOrPromise(args, 2, async (where: unknown, options?: Options) => {
    const rows = await linkRows(requireWhereObject(where, `${relationLabel(relation)}.count`), options);
    return rows === undefined ? 0 : Through.count(rows, options);
  });
  accessor.create = (...args: unknown[]) => callbackOrPromise<unknown>(args, 2, async (data: unknown, options?: Options) => {
    if (!Array.isArray(data)) return createOne(data, options);
    const out: PersistedModel[] = [];
    for (const d of data) out.push(await createOne(d, options));
    return out;
  });
  accessor.build = (data?: AnyObject) => new Through({...toPlainData(data, relationLabel(relation)), ...linkWhere()});
  accessor.add = (...args: unknown[]) => callbackOrPromise(args, 3, async (target: unknown, data: unknown, options?: Options) => {
    const id = targetIdOf(target, 'add');
    requireSavedSource(instance, relation, 'add');
    const throughData = toPlainData(data, `${relationLabel(relation)}.add`);
    applyRelationProperties(relation, instance, throughData);
    // A link to nothing would dangle (LoopBack 3 writes it anyway).
    if (!(target instanceof Target) && !(await Target.exists(id, options))) {
      throw new RelatedInstanceNotFoundError(Target.modelName, id);
    }
    const link = await constrained().link(id, {...options, throughData});
    if (target instanceof Target) addToCache(instance, name, [target as AnyObject], engine.keys().targetKey);
    return link;
  });
  accessor.remove = (...args: unknown[]) => callbackOrPromise(args, 2, async (target: unknown, options?: Options) => {
    const id = targetIdOf(target, 'remove');
    requireSavedSource(instance, relation, 'remove');
    await constrained().unlink(id, options);
    removeFromCache(instance, name, id, engine.keys().targetKey);
  });
  accessor.destroyById = (...args: unknown[]) => callbackOrPromise(args, 2, async (target: unknown, options?: Options) => {
    const fkId = targetIdOf(target, 'destroyById');
    if (!(await exists(fkId, options))) {
      throw new LinkNotFoundError(`No record found in ${Through.modelName} for ${pair(fkId, ' ,')}`);
    }
    // The engine deletes the target and every link to it in one transaction (or undoes on failure).
    const deleted = await constrained().delete({[engine.keys().targetKey]: fkId} as Where, options);
    removeFromCache(instance, name, fkId, engine.keys().targetKey);
    return deleted;
  });
  accessor.destroy = accessor.destroyById;
  accessor.updateById = (...args: unknown[]) => callbackOrPromise(args, 3, async (fkId: unknown, data: unknown, options?: Options) => {
    const target = await findById(fkId, options, 'updateById');
    await target.updateAttributes(data, options);
    return target;
  });
  accessor.destroyAll = (...args: unknown[]) => callbackOrPromise(args, 2, async (where: unknown, options?: Options) => {
    const rows = await linkRows(requireWhereObject(where, `${relationLabel(relation)}.destroyAll`), options);
    if (rows === undefined) return {count: 0};
    const result = await Through.destroyAll(rows, options);
    cachedRelations(instance)[name] = undefined;
    return result;
  });
  accessor.updateAll = (...args: unknown[]) => callbackOrPromise(args, 3, async (where: unknown, data: unknown, options?: Options) => {
    if (isDataOnlyCall(args)) [where, data] = [undefined, where];
    const method = `${relationLabel(relation)}.updateAll`;
    const patch = requireObjectArgument(data, 'data', method);
    const rows = await linkRows(requireWhereObject(where, method), options);
    return rows === undefined ? {count: 0} : Through.updateAll(rows, patch, options);
  });

  return accessor as unknown as Function;
}

