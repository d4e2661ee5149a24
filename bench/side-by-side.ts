import {Pool} from 'pg';
import {AnyObject} from '../src/common/types';
import {SqlConnector} from '../src/connectors/sql/sql-connector';
import {DataSource} from '../src/datasource/datasource';
import {countStatements} from '../test/support/count-statements';
import {median, sameData, timeRuns} from './stats';

/** One row of the hasManyThrough / polymorphic include tables: relata against one hand-written plan. */
export interface SideBySideResult {
  store: string;
  scenario: string;
  relataMs: number;
  relataRoundTrips: number;
  referenceMs: number;
  referenceRoundTrips: number;
  ratio: number;
  /** The ratio to stay within (3 on memory, 1.3 on PostgreSQL). */
  target: number;
}

/** Where the bench's PostgreSQL server listens (as the SQL include bench). */
export const PG_SETTINGS = {host: '127.0.0.1', port: 5432, user: 'postgres', database: 'test'};

/**
 * True when the PostgreSQL runs are wanted: RELATA_BENCH_DATABASES, when set,
 * narrows every SQL part of the bench (these scenarios run on PostgreSQL only).
 */
export function postgresWanted(): boolean {
  const only = process.env.RELATA_BENCH_DATABASES?.split(',').map(s => s.trim().toLowerCase());
  return !only || only.includes('postgresql');
}

/** Drops and recreates `schema` (a bench-owned name) on the bench server. */
export async function resetSchema(schema: string, drop = false): Promise<void> {
  const admin = new Pool(PG_SETTINGS);
  try {
    await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    if (!drop) await admin.query(`CREATE SCHEMA ${schema}`);
  } finally {
    await admin.end();
  }
}

/** Round trips of one relata call: connector `find` calls on memory, executed statements on SQL. */
export async function roundTripsOf(ds: DataSource, call: () => Promise<unknown>): Promise<number> {
  const connector = ds.connector as AnyObject;
  if (ds.connector.name === 'memory') {
    let finds = 0;
    const find = connector.find;
    connector.find = (...args: unknown[]) => {
      finds++;
      return find.apply(connector, args);
    };
    try {
      await call();
    } finally {
      connector.find = find;
    }
    return finds;
  }
  const counter = countStatements(ds);
  try {
    await call();
  } finally {
    // The counter patches the instance; the prototype's methods come back.
    delete connector.kysely;
    delete connector.find;
  }
  return counter.statements;
}

/**
 * Checks relata and the reference return the same data, then times them
 * alternately (5 untimed warm-ups each, a GC before every timed run);
 * returns the medians in milliseconds.
 */
export async function timeSideBySide(
  label: string,
  relata: () => Promise<unknown>,
  reference: () => unknown,
  runs: number,
): Promise<{relataMs: number; referenceMs: number}> {
  const a0 = await relata();
  const b0 = await reference();
  if (!sameData(a0, b0)) {
    const xs = a0 as unknown[];
    const ys = b0 as unknown[];
    const at = xs.findIndex((x, i) => !sameData(x, ys[i]));
    throw new Error(`${label}: relata and the reference disagree (${xs.length} vs ${ys.length} rows; first difference at ${
      at}: ${JSON.stringify(xs[at])} vs ${JSON.stringify(ys[at])})`);
  }
  for (let i = 0; i < 5; i++) {
    await relata();
    await reference();
  }
  const a: number[] = [];
  const b: number[] = [];
  for (let i = 0; i < runs; i++) {
    a.push(...await timeRuns(relata, 1));
    b.push(...await timeRuns(reference, 1));
  }
  return {relataMs: median(a), referenceMs: median(b)};
}

/** Quoted `schema.table` and a column quoter for one model, from the connector's mapping. */
export function pgNames(connector: SqlConnector, model: string): {table: string; col: (p: string) => string} {
  const m = connector.mapping(model);
  const q = (n: string) => `"${n}"`;
  return {
    table: m.schema ? `${q(m.schema)}.${q(m.table)}` : q(m.table),
    col: p => q(m.byProperty.get(p)!.column),
  };
}
