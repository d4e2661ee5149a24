import {PersistedModelClass} from '../persisted-model';
import {InvalidJugglerRelationError} from './define-relation';
import {JugglerRelationDefinition, JugglerRelationParams} from './relation-definition';
import {defineThroughRelation} from './through-relation';

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
