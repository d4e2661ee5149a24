import assert from 'node:assert/strict';
import {describe, it} from 'node:test';
import {normalizeWhere} from '../../src/filter/normalize-filter';
import {ModelDefinition} from '../../src/model/model-definition';
import {assertInvalid, customerDefinition, looseDefinition} from './fixtures';

const def = customerDefinition();

describe('normalizeWhere: shape', () => {
  it('returns undefined for null/undefined and a copy for objects', () => {
    assert.equal(normalizeWhere(undefined), undefined);
    assert.equal(normalizeWhere(null), undefined);
    const where = {name: 'a'};
    const out = normalizeWhere(where, def);
    assert.deepEqual(out, {name: 'a'});
    assert.notEqual(out, where);
  });

  it('rejects non-object where clauses', () => {
    assertInvalid(() => normalizeWhere('x'), 'The where clause "x" is not an object');
    assertInvalid(() => normalizeWhere(5), 'The where clause 5 is not an object');
    assertInvalid(() => normalizeWhere([1]), 'The where clause [1] is not an object');
    assertInvalid(() => normalizeWhere(true), 'The where clause true is not an object');
  });

  it('does not change its input', () => {
    const where = {age: {gt: '3'}, or: {0: {name: {eq: 'x'}}}};
    const copy = JSON.parse(JSON.stringify(where));
    normalizeWhere(where, def);
    assert.deepEqual(where, copy);
  });

  it('drops undefined values (normalizeUndefinedInQuery: ignore)', () => {
    assert.deepEqual(normalizeWhere({name: undefined, age: 3}, def), {age: 3});
    assert.deepEqual(normalizeWhere({age: {gt: undefined}}, def), {});
    assert.deepEqual(normalizeWhere({age: {gt: undefined, lt: 5}}, def), {age: {lt: 5}});
    assert.deepEqual(normalizeWhere({age: {inq: [1, undefined, 2]}}, def), {age: {inq: [1, 2]}});
    assert.deepEqual(normalizeWhere({and: [undefined, {age: 1}]}, def), {and: [{age: 1}]});
  });
});

describe('normalizeWhere: operators', () => {
  it('keeps implicit equality and rewrites eq to the plain value', () => {
    assert.deepEqual(normalizeWhere({name: 'a'}, def), {name: 'a'});
    assert.deepEqual(normalizeWhere({name: {eq: 'a'}}, def), {name: 'a'});
    assert.deepEqual(normalizeWhere({name: null}, def), {name: null});
    assert.deepEqual(normalizeWhere({name: {eq: null}}, def), {name: null});
  });

  it('keeps eq beside other operators on one property', () => {
    assert.deepEqual(normalizeWhere({age: {eq: '3', lt: '5'}}, def), {age: {eq: 3, lt: 5}});
  });

  it('accepts every comparison operator', () => {
    for (const op of ['neq', 'gt', 'gte', 'lt', 'lte']) {
      assert.deepEqual(normalizeWhere({age: {[op]: 3}}, def), {age: {[op]: 3}});
    }
    assert.deepEqual(normalizeWhere({age: {gt: 1, lt: 9}}, def), {age: {gt: 1, lt: 9}});
  });

  it('accepts inq/nin as arrays or sequential-index objects', () => {
    assert.deepEqual(normalizeWhere({id: {inq: [1, 2]}}, def), {id: {inq: [1, 2]}});
    assert.deepEqual(normalizeWhere({id: {nin: {0: '1', 1: '2'}}}, def), {id: {nin: [1, 2]}});
    assert.deepEqual(normalizeWhere({id: {inq: []}}, def), {id: {inq: []}});
  });

  it('rejects inq/nin that are not lists', () => {
    assertInvalid(() => normalizeWhere({id: {inq: 5}}, def),
      'The id property has invalid clause {"inq":5}: Value is not an array or object with sequential numeric indices');
    assertInvalid(() => normalizeWhere({id: {nin: {1: 'a'}}}, def),
      'The id property has invalid clause {"nin":{"1":"a"}}: Value is not an array or object with sequential numeric indices');
    assertInvalid(() => normalizeWhere({id: {inq: 'a,b'}}, def),
      'The id property has invalid clause {"inq":"a,b"}: Value is not an array or object with sequential numeric indices');
    assertInvalid(() => normalizeWhere({id: {inq: {}}}, def),
      'The id property has invalid clause {"inq":{}}: Value is an empty object');
  });

  it('requires exactly two values for between', () => {
    assert.deepEqual(normalizeWhere({age: {between: ['1', '5']}}, def), {age: {between: [1, 5]}});
    assert.deepEqual(normalizeWhere({age: {between: {0: 1, 1: 5}}}, def), {age: {between: [1, 5]}});
    assertInvalid(() => normalizeWhere({age: {between: [1]}}, def),
      'The age property has invalid clause {"between":[1]}: Expected precisely 2 values, received 1');
    assertInvalid(() => normalizeWhere({age: {between: [1, 2, 3]}}, def),
      'The age property has invalid clause {"between":[1,2,3]}: Expected precisely 2 values, received 3');
    assertInvalid(() => normalizeWhere({age: {between: 1}}, def),
      'The age property has invalid clause {"between":1}: Value is not an array or object with sequential numeric indices');
  });

  it('accepts exists as a boolean or boolean string', () => {
    assert.deepEqual(normalizeWhere({name: {exists: true}}, def), {name: {exists: true}});
    assert.deepEqual(normalizeWhere({name: {exists: 'false'}}, def), {name: {exists: false}});
    assert.deepEqual(normalizeWhere({name: {exists: 'true'}}, def), {name: {exists: true}});
    assertInvalid(() => normalizeWhere({name: {exists: 1}}, def),
      'The name property has invalid clause {"exists":1}: Expected a boolean');
  });

  it('accepts like/nlike/ilike/nilike with strings or RegExps, and options', () => {
    for (const op of ['like', 'nlike', 'ilike', 'nilike']) {
      assert.deepEqual(normalizeWhere({name: {[op]: 'a%'}}, def), {name: {[op]: 'a%'}});
      const re = /a/;
      assert.equal((normalizeWhere({name: {[op]: re}}, def) as any).name[op], re);
      assertInvalid(() => normalizeWhere({name: {[op]: 5}}, def),
        `The name property has invalid clause {"${op}":5}: Expected a string or RegExp`);
    }
    assert.deepEqual(normalizeWhere({name: {like: 'a%', options: 'i'}}, def), {name: {like: 'a%', options: 'i'}});
    assertInvalid(() => normalizeWhere({name: {like: 'a', options: 1}}, def),
      'The name property has invalid clause {"like":"a","options":1}: Expected options to be a string');
    assertInvalid(() => normalizeWhere({name: {options: 'i'}}, def),
      'The name property has invalid clause {"options":"i"}: Expected an operator');
  });

  it('compiles regexp strings, with i/g/m flags only', () => {
    const a = normalizeWhere({name: {regexp: '^a'}}, def) as any;
    assert.ok(a.name.regexp instanceof RegExp);
    assert.equal(a.name.regexp.source, '^a');
    assert.equal(a.name.regexp.flags, '');
    const b = normalizeWhere({name: {regexp: '/^a/im'}}, def) as any;
    assert.equal(b.name.regexp.source, '^a');
    assert.equal(b.name.regexp.flags, 'im');
    const re = /x/g;
    assert.equal((normalizeWhere({name: {regexp: re}}, def) as any).name.regexp, re);
    assertInvalid(() => normalizeWhere({name: {regexp: '/^a/x'}}, def), 'Invalid regex flags: x');
    assertInvalid(() => normalizeWhere({name: {regexp: '/^a/isx'}}, def), 'Invalid regex flags: s,x');
    assertInvalid(() => normalizeWhere({name: {regexp: 5}}, def),
      'The name property has invalid clause {"regexp":5}: Expected a string or RegExp');
    assertInvalid(() => normalizeWhere({name: {regexp: '('}}, def),
      /^The name property has invalid clause \{"regexp":"\("\}: Invalid regular expression/);
  });

  it('turns a RegExp given as the value into a regexp clause', () => {
    const re = /^a/i;
    assert.deepEqual(normalizeWhere({name: re}, def), {name: {regexp: re}});
    assert.equal((normalizeWhere({name: re}, def) as any).name.regexp, re);
  });

  it('rejects unknown operators, naming operator and property', () => {
    assertInvalid(() => normalizeWhere({age: {gtx: 1}}, def),
      'The age property has invalid clause {"gtx":1}: Unknown operator "gtx"');
    assertInvalid(() => normalizeWhere({age: {gt: 1, foo: 2}}, def),
      'The age property has invalid clause {"gt":1,"foo":2}: Unknown operator "foo"');
    assertInvalid(() => normalizeWhere({age: {gtx: 1}}),
      'The age property has invalid clause {"gtx":1}: Unknown operator "gtx"');
    assertInvalid(() => normalizeWhere({age: {}}, def),
      'The age property has invalid clause {}: Expected an operator');
  });

  it('rejects $ operators with OPERATOR_NOT_ALLOWED_IN_QUERY', () => {
    assertInvalid(() => normalizeWhere({age: {$gt: 1}}, def),
      'Operators "$gt" are not allowed in query', 'OPERATOR_NOT_ALLOWED_IN_QUERY');
    assertInvalid(() => normalizeWhere({$or: [], $where: 'x'}, def),
      'Operators "$or, $where" are not allowed in query', 'OPERATOR_NOT_ALLOWED_IN_QUERY');
    assertInvalid(() => normalizeWhere({or: [{name: {$ne: 1}}]}, def),
      'Operators "$ne" are not allowed in query', 'OPERATOR_NOT_ALLOWED_IN_QUERY');
    assertInvalid(() => normalizeWhere({address: {$gt: 1}}, def),
      'Operators "$gt" are not allowed in query', 'OPERATOR_NOT_ALLOWED_IN_QUERY');
  });

  it('compares whole objects on object properties', () => {
    assert.deepEqual(normalizeWhere({address: {city: 'x'}}, def), {address: {city: 'x'}});
    assert.deepEqual(normalizeWhere({address: {eq: {city: 'x'}}}, def), {address: {eq: {city: 'x'}}});
  });
});

describe('normalizeWhere: and/or', () => {
  it('normalizes nested clauses to any depth', () => {
    const where = {and: [{or: [{age: '1'}, {and: [{age: {gt: '2'}}, {name: {eq: 'x'}}]}]}, {active: '0'}]};
    assert.deepEqual(normalizeWhere(where, def),
      {and: [{or: [{age: 1}, {and: [{age: {gt: 2}}, {name: 'x'}]}]}, {active: false}]});
  });

  it('accepts sequential-index objects as produced by qs', () => {
    assert.deepEqual(normalizeWhere({or: {0: {age: '1'}, 1: {age: '2'}}}, def), {or: [{age: 1}, {age: 2}]});
  });

  it('rejects invalid clause lists', () => {
    assertInvalid(() => normalizeWhere({and: 5}, def),
      'The and operator has invalid clauses 5: Value is not an array or object with sequential numeric indices');
    assertInvalid(() => normalizeWhere({or: {1: {age: 1}}}, def),
      'The or operator has invalid clauses {"1":{"age":1}}: Value is not an array or object with sequential numeric indices');
    assertInvalid(() => normalizeWhere({or: {}}, def), 'The or operator has invalid clauses {}: Value is an empty object');
    assertInvalid(() => normalizeWhere({and: ['x']}, def), 'The where clause "x" is not an object');
    assertInvalid(() => normalizeWhere({and: [null]}, def), 'The where clause null is not an object');
  });
});

describe('normalizeWhere: coercion', () => {
  it('coerces numbers from numeric strings', () => {
    assert.deepEqual(normalizeWhere({age: '42', id: {inq: ['1', 2, '3.5']}}, def), {age: 42, id: {inq: [1, 2, 3.5]}});
    assert.deepEqual(normalizeWhere({age: {between: ['1', '9']}}, def), {age: {between: [1, 9]}});
    assertInvalid(() => normalizeWhere({age: 'abc'}, def), 'The age property has invalid clause "abc": "abc" is not a number');
    assertInvalid(() => normalizeWhere({age: {gt: 'x'}}, def),
      'The age property has invalid clause {"gt":"x"}: "x" is not a number');
    assertInvalid(() => normalizeWhere({age: ''}, def), 'The age property has invalid clause "": "" is not a number');
    assertInvalid(() => normalizeWhere({id: {inq: [1, 'b']}}, def),
      'The id property has invalid clause {"inq":[1,"b"]}: "b" is not a number');
    assertInvalid(() => normalizeWhere({age: true}, def), 'The age property has invalid clause true: true is not a number');
  });

  it('coerces booleans from true/false/1/0', () => {
    assert.deepEqual(normalizeWhere({active: 'true'}, def), {active: true});
    assert.deepEqual(normalizeWhere({active: '1'}, def), {active: true});
    assert.deepEqual(normalizeWhere({active: 'false'}, def), {active: false});
    assert.deepEqual(normalizeWhere({active: '0'}, def), {active: false});
    assert.deepEqual(normalizeWhere({active: {neq: 0}}, def), {active: {neq: false}});
    assertInvalid(() => normalizeWhere({active: 'yes'}, def),
      'The active property has invalid clause "yes": "yes" is not a boolean');
  });

  it('coerces dates from strings and numbers', () => {
    const out = normalizeWhere({born: '2020-01-02T00:00:00.000Z', and: [{born: {gt: 0}}]}, def) as any;
    assert.ok(out.born instanceof Date);
    assert.equal(out.born.toISOString(), '2020-01-02T00:00:00.000Z');
    assert.equal(out.and[0].born.gt.getTime(), 0);
    const inq = normalizeWhere({born: {inq: ['2020-01-01', 86400000]}}, def) as any;
    assert.deepEqual(inq.born.inq.map((d: Date) => d.getTime()), [Date.parse('2020-01-01'), 86400000]);
    assertInvalid(() => normalizeWhere({born: 'nope'}, def), 'Invalid date: nope');
    assertInvalid(() => normalizeWhere({born: {between: ['2020-01-01', 'x']}}, def), 'Invalid date: x');
    assertInvalid(() => normalizeWhere({born: new Date(NaN)}, def), 'Invalid date: Invalid Date');
    assertInvalid(() => normalizeWhere({born: true}, def), 'Invalid date: true');
  });

  it('coerces numbers and booleans to strings for string properties', () => {
    assert.deepEqual(normalizeWhere({name: 5, and: [{name: {inq: [1, 'b', true]}}]}, def),
      {name: '5', and: [{name: {inq: ['1', 'b', 'true']}}]});
  });

  it('coerces array properties by their item type', () => {
    assert.deepEqual(normalizeWhere({scores: '5'}, def), {scores: 5});
    assert.deepEqual(normalizeWhere({scores: ['1', '2']}, def), {scores: [1, 2]});
    assert.deepEqual(normalizeWhere({tags: {inq: [1, 'a']}}, def), {tags: {inq: ['1', 'a']}});
  });

  it('leaves values of unknown kinds unchanged', () => {
    assert.deepEqual(normalizeWhere({extra: '5', address: '5'}, def), {extra: '5', address: '5'});
    assert.deepEqual(normalizeWhere({age: '5', whatever: '7'}), {age: '5', whatever: '7'});
    assert.deepEqual(normalizeWhere({whatever: '7'}, looseDefinition()), {whatever: '7'});
  });
});

describe('normalizeWhere: strict models', () => {
  it('rejects undeclared properties, naming property and model', () => {
    assertInvalid(() => normalizeWhere({bogus: 1}, def),
      'Property "bogus" used in the where clause is not defined in model "Customer"');
    assertInvalid(() => normalizeWhere({or: [{name: 'a'}, {and: [{bogus: 1}]}]}, def),
      'Property "bogus" used in the where clause is not defined in model "Customer"');
    assertInvalid(() => normalizeWhere({'name.first': 'a'}, def),
      'Property "name.first" used in the where clause is not defined in model "Customer"');
  });

  it('treats strict: "filter" as strict and strict: false as loose', () => {
    const filterDef = new ModelDefinition({name: 'F', properties: {a: 'string'}, settings: {strict: 'filter'}});
    assertInvalid(() => normalizeWhere({b: 1}, filterDef),
      'Property "b" used in the where clause is not defined in model "F"');
    assert.deepEqual(normalizeWhere({bogus: '1', age: '2'}, looseDefinition()), {bogus: '1', age: 2});
  });

  it('allows dotted keys into object, array and any properties, without coercion', () => {
    assert.deepEqual(normalizeWhere({'address.city': 'x', 'tags.0': 5, 'extra.a.b': {gt: '1'}}, def),
      {'address.city': 'x', 'tags.0': 5, 'extra.a.b': {gt: '1'}});
  });
});

describe('normalizeWhere: guards', () => {
  it('detects circular objects', () => {
    const where: any = {and: []};
    where.and.push(where);
    assertInvalid(() => normalizeWhere(where, def), 'The query object is circular', 'QUERY_OBJECT_IS_CIRCULAR');
    const inner: any = {gt: 1};
    inner.self = inner;
    assertInvalid(() => normalizeWhere({age: inner}), 'The query object is circular', 'QUERY_OBJECT_IS_CIRCULAR');
  });

  it('accepts shared (non-circular) sub-objects', () => {
    const shared = {age: 1};
    assert.deepEqual(normalizeWhere({or: [shared, shared]}, def), {or: [{age: 1}, {age: 1}]});
  });

  it('rejects objects deeper than 32 levels', () => {
    let where: any = {age: 1};
    for (let i = 0; i < 20; i++) where = {and: [where]};
    assertInvalid(() => normalizeWhere(where, def), 'The query object exceeds maximum depth 32', 'QUERY_OBJECT_TOO_DEEP');
    let ok: any = {age: 1};
    for (let i = 0; i < 15; i++) ok = {and: [ok]};
    assert.doesNotThrow(() => normalizeWhere(ok, def));
  });

  it('rejects __proto__ keys', () => {
    const where = JSON.parse('{"__proto__": {"age": 1}}');
    assertInvalid(() => normalizeWhere(where), 'The query object contains the forbidden key "__proto__"');
  });

  it('rejects functions and symbols as values', () => {
    assertInvalid(() => normalizeWhere({name: () => 1}), /^The name property has invalid clause .*: Unsupported value$/);
    assertInvalid(() => normalizeWhere({name: {eq: Symbol('x')}}), /Unsupported value$/);
  });
});
