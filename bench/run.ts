/**
 * `npm run bench`: relata side by side with hand-written references, in one
 * run, reporting medians and ratios. Not part of `npm test`.
 */
import {benchMemoryInclude} from './memory-include';
import {benchPolymorphicInclude} from './polymorphic-include';
import {SideBySideResult} from './side-by-side';
import {benchSqlInclude} from './sql-include';
import {table} from './stats';
import {benchThroughInclude} from './through-include';

/**
 * RELATA_BENCH_SCENARIOS narrows the run to some of `include` (the
 * customers → orders → manufacturers tables), `through` (hasManyThrough)
 * and `polymorphic`; all run when it is unset.
 */
function wanted(name: string): boolean {
  const only = process.env.RELATA_BENCH_SCENARIOS?.split(',').map(s => s.trim().toLowerCase()).filter(Boolean);
  return !only?.length || only.includes(name);
}

function sideBySideTable(rows: SideBySideResult[]): string {
  return table(
    ['store', 'scenario', 'relata median (ms)', 'relata round trips', 'hand-written median (ms)', 'hand-written round trips',
      'ratio', 'target'],
    rows.map(r => [r.store, r.scenario, r.relataMs.toFixed(2), r.relataRoundTrips, r.referenceMs.toFixed(2),
      r.referenceRoundTrips, r.ratio.toFixed(2) + 'x', `≤ ${r.target}x`]),
  );
}

async function main() {
  if (wanted('include')) await includeTables();
  if (wanted('through')) {
    console.log(sideBySideTable(await benchThroughInclude()));
    console.log();
  }
  if (wanted('polymorphic')) {
    console.log(sideBySideTable(await benchPolymorphicInclude()));
    console.log();
  }
}

async function includeTables() {
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
  console.log();
}

main().catch(err => {
  console.error(err);
  process.exit(1);
});
