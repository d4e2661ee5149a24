import {Kysely} from 'kysely';
import {Options} from '../../../common/types';
import {SqlDialect} from '../sql-dialect';
import {TableMapping} from '../table-mapping';

/**
 * What include plans need from the SQL connector (`SqlConnector` provides
 * it): the dialect adapter, the executor of an operation (the transaction's
 * when `options.transaction` is one), table mappings and error translation.
 */
export interface IncludeHost {
  readonly dialect: SqlDialect;
  connect(): Promise<void>;
  kysely(options?: Options): Kysely<any>;
  mapping(model: string): TableMapping;
  translateError(err: unknown, operation: string, model?: string): Error;
}
