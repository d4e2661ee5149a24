/**
 * Base of relata's errors: each carries a stable `code` and, where the error
 * describes bad client input, the HTTP `statusCode` a REST layer answers with.
 */
export class RelataError extends Error {
  code: string;
  statusCode?: number;
  details?: unknown;

  constructor(message: string, code: string, statusCode?: number) {
    super(message);
    // LoopBack's errors keep name 'Error'; callers test `code`, not `name`.
    this.name = 'Error';
    this.code = code;
    if (statusCode !== undefined) this.statusCode = statusCode;
  }
}

/** An operation a connector does not support (e.g. `execute` on memory). */
export class NotSupportedError extends RelataError {
  constructor(message: string) {
    super(message, 'NOT_SUPPORTED', 501);
  }
}
