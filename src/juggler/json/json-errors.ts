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

export {InvalidModelDefinitionError} from '../model-definition-error';
