import assert from 'node:assert/strict';
import {beforeEach, describe, it} from 'node:test';
import {DataSource} from '../../src/datasource/datasource';
import {Getter} from '../../src/context/getter';
import {model, property} from '../../src/model/decorators';
import {Entity} from '../../src/model/model';
import {ModelDefinition} from '../../src/model/model-definition';
import {embedsMany, embedsOne, referencesOne} from '../../src/relations/metadata-only-decorators';
import {
  createReferencesManyAccessor, createReferencesManyInclusionResolver,
} from '../../src/relations/references-many/references-many-accessor';
import {referencesMany} from '../../src/relations/references-many/references-many-decorator';
import {resolveReferencesManyMetadata} from '../../src/relations/references-many/references-many-metadata';
import {RelationMetadata, RelationType} from '../../src/relations/relation-types';
import {DefaultCrudRepository} from '../../src/repository/default-crud-repository';
import {DefaultTransactionalRepository} from '../../src/repository/default-transactional-repository';
import {countQueries, describeForEachConnector} from '../support/connectors';
import {Category, Post, Tag, usePolymorphicRepositories} from '../support/polymorphic-models';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
function json(value: unknown): any {
  return JSON.parse(JSON.stringify(value));
}

function invalid(reason: string, modelName: string, name: string) {
  return (err: Error & {code: string; reason: string}) => {
    assert.equal(err.code, 'INVALID_RELATION_DEFINITION');
    assert.equal(err.reason, reason);
    assert.equal(err.message, `Invalid referencesMany definition for ${modelName}#${name}: ${reason}`);
    return true;
  };
}

describe('referencesMany definitions', () => {
  it('the decorator names the relation after the property (Ids → s) and declares an id array', () => {
    const rel = Post.definition.relations.tags;
    assert.equal(rel.type, 'referencesMany');
    assert.equal(rel.targetsMany, true);
    assert.equal(rel.keyFrom, 'tagIds');
    assert.equal(rel.source, Post);
    assert.equal(rel.target(), Tag);
    const prop = Post.definition.properties.tagIds;
    assert.equal(prop.type, Array);
    assert.equal(prop.itemType, Number);
    // A name given in the definition wins; the item type follows the target key (a string id here).
    assert.equal(Post.definition.relations.categories.keyFrom, 'categoryCodes');
    assert.equal(Post.definition.properties.categoryCodes.itemType, String);
    assert.equal(Post.definition.relations.categoryCodes, undefined);
  });

  it('resolves keyFrom = camelCase(target + "_ids") and keyTo = the target id by default', () => {
    const Source = class extends Entity {};
    (Source as unknown as {definition: ModelDefinition}).definition = new ModelDefinition({
      name: 'Source', properties: {id: {type: 'number', id: true}, tagIds: {type: 'array', itemType: 'number'}},
    });
    const resolved = resolveReferencesManyMetadata({
      name: 'tags', type: RelationType.referencesMany, targetsMany: true, source: Source, target: () => Tag,
    } as RelationMetadata);
    assert.equal(resolved.keyFrom, 'tagIds');
    assert.equal(resolved.keyTo, 'id');
  });

  it('takes an explicit keyTo and the item type of that key', () => {
    @model()
    class Account extends Entity {
      @property({id: true}) id: number;
      @property() code: string;
    }
    @model()
    class Holder extends Entity {
      @property({id: true}) id: number;
      @referencesMany(() => Account, {keyTo: 'code'}) accountCodes: string[];
    }
    assert.equal(Holder.definition.properties.accountCodes.itemType, String);
    const resolved = resolveReferencesManyMetadata(Holder.definition.relations.accountCodes);
    assert.equal(resolved.keyTo, 'code');
  });

  it('reports missing keys, a non-array key, a target without id and a wrong type', () => {
    @model()
    class NoId extends Entity {
      @property() name: string;
    }
    @model()
    class Src extends Entity {
      @property({id: true}) id: number;
      @property() label: string;
    }
    const meta = (extra: Partial<RelationMetadata>) => ({
      name: 'rel', type: RelationType.referencesMany, targetsMany: true, source: Src, target: () => Tag, ...extra,
    }) as RelationMetadata;
    const getter = Getter.fromValue({} as never);
    const repo = {findById: async () => ({})} as never;
    assert.throws(() => createReferencesManyAccessor(meta({}), getter, repo),
      invalid('source model Src is missing definition of foreign key array tagIds', 'Src', 'rel'));
    assert.throws(() => createReferencesManyAccessor(meta({keyFrom: 'label'}), getter, repo),
      invalid('property Src.label must be an array of Tag keys, not string', 'Src', 'rel'));
    assert.throws(() => createReferencesManyInclusionResolver(meta({keyFrom: 'label'}), getter),
      {code: 'INVALID_RELATION_DEFINITION'});
    @model()
    class Holder extends Entity {
      @property({id: true}) id: number;
      @property.array(Number) noIdIds: number[];
    }
    assert.throws(() => createReferencesManyAccessor(
      {...meta({}), source: Holder, target: () => NoId, keyFrom: 'noIdIds'} as RelationMetadata, getter, repo),
    invalid('NoId does not have any primary key (id property)', 'Holder', 'rel'));
    assert.throws(() => createReferencesManyAccessor(meta({type: RelationType.hasMany}), getter, repo),
      (err: Error) => err.message === 'Invalid hasMany definition for Src#rel: relation type must be ReferencesMany');
    assert.throws(() => createReferencesManyAccessor(meta({target: Tag as never}), getter, repo),
      invalid('target must be a type resolver', 'Src', 'rel'));
    // A relation name the model does not have.
    class SrcRepo extends DefaultCrudRepository<Src, number> {
      constructor() {
        super(Src, new DataSource('memory'));
        this.createReferencesManyAccessorFor('nope', getter);
      }
    }
    assert.throws(() => new SrcRepo(), {code: 'INVALID_RELATION_DEFINITION', relationName: 'nope', sourceModelName: 'Src'});
  });

  it('fails clearly when the item type cannot be inferred', () => {
    const Target = class extends Entity {};
    (Target as unknown as {definition: ModelDefinition}).definition = new ModelDefinition({name: 'Target'});
    assert.throws(() => {
      class Src extends Entity {}
      referencesMany(() => Target, {}, {type: Array})(Src.prototype, 'targetIds');
    }, (err: Error) => {
      assert.match(err.message, /^Cannot infer type of model property \w+\.id because TypeScript compiler option/);
      assert.match(err.message, /use the second argument of `@referencesMany` decorator/);
      return true;
    });
    // An explicit item type is enough.
    class Src2 extends Entity {}
    referencesMany(() => Target, {}, {type: Array, itemType: 'number'})(Src2.prototype, 'targetIds');
  });

  it('a target declared later in the module leaves the item type to the property definition', () => {
    @model()
    class Early extends Entity {
      @property({id: true}) id: number;
      // eslint-disable-next-line @typescript-eslint/no-use-before-define
      @referencesMany(() => Later) laterIds: number[];
      @referencesMany(() => Later, {}, {itemType: 'number'}) otherLaterIds: number[];
    }
    @model()
    class Later extends Entity {
      @property({id: true}) id: number;
    }
    assert.equal(Early.definition.properties.laterIds.type, Array);
    assert.equal(Early.definition.properties.laterIds.itemType, undefined);
    assert.equal(Early.definition.properties.otherLaterIds.itemType, 'number');
    assert.equal(resolveReferencesManyMetadata(Early.definition.relations.laters).keyTo, 'id');
  });

  it('embedsOne, embedsMany and referencesOne record metadata only', () => {
    @model()
    class Doc extends Entity {
      @property({id: true}) id: number;
      @embedsOne({name: 'address', target: () => Tag}) @property({type: 'object'}) address: object;
      @embedsMany() @property({type: 'array', itemType: 'object'}) lines: object[];
      @referencesOne({name: 'owner'}) @property() ownerId: number;
    }
    const rels = Doc.definition.relations;
    assert.equal(rels.address.type, 'embedsOne');
    assert.equal(rels.owner.type, 'referencesOne');
    assert.ok(Object.values(rels).some(r => r.type === 'embedsMany'));
  });
});

describeForEachConnector('referencesMany', setup => {
  const fx = usePolymorphicRepositories(setup);
  let t: Tag[];

  beforeEach(async () => {
    t = [];
    for (const [name, rank] of [['a', 3], ['b', 1], ['c', 2], ['d', 4]] as const) {
      t.push(await fx.repos.tags.create({name, rank}));
    }
    await fx.repos.categories.create({code: 'x', label: 'X'});
    await fx.repos.categories.create({code: 'y', label: 'Y'});
  });

  it('stores the id array in a column that round-trips the target key type', async () => {
    const p = await fx.repos.posts.create({title: 'p', tagIds: [t[2].id!, t[0].id!], categoryCodes: ['y', 'x']});
    const back = await fx.repos.posts.findById(p.id!);
    assert.deepEqual(back.tagIds, [3, 1]);
    assert.deepEqual(back.categoryCodes, ['y', 'x']);
    await fx.repos.posts.updateById(p.id!, {tagIds: []});
    assert.deepEqual((await fx.repos.posts.findById(p.id!)).tagIds, []);
  });

  it('the accessor returns ALL targets in the order of the id array', async () => {
    const p = await fx.repos.posts.create({title: 'p', tagIds: [3, 1, 2]});
    const found = await fx.repos.posts.tags(p.id!);
    assert.ok(found.every(x => x instanceof Tag));
    assert.deepEqual(json(found), [
      {id: 3, name: 'c', rank: 2}, {id: 1, name: 'a', rank: 3}, {id: 2, name: 'b', rank: 1},
    ]);
  });

  it('the accessor skips missing ids and resolves [] for an empty or missing array', async () => {
    const p1 = await fx.repos.posts.create({title: 'p1', tagIds: [2, 999, 1]});
    const p2 = await fx.repos.posts.create({title: 'p2', tagIds: []});
    const p3 = await fx.repos.posts.create({title: 'p3'});
    assert.deepEqual((await fx.repos.posts.tags(p1.id!)).map(x => x.name), ['b', 'a']);
    assert.deepEqual(await fx.repos.posts.tags(p2.id!), []);
    assert.deepEqual(await fx.repos.posts.tags(p3.id!), []);
    await assert.rejects(fx.repos.posts.tags(4242), {message: 'Entity not found: Post with id 4242', code: 'ENTITY_NOT_FOUND'});
    // Id arrays are plain JSON: a string id still refers to a numeric key.
    const p4 = await fx.repos.posts.create({title: 'p4', tagIds: ['3', 1] as never});
    assert.deepEqual((await fx.repos.posts.tags(p4.id!)).map(x => x.name), ['c', 'a']);
    assert.deepEqual((await fx.repos.posts.find({where: {id: p4.id}, include: ['tags']}))[0].tags!.map(x => x.name), ['c', 'a']);
  });

  it('the accessor works with string keys', async () => {
    const p = await fx.repos.posts.create({title: 'p', categoryCodes: ['y', 'nope', 'x']});
    const found = await fx.repos.posts.categories(p.id!);
    assert.ok(found[0] instanceof Category);
    assert.deepEqual(json(found), [{code: 'y', label: 'Y'}, {code: 'x', label: 'X'}]);
  });

  describe('include', () => {
    beforeEach(async () => {
      await fx.repos.posts.create({title: 'ordered', tagIds: [4, 2, 1]});
      await fx.repos.posts.create({title: 'missing', tagIds: [999, 3]});
      await fx.repos.posts.create({title: 'empty', tagIds: []});
      await fx.repos.posts.create({title: 'none'});
      await fx.repos.posts.create({title: 'repeated', tagIds: [2, 2]});
    });

    it('gives each source its targets in its array order; empty or missing arrays get []', async () => {
      const found = await fx.repos.posts.find({include: ['tags']});
      assert.deepEqual(found.map(p => [p.title, p.tags?.map(x => x.name)]), [
        ['ordered', ['d', 'b', 'a']], ['missing', ['c']], ['empty', []], ['none', []], ['repeated', ['b', 'b']],
      ]);
      assert.ok(found[0].tags![0] instanceof Tag);
      assert.deepEqual(json(found[3]), {id: 4, title: 'none', tags: []});
    });

    it('loads all distinct ids of all sources in one query', async () => {
      const q = countQueries(fx.ds);
      await fx.repos.posts.find({include: ['tags']});
      // SQLite plans the include as one statement (the id arrays joined in SQL).
      assert.equal(q.finds, setup.connector === 'sqlite' ? 1 : 2);
      if (setup.connector === 'memory') {
        assert.equal(q.log[1].model, 'Tag');
        assert.deepEqual(q.log[1].filter.where, {id: {inq: [4, 2, 1, 999, 3]}});
      }
    });

    it('applies scope where and fields (the key is loaded and removed again)', async () => {
      const found = await fx.repos.posts.find({
        where: {title: {inq: ['ordered', 'missing']}},
        include: [{relation: 'tags', scope: {where: {rank: {gte: 2}}, fields: ['name']}}],
      });
      assert.deepEqual(json(found.map(p => p.tags)), [[{name: 'd'}, {name: 'a'}], [{name: 'c'}]]);
    });

    it('a scope order sorts each list; limit and skip apply per source; totalLimit once', async () => {
      const ordered = await fx.repos.posts.find({where: {title: 'ordered'}, include: [{relation: 'tags', scope: {order: ['rank ASC']}}]});
      assert.deepEqual(ordered[0].tags!.map(x => x.name), ['b', 'a', 'd']);
      const limited = await fx.repos.posts.find({
        where: {title: {inq: ['ordered', 'missing']}}, include: [{relation: 'tags', scope: {limit: 1, skip: 1}}],
      });
      assert.deepEqual(limited.map(p => p.tags!.map(x => x.name)), [['b'], []]);
      const total = await fx.repos.posts.find({
        where: {title: {inq: ['ordered', 'missing']}}, include: [{relation: 'tags', scope: {totalLimit: 2}}],
      });
      // The two first targets by id (1 and 2) over all sources.
      assert.deepEqual(total.map(p => p.tags!.map(x => x.name)), [['b', 'a'], []]);
    });

    it('resolves string keys and several referencesMany relations at once', async () => {
      await fx.repos.posts.create({title: 'cats', categoryCodes: ['x', 'y'], tagIds: [1]});
      const found = await fx.repos.posts.find({where: {title: 'cats'}, include: ['categories', 'tags']});
      assert.deepEqual(json(found[0]), {
        id: 6, title: 'cats', categoryCodes: ['x', 'y'], tagIds: [1],
        categories: [{code: 'x', label: 'X'}, {code: 'y', label: 'Y'}], tags: [{id: 1, name: 'a', rank: 3}],
      });
    });

    it('nests with belongsTo and polymorphic hasMany, and under a nested level', async () => {
      const e = await fx.repos.employees.create({name: 'ann'});
      await fx.repos.employees.pictures(e.id!).create({url: 'ann.png'});
      await fx.repos.posts.create({title: 'authored', tagIds: [3], authorId: e.id});
      const found = await fx.repos.posts.find({
        where: {title: 'authored'},
        include: ['tags', {relation: 'author', scope: {include: ['pictures']}}],
      });
      assert.deepEqual(json(found[0]), {
        id: 6, title: 'authored', tagIds: [3], authorId: 1,
        tags: [{id: 3, name: 'c', rank: 2}],
        author: {id: 1, name: 'ann', pictures: [{id: 1, url: 'ann.png', imageableId: 1, imageableType: 'Employee'}]},
      });
    });

    it('rejects an include of an unregistered relation', async () => {
      await assert.rejects(fx.repos.posts.find({include: ['tagIds']}), {
        message: 'Invalid "filter.include" entries: "tagIds"', code: 'INVALID_INCLUSION_FILTER', statusCode: 400,
      });
    });
  });

  it('honours options.transaction', async () => {
    if (setup.connector === 'memory') return;
    const tx = await new DefaultTransactionalRepository(Tag, fx.ds).beginTransaction();
    const tag = await fx.repos.tags.create({name: 'in tx'}, {transaction: tx});
    const p = await fx.repos.posts.create({title: 'tx', tagIds: [tag.id!, 1]}, {transaction: tx});
    assert.deepEqual((await fx.repos.posts.tags(p.id!, {transaction: tx})).map(x => x.name), ['in tx', 'a']);
    const inc = await fx.repos.posts.find({include: ['tags']}, {transaction: tx});
    assert.deepEqual(inc.map(x => x.tags!.map(y => y.name)), [['in tx', 'a']]);
    await tx.rollback();
    assert.deepEqual(await fx.repos.posts.count(), {count: 0});
    assert.deepEqual(await fx.repos.tags.count(), {count: 4});
  });
});
