import {recordRelation} from '../model/decorators';
import {RelationMetadata} from './relation-types';

/**
 * The raw relation decorator: records `definition` as the relation metadata of
 * the decorated property. The typed decorators (`@belongsTo`, `@hasMany`, ...)
 * build on it.
 */
export function relation(definition: Partial<RelationMetadata>): PropertyDecorator {
  return (target: object, key: string | symbol) => {
    const meta = {name: String(key), ...definition, source: definition.source ?? target.constructor};
    recordRelation(target, String(key), meta as RelationMetadata);
  };
}
