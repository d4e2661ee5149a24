// Helpers the LoopBack 3 face's tests (test/juggler, the LoopBack 3 seeds) share.
import assert from 'node:assert/strict';
import {afterEach} from 'node:test';
import {juggler} from 'relata';
import {ConnectorSetup} from '../../support/connectors';

// LoopBack 3 models and results are dynamic (accessors and properties come from definitions).
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Any = any;

/** Calls a LoopBack 3 method in callback style; resolves with the callback's result, rejects with its error. */
export function viaCallback<T = Any>(call: (cb: (err: Any, ...results: Any[]) => void) => unknown): Promise<T> {
  return new Promise((resolve, reject) => {
    call((err, result) => (err ? reject(err) : resolve(result as T)));
  });
}

/** The error a callback-style call reports (fails when there is none). */
export function callbackError(call: (cb: (err: Any) => void) => unknown): Promise<Any> {
  return new Promise((resolve, reject) => {
    call(err => (err ? resolve(err) : reject(new Error('expected an error'))));
  });
}

/** Every argument the callback received, error included. */
export function callbackArgs(call: (cb: (...args: Any[]) => void) => unknown): Promise<Any[]> {
  return new Promise(resolve => {
    call((...args) => resolve(args));
  });
}

/** The error a promise rejects with (fails when it resolves). */
export async function rejection(promise: Promise<unknown>): Promise<Any> {
  return promise.then(() => assert.fail('expected a rejection'), (err: Any) => err);
}

/** A value as JSON would carry it (what `toJSON()` gives, as plain data). */
export function json(value: unknown): Any {
  return JSON.parse(JSON.stringify(value));
}

/**
 * For tests that define the same model names again (seeds, boot): a data
 * source with its own ModelBuilder per call. The embedded connectors give a
 * new one anyway; the server ones get a second connection to the same
 * schema, closed after each test.
 */
export function freshDataSources(setup: ConnectorSetup): () => juggler.DataSource {
  const opened: juggler.DataSource[] = [];
  afterEach(async () => {
    for (const ds of opened.splice(0)) await ds.disconnect();
  });
  return (): juggler.DataSource => {
    const ds = setup.createDataSource();
    if (setup.connector !== 'postgresql' && setup.connector !== 'mysql') return ds;
    const own = new juggler.DataSource({...ds.settings});
    opened.push(own);
    return own;
  };
}
