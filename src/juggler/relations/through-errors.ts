import {RelataError} from '../../common/errors';

/**
 * A through relation method was given a target its source is not linked to
 * (404), with juggler's texts: `No relation found in Appointment for
 * (Physician.1,Patient.5)` (findById), `No record found in Appointment for
 * (Physician.1 ,Patient.5)` (destroyById).
 */
export class LinkNotFoundError extends RelataError {
  constructor(message: string) {
    super(message, 'LINK_NOT_FOUND', 404);
  }
}

/**
 * An id handed to a relation method belongs to another source instance
 * (400): `Key mismatch: Customer.accountIds: 1,2, Account.id: 5`.
 */
export class KeyMismatchError extends RelataError {
  constructor(message: string) {
    super(message, 'KEY_MISMATCH', 400);
  }
}
