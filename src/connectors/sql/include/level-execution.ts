// Running one compiled statement of an include level (driver errors translated)
// and reporting its plan: shared by the root and every batched level run.
import {CompiledQuery, Kysely} from 'kysely';
import {AnyObject} from '../../../common/types';
import {IncludePlanStep} from '../../connector';
import {IncludeHost} from './include-host';
import {IncludeLevel} from './include-level';

/** Reports a statement's level and the JSON levels it carries. */
export function report(explain: (step: IncludePlanStep) => void, level: IncludeLevel, text: string): void {
  explain({relation: level.path, plan: level.strategy, reason: level.reason, sql: text});
  const visit = (l: IncludeLevel): void => {
    for (const child of l.children) {
      if (child.strategy === 'json') {
        explain({relation: child.path, plan: 'json', reason: child.reason, sql: text});
        visit(child);
      } else if (child.strategy === 'empty') {
        explain({relation: child.path, plan: 'empty', reason: child.reason, sql: ''});
      }
    }
  };
  visit(level);
}

/**
 * Runs a level's statement: on the connection directly when the dialect can
 * (SQLite outside any transaction: same prepared statement, same rows,
 * without Kysely's executor and connection mutex), else through `db`.
 */
export async function execute(host: IncludeHost, db: Kysely<any>, query: CompiledQuery, level: IncludeLevel): Promise<AnyObject[]> {
  try {
    const direct = host.dialect.directRows?.(db, query.sql, query.parameters);
    if (direct !== undefined) return direct;
    return (await db.executeQuery(query)).rows as AnyObject[];
  } catch (err) {
    throw host.translateError(err, 'find', level.mapping.model);
  }
}
