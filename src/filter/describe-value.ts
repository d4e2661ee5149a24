/**
 * JSON text of a value for error messages, as LoopBack's `%j` prints it.
 * Never throws: circular objects, BigInts and functions fall back to a
 * plain string form.
 */
export function describeValue(value: unknown): string {
  try {
    const json = JSON.stringify(value);
    if (json !== undefined) return json;
  } catch {
    // circular structure or BigInt: fall through to the plain form
  }
  if (typeof value === 'bigint') return `${value.toString()}n`;
  if (typeof value === 'function') return '[Function]';
  if (typeof value === 'symbol') return value.toString();
  if (value === undefined) return 'undefined';
  return '[Circular]';
}
