import {AnyObject} from '../src/common/types';
import {DataSource} from '../src/datasource/datasource';
import {createRepositories} from '../test/support/models';
import {median, sameData, timeRuns} from './stats';

/** Plain rows, the same data the repositories hold. */
interface Rows {
  customers: AnyObject[];
  orders: AnyObject[];
  manufacturers: AnyObject[];
}

/**
 * The reference: a hand-written join with Maps over plain arrays, building
 * new result objects (as any loader must, so callers cannot mutate the store).
 */
function handWrittenJoin(rows: Rows): AnyObject[] {
  const byOrder = new Map<unknown, AnyObject[]>();
  for (const m of rows.manufacturers) {
    const list = byOrder.get(m.orderId);
    if (list) list.push({...m});
    else byOrder.set(m.orderId, [{...m}]);
  }
  const byCustomer = new Map<unknown, AnyObject[]>();
  for (const o of rows.orders) {
    const copy: AnyObject = {...o};
    const ms = byOrder.get(o.id);
    if (ms) copy.manufacturers = ms;
    const list = byCustomer.get(o.customerId);
    if (list) list.push(copy);
    else byCustomer.set(o.customerId, [copy]);
  }
  return rows.customers.map(c => {
    const copy: AnyObject = {...c};
    const os = byCustomer.get(c.id);
    if (os) copy.orders = os;
    return copy;
  });
}

export interface MemoryIncludeResult {
  scenario: string;
  relataMs: number;
  referenceMs: number;
  ratio: number;
  queries: number;
}

/** customers → orders → manufacturers (1,000 x 10 x 2) on the memory connector. */
export async function benchMemoryInclude(runs = 30): Promise<MemoryIncludeResult> {
  const ds = new DataSource({name: 'bench', connector: 'memory'});
  const repos = createRepositories(ds);
  const rows: Rows = {customers: [], orders: [], manufacturers: []};
  for (let c = 1; c <= 1000; c++) rows.customers.push({id: c, name: `customer ${c}`});
  for (let o = 1; o <= 10000; o++) {
    rows.orders.push({id: o, description: `order ${o}`, total: o % 97, customerId: ((o - 1) % 1000) + 1});
  }
  for (let m = 1; m <= 20000; m++) rows.manufacturers.push({id: m, name: `maker ${m}`, orderId: ((m - 1) % 10000) + 1});
  await repos.customers.createAll(rows.customers);
  await repos.orders.createAll(rows.orders);
  await repos.manufacturers.createAll(rows.manufacturers);

  const filter = {include: [{relation: 'orders', scope: {include: ['manufacturers']}}]};
  const viaRelata = () => repos.customers.find(filter);
  const viaReference = () => handWrittenJoin(rows);

  // Same answer, checked once before timing.
  if (!sameData(await viaRelata(), viaReference())) {
    throw new Error('relata and the reference join disagree');
  }

  let queries = 0;
  const connector = ds.connector as AnyObject;
  const originalFind = connector.find.bind(connector);
  connector.find = (...args: unknown[]) => {
    queries++;
    return originalFind(...args);
  };
  await viaRelata();
  const perRun = queries;
  connector.find = originalFind;

  for (let i = 0; i < 5; i++) {
    await viaRelata();
    viaReference();
  }
  const relata: number[] = [];
  const reference: number[] = [];
  for (let i = 0; i < runs; i++) {
    relata.push(...await timeRuns(viaRelata, 1));
    reference.push(...await timeRuns(viaReference, 1));
  }
  const relataMs = median(relata);
  const referenceMs = median(reference);
  return {
    scenario: 'memory: find customers, include orders → manufacturers (1,000 x 10 x 2)',
    relataMs, referenceMs, ratio: relataMs / referenceMs, queries: perRun,
  };
}
