export * from './model-schema-ref';
export * from './openapi-types';
export * from './route-decorators';
export * from './route-metadata';
