import assert from 'node:assert/strict';
import {beforeEach, describe, it} from 'node:test';
import {DataSource} from '../../src/datasource/datasource';
import {Entity} from '../../src/model/model';
import {model, property} from '../../src/model/decorators';
import {Getter} from '../../src/context/getter';
import {DefaultCrudRepository} from '../../src/repository/default-crud-repository';
import {belongsTo} from '../../src/relations/belongs-to/belongs-to-decorator';
import {createBelongsToAccessor} from '../../src/relations/belongs-to/belongs-to-accessor';
import {hasMany} from '../../src/relations/has-many/has-many-decorator';
import {createHasManyRepositoryFactory} from '../../src/relations/has-many/has-many-repository-factory';
import {hasOne} from '../../src/relations/has-one/has-one-decorator';
import {createHasOneRepositoryFactory} from '../../src/relations/has-one/has-one-repository-factory';
import {findByForeignKeys, includeFieldIfNot, includeRelatedModels} from '../../src/relations/relation-helpers';
import {RelationMetadata, RelationType} from '../../src/relations/relation-types';
import {ModelDefinition} from '../../src/model/model-definition';
import {createRepositories} from '../support/models';

function invalid(reason: string, model = 'Src', name = 'rel', type = 'hasMany') {
  return (err: Error & {code: string; reason: string}) => {
    assert.equal(err.code, 'INVALID_RELATION_DEFINITION');
    assert.equal(err.reason, reason);
    assert.equal(err.message, `Invalid ${type} definition for ${model}#${name}: ${reason}`);
    return true;
  };
}

describe('relation definitions', () => {
  @model()
  class Target extends Entity {
    @property({id: true}) id: number;
    @property() srcId: number;
  }
  @model()
  class NoKeyTarget extends Entity {
    @property({id: true}) id: number;
  }
  @model()
  class NoIdTarget extends Entity {
    @property() name: string;
  }
  @model()
  class Src extends Entity {
    @property({id: true}) id: number;
  }

  const getter = Getter.fromValue({} as never);
  const meta = (extra: Partial<RelationMetadata>) =>
    ({name: 'rel', type: RelationType.hasMany, targetsMany: true, source: Src, target: () => Target, ...extra}) as RelationMetadata;

  it('hasMany derives keyFrom = source id and keyTo = camelCase(source name + Id)', () => {
    @model()
    class MyCustomer extends Entity {
      @property({id: true}) id: number;
      @hasMany(() => Purchase) purchases: Purchase[];
    }
    @model()
    class Purchase extends Entity {
      @property({id: true}) id: number;
      @property() myCustomerId: number;
    }
    const factory = createHasManyRepositoryFactory(MyCustomer.definition.relations.purchases, getter);
    assert.equal(typeof factory.inclusionResolver, 'function');
    assert.deepEqual((factory(5) as unknown as {constraint: object}).constraint, {myCustomerId: 5});
  });

  it('reports a missing foreign key on the target, naming the default key', () => {
    assert.throws(() => createHasManyRepositoryFactory(meta({target: () => NoKeyTarget}), getter),
      invalid('target model NoKeyTarget is missing definition of foreign key srcId'));
    assert.throws(() => createHasManyRepositoryFactory(meta({target: () => NoKeyTarget, keyTo: 'nope'}), getter),
      invalid('target model NoKeyTarget is missing definition of foreign key srcId'));
  });

  it('reports a target that is not a type resolver, a wrong type and a missing source', () => {
    assert.throws(() => createHasManyRepositoryFactory(meta({target: Target as never}), getter),
      invalid('target must be a type resolver'));
    assert.throws(() => createHasManyRepositoryFactory(meta({type: RelationType.hasOne}), getter),
      invalid('relation type must be HasMany', 'Src', 'rel', 'hasOne'));
    assert.throws(() => createHasManyRepositoryFactory(meta({source: undefined}), getter),
      invalid('source model must be defined', '<Unknown Model>'));
  });

  it('hasOne checks its keys and type too', () => {
    assert.throws(() => createHasOneRepositoryFactory(meta({type: RelationType.hasOne, target: () => NoKeyTarget}), getter),
      invalid('target model NoKeyTarget is missing definition of foreign key srcId', 'Src', 'rel', 'hasOne'));
    assert.throws(() => createHasOneRepositoryFactory(meta({}), getter),
      invalid('relation type must be HasOne'));
  });

  it('belongsTo needs a target with a primary key', () => {
    const ds = new DataSource('memory');
    const srcRepo = new DefaultCrudRepository(Src, ds);
    assert.throws(() => createBelongsToAccessor(
      meta({type: RelationType.belongsTo, target: () => NoIdTarget, keyFrom: 'id'}), getter, srcRepo),
    invalid('NoIdTarget does not have any primary key (id property)', 'Src', 'rel', 'belongsTo'));
  });

  it('decorators derive names: belongsTo drops Id, hasOne forces the property name', () => {
    @model()
    class Owner extends Entity {
      @property({id: true}) id: number;
      @hasOne(() => Pet, {name: 'ignored'}) pet?: Entity;
    }
    @model()
    class Pet extends Entity {
      @property({id: true}) id: number;
      @belongsTo(() => Owner) ownerId: number;
      @belongsTo(() => Owner, {name: 'keeper'}) keeperRef: number;
    }
    assert.deepEqual(Object.keys(Pet.definition.relations), ['owner', 'keeper']);
    assert.equal(Pet.definition.relations.keeper.keyFrom, 'keeperRef');
    assert.deepEqual(Object.keys(Owner.definition.relations), ['pet']);
  });

  it('@belongsTo without design metadata or an explicit type fails with LoopBack\'s text', () => {
    class Plain extends Entity {}
    assert.throws(() => belongsTo(() => Src)(Plain.prototype, 'srcId'), {
      message: 'Cannot infer type of model property Plain.srcId because TypeScript compiler option ' +
        '`emitDecoratorMetadata` is not set. Please enable `emitDecoratorMetadata` or use the third argument of ' +
        '`@belongsTo` decorator to specify the property type explicitly.',
    });
    belongsTo(() => Src, {}, {type: 'number'})(Plain.prototype, 'srcId');
    model()(Plain);
    assert.equal(Plain.definition.properties.srcId.type, 'number');
  });

  it('a repository factory for an unknown relation fails clearly', () => {
    class BadRepo extends DefaultCrudRepository<Src, number> {
      constructor(ds: DataSource) {
        super(Src, ds);
        this.createHasManyRepositoryFactoryFor('nope', getter);
      }
    }
    assert.throws(() => new BadRepo(new DataSource('memory')), {code: 'INVALID_RELATION_DEFINITION'});
  });

  it('relations can be declared without decorators through ModelDefinition', async () => {
    class Author extends Entity {}
    class Book extends Entity {}
    Author.definition = new ModelDefinition('Author').addProperty('id', {type: 'number', id: true})
      .addProperty('name', 'string')
      .hasMany('books', {source: Author, target: () => Book});
    Book.definition = new ModelDefinition('Book').addProperty('id', {type: 'number', id: true})
      .addProperty('authorId', 'number')
      .belongsTo('author', {source: Book, target: () => Author, keyFrom: 'authorId'});
    const ds = new DataSource('memory');
    const books = new DefaultCrudRepository(Book, ds);
    const authors = new DefaultCrudRepository(Author, ds);
    const factory = createHasManyRepositoryFactory(Author.definition.relations.books, Getter.fromValue(books));
    authors.registerInclusionResolver('books', factory.inclusionResolver);
    await authors.create({id: 1, name: 'A'} as never);
    await factory(1).create({id: 10} as never);
    const found = await authors.find({include: ['books']});
    assert.deepEqual(JSON.parse(JSON.stringify(found)), [{id: 1, name: 'A', books: [{id: 10, authorId: 1}]}]);
  });
});

describe('standalone helpers', () => {
  let repos: ReturnType<typeof createRepositories>;
  beforeEach(async () => {
    repos = createRepositories(new DataSource('memory'));
    await repos.customers.createAll([{name: 'a'}, {name: 'b'}]);
    await repos.orders.createAll([{description: 'x', customerId: 1}, {description: 'y', customerId: 1}, {description: 'z', customerId: 2}]);
  });

  it('findByForeignKeys: no values → no query; one value; many values; per-parent limit', async () => {
    assert.deepEqual(await findByForeignKeys(repos.orders, 'customerId', []), []);
    assert.deepEqual((await findByForeignKeys(repos.orders, 'customerId', 2)).map(o => o.description), ['z']);
    assert.deepEqual((await findByForeignKeys(repos.orders, 'customerId', [1, 2, 1])).map(o => o.description), ['x', 'y', 'z']);
    assert.deepEqual((await findByForeignKeys(repos.orders, 'customerId', [1, 2], {limit: 1})).map(o => o.description), ['x', 'z']);
    assert.deepEqual((await findByForeignKeys(repos.orders, 'customerId', [1, 2], {totalLimit: 1})).map(o => o.description), ['x']);
  });

  it('includeRelatedModels resolves includes on given entities', async () => {
    const customers = await repos.customers.find();
    const withOrders = await includeRelatedModels(repos.customers, customers, ['orders']);
    assert.deepEqual(withOrders.map(c => (c as {orders?: {description: string}[]}).orders?.map(o => o.description)), [['x', 'y'], ['z']]);
    await assert.rejects(includeRelatedModels(repos.customers, customers, ['nope']), {code: 'INVALID_INCLUSION_FILTER'});
  });

  it('includeFieldIfNot extends a field selection only when needed', () => {
    assert.deepEqual(includeFieldIfNot(['a'], 'b'), ['a', 'b']);
    assert.equal(includeFieldIfNot(['a', 'b'], 'b'), false);
    assert.deepEqual(includeFieldIfNot({a: true}, 'b'), {a: true, b: true});
    assert.deepEqual(includeFieldIfNot({b: false}, 'b'), {});
    assert.equal(includeFieldIfNot(undefined, 'b'), false);
  });
});
