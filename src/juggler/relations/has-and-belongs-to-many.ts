import {PersistedModelClass} from '../persisted-model';
import {registerRelationDefiner} from './define-relation';
import {normalizePolymorphic} from './polymorphic';
import {JugglerRelationDefinition, JugglerRelationParams} from './relation-definition';
import {InvalidJugglerRelationError} from './relation-errors';
import {defineThroughRelation} from './has-many-through';

/**
 * The through model of a hasAndBelongsToMany relation that names none:
 * `throughTable` when given, else an existing `<From><To>` or `<To><From>`
 * model, else a new `<From><To>` model (with LoopBack 3's injected id) on
 * the source's data source, so `ds.automigrate()` creates its table.
 */
function autoThroughModel(source: PersistedModelClass, target: PersistedModelClass, params: JugglerRelationParams): PersistedModelClass {
  const builder = source.modelBuilder;
  const names = params.throughTable
    ? [params.throughTable]
    : [source.modelName + target.modelName, target.modelName + source.modelName];
  for (const n of names) {
    const found = builder.getModel(n);
    if (found) return found;
  }
  const name = names[0];
  return source.dataSource ? source.dataSource.createModel(name, {}, {}) : builder.define(name, {}, {});
}

/**
 * LoopBack 3 hasAndBelongsToMany: `Assembly.hasAndBelongsToMany(Part)`. A
 * hasMany through relation (its definition's type is `hasMany`, as in
 * LoopBack 3) whose through model is created when not given (see
 * `autoThroughModel`) and gets belongsTo relations to both sides
 * (`AssemblyPart.assembly`, `AssemblyPart.part`, keys `assemblyId`,
 * `partId`). A polymorphic one needs an explicit through model; its
 * polymorphic side is a polymorphic belongsTo of the through model named
 * after the selector (`PictureLink.imageable`).
 *
 * ```js
 * Assembly.hasAndBelongsToMany(Part);
 * await assembly.parts.add(part);
 * const parts = await assembly.parts();
 * ```
 */
export function defineHasAndBelongsToMany(
  source: PersistedModelClass, target: PersistedModelClass | undefined, params: JugglerRelationParams,
): JugglerRelationDefinition {
  const Target = target!;
  const polymorphic = normalizePolymorphic(params);
  let through = params.through;
  if (!through) {
    if (polymorphic) {
      throw new InvalidJugglerRelationError('Polymorphic relations need a through model', 'POLYMORPHIC_THROUGH_MISSING');
    }
    through = autoThroughModel(source, Target, params);
  }
  if (typeof through !== 'function') {
    throw new InvalidJugglerRelationError(
      `hasAndBelongsToMany relation ${params.as ?? ''} of ${source.modelName}: through model ${String(through)} is not defined`,
      'INVALID_THROUGH_MODEL');
  }
  const Through = through;
  // The through model points at both sides with belongsTo relations, as LoopBack 3 declares them.
  const polymorphicBelongsTo = () => {
    if (Through.relations?.[polymorphic!.selector]) return;
    Through.belongsTo(polymorphic!.selector, {
      polymorphic: {foreignKey: polymorphic!.foreignKey, discriminator: polymorphic!.discriminator},
    });
  };
  if (polymorphic && !polymorphic.invert) polymorphicBelongsTo();
  else Through.belongsTo(source, params.foreignKey ? {foreignKey: params.foreignKey} : {});
  if (polymorphic?.invert) polymorphicBelongsTo();
  else Through.belongsTo(Target, params.keyThrough ? {foreignKey: params.keyThrough} : {});
  return defineThroughRelation(source, Target, Through, {...params, through: Through});
}

registerRelationDefiner('hasAndBelongsToMany', defineHasAndBelongsToMany);
