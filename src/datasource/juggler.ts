/**
 * The `juggler` namespace LoopBack code imports from `@loopback/repository`
 * (`juggler.DataSource`), and that the LoopBack 3 face extends.
 */
export {DataSource, DataSource as Schema} from './datasource';
