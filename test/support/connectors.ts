import {mkdtempSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {describe} from 'node:test';
import {AnyObject} from '../../src/common/types';
import {DataSource} from '../../src/datasource/datasource';

/** One connector configuration the behaviour suites run against. */
export interface ConnectorSetup {
  name: string;
  /** A fresh, empty data source. */
  createDataSource(): DataSource;
  /** Frees what the setup made (temporary files). */
  cleanup(): void;
}

function memory(): ConnectorSetup {
  return {
    name: 'memory',
    createDataSource: () => new DataSource({name: 'db', connector: 'memory'}),
    cleanup: () => undefined,
  };
}

function memoryWithFile(): ConnectorSetup {
  const dirs: string[] = [];
  return {
    name: 'memory (file)',
    createDataSource: () => {
      const dir = mkdtempSync(join(tmpdir(), 'relata-test-'));
      dirs.push(dir);
      return new DataSource({name: 'db', connector: 'memory', file: join(dir, 'db.json')});
    },
    cleanup: () => {
      for (const d of dirs.splice(0)) rmSync(d, {recursive: true, force: true});
    },
  };
}

/**
 * Every connector setup, optionally narrowed with RELATA_CONNECTORS
 * (comma-separated names, e.g. `RELATA_CONNECTORS=memory`).
 */
export function connectorSetups(): ConnectorSetup[] {
  const all = [memory(), memoryWithFile()];
  const only = process.env.RELATA_CONNECTORS?.split(',').map(s => s.trim()).filter(Boolean);
  return only?.length ? all.filter(s => only.includes(s.name.split(' ')[0])) : all;
}

/** Runs `suite` once per connector setup, inside a describe named after it. */
export function describeForEachConnector(title: string, suite: (setup: ConnectorSetup) => void): void {
  for (const setup of connectorSetups()) {
    describe(`${title} [${setup.name}]`, () => suite(setup));
  }
}

/** Counts connector `find` calls (database round trips for reads) on a data source. */
export function countQueries(ds: DataSource): {readonly finds: number; reset(): void; log: AnyObject[]} {
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
