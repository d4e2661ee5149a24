import assert from 'node:assert/strict';
import {it} from 'node:test';
import {DefaultTransactionalRepository, IsolationLevel} from '../../src';
import {describeForEachConnector} from '../support/connectors';
import {Customer} from '../support/models';
import {useRepositories} from '../support/repository-fixture';

describeForEachConnector('transactions through repositories and relations', setup => {
  const fx = useRepositories(setup);

  it('relation writes and includes inside a transaction are seen only by it, and roll back together', async () => {
    const txRepo = new DefaultTransactionalRepository(Customer, fx.ds);
    if (setup.connector === 'memory') {
      await assert.rejects(txRepo.beginTransaction(), {code: 'TRANSACTIONS_NOT_SUPPORTED'});
      return;
    }
    const {customers, orders} = fx.repos;
    const tx = await txRepo.beginTransaction(IsolationLevel.READ_COMMITTED);
    const options = {transaction: tx};
    const c = await customers.create({name: 'in tx'}, options);
    await customers.orders(c.id!).create({description: 'o1'}, options);
    await customers.address(c.id!).create({street: 'Main'}, options);
    const inside = await customers.find({include: ['orders', 'address']}, options);
    assert.deepEqual(inside.map(x => [x.name, x.orders?.map(o => o.description), x.address?.street]), [['in tx', ['o1'], 'Main']]);
    assert.equal((await orders.customer((await orders.find({}, options))[0].id!, options)).name, 'in tx');
    if (setup.connector !== 'sqlite') {
      // SQLite runs one transaction at a time on its single connection: outside reads wait for the commit.
      assert.deepEqual(await customers.count(), {count: 0});
    }
    await tx.rollback();
    assert.equal(tx.isActive(), false);
    assert.deepEqual(await customers.count(), {count: 0});
    assert.deepEqual(await orders.count(), {count: 0});
    await assert.rejects(customers.create({name: 'late'}, options), {code: 'TRANSACTION_NOT_ACTIVE', statusCode: 400});
  });

  it('commit makes relation writes visible', async () => {
    if (setup.connector === 'memory') return;
    const txRepo = new DefaultTransactionalRepository(Customer, fx.ds);
    const tx = await txRepo.beginTransaction({isolationLevel: IsolationLevel.SERIALIZABLE, timeout: 5000});
    const c = await txRepo.create({name: 'committed'}, {transaction: tx});
    await fx.repos.customers.orders(c.id!).create({description: 'kept'}, {transaction: tx});
    await tx.commit();
    const found = await fx.repos.customers.find({include: ['orders']});
    assert.deepEqual(found.map(x => [x.name, x.orders?.map(o => o.description)]), [['committed', ['kept']]]);
  });
});
