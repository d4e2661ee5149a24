import {RelataError} from '../../common/errors';

/** A JSON file that does not parse (model definition, `datasources.json`, …). */
export class InvalidJSONFileError extends RelataError {
  /** The file, as given to the reader. */
  file: string;
  line?: number;
  column?: number;

  constructor(message: string, file: string, line?: number, column?: number) {
    super(message, 'INVALID_JSON');
    this.file = file;
    if (line !== undefined) this.line = line;
    if (column !== undefined) this.column = column;
  }
}

/** A LoopBack 3 model definition object that cannot define a model (no name, unknown base, …). */
export class InvalidModelDefinitionError extends RelataError {
  /** The model the definition is for, when it has a name. */
  model?: string;
  /** The definition file, when the definition came from one. */
  file?: string;

  constructor(message: string, code = 'INVALID_MODEL_DEFINITION', model?: string, file?: string) {
    super(message, code);
    if (model !== undefined) this.model = model;
    if (file !== undefined) this.file = file;
  }
}
