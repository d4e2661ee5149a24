import {MigrationError} from './migration-error';
import {ReferentialAction} from './schema-spec';

const ACTIONS: Record<string, ReferentialAction> = {
  noaction: 'NO ACTION', restrict: 'RESTRICT', cascade: 'CASCADE', setnull: 'SET NULL', setdefault: 'SET DEFAULT',
};

/**
 * Reads an `onDelete`/`onUpdate` value as written in relations and
 * `foreignKeys` settings (`'CASCADE'`, `'cascade'`, `'SET NULL'`,
 * `'setNull'`, `'no action'`, ...); absent means `NO ACTION`.
 */
export function referentialAction(value: unknown, model: string, origin: string, option: string): ReferentialAction {
  if (value === undefined || value === null || value === '') return 'NO ACTION';
  const action = typeof value === 'string' ? ACTIONS[value.replace(/[\s_-]+/g, '').toLowerCase()] : undefined;
  if (!action) {
    throw new MigrationError(
      `Invalid ${option} ${JSON.stringify(value)} in ${origin} of ${model}: ` +
        'expected CASCADE, SET NULL, SET DEFAULT, RESTRICT or NO ACTION',
      'INVALID_FOREIGN_KEY');
  }
  return action;
}

/**
 * True when two actions behave the same on this database: MySQL's InnoDB
 * and PostgreSQL's immediate constraints treat NO ACTION as RESTRICT (MySQL
 * even reports one for the other); SQLite distinguishes them only for
 * deferred constraints, which relata does not create.
 */
export function sameAction(a: ReferentialAction, b: ReferentialAction): boolean {
  const fold = (x: ReferentialAction) => (x === 'RESTRICT' ? 'NO ACTION' : x);
  return fold(a) === fold(b);
}
