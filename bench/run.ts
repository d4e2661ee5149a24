/**
 * `npm run bench`: relata side by side with hand-written references, in one
 * run, reporting medians and ratios. Not part of `npm test`.
 */
import {benchMemoryInclude} from './memory-include';
import {table} from './stats';

async function main() {
  const results = [await benchMemoryInclude()];
  console.log(table(
    ['scenario', 'relata median (ms)', 'reference median (ms)', 'ratio', 'queries per call', 'target'],
    results.map(r => [r.scenario, r.relataMs.toFixed(2), r.referenceMs.toFixed(2), r.ratio.toFixed(2) + 'x', r.queries, '≤ 3x']),
  ));
}

main().catch(err => {
  console.error(err);
  process.exit(1);
});
