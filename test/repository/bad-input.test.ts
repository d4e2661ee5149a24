import assert from 'node:assert/strict';
import {it} from 'node:test';
import {describeForEachConnector} from '../support/connectors';
import {useRepositories} from '../support/repository-fixture';

type Call = [name: string, run: () => Promise<unknown>, status: number, code?: string];

describeForEachConnector('bad input never crashes', setup => {
  const fx = useRepositories(setup);

  it('every malformed call fails with a client error and changes nothing', async () => {
    const {customers, orders} = fx.repos;
    await customers.create({name: 'a'});
    await customers.orders(1).create({description: 'o'});
    const circular: Record<string, unknown> = {name: 'x'};
    circular.self = circular;
    const loop: Record<string, unknown> = {};
    loop.and = [loop];
    const bad = customers as unknown as Record<string, (...args: unknown[]) => Promise<unknown>>;
    const calls: Call[] = [
      ['find(5)', () => bad.find(5), 400, 'INVALID_FILTER'],
      ['find([])', () => bad.find([]), 400],
      ['find({include: 5})', () => bad.find({include: 5}), 400, 'INVALID_INCLUSION_FILTER'],
      ['find({include: [null]})', () => bad.find({include: [null]}), 400, 'INVALID_INCLUSION_FILTER'],
      ['find({include: [{relation: "orders", scope: 5}]})', () => bad.find({include: [{relation: 'orders', scope: 5}]}), 400],
      ['find({order: 5})', () => bad.find({order: 5}), 400],
      ['find({fields: 5})', () => bad.find({fields: 5}), 400],
      ['find({where: {id: {inq: 5}}})', () => bad.find({where: {id: {inq: 5}}}), 400],
      ['find({where: {and: 5}})', () => bad.find({where: {and: 5}}), 400],
      ['find with a circular where', () => bad.find({where: loop}), 400, 'QUERY_OBJECT_IS_CIRCULAR'],
      ['find({where: {$where: 1}})', () => bad.find({where: {$where: '1'}}), 400],
      ['findById(undefined)', () => bad.findById(undefined), 400, 'INVALID_ID'],
      ['findById(1, 5)', () => bad.findById(1, 5), 400],
      ['findOne("x")', () => bad.findOne('x'), 400],
      ['create(null)', () => bad.create(null), 400, 'INVALID_DATA'],
      ['create("str")', () => bad.create('str'), 400, 'INVALID_DATA'],
      ['create([])', () => bad.create([]), 400, 'INVALID_DATA'],
      ['create(circular)', () => bad.create(circular), 422],
      ['createAll(null)', () => bad.createAll(null), 400, 'INVALID_DATA'],
      ['createAll([{name: "ok"}, null])', () => bad.createAll([{name: 'ok'}, null]), 400, 'INVALID_DATA'],
      ['updateAll(null)', () => bad.updateAll(null), 400, 'INVALID_DATA'],
      ['updateAll({name: "x"}, "w")', () => bad.updateAll({name: 'x'}, 'w'), 400],
      ['count("x")', () => bad.count('x'), 400],
      ['deleteAll(5)', () => bad.deleteAll(5), 400],
      ['deleteById(undefined)', () => bad.deleteById(undefined), 400, 'INVALID_ID'],
      ['updateById(undefined, {name})', () => bad.updateById(undefined, {name: 'x'}), 400, 'INVALID_ID'],
      ['updateById(1, null)', () => bad.updateById(1, null), 400],
      ['replaceById(1, null)', () => bad.replaceById(1, null), 400],
      ['replaceById(undefined, {name})', () => bad.replaceById(undefined, {name: 'x'}), 400, 'INVALID_ID'],
      ['delete(null)', () => bad.delete(null), 400],
      ['save(null)', () => bad.save(null), 400],
      ['orders(1).create(null)', () => customers.orders(1).create(null as never), 400],
      ['orders(1).find(5)', () => customers.orders(1).find(5 as never), 400],
      ['orders(1).patch(null)', () => customers.orders(1).patch(null as never), 400],
      ['address(1).get(5)', () => customers.address(1).get(5 as never), 400],
      ['order.customer(null)', () => orders.customer(null as never), 400],
      ['orders(1).find with a circular where', () => customers.orders(1).find({where: loop} as never), 400, 'QUERY_OBJECT_IS_CIRCULAR'],
      ['orders(1).create(circular)', () => customers.orders(1).create(circular as never), 400, 'INVALID_DATA'],
      ['orders(1).patch(circular)', () => customers.orders(1).patch(circular as never), 400, 'INVALID_DATA'],
      ['orders(1).delete(circular)', () => customers.orders(1).delete(circular as never), 400, 'QUERY_OBJECT_IS_CIRCULAR'],
    ];
    for (const [name, run, status, code] of calls) {
      await assert.rejects(run(), (err: Error & {statusCode?: number; code?: string}) => {
        assert.ok(!(err instanceof TypeError), `${name} threw a TypeError: ${err.message}`);
        assert.equal(err.statusCode, status, `${name}: ${err.message}`);
        if (code) assert.equal(err.code, code, name);
        return true;
      }, name);
    }
    assert.deepEqual((await customers.find()).map(c => c.toObject()), [{id: 1, name: 'a'}]);
    assert.deepEqual(await orders.count(), {count: 1});
  });
});
