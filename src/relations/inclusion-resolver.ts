import {Options} from '../common/types';
import {Inclusion} from '../filter/types';
import {Entity} from '../model/model';

/**
 * Loads one relation for a batch of source entities. The result is aligned
 * with `sourceEntities`: one target (to-one), a list (to-many) or `undefined`.
 */
export type InclusionResolver<S extends Entity = Entity, T extends Entity = Entity> = (
  sourceEntities: S[],
  inclusion: Inclusion,
  options?: Options,
) => Promise<(T | undefined)[] | (T[] | undefined)[]>;
