import {AnyObject} from '../common/types';
import {NavigationalPropertyError} from './errors';

/**
 * Rejects model data that carries relation names (navigational properties),
 * even with an `undefined` value, as LoopBack 4 does.
 */
export function rejectNavigationalPropertiesInData(
  modelClass: {modelName: string; definition: {relations: AnyObject; properties: AnyObject}},
  data: AnyObject,
): void {
  const def = modelClass.definition;
  for (const rel in def.relations) {
    if (rel in data) {
      throw new NavigationalPropertyError(modelClass.modelName, rel, rel in def.properties);
    }
  }
}
