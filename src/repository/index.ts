export * from './errors';
export * from './repository';
export * from './transaction';
export * from './default-crud-repository';
export * from './default-transactional-repository';
export * from './reject-navigational-properties';
