import {AnyObject} from '../../common/types';
import {InvalidPolymorphismError} from '../relation-errors';

/**
 * What a planned include must check in its result that the batched
 * resolvers check before they query: a polymorphic to-one relation fails
 * with `InvalidPolymorphismError` for a source whose discriminator names no
 * concrete type (a connector joins on what exists and would silently give
 * nothing). One entry per relation that has such a check at or below it.
 */
export interface RelationCheck {
  /** The relation (the property of each row holding its targets). */
  name: string;
  /** The relation is a polymorphic to-one: check each source's discriminator. */
  polymorphic?: {
    discriminator: string;
    /** The source key: a source without one has no target and is not checked. */
    keyFrom: string;
    /** `skip`: a source without discriminator has no target; `error`: it fails. */
    missing: 'skip' | 'error';
    /** The concrete type names, with the checks of their targets' own relations. */
    types: Map<string, RelationCheck[]>;
  };
  /** The checks of the targets' relations (not polymorphic). */
  targets?: RelationCheck[];
  /** The check applies to the rows of this class only (the concrete types of a polymorphic to-many relation). */
  model?: Function;
}

/**
 * Walks the rows of a planned find and throws what the resolvers would
 * have thrown: `InvalidPolymorphismError` for the first source, level by
 * level, whose discriminator is not a known type.
 */
export function verifyPlannedRows(rows: AnyObject[], checks: RelationCheck[]): void {
  if (checks.length === 0) return;
  for (const check of checks) {
    if (check.model !== undefined) {
      const own = rows.filter(r => r.constructor === check.model);
      if (own.length) verifyPlannedRows(own, [{...check, model: undefined}]);
      continue;
    }
    const poly = check.polymorphic;
    if (poly !== undefined) {
      for (const row of rows) {
        const key = row[poly.keyFrom];
        if (key === undefined || key === null) continue;
        const type = row[poly.discriminator];
        if ((type === undefined || type === null) && poly.missing === 'skip') continue;
        if (typeof type !== 'string' || !poly.types.has(type)) {
          throw new InvalidPolymorphismError(String(type), poly.discriminator);
        }
      }
      for (const [type, below] of poly.types) {
        if (below.length === 0) continue;
        const targets: AnyObject[] = [];
        for (const row of rows) {
          const target = row[check.name];
          if (target !== undefined && target !== null && row[poly.discriminator] === type) targets.push(target);
        }
        verifyPlannedRows(targets, below);
      }
      continue;
    }
    const below = check.targets;
    if (below === undefined || below.length === 0) continue;
    const targets: AnyObject[] = [];
    for (const row of rows) {
      const value = row[check.name];
      if (Array.isArray(value)) for (const t of value) targets.push(t);
      else if (value !== undefined && value !== null) targets.push(value);
    }
    verifyPlannedRows(targets, below);
  }
}
