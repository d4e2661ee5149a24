import assert from 'node:assert/strict';
import {beforeEach, describe, it} from 'node:test';
import {resolveBelongsToMetadata} from '../../src/relations/belongs-to/belongs-to-metadata';
import {countQueries, describeForEachConnector} from '../support/connectors';
import {
  Employee, Letter, Parcel, Postcard, Product, Shipment, usePolymorphicRepositories, Venue,
} from '../support/polymorphic-models';

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

describeForEachConnector('polymorphic belongsTo', setup => {
  const fx = usePolymorphicRepositories(setup);
  // Shipment ids: 1 → Letter 1, 2 → Parcel 1, 3 → Postcard 1, 4 → Letter 2, 5 → no key, 6 → dangling Parcel 99.
  beforeEach(async () => {
    const {letters, parcels, postcards, shipments} = fx.repos;
    await letters.create({note: 'l1', stamp: 'blue'});
    await letters.create({note: 'l2', stamp: 'red'});
    await parcels.create({note: 'p1', weight: 5});
    await postcards.create({note: 'c1', picture: 'sea'});
    await shipments.create({label: 's1', deliverableId: 1, deliverableType: 'Letter'});
    await shipments.create({label: 's2', deliverableId: 1, deliverableType: 'Parcel'});
    await shipments.create({label: 's3', deliverableId: 1, deliverableType: 'Postcard'});
    await shipments.create({label: 's4', deliverableId: 2, deliverableType: 'Letter'});
    await shipments.create({label: 's5'});
    await shipments.create({label: 's6', deliverableId: 99, deliverableType: 'Parcel'});
  });

  it('`polymorphic: true` puts the discriminator camelCase(target + "_type") on the source', () => {
    const resolved = resolveBelongsToMetadata(Shipment.definition.relations.deliverable);
    assert.deepEqual(resolved.polymorphic, {discriminator: 'deliverableType'});
    assert.equal(resolved.keyFrom, 'deliverableId');
    assert.equal(resolved.keyTo, 'id');
  });

  describe('accessor', () => {
    it('reads the source discriminator to pick the concrete repository', async () => {
      const {shipments} = fx.repos;
      const l = await shipments.deliverable(1);
      const p = await shipments.deliverable(2);
      const c = await shipments.deliverable(3);
      assert.ok(l instanceof Letter);
      assert.ok(p instanceof Parcel);
      assert.ok(c instanceof Postcard);
      assert.deepEqual(json([l, p, c, await shipments.deliverable(4)]), [
        {id: 1, note: 'l1', stamp: 'blue'}, {id: 1, note: 'p1', weight: 5}, {id: 1, note: 'c1', picture: 'sea'},
        {id: 2, note: 'l2', stamp: 'red'},
      ]);
    });

    it('resolves undefined without a key and fails for a dangling key or a missing source', async () => {
      assert.equal(await fx.repos.shipments.deliverable(5), undefined);
      await assert.rejects(fx.repos.shipments.deliverable(6), {
        message: 'Entity not found: Parcel with id "constraint {\\"id\\":99}"', code: 'ENTITY_NOT_FOUND',
      });
      await assert.rejects(fx.repos.shipments.deliverable(77), {message: 'Entity not found: Shipment with id 77'});
    });

    it('fails with InvalidPolymorphismError for a discriminator value the getter map lacks', async () => {
      const s = await fx.repos.shipments.create({label: 'bad', deliverableId: 1, deliverableType: 'Bogus'});
      await assert.rejects(fx.repos.shipments.deliverable(s.id!), polymorphismError(
        'Invalid class name Bogus by discriminator deliverableType. Please check polymorphic types and the discriminator.'));
    });

    it('polymorphicTypes restricts the types; a source without a type is searched in them in order', async () => {
      const {shipments} = fx.repos;
      assert.ok(await shipments.deliverable(1, 'Letter') instanceof Letter);
      assert.ok(await shipments.deliverable(2, ['Letter', 'Parcel']) instanceof Parcel);
      await assert.rejects(shipments.deliverable(1, ['Parcel']), {code: 'ENTITY_NOT_FOUND'});
      await assert.rejects(shipments.deliverable(1, 'Bogus'), polymorphismError(
        'Invalid class name Bogus. Please check polymorphic types and the discriminator.'));
      const untyped = await shipments.create({label: 'untyped', deliverableId: 2});
      assert.deepEqual(json(await shipments.deliverable(untyped.id!)), {id: 2, note: 'l2', stamp: 'red'});
      assert.ok(await shipments.deliverable(untyped.id!, ['Postcard', 'Letter']) instanceof Letter);
      await assert.rejects(shipments.deliverable(untyped.id!, ['Postcard', 'Parcel']), {
        message: 'Entity not found: Deliverable with id "constraint {\\"id\\":2}"',
      });
    });
  });

  describe('include', () => {
    it('groups the sources by discriminator and queries each concrete type once', async () => {
      const q = countQueries(fx.ds);
      const found = await fx.repos.shipments.find({include: ['deliverable']});
      assert.equal(q.finds, 4);
      if (setup.connector === 'memory') {
        assert.deepEqual(q.log.slice(1).map(l => l.model).sort(), ['Letter', 'Parcel', 'Postcard']);
      }
      assert.ok(found[0].deliverable instanceof Letter);
      assert.ok(found[1].deliverable instanceof Parcel);
      assert.ok(found[2].deliverable instanceof Postcard);
      assert.deepEqual(json(found).map((s: {label: string; deliverable?: unknown}) => [s.label, s.deliverable]), [
        ['s1', {id: 1, note: 'l1', stamp: 'blue'}],
        ['s2', {id: 1, note: 'p1', weight: 5}],
        ['s3', {id: 1, note: 'c1', picture: 'sea'}],
        ['s4', {id: 2, note: 'l2', stamp: 'red'}],
        ['s5', undefined],
        ['s6', undefined],
      ]);
    });

    it('applies the scope to every type (fields without the key still match)', async () => {
      const found = await fx.repos.shipments.find({
        where: {label: {inq: ['s1', 's2', 's4']}},
        include: [{relation: 'deliverable', scope: {fields: ['note'], where: {note: {neq: 'l2'}}}}],
      });
      assert.deepEqual(json(found.map(s => s.deliverable)), [{note: 'l1'}, {note: 'p1'}, null]);
    });

    it('fails with InvalidPolymorphismError for an unknown or missing type of a source with a key', async () => {
      await fx.repos.shipments.create({label: 'bad', deliverableId: 1, deliverableType: 'Bogus'});
      await assert.rejects(fx.repos.shipments.find({include: ['deliverable']}), polymorphismError(
        'Invalid class name Bogus by discriminator deliverableType. Please check polymorphic types and the discriminator.'));
      await fx.repos.shipments.deleteAll({label: 'bad'});
      await fx.repos.shipments.create({label: 'untyped', deliverableId: 1});
      await assert.rejects(fx.repos.shipments.find({include: ['deliverable']}), polymorphismError(
        'Invalid class name undefined by discriminator deliverableType. Please check polymorphic types and the discriminator.'));
    });

    it('nests under a hasMany and next to other relations', async () => {
      const {contacts, shipments} = fx.repos;
      const c = await contacts.create({name: 'ann', deliverableKind: 'Parcel'});
      await shipments.updateAll({contactId: c.id}, {label: {inq: ['s2', 's3', 's5']}});
      await contacts.deliverable(c.id!).create({note: 'own', weight: 1} as Partial<Parcel>, {polymorphicType: 'Parcel'});
      const found = await contacts.find({include: ['deliverable', {relation: 'shipments', scope: {include: ['deliverable']}}]});
      assert.deepEqual(json(found), [{
        id: 1, name: 'ann', deliverableKind: 'Parcel',
        deliverable: {id: 2, note: 'own', weight: 1, contactId: 1},
        shipments: [
          {id: 2, label: 's2', contactId: 1, deliverableId: 1, deliverableType: 'Parcel', deliverable: {id: 1, note: 'p1', weight: 5}},
          {id: 3, label: 's3', contactId: 1, deliverableId: 1, deliverableType: 'Postcard',
            deliverable: {id: 1, note: 'c1', picture: 'sea'}},
          {id: 5, label: 's5', contactId: 1},
        ],
      }]);
    });
  });

  it('the reverse of a polymorphic hasMany: a Picture includes its Employee, Product or Venue', async () => {
    const {employees, products, venues, pictures} = fx.repos;
    const e = await employees.create({name: 'emp'});
    const p = await products.create({name: 'prod'});
    const v = await venues.create({name: 'venue'});
    await employees.pictures(e.id!).create({url: 'e.png'});
    await products.pictures(p.id!).create({url: 'p.png'});
    await venues.pictures(v.id!).create({url: 'v.png'});
    await pictures.create({url: 'loose.png'});
    const found = await pictures.find({include: ['imageable']});
    assert.ok(found[0].imageable instanceof Employee);
    assert.ok(found[1].imageable instanceof Product);
    assert.ok(found[2].imageable instanceof Venue);
    assert.deepEqual(json(found.map(x => [x.url, x.imageable])), [
      ['e.png', {id: 1, name: 'emp'}], ['p.png', {id: 1, name: 'prod'}], ['v.png', {id: 1, name: 'venue'}], ['loose.png', null],
    ]);
    assert.ok(await pictures.imageable(2) instanceof Product);
  });
});
