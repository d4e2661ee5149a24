import {RelataError} from '../../../common/errors';

/**
 * A schema migration that cannot be planned (invalid type override, unknown
 * index column, bad referential action) or that the database refused.
 * Messages name the model and property; database failures keep the driver's
 * error as a non-enumerable `cause`.
 */
export class MigrationError extends RelataError {
  constructor(message: string, code = 'MIGRATION_FAILED', cause?: unknown) {
    super(message, code);
    if (cause !== undefined) {
      Object.defineProperty(this, 'cause', {value: cause, enumerable: false, configurable: true, writable: true});
    }
  }
}
