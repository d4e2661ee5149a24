import {CompiledQuery, Kysely} from 'kysely';
import {AnyObject, Options} from '../../src/common/types';
import {SqlConnector} from '../../src/connectors/sql/sql-connector';
import {DataSource} from '../../src/datasource/datasource';

/**
 * Counts the statements a data source's SQL connector executes (every query
 * goes through the executor `kysely()` returns), and its `find` calls.
 */
export function countStatements(ds: DataSource): {statements: number; finds: number; sql: string[]; reset(): void} {
  const connector = ds.connector as SqlConnector & AnyObject;
  const state = {statements: 0, finds: 0, sql: [] as string[], reset() {
    state.statements = 0;
    state.finds = 0;
    state.sql.length = 0;
  }};
  const kysely = connector.kysely.bind(connector);
  const count = (query: {sql: string}) => {
    state.statements++;
    state.sql.push(query.sql);
  };
  connector.kysely = (options?: Options): Kysely<any> => {
    const db = kysely(options);
    // Kysely keeps private fields: methods run on the real instance.
    return new Proxy(db, {
      get(target, prop) {
        if (prop === 'executeQuery') {
          return (query: CompiledQuery) => {
            count(query);
            return target.executeQuery(query);
          };
        }
        if (prop === 'getExecutor') {
          return () => {
            const executor = target.getExecutor();
            return new Proxy(executor, {
              get(t, p) {
                const value = Reflect.get(t, p);
                if (p !== 'executeQuery') return typeof value === 'function' ? value.bind(t) : value;
                return (query: CompiledQuery, ...rest: unknown[]) => {
                  count(query);
                  return (value as (...a: unknown[]) => unknown).call(t, query, ...rest);
                };
              },
            });
          };
        }
        const value = Reflect.get(target, prop);
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });
  };
  const find = connector.find.bind(connector);
  connector.find = (...args: Parameters<SqlConnector['find']>) => {
    state.finds++;
    return find(...args);
  };
  return state;
}
