import assert from 'node:assert/strict';
import {describe, it} from 'node:test';
import {Getter} from '../../src/context/getter';
import {model, property} from '../../src/model/decorators';
import {Entity} from '../../src/model/model';
import {createBelongsToAccessor} from '../../src/relations/belongs-to/belongs-to-accessor';
import {belongsTo} from '../../src/relations/belongs-to/belongs-to-decorator';
import {hasOne} from '../../src/relations/has-one/has-one-decorator';
import {createHasOneRepositoryFactory} from '../../src/relations/has-one/has-one-repository-factory';
import {createHasManyRepositoryFactory} from '../../src/relations/has-many/has-many-repository-factory';
import {
  normalizePolymorphic, pickTargetGetter, selectTargetGetters, singleTargetGetter, toTargetGetterMap,
} from '../../src/relations/polymorphism';
import {InvalidPolymorphismError} from '../../src/relations/relation-errors';
import {RelationMetadata, RelationType} from '../../src/relations/relation-types';

function invalid(message: string) {
  return (err: Error & {code: string}) => {
    assert.equal(err.code, 'INVALID_RELATION_DEFINITION');
    assert.equal(err.message, message);
    return true;
  };
}

describe('polymorphism helpers', () => {
  it('normalizePolymorphic: falsy → false, true → camelCase(target + "_type"), an object as is', () => {
    assert.equal(normalizePolymorphic(undefined, 'Deliverable'), false);
    assert.equal(normalizePolymorphic(false, 'Deliverable'), false);
    assert.deepEqual(normalizePolymorphic(true, 'Deliverable'), {discriminator: 'deliverableType'});
    assert.deepEqual(normalizePolymorphic(true, 'HTTPServer'), {discriminator: 'httpServerType'});
    assert.deepEqual(normalizePolymorphic({discriminator: 'kind'}, 'Deliverable'), {discriminator: 'kind'});
  });

  it('picks getters by type name; unknown names fail with InvalidPolymorphismError', async () => {
    const a = Getter.fromValue('a');
    const b = Getter.fromValue('b');
    const map = {A: a, B: b};
    assert.equal(pickTargetGetter(map, 'B'), b);
    assert.throws(() => pickTargetGetter(map, 'C', 'kind'), {
      message: 'Invalid class name C by discriminator kind. Please check polymorphic types and the discriminator.',
      code: 'INVALID_POLYMORPHISM',
    });
    assert.throws(() => pickTargetGetter(map, 'toString'), InvalidPolymorphismError);
    assert.deepEqual(selectTargetGetters(map).map(([n]) => n), ['A', 'B']);
    assert.deepEqual(selectTargetGetters(map, ['B', 'A', 'B']).map(([n]) => n), ['B', 'A']);
    assert.deepEqual(selectTargetGetters(map, 'A').map(([n]) => n), ['A']);
    assert.throws(() => selectTargetGetters(map, ['A', 'Z']), {message: /Invalid class name Z\./});
    assert.deepEqual(Object.keys(toTargetGetterMap(a, {name: 'Thing'})), ['Thing']);
    assert.equal(singleTargetGetter(a, {name: 'Thing'}), a);
    assert.equal(singleTargetGetter({Other: a, Thing: b}, {name: 'Thing'}), b);
    assert.equal(singleTargetGetter({Other: a}, {name: 'Thing'}), a);
    assert.throws(() => singleTargetGetter({X: a, Y: b}, {name: 'Thing'}), {
      message: 'Invalid class name Thing. Please check polymorphic types and the discriminator.',
    });
  });
});

describe('relation definitions referencing missing keys', () => {
  @model()
  class Target extends Entity {
    @property({id: true}) id: number;
    @property() ownerId: number;
  }
  @model()
  class Owner extends Entity {
    @property({id: true}) id: number;
    @hasOne(() => Target, {polymorphic: true}) target: Target;
  }
  @model()
  class Src extends Entity {
    @property({id: true}) id: number;
    @belongsTo(() => Target, {polymorphic: {discriminator: 'targetKind'}}) targetId: number;
  }
  const getter = Getter.fromValue({} as never);
  const srcRepo = {findById: async () => ({})} as never;

  it('belongsTo: a foreign key the source does not declare', () => {
    const meta = {name: 'target', type: RelationType.belongsTo, targetsMany: false, source: Owner, target: () => Target};
    assert.throws(() => createBelongsToAccessor(meta as RelationMetadata, getter, srcRepo),
      invalid('Invalid belongsTo definition for Owner#target: source model Owner is missing definition of foreign key targetId'));
  });

  it('belongsTo and hasOne: a discriminator the source does not declare', () => {
    assert.throws(() => createBelongsToAccessor(Src.definition.relations.target, {Target: getter}, srcRepo),
      invalid('Invalid belongsTo definition for Src#target: source model Src is missing definition of discriminator targetKind'));
    assert.throws(() => createHasOneRepositoryFactory(Owner.definition.relations.target, {Target: getter}),
      invalid('Invalid hasOne definition for Owner#target: source model Owner is missing definition of discriminator targetType'));
  });

  it('a non-polymorphic relation given a getter map without its target', () => {
    @model()
    class Plain extends Entity {
      @property({id: true}) id: number;
      @hasOne(() => Target, {keyTo: 'ownerId'}) target: Target;
    }
    assert.throws(() => createHasOneRepositoryFactory(Plain.definition.relations.target, {A: getter, B: getter}),
      {code: 'INVALID_POLYMORPHISM', message: 'Invalid class name Target. Please check polymorphic types and the discriminator.'});
    assert.throws(() => createHasManyRepositoryFactory(
      {...Plain.definition.relations.target, type: RelationType.hasMany} as RelationMetadata, {A: getter, B: getter}),
    {code: 'INVALID_POLYMORPHISM'});
    // The target's entry (or a single entry) is used.
    createHasOneRepositoryFactory(Plain.definition.relations.target, {A: getter, Target: getter});
  });

  it('a target resolver returning nothing names the relation', () => {
    const meta = {name: 'ghost', type: RelationType.belongsTo, targetsMany: false, source: Src, target: () => undefined};
    assert.throws(() => createBelongsToAccessor(meta as unknown as RelationMetadata, getter, srcRepo), {
      code: 'INVALID_RELATION_DEFINITION', relationName: 'ghost', sourceModelName: 'Src',
    });
  });
});
