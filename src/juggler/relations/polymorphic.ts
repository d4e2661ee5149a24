import {AnyObject} from '../../common/types';
import {camelize} from '../naming';
import {PersistedModelClass} from '../persisted-model';
import {JugglerPolymorphic} from './relation-definition';
import {InvalidJugglerRelationError} from './relation-errors';

/**
 * LoopBack 3's normalized `polymorphic` setting of a relation: a string
 * names the selector (the polymorphic belongsTo's name); `true` uses the
 * relation name; an object may give `selector` (or the deprecated `as`),
 * `foreignKey`, `discriminator`, `idType`, `invert`. Without a selector
 * the relation name is used, else `reference` (juggler's default). Keys
 * default to `<selector>Id` / `<selector>Type`. `invert` (a through
 * relation whose target is the polymorphic side) may also be given beside
 * `polymorphic`. Undefined when the relation is not polymorphic.
 */
export function normalizePolymorphic(
  params: {polymorphic?: unknown; invert?: unknown; as?: string}, relationName?: string,
): JugglerPolymorphic | undefined {
  const polymorphic = params.polymorphic;
  if (!polymorphic) return undefined;
  const label = `polymorphic relation ${relationName ?? params.as ?? ''}`.trimEnd();
  if (typeof polymorphic !== 'string' && typeof polymorphic !== 'object' && polymorphic !== true) {
    throw new InvalidJugglerRelationError(
      `${label}: \`polymorphic\` must be true, a name or an object, got ${typeof polymorphic}`, 'INVALID_POLYMORPHIC');
  }
  const given: AnyObject = typeof polymorphic === 'object' ? {...polymorphic as AnyObject} : {};
  for (const key of ['selector', 'as', 'foreignKey', 'discriminator']) {
    if (given[key] != null && typeof given[key] !== 'string') {
      throw new InvalidJugglerRelationError(`${label}: \`polymorphic.${key}\` must be a string`, 'INVALID_POLYMORPHIC');
    }
  }
  let selector: string | undefined;
  if (typeof polymorphic === 'string') selector = polymorphic;
  else if (polymorphic !== true) selector = given.selector || given.as;
  selector = selector || relationName || 'reference';
  delete given.as;
  const out: JugglerPolymorphic = {
    ...given,
    selector,
    foreignKey: given.foreignKey || camelize(selector + '_id'),
    discriminator: given.discriminator || camelize(selector + '_type'),
  };
  if (params.invert) out.invert = true;
  return out;
}

/**
 * The model a discriminator value names (case-insensitive, as LoopBack 3
 * resolves it), among the models of `source`'s builder and data source.
 */
export function modelNamedBy(source: PersistedModelClass, name: string): PersistedModelClass | undefined {
  return source.modelBuilder?.getModel(name) ?? source.dataSource?.getModel(name);
}
