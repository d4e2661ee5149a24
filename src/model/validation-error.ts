import {RelataError} from '../common/errors';

/** Per-property validation failures, in juggler's `details` shape. */
export interface ValidationErrorDetails {
  context: string;
  codes: {[property: string]: string[]};
  messages: {[property: string]: string[]};
}

/**
 * Model data that cannot be stored (unknown property on a strict model,
 * missing required value, value of the wrong type). HTTP 422, with juggler's
 * name, message format and `details`.
 */
export class ValidationError extends RelataError {
  declare details: ValidationErrorDetails;

  constructor(modelName: string, failures: {property: string; code: string; message: string; value: unknown}[]) {
    const text = failures
      .map(f => `\`${f.property}\` ${f.message} (value: ${describeValue(f.value)})`)
      .join('; ');
    super(`The \`${modelName}\` instance is not valid. Details: ${text}.`, 'VALIDATION_FAILED', 422);
    this.name = 'ValidationError';
    const details: ValidationErrorDetails = {context: modelName, codes: {}, messages: {}};
    for (const f of failures) {
      (details.codes[f.property] ??= []).push(f.code);
      (details.messages[f.property] ??= []).push(f.message);
    }
    this.details = details;
  }
}

function describeValue(v: unknown): string {
  if (v === undefined) return 'undefined';
  if (typeof v === 'string') return JSON.stringify(v);
  try {
    return JSON.stringify(v) ?? String(v);
  } catch {
    return String(v);
  }
}
