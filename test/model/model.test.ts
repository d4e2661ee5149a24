import assert from 'node:assert/strict';
import {describe, it} from 'node:test';
import {Entity, Model, ValueObject} from '../../src/model/model';
import {model, property} from '../../src/model/decorators';
import {ModelDefinition} from '../../src/model/model-definition';
import {hasMany} from '../../src/relations/has-many/has-many-decorator';

describe('ModelDefinition', () => {
  it('builds a definition without decorators', () => {
    const def = new ModelDefinition('Customer')
      .addProperty('id', {type: 'number', id: true, generated: true})
      .addProperty('name', 'string')
      .addSetting('strict', false)
      .hasMany('orders', {source: undefined, target: () => Object});
    assert.equal(def.name, 'Customer');
    assert.deepEqual(def.properties.name, {type: 'string'});
    assert.equal(def.properties.id.useDefaultIdType, false);
    assert.deepEqual(def.idProperties(), ['id']);
    assert.equal(def.settings.strict, false);
    assert.equal(def.relations.orders.type, 'hasMany');
    assert.equal(def.relations.orders.targetsMany, true);
  });

  it('takes ids from settings.id when given', () => {
    assert.deepEqual(new ModelDefinition({name: 'A', properties: {a: 'string', b: 'string'}, settings: {id: 'b'}}).idProperties(), ['b']);
    assert.deepEqual(new ModelDefinition({name: 'A', settings: {id: ['a', 'b']}}).idProperties(), ['a', 'b']);
  });

  it('offers belongsTo and hasOne builders', () => {
    const def = new ModelDefinition('Order').belongsTo('customer', {source: undefined, target: () => Object, keyFrom: 'customerId'})
      .hasOne('note', {source: undefined, target: () => Object});
    assert.equal(def.relations.customer.type, 'belongsTo');
    assert.equal(def.relations.customer.targetsMany, false);
    assert.equal(def.relations.note.type, 'hasOne');
  });
});

describe('@model and @property', () => {
  @model({settings: {hiddenProperties: ['password']}})
  class User extends Entity {
    @property({id: true})
    id: number;

    @property()
    email: string;

    @property()
    password?: string;

    @property({type: 'string', hidden: true})
    token?: string;

    @property()
    createdAt?: Date;

    @property.array(String)
    tags?: string[];

    @property({type: 'string', name: 'user_name'})
    userName?: string;

    @hasMany(() => User)
    friends?: User[];
  }

  it('infers property types from design metadata', () => {
    const props = User.definition.properties;
    assert.equal(props.id.type, Number);
    assert.equal(props.email.type, String);
    assert.equal(props.createdAt.type, Date);
    assert.deepEqual({type: props.tags.type, itemType: props.tags.itemType}, {type: Array, itemType: String});
    assert.equal(props.userName.name, 'user_name');
  });

  it('collects hidden properties from the property option and the setting', () => {
    assert.deepEqual(User.definition.settings.hiddenProperties, ['password', 'token']);
  });

  it('serializes with toJSON (hidden dropped, relations kept) and toObject (hidden kept)', () => {
    const u = new User({id: 1, email: 'e', password: 'p', token: 't', unknown: 'x'} as Partial<User>);
    assert.deepEqual(u.toJSON(), {id: 1, email: 'e'});
    assert.deepEqual(u.toObject(), {id: 1, email: 'e', password: 'p', token: 't'});
    u.friends = [new User({id: 2, email: 'f', password: 'q'})];
    assert.deepEqual(JSON.parse(JSON.stringify(u)), {id: 1, email: 'e', friends: [{id: 2, email: 'f'}]});
  });

  it('gives identity helpers', () => {
    const u = new User({id: 7});
    assert.equal(u.getId(), 7);
    assert.deepEqual(u.getIdObject(), {id: 7});
    assert.deepEqual(User.getIdProperties(), ['id']);
    assert.equal(User.getIdOf({id: 3}), 3);
    assert.equal(User.getIdOf(u), 7);
    assert.deepEqual(User.buildWhereForId(5), {id: 5});
    assert.equal(User.modelName, 'User');
  });

  it('supports composite ids', () => {
    @model()
    class Pair extends Entity {
      @property({id: true}) a: string;
      @property({id: true}) b: string;
    }
    const p = new Pair({a: 'x', b: 'y'});
    assert.deepEqual(p.getId(), {a: 'x', b: 'y'});
    assert.deepEqual(Pair.buildWhereForId({a: 1, b: 2}), {a: 1, b: 2});
  });

  it('fails on an entity without id', () => {
    @model()
    class NoId extends Entity {
      @property() x: string;
    }
    assert.throws(() => new NoId({x: 'a'}).getId(), {message: 'Invalid Entity NoId:missing primary key (id) property'});
  });

  it('keeps unknown properties in toJSON for non-strict models', () => {
    @model({settings: {strict: false}})
    class Free extends Entity {
      @property({id: true}) id: number;
    }
    assert.deepEqual(new Free({id: 1, extra: 2} as Partial<Free>).toJSON(), {id: 1, extra: 2});
  });

  it('inherits properties from base models', () => {
    @model()
    class Base extends Entity {
      @property({id: true}) id: number;
    }
    @model()
    class Child extends Base {
      @property() name: string;
    }
    assert.deepEqual(Object.keys(Child.definition.properties), ['id', 'name']);
    assert.deepEqual(Object.keys(Base.definition.properties), ['id']);
  });

  it('@property.array rejects non-array properties', () => {
    assert.throws(() => {
      class Bad extends Entity {
        @property.array(String) name: string;
      }
      return Bad;
    }, {message: '@property.array can only decorate array properties!'});
  });

  it('a property without type and design metadata fails with CANNOT_INFER_PROPERTY_TYPE', () => {
    assert.throws(() => {
      class Untyped extends Entity {}
      property()(Untyped.prototype, 'x');
      model()(Untyped);
    }, {code: 'CANNOT_INFER_PROPERTY_TYPE'});
  });

  it('ValueObject and Model are constructible bases', () => {
    @model()
    class Point extends ValueObject {
      @property() x: number;
    }
    assert.ok(new Point({x: 1}) instanceof Model);
    assert.deepEqual(new Point({x: 1}).toJSON(), {x: 1});
  });
});
