import {readFileSync} from 'node:fs';
import {InvalidJSONFileError} from './json-errors';

/**
 * Blanks out `//` and `/* … *\/` comments outside string literals, keeping
 * every newline and the length of each line, so JSON.parse positions still
 * point at the right line and column of the original text.
 */
function stripJSONComments(text: string): string {
  let out = '';
  let i = 0;
  const n = text.length;
  while (i < n) {
    const c = text[i];
    if (c === '"') {
      // Copy the string literal as it is, escapes included.
      const start = i++;
      while (i < n && text[i] !== '"' && text[i] !== '\n') i += text[i] === '\\' ? 2 : 1;
      i = Math.min(i + 1, n);
      out += text.slice(start, i);
    } else if (c === '/' && text[i + 1] === '/') {
      while (i < n && text[i] !== '\n') {
        out += ' ';
        i++;
      }
    } else if (c === '/' && text[i + 1] === '*') {
      const end = text.indexOf('*/', i + 2);
      const stop = end === -1 ? n : end + 2;
      out += text.slice(i, stop).replace(/[^\n]/g, ' ');
      i = stop;
    } else {
      out += c;
      i++;
    }
  }
  return out;
}

/**
 * Parses JSON that may carry comments. LoopBack 3 reads its JSON files as
 * strict JSON, but its documentation writes model files with `// optional`
 * notes; accepting comments loads both. Errors name the file and the line
 * and column.
 */
export function parseJSONWithComments(text: string, file = '<json>'): unknown {
  const source = stripJSONComments(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  try {
    return JSON.parse(source);
  } catch (err) {
    const reason = (err as Error).message;
    const at = /at position (\d+)/.exec(reason);
    let line: number | undefined;
    let column: number | undefined;
    if (at) {
      const before = source.slice(0, Number(at[1]));
      line = before.split('\n').length;
      column = Number(at[1]) - before.lastIndexOf('\n');
    } else if (/end of (JSON|data) input/i.test(reason)) {
      line = source.split('\n').length;
    }
    const where = line === undefined ? '' : column === undefined ? ` (line ${line})` : ` (line ${line}, column ${column})`;
    throw new InvalidJSONFileError(`Invalid JSON in ${file}${where}: ${reason}`, file, line, column);
  }
}

/** Reads and parses a JSON file (comments allowed); `label` is how errors name it (default: the path). */
export function readJSONFile(path: string, label = path): unknown {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    throw new InvalidJSONFileError(`Cannot read ${label}: ${(err as Error).message}`, label);
  }
  return parseJSONWithComments(text, label);
}
