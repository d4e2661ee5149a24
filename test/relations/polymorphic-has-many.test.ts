import assert from 'node:assert/strict';
import {beforeEach, describe, it} from 'node:test';
import {resolveHasManyMetadata} from '../../src/relations/has-many/has-many-repository-factory';
import {DefaultTransactionalRepository} from '../../src/repository/default-transactional-repository';
import {countQueries, describeForEachConnector} from '../support/connectors';
import {Employee, Picture, Product, usePolymorphicRepositories} from '../support/polymorphic-models';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
function json(value: unknown): any {
  return JSON.parse(JSON.stringify(value));
}

describe('polymorphic hasMany definitions', () => {
  it('takes the discriminator given, or derives it from the foreign key for `polymorphic: true`', () => {
    assert.deepEqual(resolveHasManyMetadata(Employee.definition.relations.pictures).polymorphic,
      {discriminator: 'imageableType', value: 'Employee'});
    const product = resolveHasManyMetadata(Product.definition.relations.pictures);
    assert.deepEqual(product.polymorphic, {discriminator: 'imageableType', value: 'Product'});
    assert.equal(product.keyTo, 'imageableId');
    assert.equal(product.keyFrom, 'id');
  });

  it('the target must declare the discriminator', () => {
    const meta = {...Employee.definition.relations.pictures, polymorphic: {discriminator: 'kind'}};
    assert.throws(() => resolveHasManyMetadata(meta), {
      code: 'INVALID_RELATION_DEFINITION',
      message: 'Invalid hasMany definition for Employee#pictures: target model Picture is missing definition of discriminator kind',
    });
  });
});

describeForEachConnector('polymorphic hasMany', setup => {
  const fx = usePolymorphicRepositories(setup);

  // Employee 1, Product 1 and Venue 1 share the id 1: only the discriminator tells their pictures apart.
  beforeEach(async () => {
    const {employees, products, venues} = fx.repos;
    await employees.create({name: 'emp'});
    await employees.create({name: 'emp2'});
    await products.create({name: 'prod'});
    await venues.create({name: 'venue'});
    await employees.pictures(1).create({url: 'e1a'});
    await products.pictures(1).create({url: 'p1a'});
    await employees.pictures(1).create({url: 'e1b'});
    await venues.pictures(1).create({url: 'v1a'});
    await employees.pictures(2).create({url: 'e2a'});
  });

  it('create sets the foreign key and the discriminator (the source model name)', async () => {
    const p = await fx.repos.products.pictures(1).create({url: 'p1b'});
    assert.ok(p instanceof Picture);
    assert.deepEqual(json(p), {id: 6, url: 'p1b', imageableId: 1, imageableType: 'Product'});
    await assert.rejects(fx.repos.products.pictures(1).create({url: 'x', imageableType: 'Employee'}), {
      message: 'Property "imageableType" cannot be changed!', statusCode: 400,
    });
  });

  it('find is constrained by both keys', async () => {
    assert.deepEqual((await fx.repos.employees.pictures(1).find()).map(p => p.url), ['e1a', 'e1b']);
    assert.deepEqual((await fx.repos.products.pictures(1).find()).map(p => p.url), ['p1a']);
    assert.deepEqual((await fx.repos.venues.pictures(1).find({where: {url: {like: 'v%'}}})).map(p => p.url), ['v1a']);
    assert.deepEqual(await fx.repos.venues.pictures(2).find(), []);
  });

  it('patch and delete are constrained by both keys', async () => {
    assert.deepEqual(await fx.repos.employees.pictures(1).patch({url: 'changed'}), {count: 2});
    assert.deepEqual((await fx.repos.pictures.find()).map(p => p.url), ['changed', 'p1a', 'changed', 'v1a', 'e2a']);
    await assert.rejects(fx.repos.employees.pictures(1).patch({imageableType: 'Venue'}), {
      message: 'Property "imageableType" cannot be changed!',
    });
    assert.deepEqual(await fx.repos.products.pictures(1).delete(), {count: 1});
    assert.deepEqual(await fx.repos.employees.pictures(1).delete({url: 'nope'}), {count: 0});
    assert.deepEqual((await fx.repos.pictures.find()).map(p => p.url), ['changed', 'changed', 'v1a', 'e2a']);
  });

  it('include gives each source the targets of its own type, in one query', async () => {
    const q = countQueries(fx.ds);
    const employees = await fx.repos.employees.find({include: ['pictures']});
    // SQLite plans the include as one statement (JSON aggregation).
    assert.equal(q.finds, setup.connector === 'sqlite' ? 1 : 2);
    if (setup.connector === 'memory') {
      assert.deepEqual(q.log[1].filter.where, {imageableId: {inq: [1, 2]}, imageableType: 'Employee'});
    }
    assert.deepEqual(json(employees), [
      {id: 1, name: 'emp', pictures: [
        {id: 1, url: 'e1a', imageableId: 1, imageableType: 'Employee'},
        {id: 3, url: 'e1b', imageableId: 1, imageableType: 'Employee'},
      ]},
      {id: 2, name: 'emp2', pictures: [{id: 5, url: 'e2a', imageableId: 2, imageableType: 'Employee'}]},
    ]);
    const products = await fx.repos.products.find({include: [{relation: 'pictures', scope: {fields: ['url']}}]});
    assert.deepEqual(json(products), [{id: 1, name: 'prod', pictures: [{url: 'p1a'}]}]);
  });

  it('include keeps scope where, limit per parent and nested includes', async () => {
    const found = await fx.repos.employees.find({
      include: [{relation: 'pictures', scope: {where: {url: {neq: 'e1a'}}, limit: 1, include: ['imageable']}}],
    });
    assert.deepEqual(json(found.map(e => e.pictures)), [
      [{id: 3, url: 'e1b', imageableId: 1, imageableType: 'Employee', imageable: {id: 1, name: 'emp'}}],
      [{id: 5, url: 'e2a', imageableId: 2, imageableType: 'Employee', imageable: {id: 2, name: 'emp2'}}],
    ]);
  });

  it('honours options.transaction: a rollback undoes a polymorphic create', async () => {
    if (setup.connector === 'memory') return;
    const tx = await new DefaultTransactionalRepository(Picture, fx.ds).beginTransaction();
    await fx.repos.venues.pictures(1).create({url: 'tx'}, {transaction: tx});
    assert.deepEqual((await fx.repos.venues.pictures(1).find({}, {transaction: tx})).map(p => p.url), ['v1a', 'tx']);
    const inside = await fx.repos.venues.find({include: ['pictures']}, {transaction: tx});
    assert.deepEqual(inside[0].pictures!.map(p => p.url), ['v1a', 'tx']);
    await tx.rollback();
    assert.deepEqual((await fx.repos.venues.pictures(1).find()).map(p => p.url), ['v1a']);
  });
});
