import assert from 'node:assert/strict';
import {beforeEach, describe, it} from 'node:test';
import {DefaultTransactionalRepository} from '../../src/repository/default-transactional-repository';
import {countQueries, describeForEachConnector} from '../support/connectors';
import {Contact, Letter, Parcel, Postcard, usePolymorphicRepositories} from '../support/polymorphic-models';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
function json(value: unknown): any {
  return JSON.parse(JSON.stringify(value));
}

function polymorphismError(message: string) {
  return (err: Error & {code: string}) => {
    assert.equal(err.message, message);
    assert.equal(err.code, 'INVALID_POLYMORPHISM');
    return true;
  };
}

describeForEachConnector('polymorphic hasOne', setup => {
  const fx = usePolymorphicRepositories(setup);
  let c1: number;
  let c2: number;

  beforeEach(async () => {
    c1 = (await fx.repos.contacts.create({name: 'c1', deliverableKind: 'Parcel'})).id!;
    c2 = (await fx.repos.contacts.create({name: 'c2', deliverableKind: 'Letter'})).id!;
  });

  describe('create', () => {
    it('creates in the repository of options.polymorphicType with the foreign key set', async () => {
      const p = await fx.repos.contacts.deliverable(c1).create({note: 'n', weight: 3} as Partial<Parcel>, {polymorphicType: 'Parcel'});
      assert.ok(p instanceof Parcel);
      assert.deepEqual(json(p), {id: 1, note: 'n', weight: 3, contactId: c1});
      assert.deepEqual(json(await fx.repos.parcels.find()), [{id: 1, note: 'n', weight: 3, contactId: c1}]);
      assert.deepEqual(await fx.repos.letters.count(), {count: 0});
    });

    it('fails with InvalidPolymorphismError for a type outside the getter map, or no type', async () => {
      await assert.rejects(fx.repos.contacts.deliverable(c1).create({note: 'n'}, {polymorphicType: 'Bogus'}),
        polymorphismError('Invalid class name Bogus. Please check polymorphic types and the discriminator.'));
      // The declared (base) target is not one of the concrete types.
      await assert.rejects(fx.repos.contacts.deliverable(c1).create({note: 'n'}),
        polymorphismError('Invalid class name Deliverable. Please check polymorphic types and the discriminator.'));
      for (const repo of [fx.repos.letters, fx.repos.parcels, fx.repos.postcards]) {
        assert.deepEqual(await repo.count(), {count: 0});
      }
    });

    it('refuses a second target of any type, and a different foreign key', async () => {
      await fx.repos.contacts.deliverable(c1).create({note: 'n'}, {polymorphicType: 'Parcel'});
      await assert.rejects(fx.repos.contacts.deliverable(c1).create({note: 'm'}, {polymorphicType: 'Letter'}), {
        message: 'HasOne relation cannot create more than one instance of Deliverable', statusCode: 409,
      });
      await assert.rejects(fx.repos.contacts.deliverable(c2).create({note: 'm', contactId: c1}, {polymorphicType: 'Letter'}),
        {message: 'Property "contactId" cannot be changed!', statusCode: 400});
      assert.deepEqual(await fx.repos.letters.count(), {count: 0});
    });
  });

  describe('get, delete, patch', () => {
    beforeEach(async () => {
      await fx.repos.contacts.deliverable(c1).create({note: 'parcel', weight: 3} as Partial<Parcel>, {polymorphicType: 'Parcel'});
      await fx.repos.contacts.deliverable(c2).create({note: 'letter', stamp: 'blue'} as Partial<Letter>, {polymorphicType: 'Letter'});
    });

    it('get searches the types of polymorphicType (all when absent)', async () => {
      const d = fx.repos.contacts.deliverable(c1);
      assert.ok(await d.get({}, {polymorphicType: 'Parcel'}) instanceof Parcel);
      assert.ok(await d.get({}, {polymorphicType: ['Letter', 'Parcel']}) instanceof Parcel);
      assert.deepEqual(json(await d.get()), {id: 1, note: 'parcel', weight: 3, contactId: c1});
      assert.deepEqual(json(await d.get({fields: ['note']})), {note: 'parcel'});
      await assert.rejects(d.get({}, {polymorphicType: 'Letter'}), {
        message: `Entity not found: Deliverable with id "constraint {\\"contactId\\":${c1}}"`, code: 'ENTITY_NOT_FOUND',
      });
      await assert.rejects(d.get({}, {polymorphicType: ['Letter', 'Bogus']}),
        polymorphismError('Invalid class name Bogus. Please check polymorphic types and the discriminator.'));
    });

    it('delete removes the target of the given types only', async () => {
      const d = fx.repos.contacts.deliverable(c1);
      assert.deepEqual(await d.delete({polymorphicType: 'Letter'}), {count: 0});
      assert.deepEqual(await d.delete({polymorphicType: ['Postcard', 'Parcel']}), {count: 1});
      assert.deepEqual(await fx.repos.parcels.count(), {count: 0});
      assert.deepEqual(await fx.repos.letters.count(), {count: 1});
      assert.deepEqual(await fx.repos.contacts.deliverable(c2).delete(), {count: 1});
      assert.deepEqual(await fx.repos.letters.count(), {count: 0});
    });

    it('patch takes one data object for every type, or a map by type with isPolymorphic', async () => {
      const d = fx.repos.contacts.deliverable(c1);
      assert.deepEqual(await d.patch({note: 'all'}), {count: 1});
      assert.deepEqual(await d.patch({Parcel: {weight: 9} as Partial<Parcel>, Letter: {stamp: 'x'} as Partial<Letter>}, {isPolymorphic: true}), {count: 1});
      assert.deepEqual(json(await d.get()), {id: 1, note: 'all', weight: 9, contactId: c1});
      assert.equal((await fx.repos.letters.findById(1)).stamp, 'blue');
      await assert.rejects(d.patch({Bogus: {note: 'x'}}, {isPolymorphic: true}),
        polymorphismError('Invalid class name Bogus. Please check polymorphic types and the discriminator.'));
      await assert.rejects(d.patch({contactId: c2}), {message: 'Property "contactId" cannot be changed!'});
    });
  });

  describe('include', () => {
    beforeEach(async () => {
      const c3 = (await fx.repos.contacts.create({name: 'c3', deliverableKind: 'Postcard'})).id!;
      await fx.repos.contacts.create({name: 'c4'});
      await fx.repos.contacts.deliverable(c1).create({note: 'parcel', weight: 3, tagIds: [2, 1]} as Partial<Parcel>, {polymorphicType: 'Parcel'});
      await fx.repos.contacts.deliverable(c2).create({note: 'letter', stamp: 'blue'} as Partial<Letter>, {polymorphicType: 'Letter'});
      await fx.repos.contacts.deliverable(c3).create({note: 'card', picture: 'sea'} as Partial<Postcard>, {polymorphicType: 'Postcard'});
      await fx.repos.tags.create({name: 't1'});
      await fx.repos.tags.create({name: 't2'});
    });

    it('reads each source discriminator, queries each type once; no type → no target', async () => {
      const q = countQueries(fx.ds);
      const found = await fx.repos.contacts.find({include: ['deliverable']});
      assert.equal(q.finds, 4);
      assert.ok(found[0].deliverable instanceof Parcel);
      assert.ok(found[1].deliverable instanceof Letter);
      assert.ok(found[2].deliverable instanceof Postcard);
      assert.deepEqual(json(found.map(c => c.deliverable)), [
        {id: 1, note: 'parcel', weight: 3, tagIds: [2, 1], contactId: 1},
        {id: 1, note: 'letter', stamp: 'blue', contactId: 2},
        {id: 1, note: 'card', picture: 'sea', contactId: 3},
        null,
      ]);
    });

    it('applies targetType entries of a nested include to their type only', async () => {
      const found = await fx.repos.contacts.find({
        where: {id: {inq: [1, 2]}},
        include: [{relation: 'deliverable', scope: {fields: ['note', 'tagIds'], include: [{relation: 'tags', targetType: 'Parcel'}]}}],
      });
      assert.deepEqual(json(found.map(c => c.deliverable)), [
        {note: 'parcel', tagIds: [2, 1], tags: [{id: 2, name: 't2'}, {id: 1, name: 't1'}]},
        {note: 'letter'},
      ]);
      assert.ok(found[0].deliverable instanceof Parcel);
    });

    it('fails with InvalidPolymorphismError for an unknown discriminator value', async () => {
      await fx.repos.contacts.create({name: 'bad', deliverableKind: 'Bogus'});
      await assert.rejects(fx.repos.contacts.find({include: ['deliverable']}), polymorphismError(
        'Invalid class name Bogus by discriminator deliverableKind. Please check polymorphic types and the discriminator.'));
    });
  });

  it('honours options.transaction: a rollback undoes a polymorphic create', async () => {
    if (setup.connector === 'memory') return;
    const tx = await new DefaultTransactionalRepository(Contact, fx.ds).beginTransaction();
    const options = {transaction: tx};
    const c = await fx.repos.contacts.create({name: 'tx', deliverableKind: 'Postcard'}, options);
    await fx.repos.contacts.deliverable(c.id!).create({note: 'in tx'}, {...options, polymorphicType: 'Postcard'});
    assert.equal((await fx.repos.contacts.deliverable(c.id!).get({}, options)).note, 'in tx');
    const inside = await fx.repos.contacts.find({where: {id: c.id}, include: ['deliverable']}, options);
    assert.ok(inside[0].deliverable instanceof Postcard);
    await tx.rollback();
    assert.deepEqual(await fx.repos.postcards.count(), {count: 0});
    assert.deepEqual(await fx.repos.contacts.count(), {count: 2});
  });
});
