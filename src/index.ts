/**
 * relata: LoopBack's model-relation system in TypeScript. One entry point for
 * what LoopBack 4 code imports from `@loopback/repository`,
 * `@loopback/core`/`@loopback/context` and `@loopback/filter`.
 */
import 'reflect-metadata';

export * from './common/types';
export * from './common/errors';
export * from './model';
export * from './filter';
export * from './relations';
export * from './repository';
export * from './context';
export * from './rest';
export {DataSource, createDataSource, memory, PersistedModel, ModelBuilder} from './juggler';
export {registerConnector} from './datasource/connector-registry';
export type {Connector, ConnectorCapabilities, FindOptions} from './connectors/connector';
export {MemoryConnector} from './connectors/memory';
export * as juggler from './datasource/juggler';
