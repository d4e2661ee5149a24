/**
 * `npm run bench`: relata side by side with hand-written references, in one
 * run, reporting medians and ratios. Not part of `npm test`.
 */
import {benchMemoryInclude} from './memory-include';
import {benchSqlInclude} from './sql-include';
import {table} from './stats';

async function main() {
  const memory = [await benchMemoryInclude()];
  console.log(table(
    ['scenario', 'relata median (ms)', 'reference median (ms)', 'ratio', 'queries per call', 'target'],
    memory.map(r => [r.scenario, r.relataMs.toFixed(2), r.referenceMs.toFixed(2), r.ratio.toFixed(2) + 'x', r.queries, '≤ 3x']),
  ));
  console.log();

  const sql = await benchSqlInclude();
  console.log(table(
    ['database', 'scenario', 'relata (ms)', 'relata round trips', 'plan chosen', 'batched by hand (ms, 3 trips)',
      'one JSON query by hand (ms, 1 trip)', 'relata / faster hand-written', 'target'],
    sql.map(r => {
      const best = Math.min(r.batchedMs, r.jsonMs);
      return [r.database, r.scenario, r.relataMs.toFixed(2), r.relataRoundTrips, r.plan, r.batchedMs.toFixed(2),
        r.jsonMs.toFixed(2), `${(r.relataMs / best).toFixed(2)}x (${r.batchedMs <= r.jsonMs ? 'batched' : 'JSON'})`,
        '≤ 1.3x, ≤ 2 trips'];
    }),
  ));
}

main().catch(err => {
  console.error(err);
  process.exit(1);
});
