import {describe, it} from 'node:test';
import assert from 'node:assert/strict';
import {juggler} from 'relata';
import {describeForEachConnector} from '../support/connectors';
import {rejection, viaCallback} from './support/lb3-helpers';

type AnyObject = {[key: string]: any};
// LoopBack 3 models are dynamic (accessors and properties come from definitions).
type Model = any;

describe('LoopBack 3 validations on instances (isValid)', () => {
  function model(properties: AnyObject = {name: String, age: Number, email: String, role: String, code: String}) {
    const ds = new juggler.DataSource('memory');
    return ds.createModel('VlPlain', properties) as Model;
  }

  it('validatesPresenceOf several properties, with a custom message', () => {
    const M = model();
    M.validatesPresenceOf('name', 'email');
    M.validatesPresenceOf('role', {message: 'needs a role'});
    const inst = new M({name: '', role: null});
    assert.equal(inst.isValid(), false);
    assert.deepEqual({...inst.errors}, {name: ["can't be blank"], email: ["can't be blank"], role: ['needs a role']});
    assert.deepEqual(inst.errors.codes, {name: ['presence'], email: ['presence'], role: ['presence']});
    const ok = new M({name: 'a', email: 'a@x', role: 'r'});
    assert.equal(ok.isValid(), true);
    assert.equal(ok.errors, false);
  });

  it('validatesLengthOf min/max/is with codes length.min/length.max/length.is', () => {
    const M = model();
    M.validatesLengthOf('name', {min: 2, max: 4});
    M.validatesLengthOf('code', {is: 3, message: {is: 'must have 3 characters'}});
    const short = new M({name: 'a', code: 'abcd'});
    assert.equal(short.isValid(), false);
    assert.deepEqual(short.errors.name, ['too short']);
    assert.deepEqual(short.errors.codes.name, ['length.min']);
    assert.deepEqual(short.errors.code, ['must have 3 characters']);
    const long = new M({name: 'abcde', code: 'abc'});
    long.isValid();
    assert.deepEqual(long.errors.codes, {name: ['length.max']});
    const blank = new M({code: 'abc'});
    blank.isValid();
    assert.deepEqual({...blank.errors}, {name: ['is blank']});
    assert.deepEqual(blank.errors.codes, {name: ['length.blank']});
    M.validatesLengthOf('email', {min: 3, allowBlank: true});
    assert.equal(new M({name: 'abc', code: 'abc'}).isValid(), true);
  });

  it('validatesInclusionOf / validatesExclusionOf with `in`, allowNull', () => {
    const M = model();
    M.validatesInclusionOf('role', {in: ['admin', 'user'], allowNull: true});
    M.validatesExclusionOf('name', {in: ['root', 'www']});
    const bad = new M({role: 'guest', name: 'root'});
    assert.equal(bad.isValid(), false);
    assert.deepEqual({...bad.errors}, {role: ['is not included in the list'], name: ['is reserved']});
    assert.deepEqual(bad.errors.codes, {role: ['inclusion'], name: ['exclusion']});
    assert.equal(new M({role: null, name: 'ann'}).isValid(), true);
    assert.equal(new M({role: 'admin', name: 'ann'}).isValid(), true);
  });

  it('validatesFormatOf and validatesNumericalityOf (int)', () => {
    const M = model();
    M.validatesFormatOf('email', {with: /^\S+@\S+$/});
    M.validatesNumericalityOf('age', {int: true});
    const bad = new M({email: 'nope', age: 1.5});
    assert.equal(bad.isValid(), false);
    assert.deepEqual({...bad.errors}, {email: ['is invalid'], age: ['is not an integer']});
    assert.deepEqual(bad.errors.codes, {email: ['format'], age: ['numericality.int']});
    const notNumber = new M({email: 'a@b', age: 'x'});
    notNumber.isValid();
    assert.deepEqual(notNumber.errors.codes, {age: ['numericality.number']});
    assert.equal(new M({email: 'a@b', age: 3}).isValid(), true);
  });

  it('validate(prop, fn, {message}): `this` is the instance; err() fails', () => {
    const M = model();
    M.validate('age', function (this: AnyObject, err: () => void) {
      if (this.age < 18) err();
    }, {message: 'is too young'});
    const kid = new M({age: 12});
    assert.equal(kid.isValid(), false);
    assert.deepEqual({...kid.errors}, {age: ['is too young']});
    assert.deepEqual(kid.errors.codes, {age: ['custom']});
    assert.equal(new M({age: 30}).isValid(), true);
  });

  it('if/unless conditions skip a validation', () => {
    const M = model();
    M.validatesPresenceOf('email', {if: 'role'});
    M.validatesPresenceOf('code', {unless: function (this: AnyObject) {
      return this.age > 60;
    }});
    assert.equal(new M({role: null, code: 'c'}).isValid(), true, 'a falsy role: email not required');
    assert.equal(new M({code: 'c'}).isValid(), false, 'an unset condition property validates (LoopBack 3)');
    assert.equal(new M({role: 'admin', code: 'c'}).isValid(), false);
    assert.equal(new M({age: 70, role: null}).isValid(), true, 'code not required past 60');
  });

  it('isValid(callback) calls back with the result; validateAsync makes it return a promise', async () => {
    const M = model();
    M.validatesPresenceOf('name');
    const sync = new M({});
    const viaCb = await new Promise<boolean>(resolve => sync.isValid(resolve));
    assert.equal(viaCb, false);
    M.validateAsync('code', function (this: AnyObject, err: () => void, done: () => void) {
      setTimeout(() => {
        if (this.code === 'taken') err();
        done();
      }, 2);
    }, {message: 'is taken'});
    const taken = new M({name: 'a', code: 'taken'});
    const outcome = taken.isValid();
    assert.ok(outcome instanceof Promise);
    assert.equal(await outcome, false);
    assert.deepEqual({...taken.errors}, {code: ['is taken']});
    assert.equal(await new Promise(resolve => new M({name: 'a', code: 'free'}).isValid(resolve)), true);
    assert.equal(await new M({name: 'a', code: 'free'}).isValid(), true);
  });

  it('required properties and Date properties are checked too', () => {
    const M = model({name: {type: String, required: true}, born: Date});
    const bad = new M({born: 'not a date'});
    assert.equal(bad.isValid(), false);
    assert.deepEqual({...bad.errors}, {name: ["can't be blank"], born: ['is not a valid date']});
    assert.deepEqual(bad.errors.codes, {name: ['presence'], born: ['date']});
  });

  it('declaration mistakes fail at once', () => {
    const M = model();
    assert.throws(() => M.validatesInclusionOf('role'), /needs an `in` array/);
    assert.throws(() => M.validatesFormatOf('email', {}), /needs a `with` regular expression/);
    assert.throws(() => M.validate('name'), /needs a validator function/);
    assert.throws(() => M.validatesPresenceOf(), /at least one property name/);
  });

  it('a subclass runs its base model validations too', () => {
    const ds = new juggler.DataSource('memory');
    const Base = ds.createModel('VlBase', {name: String}) as Model;
    Base.validatesPresenceOf('name');
    const Sub = ds.createModel('VlSub', {rank: Number}, {base: Base}) as Model;
    Sub.validatesNumericalityOf('rank');
    const s = new Sub({});
    assert.equal(s.isValid(), false);
    assert.deepEqual(Object.keys(s.errors).sort(), ['name', 'rank']);
    assert.equal(new Base({name: 'x'}).isValid(), true, 'the base does not get the subclass rules');
  });
});

describeForEachConnector('LoopBack 3 validations on writes', setup => {
  async function models() {
    const ds = setup.createDataSource();
    const Customer = ds.createModel('VlCustomer', {name: String, email: String}) as Model;
    const Order = ds.createModel('VlOrder', {code: String, total: Number}) as Model;
    Customer.hasMany(Order, {as: 'orders', foreignKey: 'customerId'});
    Order.belongsTo(Customer, {as: 'customer', foreignKey: 'customerId'});
    await ds.automigrate(['VlCustomer', 'VlOrder']);
    return {ds, Customer, Order};
  }

  it('create fails with juggler’s ValidationError (promise and callback) and writes nothing', async () => {
    const {Customer} = await models();
    Customer.validatesPresenceOf('name');
    Customer.validatesFormatOf('email', {with: /@/, allowNull: true});
    const err = await rejection(Customer.create({email: 'nope'}));
    assert.ok(err instanceof juggler.ValidationError);
    assert.equal(err.name, 'ValidationError');
    assert.equal(err.statusCode, 422);
    assert.deepEqual(err.details, {
      context: 'VlCustomer',
      codes: {name: ['presence'], email: ['format']},
      messages: {name: ["can't be blank"], email: ['is invalid']},
    });
    assert.equal(err.message,
      'The `VlCustomer` instance is not valid. Details: `name` can\'t be blank (value: undefined); `email` is invalid (value: "nope").');
    await assert.rejects(viaCallback(cb => Customer.create({}, cb)), {name: 'ValidationError'});
    assert.equal(await Customer.count(), 0);
  });

  it('save, updateAttributes and replaceById validate the whole instance; nothing is written on failure', async () => {
    const {Customer} = await models();
    Customer.validatesLengthOf('name', {max: 5});
    const ann = await Customer.create({name: 'Ann'});
    ann.name = 'Annabelle';
    assert.equal((await rejection(ann.save())).statusCode, 422);
    const fresh = await Customer.findById(ann.id);
    await assert.rejects(viaCallback(cb => fresh.updateAttributes({name: 'Annabelle'}, cb)), {name: 'ValidationError'});
    assert.equal((await rejection(Customer.replaceById(ann.id, {name: 'Annabelle'}))).statusCode, 422);
    assert.equal((await Customer.findById(ann.id)).name, 'Ann');
    await fresh.updateAttributes({name: 'Bo'});
    assert.equal((await Customer.findById(ann.id)).name, 'Bo');
  });

  it('{validate: false} and automaticValidation: false skip validation; updateAll validates only with validateUpdate', async () => {
    const {ds, Customer} = await models();
    Customer.validatesPresenceOf('name');
    const skipped = await Customer.create({email: 'x@y'}, {validate: false});
    assert.equal(skipped.name, undefined);
    assert.deepEqual(await Customer.updateAll({id: skipped.id}, {name: ''}), {count: 1});
    assert.equal((await rejection(Customer.updateAll({id: skipped.id}, {name: ''}, {validate: true}))).statusCode, 422);
    const Loose = ds.createModel('VlLoose', {name: String}, {automaticValidation: false}) as Model;
    Loose.validatesPresenceOf('name');
    const Checked = ds.createModel('VlChecked', {name: String}, {validateUpdate: true}) as Model;
    Checked.validatesLengthOf('name', {max: 3});
    await ds.automigrate(['VlLoose', 'VlChecked']);
    assert.ok(await Loose.create({}));
    await Checked.create({name: 'abc'});
    assert.equal((await rejection(Checked.updateAll({}, {name: 'abcdef'}))).statusCode, 422);
    assert.equal(await Checked.count({name: 'abc'}), 1);
  });

  it('upsert validates with validateUpsert: true', async () => {
    const {ds} = await models();
    const Up = ds.createModel('VlUpsert', {name: String}, {validateUpsert: true}) as Model;
    Up.validatesPresenceOf('name');
    await ds.automigrate(['VlUpsert']);
    const a = await Up.create({name: 'a'});
    assert.equal((await rejection(Up.upsert({id: a.id, name: ''}))).statusCode, 422);
    assert.equal((await Up.upsert({id: a.id, name: 'b'})).name, 'b');
  });

  it('validatesUniquenessOf checks the store; the instance itself does not clash', async () => {
    const {Customer} = await models();
    Customer.validatesUniquenessOf('email');
    const ann = await Customer.create({name: 'Ann', email: 'a@x'});
    const err = await rejection(Customer.create({name: 'Other', email: 'a@x'}));
    assert.deepEqual(err.details.codes, {email: ['uniqueness']});
    assert.deepEqual(err.details.messages, {email: ['is not unique']});
    await ann.updateAttributes({name: 'Ann B'});
    assert.equal(await ann.isValid(), true);
    const bob = await Customer.create({name: 'Bob', email: 'b@x'});
    await assert.rejects(bob.updateAttributes({email: 'a@x'}), {name: 'ValidationError'});
    assert.equal(await Customer.count({email: 'a@x'}), 1);
  });

  it('validatesUniquenessOf with scopedTo a relation key and ignoreCase, through relation creates', async () => {
    const {Customer, Order} = await models();
    Order.validatesUniquenessOf('code', {scopedTo: ['customerId'], ignoreCase: true});
    const ann = await Customer.create({name: 'Ann'});
    const bob = await Customer.create({name: 'Bob'});
    await ann.orders.create({code: 'A1'});
    await bob.orders.create({code: 'A1'});
    const err = await rejection(ann.orders.create({code: 'a1'}));
    assert.equal(err.name, 'ValidationError');
    assert.deepEqual(err.details.codes, {code: ['uniqueness']});
    await assert.rejects(viaCallback(cb => ann.orders.create({code: 'A1'}, cb)), {statusCode: 422});
    assert.equal(await ann.orders.count(), 1);
    assert.equal(await Order.count(), 2);
  });

  it('relation creates run the target validations; a failure writes nothing', async () => {
    const {Customer, Order} = await models();
    Order.validatesNumericalityOf('total');
    Order.validate('total', function (this: AnyObject, err: () => void) {
      if (this.total < 0) err();
    }, {message: 'must not be negative'});
    const ann = await Customer.create({name: 'Ann'});
    const err = await rejection(ann.orders.create({total: -5}));
    assert.deepEqual(err.details.messages, {total: ['must not be negative']});
    assert.equal(err.details.context, 'VlOrder');
    assert.equal(await Order.count(), 0);
    const ok = await ann.orders.create({total: 5});
    assert.equal(ok.customerId, ann.id);
  });

  it('validateAsync runs on create', async () => {
    const {Customer} = await models();
    Customer.validateAsync('email', function (this: AnyObject, err: () => void, done: () => void) {
      Customer.count({email: this.email}).then((n: number) => {
        if (n >= 1) err();
        done();
      }, done);
    }, {message: 'already registered'});
    await Customer.create({name: 'a', email: 'e'});
    const err = await rejection(Customer.create({name: 'b', email: 'e'}));
    assert.deepEqual(err.details.messages, {email: ['already registered']});
  });
});
