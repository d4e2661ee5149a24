import assert from 'node:assert/strict';
import {beforeEach, describe, it} from 'node:test';
import {describeForEachConnector, itWhen} from '../support/connectors';
import {CategoryProductLink, Product, useThroughRepositories} from '../support/through-models';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
function json(value: unknown): any {
  return JSON.parse(JSON.stringify(value));
}

function names(list: {name?: string}[]): (string | undefined)[] {
  return list.map(p => p.name);
}

describeForEachConnector('hasManyThrough constrained repository', setup => {
  const fx = useThroughRepositories(setup);
  let c1: number;
  let c2: number;

  beforeEach(async () => {
    c1 = (await fx.repos.categories.create({name: 'c1'})).id!;
    c2 = (await fx.repos.categories.create({name: 'c2'})).id!;
  });

  async function links(): Promise<{categoryId?: number; productId?: number; position?: number}[]> {
    const rows = await fx.repos.links.find({order: ['id ASC']});
    return rows.map(l => ({categoryId: l.categoryId, productId: l.productId, ...(l.position != null ? {position: l.position} : {})}));
  }

  describe('create', () => {
    it('creates the target and the link, with throughData', async () => {
      const p = await fx.repos.categories.products(c1).create({name: 'pen', price: 2}, {throughData: {position: 7}});
      assert.ok(p instanceof Product);
      assert.deepEqual(json(p), {id: 1, name: 'pen', price: 2});
      assert.deepEqual(await links(), [{categoryId: c1, productId: p.id, position: 7}]);
      assert.deepEqual(names(await fx.repos.categories.products(c1).find()), ['pen']);
      assert.deepEqual(await fx.repos.categories.products(c2).find(), []);
    });

    it('rejects throughData that changes a link key', async () => {
      await assert.rejects(
        fx.repos.categories.products(c1).create({name: 'pen'}, {throughData: {categoryId: c2}}),
        (err: Error & {statusCode: number}) => {
          assert.equal(err.message, 'Property "categoryId" cannot be changed!');
          assert.equal(err.statusCode, 400);
          return true;
        });
      // The target was not kept without its link.
      assert.deepEqual(await fx.repos.products.find(), []);
      assert.deepEqual(await links(), []);
    });

    it('undoes the target when the link cannot be stored (strict through model)', async () => {
      await fx.repos.categories.products(c1).create({name: 'kept'});
      await assert.rejects(
        fx.repos.categories.products(c1).create({name: 'pen'}, {throughData: {bogus: 1} as Partial<CategoryProductLink>}),
        (err: Error & {code: string}) => {
          assert.equal(err.code, 'VALIDATION_FAILED');
          assert.match(err.message, /bogus/);
          return true;
        });
      assert.deepEqual(names(await fx.repos.products.find()), ['kept']);
      assert.equal((await links()).length, 1);
    });

    it('fails on invalid target data before linking', async () => {
      await assert.rejects(fx.repos.categories.products(c1).create({price: 3} as Partial<Product>),
        (err: Error & {code: string}) => err.code === 'VALIDATION_FAILED');
      assert.deepEqual(await links(), []);
    });

    it('rejects a polymorphicType on a relation that is not polymorphic', async () => {
      await assert.rejects(fx.repos.categories.products(c1).create({name: 'pen'}, {polymorphicType: 'Letter'}),
        (err: Error & {code: string}) => {
          assert.equal(err.code, 'INVALID_POLYMORPHISM');
          assert.equal(err.message, 'Invalid class name Letter. Please check polymorphic types and the discriminator.');
          return true;
        });
      assert.deepEqual(await fx.repos.products.find(), []);
    });

    it('rejects a missing source id', async () => {
      await assert.rejects(fx.repos.categories.products(undefined as unknown as number).create({name: 'pen'}),
        (err: Error & {code: string; statusCode: number}) => err.code === 'INVALID_ID' && err.statusCode === 400);
      await assert.rejects(fx.repos.categories.products(null as unknown as number).find(),
        (err: Error & {code: string}) => err.code === 'INVALID_ID');
      assert.deepEqual(await fx.repos.products.find(), []);
    });
  });

  describe('find', () => {
    beforeEach(async () => {
      await fx.repos.categories.products(c1).create({name: 'a', price: 3});
      await fx.repos.categories.products(c1).create({name: 'b', price: 1});
      await fx.repos.categories.products(c1).create({name: 'c', price: 2});
      await fx.repos.categories.products(c2).create({name: 'd', price: 5});
      await fx.repos.products.create({name: 'unlinked', price: 2});
    });

    it('finds the linked targets with filter clauses', async () => {
      const rel = fx.repos.categories.products(c1);
      assert.deepEqual(names(await rel.find()), ['a', 'b', 'c']);
      assert.deepEqual(names(await rel.find({order: ['price DESC']})), ['a', 'c', 'b']);
      assert.deepEqual(names(await rel.find({where: {price: {gte: 2}}})), ['a', 'c']);
      assert.deepEqual(names(await rel.find({order: ['price ASC'], limit: 1, skip: 1})), ['c']);
      assert.deepEqual(json(await rel.find({fields: ['name'], order: ['name DESC'], limit: 2})), [{name: 'c'}, {name: 'b'}]);
      // A where on the key is ANDed with the relation constraint, never replacing it.
      assert.deepEqual(await rel.find({where: {id: 4}}), []);
      assert.deepEqual(names(await rel.find({where: {or: [{name: 'a'}, {name: 'd'}]}})), ['a']);
    });

    it('finds nothing for a source without links, and for an unknown source', async () => {
      const c3 = (await fx.repos.categories.create({name: 'c3'})).id!;
      assert.deepEqual(await fx.repos.categories.products(c3).find(), []);
      assert.deepEqual(await fx.repos.categories.products(999).find(), []);
    });

    it('resolves includes of the targets', async () => {
      const s = await fx.repos.suppliers.create({name: 's'});
      await fx.repos.products.updateAll({supplierId: s.id}, {name: 'a'});
      const found = await fx.repos.categories.products(c1).find({include: ['supplier'], where: {name: {inq: ['a', 'b']}}});
      assert.deepEqual(json(found).map((p: {name: string; supplier?: {name: string}}) => [p.name, p.supplier?.name]),
        [['a', 's'], ['b', undefined]]);
    });

    it('pages over several inq chunks as one list', async () => {
      const ds = fx.ds;
      ds.settings.inqLimit = 2;
      try {
        const rel = fx.repos.categories.products(c1);
        assert.deepEqual(names(await rel.find()), ['a', 'b', 'c']);
        assert.deepEqual(names(await rel.find({order: ['price ASC'], limit: 2})), ['b', 'c']);
        assert.deepEqual(names(await rel.find({order: ['price DESC'], skip: 1})), ['c', 'b']);
        assert.deepEqual(names(await rel.find({limit: 2, skip: 1})), ['b', 'c']);
      } finally {
        delete ds.settings.inqLimit;
      }
    });
  });

  describe('link, unlink, unlinkAll', () => {
    let p1: number;
    let p2: number;

    beforeEach(async () => {
      p1 = (await fx.repos.products.create({name: 'p1'})).id!;
      p2 = (await fx.repos.products.create({name: 'p2'})).id!;
    });

    it('links existing targets and returns the link', async () => {
      const link = await fx.repos.categories.products(c1).link(p1, {throughData: {position: 3}});
      assert.ok(link instanceof CategoryProductLink);
      assert.deepEqual({categoryId: link.categoryId, productId: link.productId, position: link.position},
        {categoryId: c1, productId: p1, position: 3});
      await fx.repos.categories.products(c1).link(p2);
      await fx.repos.categories.products(c2).link(p1);
      assert.deepEqual(names(await fx.repos.categories.products(c1).find()), ['p1', 'p2']);
      assert.deepEqual(names(await fx.repos.categories.products(c2).find()), ['p1']);
    });

    it('linking a linked pair again returns the existing link (no duplicate)', async () => {
      const first = await fx.repos.categories.products(c1).link(p1, {throughData: {position: 1}});
      const again = await fx.repos.categories.products(c1).link(p1, {throughData: {position: 2}});
      assert.equal(again.id, first.id);
      assert.equal(again.position, 1);
      assert.deepEqual(await links(), [{categoryId: c1, productId: p1, position: 1}]);
    });

    it('rejects throughData changing a key, and a missing target id', async () => {
      await assert.rejects(fx.repos.categories.products(c1).link(p1, {throughData: {productId: p2}}),
        {message: 'Property "productId" cannot be changed!'});
      await assert.rejects(fx.repos.categories.products(c1).link(undefined as unknown as number),
        (err: Error & {code: string}) => err.code === 'INVALID_ID');
      assert.deepEqual(await links(), []);
    });

    it('unlink removes the link and keeps the target', async () => {
      await fx.repos.categories.products(c1).link(p1);
      await fx.repos.categories.products(c1).link(p2);
      await fx.repos.categories.products(c2).link(p1);
      await fx.repos.categories.products(c1).unlink(p1);
      assert.deepEqual(names(await fx.repos.categories.products(c1).find()), ['p2']);
      assert.deepEqual(names(await fx.repos.categories.products(c2).find()), ['p1']);
      assert.equal((await fx.repos.products.count()).count, 2);
      // Unlinking what is not linked is a no-op.
      await fx.repos.categories.products(c1).unlink(p1);
      assert.equal((await links()).length, 2);
    });

    it('unlinkAll removes only the source\'s links, and is a no-op without links', async () => {
      await fx.repos.categories.products(c1).link(p1);
      await fx.repos.categories.products(c1).link(p2);
      await fx.repos.categories.products(c2).link(p1);
      await fx.repos.categories.products(c1).unlinkAll();
      assert.deepEqual(await fx.repos.categories.products(c1).find(), []);
      assert.deepEqual(await links(), [{categoryId: c2, productId: p1}]);
      await fx.repos.categories.products(c1).unlinkAll();
      assert.deepEqual(await links(), [{categoryId: c2, productId: p1}]);
      assert.equal((await fx.repos.products.count()).count, 2);
    });
  });

  describe('patch', () => {
    beforeEach(async () => {
      await fx.repos.categories.products(c1).create({name: 'a', price: 1});
      await fx.repos.categories.products(c1).create({name: 'b', price: 2});
      await fx.repos.categories.products(c2).create({name: 'c', price: 3});
    });

    it('patches only the linked targets matching where', async () => {
      assert.deepEqual(await fx.repos.categories.products(c1).patch({price: 9}), {count: 2});
      assert.deepEqual(await fx.repos.categories.products(c1).patch({price: 10}, {name: 'a'}), {count: 1});
      assert.deepEqual(await fx.repos.categories.products(c1).patch({price: 11}, {name: 'c'}), {count: 0});
      const all = await fx.repos.products.find({order: ['id ASC']});
      assert.deepEqual(all.map(p => [p.name, p.price]), [['a', 10], ['b', 9], ['c', 3]]);
    });

    it('does not write the key constraint into the data; the key itself cannot change', async () => {
      assert.deepEqual(await fx.repos.categories.products(c1).patch({name: 'x'}, {name: 'b'}), {count: 1});
      assert.deepEqual(names(await fx.repos.products.find({order: ['id ASC']})), ['a', 'x', 'c']);
      await assert.rejects(fx.repos.categories.products(c1).patch({id: 99, name: 'y'}),
        (err: Error & {statusCode: number}) => err.message === 'Property "id" cannot be changed!' && err.statusCode === 400);
    });

    it('counts 0 for a source without links', async () => {
      const c3 = (await fx.repos.categories.create({name: 'c3'})).id!;
      assert.deepEqual(await fx.repos.categories.products(c3).patch({price: 0}), {count: 0});
    });

    it('rejects data that is not an object with a 400', async () => {
      await assert.rejects(fx.repos.categories.products(c1).patch(null as unknown as Partial<Product>),
        (err: Error & {code: string; statusCode: number}) => err.code === 'INVALID_DATA' && err.statusCode === 400);
    });
  });

  describe('delete', () => {
    let a: number;
    let b: number;
    let shared: number;
    let other: number;

    beforeEach(async () => {
      a = (await fx.repos.categories.products(c1).create({name: 'a', price: 1})).id!;
      b = (await fx.repos.categories.products(c1).create({name: 'b', price: 2})).id!;
      shared = (await fx.repos.categories.products(c1).create({name: 'shared', price: 3})).id!;
      await fx.repos.categories.products(c2).link(shared);
      other = (await fx.repos.categories.products(c2).create({name: 'other', price: 4})).id!;
    });

    it('deletes the linked targets and every link to them; other links stay', async () => {
      assert.deepEqual(await fx.repos.categories.products(c1).delete(), {count: 3});
      assert.deepEqual(names(await fx.repos.products.find()), ['other']);
      // c2's link to the deleted 'shared' went too (no dangling link); its link to 'other' stayed.
      assert.deepEqual(await links(), [{categoryId: c2, productId: other}]);
      assert.deepEqual(names(await fx.repos.categories.products(c2).find()), ['other']);
    });

    it('with where, deletes only matching linked targets and their links', async () => {
      assert.deepEqual(await fx.repos.categories.products(c1).delete({price: {gte: 2}}), {count: 2});
      assert.deepEqual(names(await fx.repos.products.find({order: ['id ASC']})), ['a', 'other']);
      assert.deepEqual(await links(), [{categoryId: c1, productId: a}, {categoryId: c2, productId: other}]);
    });

    it('with where, never touches targets that are not linked to the source', async () => {
      // 'other' matches the where but belongs to c2 only.
      assert.deepEqual(await fx.repos.categories.products(c1).delete({name: {inq: ['other', 'b']}}), {count: 1});
      assert.deepEqual(names(await fx.repos.products.find({order: ['id ASC']})), ['a', 'shared', 'other']);
      assert.equal((await links()).filter(l => l.productId === b).length, 0);
      assert.equal((await links()).filter(l => l.productId === other).length, 1);
    });

    it('counts 0 and changes nothing for a source without links', async () => {
      const c3 = (await fx.repos.categories.create({name: 'c3'})).id!;
      assert.deepEqual(await fx.repos.categories.products(c3).delete(), {count: 0});
      assert.equal((await fx.repos.products.count()).count, 4);
      assert.equal((await links()).length, 5);
    });

    it('removes links pointing at missing targets', async () => {
      await fx.repos.products.deleteById(b);
      assert.deepEqual(await fx.repos.categories.products(c1).delete(), {count: 2});
      assert.deepEqual(await links(), [{categoryId: c2, productId: other}]);
    });

    it('is atomic: when removing the links fails, the targets are back', async () => {
      fx.repos.links.failDeleteAll = true;
      try {
        await assert.rejects(fx.repos.categories.products(c1).delete(), {message: 'CategoryProductLink.deleteAll failed (test)'});
        await assert.rejects(fx.repos.categories.products(c1).delete({name: 'a'}), {message: 'CategoryProductLink.deleteAll failed (test)'});
      } finally {
        fx.repos.links.failDeleteAll = false;
      }
      assert.deepEqual(json(await fx.repos.products.find({order: ['id ASC']})).map((p: Product) => [p.id, p.name, p.price]),
        [[a, 'a', 1], [b, 'b', 2], [shared, 'shared', 3], [other, 'other', 4]]);
      assert.equal((await links()).length, 5);
      assert.deepEqual(names(await fx.repos.categories.products(c1).find()), ['a', 'b', 'shared']);
    });
  });

  describe('the relation from the other side', () => {
    it('uses the same link model with the opposite keys', async () => {
      const p = await fx.repos.products.create({name: 'p'});
      await fx.repos.products.categories(p.id!).link(c2);
      await fx.repos.products.categories(p.id!).link(c1);
      assert.deepEqual((await fx.repos.products.categories(p.id!).find({order: ['name ASC']})).map(c => c.name), ['c1', 'c2']);
      assert.deepEqual(names(await fx.repos.categories.products(c1).find()), ['p']);
    });
  });
});

describeForEachConnector('hasManyThrough in transactions', setup => {
  const fx = useThroughRepositories(setup);
  const sql = setup.connector !== 'memory';

  itWhen(sql)('create, link and unlink commit or roll back with the caller\'s transaction', async () => {
    const c = await fx.repos.categories.create({name: 'c'});
    const rel = fx.repos.categories.products(c.id!);

    let tx = await fx.ds.beginTransaction();
    const p = await rel.create({name: 'rolled back'}, {transaction: tx});
    assert.deepEqual(names(await rel.find(undefined, {transaction: tx})), ['rolled back']);
    await tx.rollback();
    assert.deepEqual(await fx.repos.products.find(), []);
    assert.deepEqual(await fx.repos.links.find(), []);
    assert.ok(p.id);

    tx = await fx.ds.beginTransaction();
    const kept = await rel.create({name: 'kept'}, {transaction: tx});
    const other = await fx.repos.products.create({name: 'other'}, {transaction: tx});
    await rel.link(other.id!, {transaction: tx});
    await rel.patch({price: 5}, undefined, {transaction: tx});
    await tx.commit();
    assert.deepEqual((await rel.find({order: ['name ASC']})).map(x => [x.name, x.price]), [['kept', 5], ['other', 5]]);

    tx = await fx.ds.beginTransaction();
    await rel.unlink(kept.id!, {transaction: tx});
    await rel.unlinkAll({transaction: tx});
    assert.deepEqual(await rel.find(undefined, {transaction: tx}), []);
    await tx.rollback();
    assert.deepEqual(names(await rel.find({order: ['name ASC']})), ['kept', 'other']);
  });

  itWhen(sql)('delete commits or rolls back with the caller\'s transaction', async () => {
    const c = await fx.repos.categories.create({name: 'c'});
    const rel = fx.repos.categories.products(c.id!);
    await rel.create({name: 'a'});
    await rel.create({name: 'b'});
    let tx = await fx.ds.beginTransaction();
    assert.deepEqual(await rel.delete(undefined, {transaction: tx}), {count: 2});
    await tx.rollback();
    assert.deepEqual(names(await rel.find()), ['a', 'b']);
    tx = await fx.ds.beginTransaction();
    assert.deepEqual(await rel.delete({name: 'a'}, {transaction: tx}), {count: 1});
    await tx.commit();
    assert.deepEqual(names(await rel.find()), ['b']);
    assert.equal((await fx.repos.links.count()).count, 1);
  });

  itWhen(sql)('a failed create inside the caller\'s transaction leaves nothing behind once committed', async () => {
    const c = await fx.repos.categories.create({name: 'c'});
    const tx = await fx.ds.beginTransaction();
    await assert.rejects(fx.repos.categories.products(c.id!).create({name: 'x'},
      {transaction: tx, throughData: {bogus: true} as Partial<CategoryProductLink>}));
    await tx.commit();
    assert.deepEqual(await fx.repos.products.find(), []);
  });

  itWhen(sql)('includes read inside the transaction', async () => {
    const c = await fx.repos.categories.create({name: 'c'});
    const tx = await fx.ds.beginTransaction();
    await fx.repos.categories.products(c.id!).create({name: 'p'}, {transaction: tx});
    const inside = await fx.repos.categories.find({include: ['products']}, {transaction: tx});
    assert.deepEqual(json(inside), [{id: c.id, name: 'c', products: [{id: 1, name: 'p'}]}]);
    await tx.rollback();
    assert.deepEqual(json(await fx.repos.categories.find({include: ['products']})), [{id: c.id, name: 'c'}]);
  });

  itWhen(!sql)('memory has no transactions: writes stay atomic by undoing', async () => {
    await assert.rejects(fx.ds.beginTransaction(), (err: Error & {code: string}) => err.code === 'TRANSACTIONS_NOT_SUPPORTED');
  });
});
