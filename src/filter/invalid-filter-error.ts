import {RelataError} from '../common/errors';

/**
 * A filter (where, order, limit, fields, include...) that cannot be run.
 * `statusCode` is 400; `code` tells what kind of mistake it is.
 */
export class InvalidFilterError extends RelataError {
  constructor(message: string, code = 'INVALID_FILTER') {
    super(message, code, 400);
  }
}
