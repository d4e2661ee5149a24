import assert from 'node:assert/strict';
import {beforeEach, describe, it} from 'node:test';
import {AnyObject} from '../../src/common/types';
import {countQueries, describeForEachConnector, itWhen} from '../support/connectors';
import {Letter, Pallet, Parcel, ShipmentItem, useThroughRepositories} from '../support/through-models';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
function json(value: unknown): any {
  return JSON.parse(JSON.stringify(value));
}

/** `Type:name` of each deliverable. */
function typed(list: AnyObject[] | undefined): string[] | undefined {
  return list?.map(d => `${d.constructor.name}:${d.name}`);
}

function invalidType(message: string) {
  return (err: Error & {code: string}) => {
    assert.equal(err.code, 'INVALID_POLYMORPHISM');
    assert.equal(err.message, message);
    return true;
  };
}

describeForEachConnector('hasManyThrough polymorphic', setup => {
  const fx = useThroughRepositories(setup);
  let s1: number;
  let s2: number;

  beforeEach(async () => {
    s1 = (await fx.repos.shipments.create({name: 's1'})).id!;
    s2 = (await fx.repos.shipments.create({name: 's2'})).id!;
  });

  async function items(): Promise<string[]> {
    const rows = await fx.repos.items.find({order: ['id ASC']});
    return rows.map(i => `${i.shipmentId}:${i.deliverableType}:${i.deliverableId}`);
  }

  describe('create and link', () => {
    it('creates a target of the given concrete type and writes the discriminator on the link', async () => {
      const letter = await fx.repos.shipments.deliverables(s1).create({name: 'l1', pages: 2} as Partial<Letter>,
        {polymorphicType: 'Letter', throughData: {quantity: 3}});
      assert.ok(letter instanceof Letter);
      const parcel = await fx.repos.shipments.deliverables(s1).create({name: 'p1', weight: 5} as Partial<Parcel>,
        {polymorphicType: 'Parcel'});
      assert.ok(parcel instanceof Parcel);
      // Ids of different concrete types may collide: each type has its own table.
      assert.equal(letter.id, parcel.id);
      assert.deepEqual(await items(), [`${s1}:Letter:${letter.id}`, `${s1}:Parcel:${parcel.id}`]);
      assert.equal((await fx.repos.items.findOne({where: {deliverableType: 'Letter'}}))!.quantity, 3);
    });

    it('takes the type from throughData, and accepts it when equal to polymorphicType', async () => {
      const p = await fx.repos.shipments.deliverables(s1).create({name: 'p'}, {throughData: {deliverableType: 'Pallet'}});
      assert.ok(p instanceof Pallet);
      const l = await fx.repos.shipments.deliverables(s1).create({name: 'l'},
        {polymorphicType: 'Letter', throughData: {deliverableType: 'Letter'}});
      assert.ok(l instanceof Letter);
      assert.deepEqual(await items(), [`${s1}:Pallet:${p.id}`, `${s1}:Letter:${l.id}`]);
    });

    it('rejects a discriminator in throughData that contradicts polymorphicType, leaving nothing behind', async () => {
      await assert.rejects(fx.repos.shipments.deliverables(s1).create({name: 'x'},
        {polymorphicType: 'Letter', throughData: {deliverableType: 'Parcel'}}),
      {message: 'Property "deliverableType" cannot be changed!'});
      assert.deepEqual(await fx.repos.letters.find(), []);
      assert.deepEqual(await items(), []);
    });

    it('rejects unknown concrete types', async () => {
      await assert.rejects(fx.repos.shipments.deliverables(s1).create({name: 'x'}, {polymorphicType: 'Crate'}),
        invalidType('Invalid class name Crate. Please check polymorphic types and the discriminator.'));
      // Without a type, the target class name is tried (LoopBack 4) — the abstract base has no repository here.
      await assert.rejects(fx.repos.shipments.deliverables(s1).create({name: 'x'}),
        invalidType('Invalid class name Deliverable. Please check polymorphic types and the discriminator.'));
      await assert.rejects(fx.repos.shipments.deliverables(s1).create({name: 'x'}, {throughData: {deliverableType: 'Crate'}}),
        invalidType('Invalid class name Crate by discriminator deliverableType. Please check polymorphic types and the discriminator.'));
      await assert.rejects(fx.repos.shipments.deliverables(s1).link(1, {polymorphicType: 'Crate'}),
        invalidType('Invalid class name Crate. Please check polymorphic types and the discriminator.'));
      assert.deepEqual(await items(), []);
    });

    it('links per concrete type; linking the same pair twice keeps one link', async () => {
      const l = await fx.repos.letters.create({name: 'l'});
      const p = await fx.repos.parcels.create({name: 'p'});
      assert.equal(l.id, p.id);
      const first = await fx.repos.shipments.deliverables(s1).link(l.id!, {polymorphicType: 'Letter'});
      assert.ok(first instanceof ShipmentItem);
      await fx.repos.shipments.deliverables(s1).link(p.id!, {polymorphicType: 'Parcel'});
      const again = await fx.repos.shipments.deliverables(s1).link(l.id!, {polymorphicType: 'Letter'});
      assert.equal(again.id, first.id);
      assert.deepEqual(await items(), [`${s1}:Letter:${l.id}`, `${s1}:Parcel:${p.id}`]);
      assert.deepEqual(typed(await fx.repos.shipments.deliverables(s1).find()), ['Letter:l', 'Parcel:p']);
      // unlink with a type removes only that type's link.
      await fx.repos.shipments.deliverables(s1).unlink(l.id!, {polymorphicType: 'Letter'});
      assert.deepEqual(await items(), [`${s1}:Parcel:${p.id}`]);
    });
  });

  describe('with deliverables of three types', () => {
    beforeEach(async () => {
      const rel = fx.repos.shipments.deliverables(s1);
      await rel.create({name: 'l1', pages: 1} as Partial<Letter>, {polymorphicType: 'Letter'});
      await rel.create({name: 'p1', weight: 9} as Partial<Parcel>, {polymorphicType: 'Parcel'});
      await rel.create({name: 'l2', pages: 3} as Partial<Letter>, {polymorphicType: 'Letter'});
      await rel.create({name: 'x1', slots: 4} as Partial<Pallet>, {polymorphicType: 'Pallet'});
      await fx.repos.shipments.deliverables(s2).create({name: 'p2'}, {polymorphicType: 'Parcel'});
    });

    it('finds across the types, type by type, or as the filter orders and pages them', async () => {
      const rel = fx.repos.shipments.deliverables(s1);
      assert.deepEqual(typed(await rel.find()), ['Letter:l1', 'Letter:l2', 'Parcel:p1', 'Pallet:x1']);
      assert.deepEqual(typed(await rel.find({order: ['name DESC']})), ['Pallet:x1', 'Parcel:p1', 'Letter:l2', 'Letter:l1']);
      assert.deepEqual(typed(await rel.find({order: ['name ASC'], skip: 1, limit: 2})), ['Letter:l2', 'Parcel:p1']);
      assert.deepEqual(typed(await rel.find({where: {name: {like: '%1'}}})), ['Letter:l1', 'Parcel:p1', 'Pallet:x1']);
      assert.deepEqual(typed(await rel.find(undefined, {polymorphicType: 'Parcel'})), ['Parcel:p1']);
      assert.deepEqual(typed(await rel.find(undefined, {polymorphicType: ['Pallet', 'Letter']})),
        ['Pallet:x1', 'Letter:l1', 'Letter:l2']);
      assert.deepEqual(typed(await rel.find(undefined, {throughOptions: {discriminator: 'deliverableType'}})),
        ['Letter:l1', 'Letter:l2', 'Parcel:p1', 'Pallet:x1']);
      await assert.rejects(rel.find(undefined, {polymorphicType: 'Crate'}),
        invalidType('Invalid class name Crate. Please check polymorphic types and the discriminator.'));
      assert.deepEqual(typed(await fx.repos.shipments.deliverables(s2).find()), ['Parcel:p2']);
    });

    it('patches across the types, or per type with isPolymorphic', async () => {
      const rel = fx.repos.shipments.deliverables(s1);
      assert.deepEqual(await rel.patch({name: 'renamed'}, {name: {inq: ['l1', 'p1']}}), {count: 2});
      assert.deepEqual(await rel.patch({Letter: {pages: 7}, Parcel: {weight: 1}} as AnyObject, undefined, {isPolymorphic: true}),
        {count: 3});
      assert.deepEqual((await fx.repos.letters.find({order: ['id ASC']})).map(l => [l.name, l.pages]), [['renamed', 7], ['l2', 7]]);
      assert.deepEqual((await fx.repos.parcels.find({order: ['id ASC']})).map(p => [p.name, p.weight]), [['renamed', 1], ['p2', undefined]]);
      assert.deepEqual((await fx.repos.pallets.find()).map(p => [p.name, p.slots]), [['x1', 4]]);
      assert.deepEqual(await rel.patch({}, undefined, {isPolymorphic: true}), {count: 0});
      await assert.rejects(rel.patch({Crate: {name: 'x'}} as AnyObject, undefined, {isPolymorphic: true}),
        invalidType('Invalid class name Crate. Please check polymorphic types and the discriminator.'));
    });

    it('deletes across the types, or only the requested ones', async () => {
      const rel = fx.repos.shipments.deliverables(s1);
      assert.deepEqual(await rel.delete({name: 'l2'}), {count: 1});
      assert.deepEqual(await rel.delete(undefined, {polymorphicType: 'Pallet'}), {count: 1});
      assert.deepEqual(typed(await rel.find()), ['Letter:l1', 'Parcel:p1']);
      assert.deepEqual(await rel.delete(), {count: 2});
      assert.deepEqual(await rel.find(), []);
      assert.deepEqual(await items(), [`${s2}:Parcel:2`]);
      assert.deepEqual((await fx.repos.parcels.find()).map(p => p.name), ['p2']);
      assert.deepEqual(await fx.repos.letters.find(), []);
    });

    it('undoes a delete across the types when a step fails', async () => {
      fx.repos.pallets.failDeleteAll = true;
      try {
        await assert.rejects(fx.repos.shipments.deliverables(s1).delete(), {message: 'Pallet.deleteAll failed (test)'});
      } finally {
        fx.repos.pallets.failDeleteAll = false;
      }
      assert.deepEqual(typed(await fx.repos.shipments.deliverables(s1).find()), ['Letter:l1', 'Letter:l2', 'Parcel:p1', 'Pallet:x1']);
      assert.equal((await fx.repos.items.count()).count, 5);
      assert.deepEqual((await fx.repos.letters.find({order: ['id ASC']})).map(l => [l.name, l.pages]), [['l1', 1], ['l2', 3]]);
    });

    it('unlinkAll removes the source\'s links of every type, or of the requested ones', async () => {
      await fx.repos.shipments.deliverables(s1).unlinkAll({polymorphicType: 'Letter'});
      assert.deepEqual(typed(await fx.repos.shipments.deliverables(s1).find()), ['Parcel:p1', 'Pallet:x1']);
      await fx.repos.shipments.deliverables(s1).unlinkAll();
      assert.deepEqual(await fx.repos.shipments.deliverables(s1).find(), []);
      assert.equal((await fx.repos.letters.count()).count, 2);
      assert.deepEqual(await items(), [`${s2}:Parcel:2`]);
    });

    it('includes targets of every type with one query per type', async () => {
      const q = countQueries(fx.ds);
      const found = await fx.repos.shipments.find({include: ['deliverables'], order: ['id ASC']});
      assert.deepEqual(found.map(s => typed(s.deliverables)), [['Letter:l1', 'Letter:l2', 'Parcel:p1', 'Pallet:x1'], ['Parcel:p2']]);
      assert.deepEqual(json(found[1]), {id: s2, name: 's2', deliverables: [{id: 2, name: 'p2'}]});
      // root + links + one query per concrete type
      assert.equal(q.finds, 5);
    });

    it('applies the include scope to every type: order across types, where, fields, per-source limit', async () => {
      let found = await fx.repos.shipments.find({include: [{relation: 'deliverables', scope: {order: ['name DESC'], limit: 3}}]});
      assert.deepEqual(found.map(s => typed(s.deliverables)), [['Pallet:x1', 'Parcel:p1', 'Letter:l2'], ['Parcel:p2']]);
      found = await fx.repos.shipments.find({
        include: [{relation: 'deliverables', scope: {where: {name: {like: '%1'}}, fields: ['name']}}],
      });
      assert.deepEqual(json(found).map((s: AnyObject) => s.deliverables), [[{name: 'l1'}, {name: 'p1'}, {name: 'x1'}], []]);
    });

    it('fails on a stored discriminator value that is not a known type', async () => {
      await fx.repos.items.create({shipmentId: s2, deliverableId: 1, deliverableType: 'Crate'});
      const message = 'Invalid class name Crate by discriminator deliverableType. Please check polymorphic types and the discriminator.';
      await assert.rejects(fx.repos.shipments.deliverables(s2).find(), invalidType(message));
      await assert.rejects(fx.repos.shipments.find({include: ['deliverables']}), invalidType(message));
    });
  });

  itWhen(setup.connector !== 'memory')('runs create and delete in the caller\'s transaction', async () => {
    const rel = fx.repos.shipments.deliverables(s1);
    let tx = await fx.ds.beginTransaction();
    await rel.create({name: 'l'}, {polymorphicType: 'Letter', transaction: tx});
    await rel.create({name: 'p'}, {polymorphicType: 'Parcel', transaction: tx});
    assert.deepEqual(typed(await rel.find(undefined, {transaction: tx})), ['Letter:l', 'Parcel:p']);
    await tx.rollback();
    assert.deepEqual(await rel.find(), []);
    assert.deepEqual(await items(), []);

    await rel.create({name: 'l'}, {polymorphicType: 'Letter'});
    await rel.create({name: 'p'}, {polymorphicType: 'Parcel'});
    tx = await fx.ds.beginTransaction();
    assert.deepEqual(await rel.delete(undefined, {transaction: tx}), {count: 2});
    await tx.rollback();
    assert.deepEqual(typed(await rel.find()), ['Letter:l', 'Parcel:p']);
  });
});
