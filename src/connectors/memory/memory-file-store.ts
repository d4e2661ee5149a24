import {randomBytes} from 'crypto';
import * as fs from 'fs';
import {AnyObject} from '../../common/types';
import {RelataError} from '../../common/errors';

/**
 * The content of a memory connector file, in LoopBack's format:
 * `{"ids": {"Model": nextId}, "models": {"Model": {"<id>": "<row JSON>"}}}`.
 * Here rows are already parsed.
 */
export interface MemoryFileData {
  ids: {[model: string]: number};
  models: {[model: string]: {[id: string]: AnyObject}};
}

/**
 * Reads and writes the memory connector's JSON file. Writes are atomic (a
 * temporary file renamed over the target) and serialized: one write at a
 * time, and every write requested while one runs is served by a single
 * follow-up write that snapshots the data when it starts.
 */
export class MemoryFileStore {
  private running: Promise<void> | undefined;
  private queued: Promise<void> | undefined;

  /**
   * @param file - the file path
   * @param snapshot - returns the file text for the current data
   */
  constructor(readonly file: string, private readonly snapshot: () => string) {}

  /** Reads the file: empty data when it does not exist or is empty. */
  load(): MemoryFileData {
    let text: string;
    try {
      text = fs.readFileSync(this.file, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return {ids: {}, models: {}};
      throw this.error(`cannot be read: ${(err as Error).message}`, 'MEMORY_FILE_UNREADABLE');
    }
    if (text.trim() === '') return {ids: {}, models: {}};
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch (err) {
      throw this.error(`is not valid JSON: ${(err as Error).message}`);
    }
    return this.validate(parsed);
  }

  /** Resolves once the data as it is now (or later) is on disk. */
  write(): Promise<void> {
    if (this.queued) return this.queued;
    if (this.running) {
      const follow = this.running
        .then(noop, noop)
        .then(() => {
          this.queued = undefined;
          return this.start();
        });
      this.queued = follow;
      return follow;
    }
    return this.start();
  }

  /**
   * Resolves when no write is pending. A failed write was already reported
   * to the operations that waited for it, so it does not fail the flush.
   */
  async flush(): Promise<void> {
    let pending: Promise<void> | undefined;
    while ((pending = this.queued ?? this.running)) {
      await pending.catch(noop);
    }
  }

  private start(): Promise<void> {
    let text: string;
    try {
      text = this.snapshot();
    } catch (err) {
      return Promise.reject(err);
    }
    const p: Promise<void> = this.writeAtomically(text).finally(() => {
      if (this.running === p) this.running = undefined;
    });
    this.running = p;
    return p;
  }

  private async writeAtomically(text: string): Promise<void> {
    const tmp = `${this.file}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
    try {
      const handle = await fs.promises.open(tmp, 'w');
      try {
        await handle.writeFile(text, 'utf8');
        // on disk before it replaces the file, so a crash keeps old or new data
        await handle.sync();
      } finally {
        await handle.close();
      }
      await fs.promises.rename(tmp, this.file);
    } catch (err) {
      await fs.promises.unlink(tmp).catch(noop);
      throw this.error(`cannot be written: ${(err as Error).message}`, 'MEMORY_FILE_WRITE_FAILED');
    }
  }

  private validate(parsed: unknown): MemoryFileData {
    if (!isObject(parsed)) throw this.error('does not hold a JSON object');
    const ids: MemoryFileData['ids'] = {};
    const models: MemoryFileData['models'] = {};
    if (parsed.ids !== undefined && parsed.ids !== null) {
      if (!isObject(parsed.ids)) throw this.error('has an "ids" entry that is not an object');
      for (const model of Object.keys(parsed.ids)) {
        const n = Number(parsed.ids[model]);
        if (Number.isFinite(n)) ids[model] = n;
      }
    }
    if (parsed.models !== undefined && parsed.models !== null) {
      if (!isObject(parsed.models)) throw this.error('has a "models" entry that is not an object');
      for (const model of Object.keys(parsed.models)) {
        const rows = parsed.models[model];
        if (!isObject(rows)) throw this.error(`has rows of model "${model}" that are not an object`);
        const out: {[id: string]: AnyObject} = {};
        for (const id of Object.keys(rows)) {
          let row: unknown = rows[id];
          if (typeof row === 'string') {
            try {
              row = JSON.parse(row);
            } catch (err) {
              throw this.error(`has an invalid row ${model}[${JSON.stringify(id)}]: ${(err as Error).message}`);
            }
          }
          if (!isObject(row)) {
            throw this.error(`has an invalid row ${model}[${JSON.stringify(id)}]: not an object`);
          }
          out[id] = row;
        }
        models[model] = out;
      }
    }
    return {ids, models};
  }

  private error(reason: string, code = 'MEMORY_FILE_CORRUPT'): RelataError {
    return new RelataError(`The memory connector file "${this.file}" ${reason}`, code);
  }
}

function isObject(v: unknown): v is AnyObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function noop(): void {}
