/**
 * The `juggler` namespace: what LoopBack 4 code imports from
 * `@loopback/repository` (`juggler.DataSource`) and LoopBack 3 code from
 * loopback-datasource-juggler (`DataSource`, `ModelBuilder`, `Schema`).
 */
export * from '../juggler';
