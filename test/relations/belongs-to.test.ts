import assert from 'node:assert/strict';
import {it} from 'node:test';
import {describeForEachConnector} from '../support/connectors';
import {Customer} from '../support/models';
import {useRepositories} from '../support/repository-fixture';

describeForEachConnector('belongsTo accessor', setup => {
  const fx = useRepositories(setup);


  it('returns the target of the source\'s foreign key', async () => {
    const c = await fx.repos.customers.create({name: 'c1'});
    const o = await fx.repos.orders.create({description: 'a', customerId: c.id});
    const found = await fx.repos.orders.customer(o.id!);
    assert.ok(found instanceof Customer);
    assert.deepEqual(found.toJSON(), {id: c.id, name: 'c1'});
  });

  it('resolves undefined when the source has no foreign key', async () => {
    const o = await fx.repos.orders.create({description: 'orphan'});
    assert.equal(await fx.repos.orders.customer(o.id!), undefined);
  });

  it('fails with EntityNotFoundError for a dangling key or a missing source', async () => {
    const o = await fx.repos.orders.create({description: 'dangling', customerId: 999});
    await assert.rejects(fx.repos.orders.customer(o.id!), {
      message: 'Entity not found: Customer with id "constraint {\\"id\\":999}"', code: 'ENTITY_NOT_FOUND',
    });
    await assert.rejects(fx.repos.orders.customer(12345), {message: 'Entity not found: Order with id 12345'});
  });

  it('derives the relation name and keys as LoopBack 4 does', () => {
    const rel = fx.repos.orders.entityClass.definition.relations.customer;
    assert.equal(rel.name, 'customer');
    assert.equal(rel.keyFrom, 'customerId');
    assert.equal(rel.type, 'belongsTo');
    assert.equal(fx.repos.orders.entityClass.definition.properties.customerId.type, Number);
  });
});
