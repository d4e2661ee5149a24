import assert from 'node:assert/strict';
import {after, beforeEach, it} from 'node:test';
import {DataSource} from '../../src/datasource/datasource';
import {describeForEachConnector} from '../support/connectors';
import {createRepositories, Customer, Repos} from '../support/models';

describeForEachConnector('belongsTo accessor', setup => {
  let ds: DataSource;
  let repos: Repos;

  beforeEach(async () => {
    ds = setup.createDataSource();
    repos = createRepositories(ds);
    await ds.automigrate();
  });
  after(() => setup.cleanup());

  it('returns the target of the source\'s foreign key', async () => {
    const c = await repos.customers.create({name: 'c1'});
    const o = await repos.orders.create({description: 'a', customerId: c.id});
    const found = await repos.orders.customer(o.id!);
    assert.ok(found instanceof Customer);
    assert.deepEqual(found.toJSON(), {id: c.id, name: 'c1'});
  });

  it('resolves undefined when the source has no foreign key', async () => {
    const o = await repos.orders.create({description: 'orphan'});
    assert.equal(await repos.orders.customer(o.id!), undefined);
  });

  it('fails with EntityNotFoundError for a dangling key or a missing source', async () => {
    const o = await repos.orders.create({description: 'dangling', customerId: 999});
    await assert.rejects(repos.orders.customer(o.id!), {
      message: 'Entity not found: Customer with id "constraint {\\"id\\":999}"', code: 'ENTITY_NOT_FOUND',
    });
    await assert.rejects(repos.orders.customer(12345), {message: 'Entity not found: Order with id 12345'});
  });

  it('derives the relation name and keys as LoopBack 4 does', () => {
    const rel = repos.orders.entityClass.definition.relations.customer;
    assert.equal(rel.name, 'customer');
    assert.equal(rel.keyFrom, 'customerId');
    assert.equal(rel.type, 'belongsTo');
    assert.equal(repos.orders.entityClass.definition.properties.customerId.type, Number);
  });
});
