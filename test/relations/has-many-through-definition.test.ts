import assert from 'node:assert/strict';
import {beforeEach, describe, it} from 'node:test';
import {Getter} from '../../src/context/getter';
import {DataSource} from '../../src/datasource/datasource';
import {model, property} from '../../src/model/decorators';
import {Entity} from '../../src/model/model';
import {hasMany} from '../../src/relations/has-many/has-many-decorator';
import {resolveHasManyThroughMetadata} from '../../src/relations/has-many-through/has-many-through-metadata';
import {
  createHasManyThroughInclusionResolver, createHasManyThroughRepositoryFactory, HasManyThroughRepositoryFactory,
} from '../../src/relations/has-many-through/has-many-through-repository-factory';
import {RelationMetadata, RelationType} from '../../src/relations/relation-types';
import {DefaultCrudRepository} from '../../src/repository/default-crud-repository';
import {Category, CategoryProductLink, Shipment} from '../support/through-models';
import * as relata from '../../src';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
function json(value: unknown): any {
  return JSON.parse(JSON.stringify(value));
}

function invalid(reason: string, model = 'Src', name = 'rel') {
  return (err: Error & {code: string; reason: string}) => {
    assert.equal(err.code, 'INVALID_RELATION_DEFINITION');
    assert.equal(err.reason, reason);
    assert.equal(err.message, `Invalid hasMany definition for ${model}#${name}: ${reason}`);
    return true;
  };
}

@model()
class Src extends Entity {
  @property({id: true}) id: number;
  @property() code: string;
}
@model()
class Tgt extends Entity {
  @property({id: true}) id: number;
  @property() sku: string;
}
@model()
class NoIdTgt extends Entity {
  @property() name: string;
}
@model()
class SrcTgtLink extends Entity {
  @property({id: true}) id: number;
  @property() srcId: number;
  @property() tgtId: number;
  @property() kind: string;
}
@model()
class NoIdTgtLink extends Entity {
  @property({id: true}) id: number;
  @property() srcId: number;
  @property() noIdTgtId: number;
}

const getter = Getter.fromValue({} as never);
function meta(extra: Partial<RelationMetadata> & {through?: unknown}): RelationMetadata {
  return {
    name: 'rel', type: RelationType.hasMany, targetsMany: true, source: Src, target: () => Tgt,
    through: {model: () => SrcTgtLink}, ...extra,
  } as RelationMetadata;
}

describe('hasManyThrough definitions', () => {
  it('the decorator records the through model; defaults follow LoopBack 4', () => {
    const def = Category.definition.relations.products;
    assert.equal(def.type, 'hasMany');
    assert.equal(def.through.model(), CategoryProductLink);
    const r = resolveHasManyThroughMetadata(def);
    assert.deepEqual(
      {keyFrom: r.keyFrom, keyTo: r.keyTo, throughKeyFrom: r.throughKeyFrom, throughKeyTo: r.throughKeyTo, polymorphic: r.polymorphic},
      {keyFrom: 'id', keyTo: 'id', throughKeyFrom: 'categoryId', throughKeyTo: 'productId', polymorphic: false});
    assert.equal(r.throughModel, CategoryProductLink);
    assert.deepEqual(resolveHasManyThroughMetadata(Shipment.definition.relations.deliverables).polymorphic,
      {discriminator: 'deliverableType'});
  });

  it('derives the link keys with camelCase of the model names', () => {
    @model()
    class MyCategory extends Entity {
      @property({id: true}) id: number;
    }
    @model()
    class HTTPServer extends Entity {
      @property({id: true}) id: number;
    }
    @model()
    class Membership extends Entity {
      @property({id: true}) id: number;
      @property() myCategoryId: number;
      @property() httpServerId: number;
    }
    const r = resolveHasManyThroughMetadata(meta({source: MyCategory, target: () => HTTPServer, through: {model: () => Membership}}));
    assert.deepEqual([r.throughKeyFrom, r.throughKeyTo], ['myCategoryId', 'httpServerId']);
  });

  it('keeps declared keys and discriminators', () => {
    const r = resolveHasManyThroughMetadata(meta({
      keyFrom: 'code', keyTo: 'sku',
      through: {model: () => SrcTgtLink, keyFrom: 'tgtId', keyTo: 'srcId', polymorphic: {discriminator: 'kind'}},
    }));
    assert.deepEqual([r.keyFrom, r.keyTo, r.throughKeyFrom, r.throughKeyTo, r.polymorphic],
      ['code', 'sku', 'tgtId', 'srcId', {discriminator: 'kind'}]);
    // A declared keyFrom the source does not have falls back to the id, as in LoopBack.
    assert.equal(resolveHasManyThroughMetadata(meta({keyFrom: 'nope'})).keyFrom, 'id');
  });

  it('reports missing pieces with LoopBack\'s reasons', () => {
    const create = (m: RelationMetadata) => () => createHasManyThroughRepositoryFactory(m, getter, getter);
    assert.throws(create(meta({through: undefined})), invalid('through must be specified'));
    assert.throws(create(meta({through: {model: SrcTgtLink}})), invalid('through.model must be a type resolver'));
    assert.throws(create(meta({through: {model: () => SrcTgtLink, keyFrom: 'nope'}})),
      invalid('through model SrcTgtLink is missing definition of source foreign key nope'));
    assert.throws(create(meta({through: {model: () => NoIdTgtLink}, target: () => Tgt})),
      invalid('through model NoIdTgtLink is missing definition of target foreign key tgtId'));
    assert.throws(create(meta({through: {model: () => SrcTgtLink, keyTo: 'nope'}})),
      invalid('through model SrcTgtLink is missing definition of target foreign key nope'));
    assert.throws(create(meta({target: () => NoIdTgt, through: {model: () => NoIdTgtLink}})),
      invalid('target model NoIdTgt does not have any primary key (id property)'));
    assert.throws(create(meta({keyTo: 'nope'})), invalid('target model Tgt does not have any primary key (id property)'));
    assert.throws(create(meta({through: {model: () => SrcTgtLink, polymorphic: true}})),
      invalid('through model SrcTgtLink is missing definition of discriminator tgtType'));
    assert.throws(create(meta({target: Tgt as never})), invalid('target must be a type resolver'));
    assert.throws(create(meta({source: undefined})), invalid('source model must be defined', '<Unknown Model>'));
    assert.throws(create(meta({type: RelationType.belongsTo})), (err: Error) =>
      err.message === 'Invalid belongsTo definition for Src#rel: relation type must be HasMany');
  });

  it('a non-polymorphic relation given a getter map without its target fails when set up', () => {
    assert.throws(() => createHasManyThroughRepositoryFactory(meta({}), {A: getter, B: getter}, getter),
      (err: Error & {code: string}) => err.code === 'INVALID_POLYMORPHISM' &&
        err.message === 'Invalid class name Tgt. Please check polymorphic types and the discriminator.');
  });

  it('is exported from the package entry point', () => {
    assert.equal(typeof relata.createHasManyThroughRepositoryFactory, 'function');
    assert.equal(typeof relata.DefaultHasManyThroughRepository, 'function');
    assert.equal(typeof relata.createHasManyThroughInclusionResolver, 'function');
  });
});

describe('hasManyThrough with declared keys (memory)', () => {
  @model()
  class Course extends Entity {
    @property({id: true, generated: true}) id?: number;
    @property() code: string;
    @hasMany(() => Student, {keyFrom: 'code', keyTo: 'sid', through: {model: () => Enrollment, keyFrom: 'courseCode', keyTo: 'studentSid'}})
    students?: Student[];
  }
  @model()
  class Student extends Entity {
    @property({id: true, generated: true}) id?: number;
    @property() sid: string;
    @property() name: string;
  }
  @model()
  class Enrollment extends Entity {
    @property({id: true, generated: true}) id?: number;
    @property() courseCode: string;
    @property() studentSid: string;
  }

  let courses: DefaultCrudRepository<Course, number>;
  let students: DefaultCrudRepository<Student, number>;
  let enrollments: DefaultCrudRepository<Enrollment, number>;
  // Links hold the student's `sid` (a string), not its numeric id.
  let rel: HasManyThroughRepositoryFactory<Student, string, Enrollment, string>;

  beforeEach(() => {
    const ds = new DataSource({name: 'db', connector: 'memory'});
    courses = new DefaultCrudRepository(Course, ds);
    students = new DefaultCrudRepository(Student, ds);
    enrollments = new DefaultCrudRepository(Enrollment, ds);
    rel = createHasManyThroughRepositoryFactory<Student, string, Enrollment, number, string>(
      Course.definition.relations.students, Getter.fromValue(students) as never, Getter.fromValue(enrollments));
    courses.registerInclusionResolver('students', createHasManyThroughInclusionResolver(
      Course.definition.relations.students, Getter.fromValue(enrollments), Getter.fromValue(students)));
  });

  it('links by the declared keys for every operation and the include', async () => {
    await courses.create({code: 'MATH'});
    await courses.create({code: 'ART'});
    await rel('MATH').create({sid: 's-1', name: 'ann'});
    await students.create({sid: 's-2', name: 'bob'});
    await rel('MATH').link('s-2');
    await rel('ART').link('s-2');
    assert.deepEqual((await enrollments.find()).map(e => [e.courseCode, e.studentSid]),
      [['MATH', 's-1'], ['MATH', 's-2'], ['ART', 's-2']]);
    assert.deepEqual((await rel('MATH').find()).map(s => s.name), ['ann', 'bob']);
    const found = await courses.find({include: [{relation: 'students', scope: {fields: ['name']}}]});
    assert.deepEqual(json(found).map((c: {code: string; students: {name: string}[]}) => [c.code, c.students]),
      [['MATH', [{name: 'ann'}, {name: 'bob'}]], ['ART', [{name: 'bob'}]]]);
    assert.deepEqual(await rel('MATH').patch({name: 'x'}, {sid: 's-1'}), {count: 1});
    await rel('MATH').unlink('s-2');
    assert.deepEqual(await rel('MATH').delete(), {count: 1});
    assert.deepEqual((await students.find()).map(s => s.name), ['bob']);
    assert.deepEqual((await enrollments.find()).map(e => [e.courseCode, e.studentSid]), [['ART', 's-2']]);
  });
});
