import {RelataError} from '../../common/errors';
import {InvalidJSONFileError} from '../json/json-errors';

/** A LoopBack 3 project that cannot be loaded; `file` is the file at fault, relative to the project root. */
export class BootError extends RelataError {
  file?: string;

  constructor(message: string, code: string, file?: string) {
    super(message, code);
    if (file !== undefined) this.file = file;
  }
}

/**
 * Runs `fn`; an error it throws becomes a BootError whose message starts
 * with `context` (which names the file; JSON syntax errors keep their own message), keeping the original `code` and
 * the original error as non-enumerable `cause`.
 */
export function inFile<T>(context: string, file: string, fn: () => T): T {
  try {
    return fn();
  } catch (err) {
    if (err instanceof BootError) throw err;
    if (err instanceof InvalidJSONFileError) {
      // Its message already names the file, line and column.
      throw Object.assign(new BootError(err.message, err.code, file), {line: err.line, column: err.column});
    }
    const original = err as Error & {code?: string};
    const wrapped = new BootError(`${context}: ${original.message}`,
      typeof original.code === 'string' ? original.code : 'BOOT_FAILED', file);
    Object.defineProperty(wrapped, 'cause', {value: err, enumerable: false});
    if ((original as {details?: unknown}).details !== undefined) wrapped.details = (original as {details?: unknown}).details;
    throw wrapped;
  }
}
