import {Pool} from 'pg';
import {AnyObject} from '../src/common/types';
import '../src/connectors/sql/register';
import {SqlConnector} from '../src/connectors/sql/sql-connector';
import {DataSource} from '../src/datasource/datasource';
import {createPolymorphicRepositories, PolymorphicRepos} from '../test/support/polymorphic-models';
import {
  PG_SETTINGS, pgNames, postgresWanted, resetSchema, roundTripsOf, SideBySideResult, timeSideBySide,
} from './side-by-side';

const SCHEMA = 'relata_bench_polymorphic';
const PER_TYPE = 1000;
const TYPES = ['Letter', 'Parcel', 'Postcard'] as const;
type TypeName = typeof TYPES[number];
const FILTER = {include: ['deliverable']};
const SCENARIO = `find shipments, include polymorphic belongsTo deliverable (${
  (PER_TYPE * TYPES.length).toLocaleString('en')} shipments, 3 types x ${PER_TYPE.toLocaleString('en')})`;

/** Plain rows, the same data the repositories hold. */
interface Rows {
  shipments: AnyObject[];
  targets: Record<TypeName, AnyObject[]>;
}

function makeRows(): Rows {
  const rows: Rows = {shipments: [], targets: {Letter: [], Parcel: [], Postcard: []}};
  for (let i = 1; i <= PER_TYPE; i++) {
    rows.targets.Letter.push({id: i, note: `letter ${i}`, contactId: i, stamp: `stamp ${i % 7}`});
    rows.targets.Parcel.push({id: i, note: `parcel ${i}`, contactId: i, weight: i % 31, tagIds: [i % 5 + 1]});
    rows.targets.Postcard.push({id: i, note: `postcard ${i}`, contactId: i, picture: `picture ${i % 11}`});
  }
  const n = PER_TYPE * TYPES.length;
  for (let s = 1; s <= n; s++) {
    // Types interleaved; each target referenced once, in scattered order.
    const type = TYPES[(s - 1) % TYPES.length];
    const target = ((Math.floor((s - 1) / TYPES.length) * 337) % PER_TYPE) + 1;
    rows.shipments.push({id: s, label: `shipment ${s}`, contactId: s, deliverableId: target, deliverableType: type});
  }
  return rows;
}

/** Hangs each shipment's deliverable on it from one Map per concrete type. */
function stitch(shipments: AnyObject[], byType: Map<string, Map<unknown, AnyObject>>, copy: boolean): AnyObject[] {
  return shipments.map(s => {
    const out = copy ? {...s} : s;
    const target = byType.get(s.deliverableType)?.get(s.deliverableId);
    if (target) out.deliverable = target;
    return out;
  });
}

async function load(repos: PolymorphicRepos, rows: Rows): Promise<void> {
  await repos.letters.createAll(rows.targets.Letter as never);
  await repos.parcels.createAll(rows.targets.Parcel as never);
  await repos.postcards.createAll(rows.targets.Postcard as never);
  await repos.shipments.createAll(rows.shipments as never);
}

async function onMemory(runs: number): Promise<SideBySideResult> {
  const ds = new DataSource({name: 'bench-polymorphic', connector: 'memory'});
  const repos = createPolymorphicRepositories(ds);
  const rows = makeRows();
  await load(repos, rows);
  const relata = () => repos.shipments.find(FILTER);
  // A plain join over the same rows, copying every row it returns (array values too, as a store must).
  const reference = () => {
    const byType = new Map<string, Map<unknown, AnyObject>>();
    for (const type of TYPES) {
      const map = new Map<unknown, AnyObject>();
      for (const r of rows.targets[type]) map.set(r.id, r.tagIds ? {...r, tagIds: [...r.tagIds]} : {...r});
      byType.set(type, map);
    }
    return stitch(rows.shipments, byType, true);
  };
  const roundTrips = await roundTripsOf(ds, relata);
  const t = await timeSideBySide('memory polymorphic', relata, reference, runs);
  return {store: 'memory', scenario: SCENARIO, relataMs: t.relataMs, relataRoundTrips: roundTrips,
    referenceMs: t.referenceMs, referenceRoundTrips: 4, ratio: t.relataMs / t.referenceMs, target: 3};
}

async function onPostgres(runs: number): Promise<SideBySideResult> {
  await resetSchema(SCHEMA);
  const ds = new DataSource({name: 'bench-polymorphic', connector: 'postgresql', ...PG_SETTINGS, schema: SCHEMA,
    foreignKeyConstraints: false});
  const pool = new Pool({...PG_SETTINGS, max: 10});
  try {
    const repos = createPolymorphicRepositories(ds);
    await ds.automigrate();
    await load(repos, makeRows());
    await ds.execute('VACUUM ANALYZE');
    const connector = ds.connector as SqlConnector;
    const s = pgNames(connector, 'Shipment');
    const select = (model: string, props: string[]) => {
      const n = pgNames(connector, model);
      return `SELECT ${props.map(x => `${n.col(x)} AS "${x}"`).join(', ')} FROM ${n.table} WHERE ${n.col('id')} = ANY($1)`;
    };
    const shipmentsSql = `SELECT ${['id', 'label', 'contactId', 'deliverableId', 'deliverableType']
      .map(x => `${s.col(x)} AS "${x}"`).join(', ')} FROM ${s.table} ORDER BY ${s.col('id')}`;
    const targetSql: Record<TypeName, string> = {
      Letter: select('Letter', ['id', 'note', 'contactId', 'stamp']),
      Parcel: select('Parcel', ['id', 'note', 'contactId', 'weight', 'tagIds']),
      Postcard: select('Postcard', ['id', 'note', 'contactId', 'picture']),
    };
    // One query for the shipments, then one per concrete type (= ANY($1), in parallel as relata runs them).
    const reference = async () => {
      const shipments = (await pool.query(shipmentsSql)).rows;
      const keys = new Map<string, Set<unknown>>();
      for (const x of shipments) {
        let set = keys.get(x.deliverableType);
        if (!set) keys.set(x.deliverableType, (set = new Set()));
        set.add(x.deliverableId);
      }
      const byType = new Map<string, Map<unknown, AnyObject>>();
      await Promise.all([...keys].map(async ([type, ids]) => {
        const map = new Map<unknown, AnyObject>();
        for (const r of (await pool.query(targetSql[type as TypeName], [[...ids]])).rows) map.set(r.id, r);
        byType.set(type, map);
      }));
      return stitch(shipments, byType, false);
    };
    const relata = () => repos.shipments.find(FILTER);
    const roundTrips = await roundTripsOf(ds, relata);
    const t = await timeSideBySide('PostgreSQL polymorphic', relata, reference, runs);
    return {store: 'PostgreSQL', scenario: SCENARIO, relataMs: t.relataMs, relataRoundTrips: roundTrips,
      referenceMs: t.referenceMs, referenceRoundTrips: 4, ratio: t.relataMs / t.referenceMs, target: 1.3};
  } finally {
    await pool.end();
    await ds.disconnect();
    await resetSchema(SCHEMA, true);
  }
}

/**
 * 3,000 shipments whose polymorphic belongsTo points at letters, parcels
 * and postcards (1,000 each, own tables), on memory and PostgreSQL, each
 * side by side with a hand-written plan.
 */
export async function benchPolymorphicInclude(runs = 30): Promise<SideBySideResult[]> {
  const results = [await onMemory(runs)];
  if (postgresWanted()) results.push(await onPostgres(runs));
  return results;
}
