export * from './include-plan-metadata';
export * from './plan-include-tree';
export * from './find-with-include-plan';
export * from './polymorphic-checks';
