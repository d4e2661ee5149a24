export * from './model';
export * from './model-definition';
export * from './property-definition';
export * from './decorators';
export * from './metadata-keys';
export * from './type-resolver';
export * from './validation-error';
