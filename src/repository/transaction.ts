import {Options} from '../common/types';

/** Isolation levels, with the SQL texts as values (LoopBack 4's enum). */
export enum IsolationLevel {
  READ_COMMITTED = 'READ COMMITTED',
  READ_UNCOMMITTED = 'READ UNCOMMITTED',
  SERIALIZABLE = 'SERIALIZABLE',
  REPEATABLE_READ = 'REPEATABLE READ',
}

/** A started transaction; pass it as `{transaction}` in the options of repository calls. */
export interface Transaction {
  id: string;
  commit(): Promise<void>;
  rollback(): Promise<void>;
  isActive(): boolean;
}

/** Options of `beginTransaction`. */
export interface TransactionOptions extends Options {
  isolationLevel?: IsolationLevel;
  /** Milliseconds after which an unfinished transaction rolls back. */
  timeout?: number;
}
