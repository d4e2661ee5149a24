import {randomUUID} from 'node:crypto';
import {EventEmitter} from 'node:events';
import {ControlledTransaction, Kysely} from 'kysely';
import {Callback, withCallback} from '../../common/callback';
import {IsolationLevel, Transaction} from '../../repository/transaction';
import {TransactionNotActiveError} from './sql-errors';

/** Why a transaction is no longer active. */
type Ending = 'committed' | 'rolled back' | 'timed out';

/** What a transaction needs from its connector. */
export interface TransactionHost {
  /** Turns a driver error of a transaction command into a RelataError. */
  translate(err: unknown, operation: string): Error;
  /** The transaction ended (committed, rolled back or timed out). */
  released(tx: SqlTransaction): void;
}

/**
 * A database transaction of a `SqlConnector` (LoopBack 4's `Transaction`):
 * pass it as `{transaction: tx}` in the options of any repository or
 * connector call, then `commit()` or `rollback()`. It holds one pooled
 * connection until it ends; after `timeoutMs` it rolls back by itself
 * (emitting `'timeout'`). Any use after the end fails with a 400
 * `TRANSACTION_NOT_ACTIVE`; `rollback()` of an already rolled back or timed
 * out transaction is a no-op.
 *
 * @example
 * const tx = await repo.beginTransaction(IsolationLevel.SERIALIZABLE);
 * try {
 *   await repo.create({name: 'a'}, {transaction: tx});
 *   await tx.commit();
 * } catch (err) {
 *   await tx.rollback();
 * }
 */
export class SqlTransaction extends EventEmitter implements Transaction {
  readonly id: string = randomUUID();
  private ending: Ending | undefined;
  private timer: NodeJS.Timeout | undefined;

  /**
   * @param owner - the connector that started it (operations of other connectors ignore it)
   * @param trx - Kysely's controlled transaction, holding the connection
   */
  constructor(
    readonly owner: object,
    private readonly host: TransactionHost,
    private readonly trx: ControlledTransaction<any>,
    readonly isolationLevel: IsolationLevel | undefined,
    readonly timeoutMs: number | undefined,
  ) {
    super();
    if (timeoutMs !== undefined && timeoutMs > 0 && Number.isFinite(timeoutMs)) {
      // Kept referenced: like the connection it holds, a pending transaction keeps the process alive until it ends.
      this.timer = setTimeout(() => void this.expire(), timeoutMs);
    }
  }

  isActive(): boolean {
    return this.ending === undefined;
  }

  /** The executor of operations in this transaction; throws when it has ended. */
  executor(): Kysely<any> {
    if (this.ending !== undefined) throw this.notActive();
    return this.trx;
  }

  commit(cb?: Callback<void>): Promise<void> {
    return withCallback(this.finish('committed'), cb);
  }

  rollback(cb?: Callback<void>): Promise<void> {
    if (this.ending === 'rolled back' || this.ending === 'timed out') return withCallback(Promise.resolve(), cb);
    return withCallback(this.finish('rolled back'), cb);
  }

  private async finish(ending: 'committed' | 'rolled back'): Promise<void> {
    if (this.ending !== undefined) throw this.notActive();
    this.ending = ending;
    this.clearTimer();
    try {
      if (ending === 'committed') await this.trx.commit().execute();
      else await this.trx.rollback().execute();
    } catch (err) {
      // A failed COMMIT leaves the transaction open on the connection: roll it back to release it.
      if (ending === 'committed') {
        this.ending = 'rolled back';
        await this.trx.rollback().execute().catch(() => undefined);
      }
      throw this.host.translate(err, ending === 'committed' ? 'commit' : 'rollback');
    } finally {
      this.host.released(this);
    }
  }

  /** Rolls back an unfinished transaction when its time is up. */
  private async expire(): Promise<void> {
    if (this.ending !== undefined) return;
    this.ending = 'timed out';
    this.timer = undefined;
    try {
      await this.trx.rollback().execute();
    } catch {
      // The connection is released either way; nothing to report to.
    } finally {
      this.host.released(this);
    }
    this.emit('timeout', this);
  }

  /** Ends the transaction when its connector disconnects. */
  async abort(): Promise<void> {
    if (this.ending !== undefined) return;
    await this.rollback().catch(() => undefined);
  }

  private clearTimer(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
  }

  private notActive(): TransactionNotActiveError {
    const how = this.ending === 'timed out'
      ? `it was rolled back after its ${this.timeoutMs} ms timeout`
      : `it was ${this.ending}`;
    return new TransactionNotActiveError(`Transaction ${this.id} is not active: ${how}`);
  }
}
