import {mkdtempSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {after, before, describe, it} from 'node:test';
import {AnyObject} from '../../src/common/types';
import {JugglerDataSource as DataSource} from '../../src/juggler/juggler-datasource';
import {DataSource as BaseDataSource} from '../../src/datasource/datasource';
import {createDatabase, dropDatabase, SERVER_SETTINGS} from './database-servers';
import {countStatements} from './count-statements';

/** One connector configuration the behaviour suites run against. */
export interface ConnectorSetup {
  /** `memory`, `memory (file)`, `sqlite`, `postgresql` or `mysql`. */
  name: string;
  /** The connector family, for RELATA_CONNECTORS filtering and connector-specific expectations. */
  connector: 'memory' | 'sqlite' | 'postgresql' | 'mysql';
  /** Makes what the setup needs (schema, database); runs once before the suite. */
  prepare(): Promise<void>;
  /**
   * A data source for a test. Embedded setups give a fresh one; server setups
   * share one per suite (tests start with `automigrate()`, which empties the tables).
   */
  createDataSource(): DataSource;
  /** Frees what the setup made (connections, schemas, temporary files). Safe to call twice. */
  cleanup(): Promise<void>;
}

/**
 * The behaviour suites keep LoopBack's data model, where a foreign key may
 * point nowhere (dangling and orphan rows are part of the include semantics
 * they test), so SQL setups leave belongsTo FOREIGN KEY constraints out. The
 * migration suites test the constraints themselves.
 */
const BEHAVIOUR_SETTINGS = {foreignKeyConstraints: false};

function memory(): ConnectorSetup {
  return {
    name: 'memory', connector: 'memory',
    prepare: async () => undefined,
    createDataSource: () => new DataSource({name: 'db', connector: 'memory'}),
    cleanup: async () => undefined,
  };
}

function memoryWithFile(): ConnectorSetup {
  const dirs: string[] = [];
  return {
    name: 'memory (file)', connector: 'memory',
    prepare: async () => undefined,
    createDataSource: () => {
      const dir = mkdtempSync(join(tmpdir(), 'relata-test-'));
      dirs.push(dir);
      return new DataSource({name: 'db', connector: 'memory', file: join(dir, 'db.json')});
    },
    cleanup: async () => {
      for (const d of dirs.splice(0)) rmSync(d, {recursive: true, force: true});
    },
  };
}

function sqlite(): ConnectorSetup {
  const open: DataSource[] = [];
  return {
    name: 'sqlite', connector: 'sqlite',
    prepare: async () => undefined,
    createDataSource: () => {
      const ds = new DataSource({name: 'db', connector: 'sqlite', file: ':memory:', ...BEHAVIOUR_SETTINGS});
      open.push(ds);
      return ds;
    },
    cleanup: async () => {
      for (const ds of open.splice(0)) await ds.disconnect();
    },
  };
}

/** A database server setup: one schema/database per test process, one shared data source. */
function server(connector: 'postgresql' | 'mysql'): ConnectorSetup {
  const dbName = `relata_test_${process.pid}`;
  let shared: DataSource | undefined;
  let prepared = false;
  const settings: AnyObject = connector === 'postgresql'
    ? {...SERVER_SETTINGS.postgresql, schema: dbName, ...BEHAVIOUR_SETTINGS}
    : {...SERVER_SETTINGS.mysql, database: dbName, ...BEHAVIOUR_SETTINGS};
  return {
    name: connector, connector,
    prepare: async () => {
      await createDatabase(connector, dbName);
      prepared = true;
    },
    createDataSource: () => (shared ??= new DataSource({name: 'db', connector, ...settings})),
    cleanup: async () => {
      if (shared) await shared.disconnect();
      shared = undefined;
      if (prepared) await dropDatabase(connector, dbName);
      prepared = false;
    },
  };
}

const ALL: Record<string, () => ConnectorSetup> = {
  memory, 'memory (file)': memoryWithFile, sqlite, postgresql: () => server('postgresql'), mysql: () => server('mysql'),
};

/**
 * Every connector setup, optionally narrowed with RELATA_CONNECTORS
 * (comma-separated connector names: `memory`, `sqlite`, `postgresql`, `mysql`).
 */
export function connectorSetups(): ConnectorSetup[] {
  const all = Object.values(ALL).map(make => make());
  const only = process.env.RELATA_CONNECTORS?.split(',').map(s => s.trim()).filter(Boolean);
  return only?.length ? all.filter(s => only.includes(s.connector)) : all;
}

/**
 * Runs `suite` once per connector setup, inside a describe named after it,
 * with the setup prepared before and cleaned up after.
 */
export function describeForEachConnector(title: string, suite: (setup: ConnectorSetup) => void): void {
  for (const setup of connectorSetups()) {
    describe(`${title} [${setup.name}]`, () => {
      before(() => setup.prepare());
      after(() => setup.cleanup());
      suite(setup);
    });
  }
}

/**
 * Counts database round trips for reads on a data source: connector `find`
 * calls on memory (each is one query), executed statements on SQL connectors
 * (whose include plans may carry several levels in one statement). `log`
 * holds the memory connector's normalized filters.
 */
export function countQueries(ds: BaseDataSource): {readonly finds: number; reset(): void; log: AnyObject[]} {
  if (ds.connector.name !== 'memory') {
    const counter = countStatements(ds);
    return {
      get finds() {
        return counter.statements;
      },
      reset: () => counter.reset(),
      log: [],
    };
  }
  const connector = ds.connector as AnyObject;
  const original = connector.find.bind(connector);
  const state = {finds: 0, log: [] as AnyObject[], reset() {
    state.finds = 0;
    state.log.length = 0;
  }};
  connector.find = (model: string, filter: AnyObject, options?: AnyObject) => {
    state.finds++;
    state.log.push({model, filter, partitionBy: options?.partitionBy});
    return original(model, filter, options);
  };
  return state;
}

/**
 * `it` when the condition holds, otherwise nothing is registered: for tests
 * that only make sense on some connectors (transactions on SQL, undo on
 * memory). They are left out, not reported as skipped.
 */
export function itWhen(condition: boolean): typeof it {
  return condition ? it : ((() => undefined) as unknown as typeof it);
}
