import {AnyObject} from '../common/types';
import {InvalidFilterError} from '../filter/invalid-filter-error';
import {normalizeFilter} from '../filter/normalize-filter';
import {NormalizedInclusion} from '../filter/types';
import {acceptsThroughScope} from './has-many-through/through-scope';

/** The part of a repository that include validation needs. */
interface HasResolvers {
  inclusionResolvers: Map<string, unknown>;
}

/** How LoopBack prints an include entry in its error message. */
function describeEntry(entry: unknown): string {
  return JSON.stringify(entry) ?? String(entry);
}

/** The relation names one raw include entry asks for. */
function namesOf(entry: unknown): string[] {
  if (typeof entry === 'string') return [entry];
  if (entry && typeof entry === 'object') {
    const e = entry as AnyObject;
    if (typeof e.relation === 'string') return [e.relation];
    if (typeof e.rel === 'string') return [e.rel];
    return Object.keys(e);
  }
  return [];
}

/**
 * Normalizes an include clause and checks that every relation it names has a
 * registered inclusion resolver. Fails with LoopBack's message and code
 * (`Invalid "filter.include" entries: ...`, INVALID_INCLUSION_FILTER, 400).
 */
export function validateInclusions(repo: HasResolvers, include: unknown): NormalizedInclusion[] {
  const normalized = Array.isArray(include) && include.every(i => i && typeof i === 'object' && 'relation' in i &&
    !('rel' in i)) && (include as NormalizedInclusion[]).every(i => typeof i.relation === 'string')
    ? include as NormalizedInclusion[]
    : normalizeFilter({include}).include ?? [];
  const raw = Array.isArray(include) ? include : [include];
  const invalid = raw.filter(entry => {
    const names = namesOf(entry);
    return names.length === 0 || names.some(n => !repo.inclusionResolvers.has(n));
  });
  if (invalid.length) {
    throw new InvalidFilterError(
      `Invalid "filter.include" entries: ${invalid.map(describeEntry).join('; ')}`,
      'INVALID_INCLUSION_FILTER');
  }
  for (const inclusion of normalized) {
    // A through scope on a relation without a through model would be silently ignored.
    if (inclusion.throughScope !== undefined && !acceptsThroughScope(repo.inclusionResolvers.get(inclusion.relation))) {
      throw new InvalidFilterError(
        `Invalid "throughScope" of the inclusion of relation "${inclusion.relation}": ` +
        'only hasManyThrough relations have a through model', 'INVALID_INCLUSION_FILTER');
    }
  }
  return normalized;
}
