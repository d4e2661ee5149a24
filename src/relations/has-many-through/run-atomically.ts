import {Options} from '../../common/types';
import {DataSource} from '../../datasource/datasource';
import {Transaction} from '../../repository/transaction';

/** Steps that put back what a multi-step write did, run newest first when a later step fails. */
export class UndoLog {
  private readonly steps: (() => Promise<unknown>)[] = [];

  /** @param active - false inside a transaction of our own, whose rollback undoes everything */
  constructor(readonly active = true) {}

  /** Records how to undo the step that just succeeded. */
  add(step: () => Promise<unknown>): void {
    if (this.active) this.steps.push(step);
  }

  /** Runs the recorded steps, newest first; best effort (the original failure is what the caller reports). */
  async run(): Promise<void> {
    for (let i = this.steps.length - 1; i >= 0; i--) {
      try {
        await this.steps[i]();
      } catch {
        // Keep undoing the earlier steps.
      }
    }
    this.steps.length = 0;
  }
}

/** The caller's transaction: `options.transaction`, else the one in `options.throughOptions`. */
export function callerTransaction(options: Options | undefined): unknown {
  return options?.transaction ?? options?.throughOptions?.transaction;
}

/** The one data source of `repositories` when they share one that has transactions. */
function sharedTransactionalDataSource(repositories: unknown[]): DataSource | undefined {
  let shared: DataSource | undefined;
  for (const repo of repositories) {
    const ds = (repo as {dataSource?: DataSource}).dataSource;
    if (!ds || (shared && ds !== shared)) return undefined;
    shared = ds;
  }
  if (!shared || !shared.connector.capabilities.transactions) return undefined;
  return shared;
}

/**
 * Runs a multi-step write so that it happens entirely or not at all:
 * - with a transaction from the caller (`options.transaction`), in it; a
 *   failed step also undoes the earlier ones there (the caller may still
 *   commit after catching the error);
 * - else, when every repository lives on one data source with
 *   transactions (SQL), in a new transaction committed at the end and rolled
 *   back on failure;
 * - else (memory, or repositories on different data sources), step by step,
 *   undoing the earlier steps with the undo log when a later one fails.
 *
 * `work` receives the options to pass on (carrying the transaction) and the
 * undo log to record compensations in.
 */
export async function runAtomically<R>(
  repositories: unknown[],
  options: Options | undefined,
  work: (options: Options, undo: UndoLog) => Promise<R>,
): Promise<R> {
  const undo = new UndoLog();
  const given = callerTransaction(options);
  const ds = given === undefined ? sharedTransactionalDataSource(repositories) : undefined;
  if (!ds) {
    const opts: Options = given === undefined ? {...options} : {...options, transaction: given};
    try {
      return await work(opts, undo);
    } catch (err) {
      await undo.run();
      throw err;
    }
  }
  const tx: Transaction = await ds.beginTransaction();
  try {
    const result = await work({...options, transaction: tx}, new UndoLog(false));
    await tx.commit();
    return result;
  } catch (err) {
    if (tx.isActive()) await tx.rollback().catch(() => undefined);
    throw err;
  }
}
