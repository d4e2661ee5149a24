import assert from 'node:assert/strict';
import {describe, it} from 'node:test';
import {AnyObject} from '../../src/common/types';
import {likeToRegExp} from '../../src/filter/like-pattern';
import {normalizeWhere} from '../../src/filter/normalize-filter';
import {compileWhere} from '../../src/filter/where-matcher';
import {assertInvalid, customerDefinition} from './fixtures';

const rows: AnyObject[] = [
  {id: 1, name: 'Alice', age: 30, active: true, born: new Date('1990-01-01'), tags: ['a', 'b'],
    address: {city: 'Paris', zip: '75001'}, items: [{sku: 'x', qty: 1}, {sku: 'y', qty: 5}]},
  {id: 2, name: 'bob', age: 25, active: false, born: new Date('1995-06-15'), tags: [],
    address: {city: 'Lyon'}, items: []},
  {id: 3, name: 'Carol', age: null, active: true, tags: ['b'], items: [{sku: 'z', qty: 2}]},
  {id: 4, name: '50% off_sale (x)', age: 41},
];

/** Ids of the rows matching a where. */
function ids(where: AnyObject | undefined, data: AnyObject[] = rows): unknown[] {
  const match = compileWhere(where);
  return data.filter(match).map(r => r.id);
}

describe('compileWhere: basics', () => {
  it('matches everything without a where', () => {
    assert.deepEqual(ids(undefined), [1, 2, 3, 4]);
    assert.deepEqual(ids({}), [1, 2, 3, 4]);
  });

  it('ANDs the keys of a where', () => {
    assert.deepEqual(ids({active: true, age: {gt: 20}}), [1]);
  });

  it('evaluates and/or, nested', () => {
    assert.deepEqual(ids({or: [{id: 1}, {id: 3}]}), [1, 3]);
    assert.deepEqual(ids({and: [{active: true}, {or: [{age: 30}, {age: null}]}]}), [1, 3]);
    assert.deepEqual(ids({and: []}), [1, 2, 3, 4]);
    assert.deepEqual(ids({or: []}), []);
    assert.deepEqual(ids({or: {0: {id: 2}}}), [2]);
  });

  it('rejects a non-object where and bad clause lists', () => {
    assertInvalid(() => compileWhere('x' as unknown as AnyObject), 'The where clause "x" is not an object');
    assertInvalid(() => compileWhere({or: 5}),
      'The or operator has invalid clauses 5: Value is not an array or object with sequential numeric indices');
    assertInvalid(() => compileWhere({a: {gt: 1, gtx: 1}}),
      'The a property has invalid clause {"gt":1,"gtx":1}: Unknown operator "gtx"');
  });
});

describe('compileWhere: equality', () => {
  it('compares numbers and numeric strings loosely', () => {
    assert.deepEqual(ids({id: 2}), [2]);
    assert.deepEqual(ids({id: '2'}), [2]);
    assert.deepEqual(ids({age: 30.0}), [1]);
    assert.deepEqual(ids({id: 2}, [{id: '2'}, {id: '02'}, {id: 'x'}, {id: ''}]), ['2', '02']);
  });

  it('compares strings strictly (case-sensitive)', () => {
    assert.deepEqual(ids({name: 'bob'}), [2]);
    assert.deepEqual(ids({name: 'Bob'}), []);
  });

  it('compares Dates by time, also against strings and numbers', () => {
    assert.deepEqual(ids({born: new Date('1990-01-01')}), [1]);
    const t = Date.parse('1995-06-15');
    assert.deepEqual(ids({born: t}), [2]);
    assert.deepEqual(ids({when: new Date(t)}, [{id: 1, when: '1995-06-15'}, {id: 2, when: t}, {id: 3}]), [1, 2]);
  });

  it('compares booleans, also against their string forms', () => {
    assert.deepEqual(ids({active: false}), [2]);
    assert.deepEqual(ids({flag: true}, [{id: 1, flag: 'true'}, {id: 2, flag: true}, {id: 3, flag: 1}]), [1, 2]);
  });

  it('matches null against null and missing values', () => {
    assert.deepEqual(ids({age: null}), [3]);
    assert.deepEqual(ids({born: null}), [3, 4]);
  });

  it('matches array fields when any element equals', () => {
    assert.deepEqual(ids({tags: 'b'}), [1, 3]);
    assert.deepEqual(ids({tags: 'z'}), []);
  });

  it('matches array examples structurally, single-element arrays also by element', () => {
    assert.deepEqual(ids({tags: ['a', 'b']}), [1]);
    assert.deepEqual(ids({id: [1, 2]}), []);
    assert.deepEqual(ids({id: [1]}), [1]);
  });

  it('compares plain objects structurally', () => {
    assert.deepEqual(ids({address: {city: 'Lyon'}}), [2]);
    assert.deepEqual(ids({address: {eq: {city: 'Paris', zip: '75001'}}}), [1]);
    assert.deepEqual(ids({address: {city: 'Paris'}}), []);
  });

  it('compares opaque objects by equals() or their string form', () => {
    class Id {
      constructor(readonly v: string) {}
      equals(o: Id): boolean {
        return o.v === this.v;
      }
      toString(): string {
        return this.v;
      }
    }
    const data = [{id: 1, ref: new Id('a')}, {id: 2, ref: 'a'}, {id: 3, ref: new Id('b')}, {id: 4, ref: Object.create(null)}];
    assert.deepEqual(ids({ref: new Id('a')}, data), [1, 2]);
    assert.deepEqual(ids({ref: {inq: [new Id('b')]}}, data), [3]);
  });

  it('supports eq and neq operators explicitly', () => {
    assert.deepEqual(ids({id: {eq: 3}}), [3]);
    assert.deepEqual(ids({id: {neq: 3}}), [1, 2, 4]);
  });
});

describe('compileWhere: neq', () => {
  it('is the negation of eq: missing and null values match', () => {
    assert.deepEqual(ids({age: {neq: 30}}), [2, 3, 4]);
    assert.deepEqual(ids({born: {neq: new Date('1990-01-01')}}), [2, 3, 4]);
    assert.deepEqual(ids({age: {neq: null}}), [1, 2, 4]);
  });

  it('on array fields matches when no element equals', () => {
    assert.deepEqual(ids({tags: {neq: 'b'}}), [2, 4]);
  });
});

describe('compileWhere: ranges', () => {
  it('compares numbers', () => {
    assert.deepEqual(ids({age: {gt: 30}}), [4]);
    assert.deepEqual(ids({age: {gte: 30}}), [1, 4]);
    assert.deepEqual(ids({age: {lt: 30}}), [2]);
    assert.deepEqual(ids({age: {lte: 30}}), [1, 2]);
    assert.deepEqual(ids({age: {gt: 24, lt: 41}}), [1, 2]);
  });

  it('never matches null or missing values', () => {
    assert.deepEqual(ids({age: {lt: 1000}}), [1, 2, 4]);
    assert.deepEqual(ids({born: {lt: new Date('2100-01-01')}}), [1, 2]);
  });

  it('compares strings by code unit', () => {
    assert.deepEqual(ids({name: {gt: 'C'}}), [2, 3]);
    assert.deepEqual(ids({name: {lte: 'Alice'}}), [1, 4]);
  });

  it('compares Dates and booleans', () => {
    assert.deepEqual(ids({born: {gt: new Date('1991-01-01')}}), [2]);
    assert.deepEqual(ids({born: {gte: '1990-01-01'}}), [1, 2]);
    assert.deepEqual(ids({active: {gt: false}}), [1, 3]);
  });

  it('compares numeric strings with numbers', () => {
    const data = [{id: 1, v: '10'}, {id: 2, v: 5}, {id: 3, v: 'x'}];
    assert.deepEqual(ids({v: {gt: 6}}, data), [1]);
    assert.deepEqual(ids({v: {gt: '6'}}, data), [3]);
  });

  it('between is inclusive', () => {
    assert.deepEqual(ids({age: {between: [25, 30]}}), [1, 2]);
    assert.deepEqual(ids({born: {between: [new Date('1990-01-01'), new Date('1990-01-01')]}}), [1]);
  });

  it('applies to array fields elementwise', () => {
    assert.deepEqual(ids({n: {gt: 5}}, [{id: 1, n: [1, 9]}, {id: 2, n: [1, 2]}]), [1]);
  });
});

describe('compileWhere: inq/nin', () => {
  it('matches members, loosely for numbers and strings', () => {
    assert.deepEqual(ids({id: {inq: [1, '3', 99]}}), [1, 3]);
    assert.deepEqual(ids({name: {inq: ['bob', 'Carol']}}), [2, 3]);
    assert.deepEqual(ids({id: {inq: []}}), []);
  });

  it('matches Dates, booleans, nulls and array fields', () => {
    assert.deepEqual(ids({born: {inq: [new Date('1995-06-15')]}}), [2]);
    assert.deepEqual(ids({active: {inq: [false]}}), [2]);
    assert.deepEqual(ids({born: {inq: [null]}}), [3, 4]);
    assert.deepEqual(ids({tags: {inq: ['a', 'q']}}), [1]);
  });

  it('nin is the negation of inq and matches missing values', () => {
    assert.deepEqual(ids({id: {nin: [1, 2]}}), [3, 4]);
    assert.deepEqual(ids({age: {nin: [30, 25]}}), [3, 4]);
    assert.deepEqual(ids({tags: {nin: ['a']}}), [2, 3, 4]);
  });

  it('handles large lists', () => {
    const list = Array.from({length: 5000}, (_, i) => i * 2);
    const data = Array.from({length: 100}, (_, i) => ({id: i}));
    assert.equal(ids({id: {inq: list}}, data).length, 50);
    assert.equal(ids({id: {inq: list.map(String)}}, data).length, 50);
  });
});

describe('compileWhere: exists', () => {
  it('true matches values that are neither undefined nor null', () => {
    assert.deepEqual(ids({age: {exists: true}}), [1, 2, 4]);
    assert.deepEqual(ids({tags: {exists: true}}), [1, 2, 3]);
  });

  it('false matches undefined and null', () => {
    assert.deepEqual(ids({age: {exists: false}}), [3]);
    assert.deepEqual(ids({born: {exists: false}}), [3, 4]);
  });
});

describe('compileWhere: like family (SQL semantics)', () => {
  it('anchors the pattern', () => {
    assert.deepEqual(ids({name: {like: 'o'}}), []);
    assert.deepEqual(ids({name: {like: '%o%'}}), [2, 3, 4]);
    assert.deepEqual(ids({name: {like: 'bob'}}), [2]);
  });

  it('supports % and _ wildcards', () => {
    assert.deepEqual(ids({name: {like: 'A%'}}), [1]);
    assert.deepEqual(ids({name: {like: '_ob'}}), [2]);
    assert.deepEqual(ids({name: {like: '_o'}}), []);
    assert.deepEqual(ids({name: {like: '%'}}), [1, 2, 3, 4]);
  });

  it('treats regex metacharacters literally and honours backslash escapes', () => {
    assert.deepEqual(ids({name: {like: '50\\% off\\_sale (x)'}}), [4]);
    assert.deepEqual(ids({name: {like: '50% off_sale (_)'}}), [4]);
    assert.deepEqual(ids({name: {like: '^A%'}}), []);
    assert.deepEqual(ids({name: {like: 'A.*'}}), []);
    assert.deepEqual(ids({name: {like: '50\\%%'}}), [4]);
    assert.deepEqual(ids({name: {like: '5\\0%'}}), [4]);
  });

  it('is case-sensitive unless ilike or options: i', () => {
    assert.deepEqual(ids({name: {like: 'a%'}}), []);
    assert.deepEqual(ids({name: {like: 'a%', options: 'i'}}), [1]);
    assert.deepEqual(ids({name: {ilike: 'B%'}}), [2]);
    assert.deepEqual(ids({name: {nilike: 'B%'}}), [1, 3, 4]);
  });

  it('nlike is the negation of like', () => {
    assert.deepEqual(ids({name: {nlike: '%o%'}}), [1]);
    assert.deepEqual(ids({name: {nlike: 'c%', options: 'i'}}), [1, 2, 4]);
    assert.deepEqual(ids({missing: {nlike: 'x'}}), [1, 2, 3, 4]);
  });

  it('accepts RegExp patterns', () => {
    assert.deepEqual(ids({name: {like: /^b/}}), [2]);
    assert.deepEqual(ids({name: {ilike: /^B/}}), [2]);
    assert.deepEqual(ids({name: {like: /o/g}}), [2, 3, 4]);
  });

  it('never matches non-string values, and tests array elements', () => {
    assert.deepEqual(ids({age: {like: '3%'}}), []);
    assert.deepEqual(ids({tags: {like: 'b'}}), [1, 3]);
  });

  it('matches the Appendix D vectors with SQL semantics', () => {
    const orders = ['o1', 'o2', 'orphan', 'dangling'].map((description, i) => ({id: i + 1, description}));
    // LoopBack memory: 3 / 0 / 3 (unanchored, options ignored); relata: anchored, options honoured
    assert.equal(ids({description: {like: 'o'}}, orders).length, 0);
    assert.equal(ids({description: {like: '%o%'}}, orders).length, 3);
    assert.equal(ids({description: {like: 'O%', options: 'i'}}, orders).length, 3);
    assert.equal(ids({description: {ilike: 'O%'}}, orders).length, 3);
  });
});

describe('likeToRegExp', () => {
  it('compiles anchored patterns', () => {
    assert.equal(likeToRegExp('a%b_').source, '^a[\\s\\S]*b[\\s\\S]$');
    assert.ok(likeToRegExp('a%').test('a\nb'));
    assert.ok(likeToRegExp('_').test('😀'));
    assert.ok(likeToRegExp('x\\').test('x\\'));
    assert.ok(likeToRegExp('[a-z]{2}|-/').test('[a-z]{2}|-/'));
    assert.ok(likeToRegExp('ABC', true).test('abc'));
  });
});

describe('compileWhere: regexp', () => {
  it('tests RegExps on string values only', () => {
    assert.deepEqual(ids({name: {regexp: /^[A-C]/}}), [1, 3]);
    assert.deepEqual(ids({name: /^b/}), [2]);
    assert.deepEqual(ids({age: {regexp: /3/}}), []);
  });

  it('is stable with global RegExps', () => {
    const match = compileWhere({name: {regexp: /o/g}});
    assert.equal(match({name: 'bob'}), true);
    assert.equal(match({name: 'bob'}), true);
    assert.equal(match({name: 'bob'}), true);
  });

  it('accepts un-normalized regexp strings', () => {
    assert.deepEqual(ids({name: {regexp: '/^a/i'}}), [1]);
  });
});

describe('compileWhere: dotted paths', () => {
  it('walks nested objects', () => {
    assert.deepEqual(ids({'address.city': 'Paris'}), [1]);
    assert.deepEqual(ids({'address.zip': {exists: true}}), [1]);
    assert.deepEqual(ids({'address.city': {neq: 'Paris'}}), [2, 3, 4]);
    assert.deepEqual(ids({'address.city.x': 'y'}), []);
  });

  it('walks arrays of objects existentially', () => {
    assert.deepEqual(ids({'items.sku': 'y'}), [1]);
    assert.deepEqual(ids({'items.qty': {gt: 1}}), [1, 3]);
    assert.deepEqual(ids({'items.qty': {gt: 10}}), []);
    assert.deepEqual(ids({'items.sku': {nin: ['x', 'z']}}), [2, 4]);
    assert.deepEqual(ids({'items.sku': {exists: true}}), [1, 3]);
  });

  it('indexes arrays by numeric segments', () => {
    assert.deepEqual(ids({'items.1.sku': 'y'}), [1]);
    assert.deepEqual(ids({'tags.0': 'b'}), [3]);
  });
});

describe('compileWhere after normalizeWhere', () => {
  it('matches REST-style string input once coerced', () => {
    const def = customerDefinition();
    const where = normalizeWhere({
      active: 'true', age: {gte: '30'}, born: {lt: '1991-01-01'}, or: {0: {name: {like: 'A%'}}, 1: {id: '3'}},
    }, def);
    assert.deepEqual(ids(where), [1]);
  });
});
