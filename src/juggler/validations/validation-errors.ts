import {AnyObject} from '../../common/types';
import {ValidationError} from '../../model/validation-error';

/**
 * LoopBack 3's `instance.errors`: one array of messages per property, and
 * (non-enumerable) `codes` with the matching codes.
 *
 * ```js
 * if (!(await order.isValid())) console.log(order.errors.total, order.errors.codes.total);
 * ```
 */
export class ValidationErrors {
  declare readonly codes: {[property: string]: string[]};
  [property: string]: unknown;

  constructor() {
    Object.defineProperty(this, 'codes', {value: {}, enumerable: false, configurable: true});
  }

  /** Records one failure of `property`. */
  add(property: string, message: string, code = 'invalid'): void {
    const messages = (this[property] ??= []) as string[];
    messages.push(message);
    (this.codes[property] ??= []).push(code);
  }

  /** Properties with at least one failure. */
  properties(): string[] {
    return Object.keys(this).filter(k => Array.isArray(this[k]));
  }
}

/**
 * juggler's `ValidationError` for an instance that failed `isValid()`:
 * HTTP 422, `details = {context, codes, messages}`, and the message listing
 * every failure with the offending value.
 */
export function validationErrorOf(instance: AnyObject, modelName: string): ValidationError {
  const errors = instance.errors as ValidationErrors | false | undefined;
  const failures: {property: string; code: string; message: string; value: unknown}[] = [];
  if (errors) {
    for (const property of errors.properties()) {
      const messages = errors[property] as string[];
      const codes = errors.codes[property] ?? [];
      // A relation accessor is not a value (juggler reads values from toJSON(), where it is absent).
      const raw = instance[property];
      const value = typeof raw === 'function' ? undefined : raw;
      messages.forEach((message, i) => failures.push({property, code: codes[i] ?? 'invalid', message, value}));
    }
  }
  return new ValidationError(modelName, failures);
}
