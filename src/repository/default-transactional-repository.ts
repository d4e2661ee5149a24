import {Entity} from '../model/model';
import {DefaultCrudRepository} from './default-crud-repository';
import {IsolationLevel, Transaction, TransactionOptions} from './transaction';

/**
 * A `DefaultCrudRepository` that can start transactions on its data source
 * (the SQL connectors; memory answers 501 `TRANSACTIONS_NOT_SUPPORTED`).
 *
 * @example
 * const tx = await repo.beginTransaction(IsolationLevel.READ_COMMITTED);
 * await repo.create({name: 'a'}, {transaction: tx});
 * await tx.commit();
 */
export class DefaultTransactionalRepository<T extends Entity, ID, Relations extends object = {}>
  extends DefaultCrudRepository<T, ID, Relations> {
  async beginTransaction(options?: IsolationLevel | TransactionOptions): Promise<Transaction> {
    const opts = typeof options === 'string' ? {isolationLevel: options} : options ?? {};
    return this.dataSource.beginTransaction(opts);
  }
}
