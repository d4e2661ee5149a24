import {camelize} from '../naming';
import {PersistedModelClass} from '../persisted-model';
import {ensureProperty, keyType, typeFromShorthand} from './key-properties';
import {JugglerPolymorphic, JugglerRelationParams} from './relation-definition';
import {InvalidJugglerRelationError} from './relation-errors';

/** The resolved keys of a through relation. */
export interface ThroughKeys {
  /** Property of the source the links point at (its id by default). */
  keyFrom: string;
  /** Property of the through model holding the source key (LoopBack 3's `keyTo`). */
  throughFrom: string;
  /** Property of the through model holding the target key (LoopBack 3's `keyThrough`). */
  throughTo: string;
  /** Property of the target the links point at (its id). */
  targetKey: string;
  /** Polymorphic through relations: the discriminator on the through model and the value links carry. */
  discriminator?: {property: string; value: string};
}

/**
 * The foreign keys of `through`'s belongsTo relations to `model` (pointing
 * at `keyTo` when given), in definition order: how LoopBack 3 finds the
 * keys of a through relation.
 */
function belongsToKeys(through: PersistedModelClass, model: PersistedModelClass, keyTo?: string): string[] {
  const out: string[] = [];
  for (const rel of Object.values(through.relations ?? {})) {
    if (rel.type !== 'belongsTo' || rel.modelTo !== model) continue;
    if (keyTo !== undefined && rel.keyTo !== keyTo) continue;
    out.push(rel.keyFrom);
  }
  return out;
}

/**
 * Resolves the keys of `Source.hasMany(Target, {through})` as LoopBack 3
 * does: explicit `foreignKey` / `keyThrough` first, then the foreign keys of
 * the through model's belongsTo relations to each side, then the defaults
 * camelize(Source + '_id') / camelize(Target + '_id'). Polymorphic: the
 * polymorphic side's key is `polymorphic.foreignKey` and links carry the
 * discriminator (the source model name, or the target's when inverted).
 */
export function resolveThroughKeys(
  source: PersistedModelClass, target: PersistedModelClass, through: PersistedModelClass,
  params: JugglerRelationParams, polymorphic: JugglerPolymorphic | undefined,
): ThroughKeys {
  const keyFrom = params.primaryKey || source.getIdName();
  const targetKey = target.getIdName();
  const defaultFrom = camelize(source.modelName + '_id');
  const defaultTo = camelize(target.modelName + '_id');
  const explicitFrom = params.foreignKey || undefined;
  const explicitTo = params.keyThrough || undefined;
  if (polymorphic && !polymorphic.invert) {
    return {
      keyFrom, targetKey,
      throughFrom: polymorphic.foreignKey,
      throughTo: explicitTo ?? belongsToKeys(through, target, targetKey)[0] ?? defaultTo,
      discriminator: {property: polymorphic.discriminator, value: source.modelName},
    };
  }
  if (polymorphic) {
    return {
      keyFrom, targetKey,
      throughFrom: explicitFrom ?? belongsToKeys(through, source, keyFrom)[0] ?? defaultFrom,
      throughTo: polymorphic.foreignKey,
      discriminator: {property: polymorphic.discriminator, value: target.modelName},
    };
  }
  if (source === target) {
    // A model related to itself (followers/following): both keys point at the same model.
    const candidates = belongsToKeys(through, source, keyFrom);
    const throughFrom = explicitFrom ?? (candidates.includes(defaultFrom) ? defaultFrom : candidates[0]) ?? defaultFrom;
    const throughTo = explicitTo ?? candidates.find(k => k !== throughFrom) ?? defaultTo;
    if (throughFrom === throughTo) {
      throw new InvalidJugglerRelationError(
        `hasMany relation ${params.as ?? ''} of ${source.modelName} through ${through.modelName}: ` +
        `foreignKey and keyThrough are both "${throughFrom}"; name two different keys`, 'INVALID_THROUGH_KEYS');
    }
    return {keyFrom, targetKey, throughFrom, throughTo};
  }
  return {
    keyFrom, targetKey,
    throughFrom: explicitFrom ?? belongsToKeys(through, source, keyFrom)[0] ?? defaultFrom,
    throughTo: explicitTo ?? belongsToKeys(through, target, targetKey)[0] ?? defaultTo,
  };
}

/**
 * Declares the key properties a through model lacks (the source key's type,
 * the target id's type, the discriminator as a string), so links can be
 * stored; LoopBack 3 leaves that to the through model's belongsTo
 * relations, which declare the same properties when they come.
 */
export function declareThroughKeys(
  source: PersistedModelClass, target: PersistedModelClass, through: PersistedModelClass,
  keys: ThroughKeys, polymorphic: JugglerPolymorphic | undefined,
): void {
  const fromType = polymorphic && !polymorphic.invert && polymorphic.idType
    ? typeFromShorthand(polymorphic.idType) : keyType(source, keys.keyFrom);
  ensureProperty(through, keys.throughFrom, {type: fromType});
  const toType = polymorphic?.invert && polymorphic.idType
    ? typeFromShorthand(polymorphic.idType) : keyType(target, keys.targetKey);
  ensureProperty(through, keys.throughTo, {type: toType});
  if (keys.discriminator) ensureProperty(through, keys.discriminator.property, {type: 'string', index: true});
}
