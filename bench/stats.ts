/** Median of a list of numbers. */
export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/**
 * Times `fn` `runs` times after `warmup` untimed runs, alternating with the
 * other measured functions by the caller; returns milliseconds per run.
 */
export async function timeRuns(fn: () => unknown | Promise<unknown>, runs: number): Promise<number[]> {
  const out: number[] = [];
  const gc = (globalThis as {gc?: () => void}).gc;
  for (let i = 0; i < runs; i++) {
    // Start each run with a clean heap so one side's garbage is not billed to the other.
    gc?.();
    const start = process.hrtime.bigint();
    await fn();
    out.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  return out;
}

/** Formats a markdown table. */
export function table(header: string[], rows: (string | number)[][]): string {
  const lines = [header, header.map(() => '---'), ...rows.map(r => r.map(String))];
  return lines.map(l => `| ${l.join(' | ')} |`).join('\n');
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(value).sort()) out[k] = sortKeys((value as Record<string, unknown>)[k]);
    return out;
  }
  return value;
}

/** True when two results hold the same data as JSON, whatever the key order. */
export function sameData(a: unknown, b: unknown): boolean {
  return JSON.stringify(sortKeys(JSON.parse(JSON.stringify(a)))) === JSON.stringify(sortKeys(JSON.parse(JSON.stringify(b))));
}
