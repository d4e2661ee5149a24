import {RelataError} from '../common/errors';

/**
 * A LoopBack 3 model that cannot be defined as written: a JSON definition
 * without a name or with an unknown base, a property of no known type, a
 * scope, validation or observer declared with the wrong arguments. Thrown
 * when the model is defined (a programming error: no `statusCode`, so a
 * REST layer answers 500); `code` says which (`INVALID_MODEL_DEFINITION`,
 * `MODEL_BASE_NOT_FOUND`, `INVALID_PROPERTY`, `INVALID_SCOPE`,
 * `INVALID_VALIDATION`, `INVALID_OBSERVER`).
 */
export class InvalidModelDefinitionError extends RelataError {
  /** The model the definition is for, when known. */
  model?: string;
  /** The definition file, when the definition came from one. */
  file?: string;

  constructor(message: string, code = 'INVALID_MODEL_DEFINITION', model?: string, file?: string) {
    super(message, code);
    if (model !== undefined) this.model = model;
    if (file !== undefined) this.file = file;
  }
}
