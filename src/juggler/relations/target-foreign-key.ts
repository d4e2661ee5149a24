import {AnyObject} from '../../common/types';
import {camelize} from '../naming';
import {PersistedModelClass} from '../persisted-model';
import {checkRelationName} from './define-relation';
import {ensureProperty, keyType} from './key-properties';
import {normalizePolymorphic} from './polymorphic';
import {JugglerPolymorphic, JugglerRelationDefinition, JugglerRelationParams} from './relation-definition';

/** The keys of a relation whose foreign key lives on the target (hasOne, hasMany). */
export interface TargetForeignKey {
  /** The source property the target points at (its id unless `primaryKey`). */
  keyFrom: string;
  /** The target's foreign key. */
  keyTo: string;
  /** A polymorphic relation's setting (its `foreignKey` is `keyTo`; the discriminator holds the source model's name). */
  polymorphic?: JugglerPolymorphic;
}

/**
 * Resolves and declares the keys of `Source.hasOne/hasMany(Target, params)`
 * as LoopBack 3 does: the foreign key defaults to camelize(source + '_id')
 * (`customerId`), a polymorphic relation's to its `foreignKey`; the target
 * gets it (typed as the source's key) and the discriminator when it lacks
 * them. The relation name is checked before the model changes.
 */
export function defineTargetForeignKey(
  source: PersistedModelClass, Target: PersistedModelClass, params: JugglerRelationParams, name: string,
): TargetForeignKey {
  const keyFrom = params.primaryKey ?? source.getIdName();
  const polymorphic = normalizePolymorphic(params, name);
  const keyTo = polymorphic?.foreignKey ?? (params.foreignKey || camelize(source.modelName + '_id'));
  checkRelationName(source, name);
  ensureProperty(Target, keyTo, {type: keyType(source, keyFrom)});
  if (polymorphic) ensureProperty(Target, polymorphic.discriminator, {type: 'string'});
  return {keyFrom, keyTo, polymorphic};
}

/**
 * What every target of `instance` has through a hasOne/hasMany relation:
 * the foreign key, and the discriminator of a polymorphic one.
 */
export function targetConstraint(relation: JugglerRelationDefinition, instance: AnyObject): AnyObject {
  const polymorphic = relation.polymorphic as JugglerPolymorphic | undefined;
  const constraint: AnyObject = {[relation.keyTo]: instance[relation.keyFrom]};
  if (polymorphic) constraint[polymorphic.discriminator] = relation.modelFrom.modelName;
  return constraint;
}
