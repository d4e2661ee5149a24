export {createModelFromJSON, readModelDefinition} from './create-model-from-json';
export {defineRelationsFromJSON, defineScopesFromJSON} from './define-relations-from-json';
export {InvalidJSONFileError, InvalidModelDefinitionError} from './json-errors';
export {parseJSONWithComments} from './read-json-file';
export type {ModelDefinitionJSON, RelationDefinitionJSON} from './model-definition-json';
