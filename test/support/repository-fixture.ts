import {beforeEach} from 'node:test';
import {DataSource} from '../../src/datasource/datasource';
import {ConnectorSetup} from './connectors';
import {createRepositories, Repos} from './models';

/** A fresh data source with the fixture repositories, renewed before each test. */
export interface RepositoryFixture {
  ds: DataSource;
  repos: Repos;
}

/** Registers hooks giving every test of the suite empty, migrated repositories on `setup`. */
export function useRepositories(setup: ConnectorSetup): RepositoryFixture {
  const fx = {} as RepositoryFixture;
  beforeEach(async () => {
    fx.ds = setup.createDataSource();
    fx.repos = createRepositories(fx.ds);
    await fx.ds.automigrate();
  });
  return fx;
}
