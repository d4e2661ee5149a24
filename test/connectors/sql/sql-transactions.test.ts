import assert from 'node:assert/strict';
import {once} from 'node:events';
import {after, before, beforeEach, it} from 'node:test';
import {SqlConnector} from '../../../src/connectors/sql/sql-connector';
import {SqlTransaction} from '../../../src/connectors/sql/sql-transaction';
import {DataSource} from '../../../src/datasource/datasource';
import {model, property} from '../../../src/model/decorators';
import {Entity} from '../../../src/model/model';
import {DefaultTransactionalRepository} from '../../../src/repository/default-transactional-repository';
import {IsolationLevel, Transaction} from '../../../src/repository/transaction';
import {createTables, describeForEachSql} from './sql-setups';

@model()
class Account extends Entity {
  @property({type: 'number', id: true, generated: true})
  id?: number;

  @property({type: 'string'})
  owner?: string;

  @property({type: 'number'})
  balance?: number;

  constructor(data?: Partial<Account>) {
    super(data);
  }
}

/** Lets pending promise callbacks and I/O run a few times. */
async function turns(n = 5): Promise<void> {
  for (let i = 0; i < n; i++) await new Promise(resolve => setImmediate(resolve));
}

describeForEachSql('SQL transactions', setup => {
  let ds: DataSource;
  let db: SqlConnector;
  let repo: DefaultTransactionalRepository<Account, number>;
  const open: Transaction[] = [];
  const begin = async (options?: Parameters<typeof repo.beginTransaction>[0]) => {
    const tx = await repo.beginTransaction(options);
    open.push(tx);
    return tx;
  };

  before(() => {
    ds = new DataSource(setup.settings());
    repo = new DefaultTransactionalRepository(Account, ds);
    db = ds.connector as SqlConnector;
  });
  beforeEach(async () => {
    // A failing test must not leave a transaction holding SQLite's connection.
    for (const tx of open.splice(0)) await tx.rollback().catch(() => undefined);
    await createTables(ds, ['Account']);
  });
  after(async () => {
    for (const tx of open.splice(0)) await tx.rollback().catch(() => undefined);
    await ds.disconnect();
  });

  it('commit makes the writes visible; the transaction is then finished', async () => {
    const tx = await begin();
    assert.equal(typeof tx.id, 'string');
    assert.equal(tx.isActive(), true);
    await repo.create({owner: 'a', balance: 10}, {transaction: tx});
    await repo.createAll([{owner: 'b'}, {owner: 'c'}], {transaction: tx});
    await repo.updateAll({balance: 5}, {owner: 'b'}, {transaction: tx});
    assert.equal((await repo.count({}, {transaction: tx})).count, 3);
    if (setup.dialect !== 'sqlite') {
      // Another connection does not see uncommitted rows (SQLite's other operations wait instead, see below).
      assert.equal((await repo.count()).count, 0);
    }
    await tx.commit();
    assert.equal(tx.isActive(), false);
    assert.deepEqual((await repo.find({order: ['id']})).map(a => a.toJSON()),
      [{id: 1, owner: 'a', balance: 10}, {id: 2, owner: 'b', balance: 5}, {id: 3, owner: 'c'}]);
  });

  it('rollback discards every write of the transaction', async () => {
    await repo.create({owner: 'kept'});
    const tx = await begin(IsolationLevel.SERIALIZABLE);
    await repo.create({owner: 'gone'}, {transaction: tx});
    await repo.deleteAll({owner: 'kept'}, {transaction: tx});
    await repo.updateAll({balance: 1}, {}, {transaction: tx});
    assert.deepEqual((await repo.find({}, {transaction: tx})).map(a => a.owner), ['gone']);
    await tx.rollback();
    assert.deepEqual((await repo.find()).map(a => a.toJSON()), [{id: 1, owner: 'kept'}]);
    await tx.rollback();
  });

  it('a finished transaction cannot be used: 400 TRANSACTION_NOT_ACTIVE', async () => {
    const tx = await begin();
    await tx.commit();
    const notActive = {code: 'TRANSACTION_NOT_ACTIVE', statusCode: 400, message: new RegExp(`Transaction ${tx.id} is not active: it was committed`)};
    await assert.rejects(repo.create({owner: 'x'}, {transaction: tx}), notActive);
    await assert.rejects(repo.find({}, {transaction: tx}), notActive);
    await assert.rejects(db.execute('SELECT 1', [], {transaction: tx}), notActive);
    await assert.rejects(tx.commit(), notActive);
    await assert.rejects(tx.rollback(), notActive);
    const rolled = await begin();
    await rolled.rollback();
    await assert.rejects(rolled.commit(), {code: 'TRANSACTION_NOT_ACTIVE', message: /it was rolled back/});
    assert.equal((await repo.count()).count, 0);
  });

  it('an unfinished transaction rolls back after its timeout and is then inactive', async () => {
    const tx = await begin({timeout: 30}) as SqlTransaction;
    await repo.create({owner: 'late'}, {transaction: tx});
    await once(tx, 'timeout');
    assert.equal(tx.isActive(), false);
    await assert.rejects(repo.create({owner: 'x'}, {transaction: tx}),
      {code: 'TRANSACTION_NOT_ACTIVE', statusCode: 400, message: /rolled back after its 30 ms timeout/});
    await assert.rejects(tx.commit(), {code: 'TRANSACTION_NOT_ACTIVE'});
    await tx.rollback();
    assert.equal((await repo.count()).count, 0);
  });

  it('the default timeout comes from the transactionTimeout setting', async () => {
    const other = new DataSource(setup.settings({transactionTimeout: 20}));
    other.attachDefinition(db.definitions()[0]);
    try {
      const tx = await other.beginTransaction() as SqlTransaction;
      assert.equal(tx.timeoutMs, 20);
      await once(tx, 'timeout');
      assert.equal(tx.isActive(), false);
      const none = await other.beginTransaction({timeout: 0}) as SqlTransaction;
      assert.equal(none.timeoutMs, 0);
      await none.rollback();
    } finally {
      await other.disconnect();
    }
  });

  it('isolation levels are applied (and validated)', async () => {
    await assert.rejects(repo.beginTransaction('DIRTY' as IsolationLevel),
      {code: 'INVALID_ISOLATION_LEVEL', statusCode: 400, message: 'Invalid isolationLevel: DIRTY'});
    if (setup.dialect === 'sqlite') {
      const tx = await begin(IsolationLevel.READ_COMMITTED) as SqlTransaction;
      assert.equal(tx.isolationLevel, IsolationLevel.SERIALIZABLE, 'SQLite transactions are serializable');
      await tx.rollback();
      return;
    }
    const repeatable = await begin(IsolationLevel.REPEATABLE_READ);
    const committed = await begin({isolationLevel: IsolationLevel.READ_COMMITTED});
    assert.equal((await repo.count({}, {transaction: repeatable})).count, 0);
    assert.equal((await repo.count({}, {transaction: committed})).count, 0);
    await repo.create({owner: 'concurrent'});
    assert.equal((await repo.count({}, {transaction: repeatable})).count, 0, 'a snapshot since the first read');
    assert.equal((await repo.count({}, {transaction: committed})).count, 1, 'sees committed rows');
    await repeatable.commit();
    await committed.commit();
  });

  it('createAll inside a transaction is atomic on its own and keeps the transaction usable', async () => {
    const tx = await begin();
    await repo.create({id: 5, owner: 'first'}, {transaction: tx});
    // Several statements (explicit and generated ids): run under a savepoint.
    await assert.rejects(db.createAll('Account', [{id: 6, owner: 'a'}, {owner: 'gen'}, {id: 5, owner: 'dup'}], {transaction: tx}),
      {code: 'DUPLICATE_ENTRY'});
    await repo.create({id: 7, owner: 'after'}, {transaction: tx});
    await tx.commit();
    assert.deepEqual((await repo.find({order: ['id']})).map(a => a.id), [5, 7]);
  });

  it('PostgreSQL: a failed statement aborts the transaction (TRANSACTION_ABORTED until rolled back)', async () => {
    const tx = await begin();
    await repo.create({id: 1, owner: 'first'}, {transaction: tx});
    await assert.rejects(repo.create({id: 1, owner: 'dup'}, {transaction: tx}), {code: 'DUPLICATE_ENTRY', statusCode: 409});
    if (setup.dialect === 'postgresql') {
      await assert.rejects(repo.count({}, {transaction: tx}), {code: 'TRANSACTION_ABORTED', statusCode: 409});
      await tx.rollback();
      assert.equal((await repo.count()).count, 0);
    } else {
      assert.equal((await repo.count({}, {transaction: tx})).count, 1);
      await tx.commit();
      assert.equal((await repo.count()).count, 1);
    }
  });

  it('a transaction of another data source is not used by this one', async function () {
    if (setup.dialect === 'sqlite') return; // a second SQLite connection on the file would wait for the lock
    const other = new DataSource(setup.settings());
    other.attachDefinition(db.definitions()[0]);
    try {
      const foreign = await other.beginTransaction();
      await repo.create({owner: 'outside'}, {transaction: foreign});
      await foreign.rollback();
      assert.equal((await repo.count()).count, 1);
    } finally {
      await other.disconnect();
    }
  });

  it('disconnect rolls back open transactions', async () => {
    const other = new DataSource(setup.settings());
    other.attachDefinition(db.definitions()[0]);
    const tx = await other.beginTransaction();
    await other.connector.create('Account', {owner: 'never'}, {transaction: tx});
    await other.disconnect();
    assert.equal(tx.isActive(), false);
    assert.equal((await repo.count()).count, 0);
  });

  it('LoopBack 3 callbacks work on begin, commit and rollback', async () => {
    const tx = await new Promise<Transaction>((resolve, reject) =>
      ds.beginTransaction({isolationLevel: IsolationLevel.READ_COMMITTED}, (err, t) => err ? reject(err) : resolve(t!)));
    open.push(tx);
    await repo.create({owner: 'cb'}, {transaction: tx});
    await new Promise<void>((resolve, reject) => (tx as SqlTransaction).commit(err => err ? reject(err) : resolve()));
    assert.equal((await repo.count()).count, 1);
  });

  it('SQLite: a second transaction and operations outside wait until the open one ends', async () => {
    if (setup.dialect !== 'sqlite') return;
    const first = await begin();
    let secondStarted = false;
    let outsideDone = false;
    const second = repo.beginTransaction().then(tx => {
      secondStarted = true;
      open.push(tx);
      return tx;
    });
    const outside = repo.create({owner: 'outside'}).then(a => {
      outsideDone = true;
      return a;
    });
    await repo.create({owner: 'first'}, {transaction: first});
    await turns();
    assert.equal((await repo.count({}, {transaction: first})).count, 1, 'nothing interleaved into the transaction');
    await turns();
    assert.equal(secondStarted, false);
    assert.equal(outsideDone, false);
    await first.commit();
    const tx2 = await second;
    await repo.create({owner: 'second'}, {transaction: tx2});
    await tx2.commit();
    await outside;
    assert.deepEqual((await repo.find({order: ['id']})).map(a => a.owner).sort(), ['first', 'outside', 'second']);
  });
});

describeForEachSql('SQL transactions: memory still refuses them', () => {
  it('memory data sources answer TRANSACTIONS_NOT_SUPPORTED', async () => {
    await assert.rejects(new DataSource({connector: 'memory'}).beginTransaction({}),
      {code: 'TRANSACTIONS_NOT_SUPPORTED', statusCode: 501});
  });
});
