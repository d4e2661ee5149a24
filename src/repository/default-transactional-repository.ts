import {Entity} from '../model/model';
import {DefaultCrudRepository} from './default-crud-repository';
import {IsolationLevel, Transaction, TransactionOptions} from './transaction';

/**
 * A `DefaultCrudRepository` that can start transactions on its data source
 * (where the connector supports them).
 */
export class DefaultTransactionalRepository<T extends Entity, ID, Relations extends object = {}>
  extends DefaultCrudRepository<T, ID, Relations> {
  async beginTransaction(options?: IsolationLevel | TransactionOptions): Promise<Transaction> {
    const opts = typeof options === 'string' ? {isolationLevel: options} : options ?? {};
    return this.dataSource.beginTransaction(opts) as Promise<Transaction>;
  }
}
