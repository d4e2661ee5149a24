import {recordRelation} from '../model/decorators';
import {RelationMetadata, RelationType} from './relation-types';

/**
 * Records `{type, ...definition}` as relation metadata of the decorated
 * property, as LoopBack 4's placeholder decorators do: no repository,
 * accessor or inclusion resolver exists for these types. The relation is
 * keyed by `definition.name` (LoopBack 4 sets no name either), so the
 * property keeps being plain model data.
 */
function metadataOnly(type: RelationType, definition?: object): PropertyDecorator {
  return (target: object, key: string | symbol) => {
    recordRelation(target, String(key), {type, ...definition} as RelationMetadata);
  };
}

/** LoopBack 4's `@embedsOne(definition?)`: records the relation metadata only. */
export function embedsOne(definition?: object): PropertyDecorator {
  return metadataOnly(RelationType.embedsOne, definition);
}

/** LoopBack 4's `@embedsMany(definition?)`: records the relation metadata only. */
export function embedsMany(definition?: object): PropertyDecorator {
  return metadataOnly(RelationType.embedsMany, definition);
}

/** LoopBack 4's `@referencesOne(definition?)`: records the relation metadata only. */
export function referencesOne(definition?: object): PropertyDecorator {
  return metadataOnly(RelationType.referencesOne, definition);
}
