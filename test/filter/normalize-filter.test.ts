import assert from 'node:assert/strict';
import {describe, it} from 'node:test';
import {normalizeFilter} from '../../src/filter/normalize-filter';
import {assertInvalid, customerDefinition, looseDefinition} from './fixtures';

const def = customerDefinition();
const ALL = ['id', 'name', 'age', 'active', 'born', 'address', 'tags', 'scores', 'extra'];

describe('normalizeFilter: top level', () => {
  it('gives {} for undefined, null and empty filters', () => {
    assert.deepEqual(normalizeFilter(undefined), {});
    assert.deepEqual(normalizeFilter(null), {});
    assert.deepEqual(normalizeFilter({}), {});
    assert.deepEqual(normalizeFilter({where: {}, order: [], fields: [], include: [], limit: 0, skip: 0}, def), {});
  });

  it('rejects filters that are not objects', () => {
    assertInvalid(() => normalizeFilter('x'), 'The query filter "x" is not an object');
    assertInvalid(() => normalizeFilter(5), 'The query filter 5 is not an object');
    assertInvalid(() => normalizeFilter(true), 'The query filter true is not an object');
    assertInvalid(() => normalizeFilter([{where: {}}]), 'The query filter [{"where":{}}] is not an object');
  });

  it('rejects unknown top-level keys, naming the key', () => {
    assertInvalid(() => normalizeFilter({where: {}, bogus: 1}),
      'The query filter has an unknown key "bogus" (allowed: where, fields, order, limit, skip, offset, include)');
    assert.deepEqual(normalizeFilter({bogus: undefined}), {});
  });

  it('normalizes a complete filter', () => {
    const out = normalizeFilter({
      where: {age: {gt: '30'}, name: {eq: 'x'}},
      order: 'name DESC, id',
      limit: '10',
      offset: '5',
      fields: {name: true, id: true},
      include: ['orders'],
    }, def);
    assert.deepEqual(out, {
      where: {age: {gt: 30}, name: 'x'},
      order: [{property: 'name', direction: 'DESC'}, {property: 'id', direction: 'ASC'}],
      limit: 10,
      skip: 5,
      fields: ['name', 'id'],
      include: [{relation: 'orders'}],
    });
  });

  it('is idempotent', () => {
    const once = normalizeFilter({
      where: {age: {eq: '3'}, address: {eq: {city: 'x'}}, or: [{name: /a/}], born: '2020-01-01'},
      order: ['name desc'], limit: 5, skip: 2, fields: ['id'], include: {orders: 'lines'},
    }, def);
    assert.deepEqual(normalizeFilter(once, def), once);
  });

  it('does not change its input', () => {
    const filter = {where: {age: '3'}, order: 'name', limit: '2', include: 'orders'};
    const copy = JSON.parse(JSON.stringify(filter));
    normalizeFilter(filter, def);
    assert.deepEqual(filter, copy);
  });

  it('detects cycles and excessive depth anywhere in the filter', () => {
    const filter: any = {include: [{relation: 'a', scope: {}}]};
    filter.include[0].scope.include = filter.include;
    assertInvalid(() => normalizeFilter(filter), 'The query object is circular', 'QUERY_OBJECT_IS_CIRCULAR');
    let deep: any = 'x';
    for (let i = 0; i < 40; i++) deep = {a: deep};
    assertInvalid(() => normalizeFilter({include: deep}), 'The query object exceeds maximum depth 32',
      'QUERY_OBJECT_TOO_DEEP');
  });
});

describe('normalizeFilter: order', () => {
  it('accepts strings, comma lists and arrays, direction case-insensitive', () => {
    assert.deepEqual(normalizeFilter({order: 'name'}).order, [{property: 'name', direction: 'ASC'}]);
    assert.deepEqual(normalizeFilter({order: 'name desc'}).order, [{property: 'name', direction: 'DESC'}]);
    assert.deepEqual(normalizeFilter({order: ' a  Asc ,b DESC,, c'}).order, [
      {property: 'a', direction: 'ASC'}, {property: 'b', direction: 'DESC'}, {property: 'c', direction: 'ASC'},
    ]);
    assert.deepEqual(normalizeFilter({order: ['a DESC', 'b, c desc']}).order, [
      {property: 'a', direction: 'DESC'}, {property: 'b', direction: 'ASC'}, {property: 'c', direction: 'DESC'},
    ]);
    assert.equal(normalizeFilter({order: ''}).order, undefined);
  });

  it('rejects bad directions and non-string entries', () => {
    assertInvalid(() => normalizeFilter({order: 'name up'}), 'The order "name up" has invalid direction');
    assertInvalid(() => normalizeFilter({order: ['a', 'b sideways']}), 'The order "b sideways" has invalid direction');
    assertInvalid(() => normalizeFilter({order: [1]}), 'The order 1 is not valid');
    assertInvalid(() => normalizeFilter({order: 5}), 'The order 5 is not valid');
    assertInvalid(() => normalizeFilter({order: {name: 'DESC'}}), 'The order {"name":"DESC"} is not valid');
    assertInvalid(() => normalizeFilter({order: 'a ASC b'}), 'The order "a ASC b" is not valid');
  });

  it('rejects unknown properties on strict models only', () => {
    assertInvalid(() => normalizeFilter({order: 'bogus DESC'}, def),
      'Property "bogus" used in the order clause is not defined in model "Customer"');
    assert.deepEqual(normalizeFilter({order: 'bogus'}, looseDefinition()).order, [{property: 'bogus', direction: 'ASC'}]);
    assert.deepEqual(normalizeFilter({order: 'address.city'}, def).order, [{property: 'address.city', direction: 'ASC'}]);
  });
});

describe('normalizeFilter: limit, skip, offset', () => {
  it('accepts positive integers and numeric strings; 0 means no limit', () => {
    assert.equal(normalizeFilter({limit: 5}).limit, 5);
    assert.equal(normalizeFilter({limit: '7'}).limit, 7);
    assert.equal(normalizeFilter({limit: 0}).limit, undefined);
    assert.equal(normalizeFilter({limit: '0'}).limit, undefined);
    assert.equal(normalizeFilter({limit: null}).limit, undefined);
  });

  it('rejects invalid limits', () => {
    assertInvalid(() => normalizeFilter({limit: -1}), 'The limit parameter -1 is not valid');
    assertInvalid(() => normalizeFilter({limit: 1.5}), 'The limit parameter 1.5 is not valid');
    assertInvalid(() => normalizeFilter({limit: 'abc'}), 'The limit parameter "abc" is not valid');
    assertInvalid(() => normalizeFilter({limit: NaN}), 'The limit parameter null is not valid');
    assertInvalid(() => normalizeFilter({limit: Infinity}), 'The limit parameter null is not valid');
    assertInvalid(() => normalizeFilter({limit: ''}), 'The limit parameter "" is not valid');
    assertInvalid(() => normalizeFilter({limit: {}}), 'The limit parameter {} is not valid');
    assertInvalid(() => normalizeFilter({limit: true}), 'The limit parameter true is not valid');
  });

  it('treats skip and offset as synonyms, skip winning', () => {
    assert.equal(normalizeFilter({skip: 3}).skip, 3);
    assert.equal(normalizeFilter({offset: '4'}).skip, 4);
    assert.equal(normalizeFilter({skip: 2, offset: 9}).skip, 2);
    assert.equal(normalizeFilter({skip: 0}).skip, undefined);
  });

  it('does not imply a limit for skip (deliberate difference from LoopBack)', () => {
    assert.deepEqual(normalizeFilter({skip: 1}), {skip: 1});
  });

  it('rejects invalid skip/offset', () => {
    assertInvalid(() => normalizeFilter({skip: -1}), 'The offset/skip parameter -1 is not valid');
    assertInvalid(() => normalizeFilter({offset: 'x'}), 'The offset/skip parameter "x" is not valid');
    assertInvalid(() => normalizeFilter({skip: 0.5}), 'The offset/skip parameter 0.5 is not valid');
    assertInvalid(() => normalizeFilter({skip: 1, offset: []}), 'The offset/skip parameter [] is not valid');
  });
});

describe('normalizeFilter: fields', () => {
  it('accepts arrays and single strings; empty means all', () => {
    assert.deepEqual(normalizeFilter({fields: ['name', 'id']}, def).fields, ['name', 'id']);
    assert.deepEqual(normalizeFilter({fields: 'name'}, def).fields, ['name']);
    assert.deepEqual(normalizeFilter({fields: ['name', 'name']}, def).fields, ['name']);
    assert.equal(normalizeFilter({fields: []}, def).fields, undefined);
    assert.equal(normalizeFilter({fields: {}}, def).fields, undefined);
  });

  it('object form: truthy values include, all-falsy values exclude', () => {
    assert.deepEqual(normalizeFilter({fields: {name: true, id: 1, age: false}}, def).fields, ['name', 'id']);
    assert.deepEqual(normalizeFilter({fields: {name: false, age: 0}}, def).fields,
      ALL.filter(p => p !== 'name' && p !== 'age'));
    // query strings carry strings: 'false' and '0' are false
    assert.deepEqual(normalizeFilter({fields: {name: 'false', age: '0'}}, def).fields,
      ALL.filter(p => p !== 'name' && p !== 'age'));
    assert.deepEqual(normalizeFilter({fields: {name: 'true'}}, def).fields, ['name']);
  });

  it('needs the definition to exclude', () => {
    assertInvalid(() => normalizeFilter({fields: {name: false}}),
      'The fields {"name":false} exclude properties, which needs the model definition');
    assert.deepEqual(normalizeFilter({fields: {name: true}}).fields, ['name']);
  });

  it('rejects unknown names on strict models', () => {
    assertInvalid(() => normalizeFilter({fields: ['name', 'bogus']}, def),
      'Property "bogus" used in the fields clause is not defined in model "Customer"');
    assertInvalid(() => normalizeFilter({fields: {x: true, y: true}}, def),
      'Properties "x", "y" used in the fields clause are not defined in model "Customer"');
    assertInvalid(() => normalizeFilter({fields: {x: false}}, def),
      'Property "x" used in the fields clause is not defined in model "Customer"');
    assert.deepEqual(normalizeFilter({fields: ['bogus']}, looseDefinition()).fields, ['bogus']);
  });

  it('rejects malformed fields', () => {
    assertInvalid(() => normalizeFilter({fields: 5}), 'The fields 5 is not valid');
    assertInvalid(() => normalizeFilter({fields: ['a', 1]}), 'The fields ["a",1] is not valid');
  });
});

describe('normalizeFilter: include', () => {
  const inc = (include: unknown) => normalizeFilter({include}).include;

  it('accepts a string and arrays of strings', () => {
    assert.deepEqual(inc('orders'), [{relation: 'orders'}]);
    assert.deepEqual(inc(['orders', 'address']), [{relation: 'orders'}, {relation: 'address'}]);
  });

  it('accepts relation objects (and rel as alias), alone or in arrays', () => {
    const scope = {where: {x: 1}, limit: 2};
    const out = inc({relation: 'orders', scope});
    assert.deepEqual(out, [{relation: 'orders', scope}]);
    assert.equal(out![0].scope, scope, 'scope kept as given');
    assert.deepEqual(inc([{rel: 'orders'}]), [{relation: 'orders'}]);
    assert.deepEqual(inc(['address', {relation: 'orders', scope: {order: 'x'}, targetType: 'Order'}]),
      [{relation: 'address'}, {relation: 'orders', scope: {order: 'x'}, targetType: 'Order'}]);
    assert.deepEqual(inc({relation: 'orders', scope: null}), [{relation: 'orders'}]);
  });

  it('accepts LoopBack 3 shorthands', () => {
    assert.deepEqual(inc({orders: true}), [{relation: 'orders'}]);
    assert.deepEqual(inc({orders: 'manufacturers'}), [{relation: 'orders', scope: {include: 'manufacturers'}}]);
    assert.deepEqual(inc({orders: ['a', {b: 'c'}]}), [{relation: 'orders', scope: {include: ['a', {b: 'c'}]}}]);
    assert.deepEqual(inc({orders: {lines: true}, address: true}),
      [{relation: 'orders', scope: {include: {lines: true}}}, {relation: 'address'}]);
    assert.deepEqual(inc(['a', {b: 'c'}, [{d: true}]]),
      [{relation: 'a'}, {relation: 'b', scope: {include: 'c'}}, {relation: 'd'}]);
  });

  it('does not check whether relations exist', () => {
    assert.deepEqual(inc(['nope']), [{relation: 'nope'}]);
  });

  it('rejects malformed entries with INVALID_INCLUSION_FILTER', () => {
    const code = 'INVALID_INCLUSION_FILTER';
    assertInvalid(() => inc(5), 'Invalid "filter.include" entries: 5', code);
    assertInvalid(() => inc(['ok', 5, {scope: {}}]), 'Invalid "filter.include" entries: 5; {"scope":{}}', code);
    assertInvalid(() => inc({}), 'Invalid "filter.include" entries: {}', code);
    assertInvalid(() => inc({relation: 5}), 'Invalid "filter.include" entries: {"relation":5}', code);
    assertInvalid(() => inc({relation: 'a', scope: 'x'}), 'Invalid "filter.include" entries: {"relation":"a","scope":"x"}', code);
    assertInvalid(() => inc([{relation: 'a', scope: []}]), 'Invalid "filter.include" entries: {"relation":"a","scope":[]}', code);
    assertInvalid(() => inc({orders: 5}), 'Invalid "filter.include" entries: {"orders":5}', code);
    assertInvalid(() => inc(['']), 'Invalid "filter.include" entries: ""', code);
    assertInvalid(() => inc([null]), 'Invalid "filter.include" entries: null', code);
    assertInvalid(() => inc(true), 'Invalid "filter.include" entries: true', code);
  });
});
