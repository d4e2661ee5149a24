/**
 * Compiles a SQL LIKE pattern into an anchored RegExp: `%` matches any run
 * of characters, `_` exactly one, `\` makes the next character literal, and
 * every other character (regex metacharacters included) is literal. This is
 * what SQL databases do, so memory and SQL stores agree.
 *
 * @example
 * likeToRegExp('a%b_').test('axxbc') // true
 * likeToRegExp('50\\%').test('50%')  // true
 */
export function likeToRegExp(pattern: string, caseInsensitive = false): RegExp {
  let source = '^';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '\\' && i + 1 < pattern.length) {
      source += escapeChar(pattern[++i]);
    } else if (c === '%') {
      source += '[\\s\\S]*';
    } else if (c === '_') {
      source += '[\\s\\S]';
    } else {
      source += escapeChar(c);
    }
  }
  return new RegExp(source + '$', caseInsensitive ? 'iu' : 'u');
}

function escapeChar(c: string): string {
  return /[.*+?^${}()|[\]\\/]/.test(c) ? '\\' + c : c;
}
