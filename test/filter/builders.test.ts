import assert from 'node:assert/strict';
import {describe, it} from 'node:test';
import {RelataError} from '../../src/common/errors';
import {FilterBuilder} from '../../src/filter/filter-builder';
import {filterTemplate} from '../../src/filter/filter-template';
import {InvalidFilterError} from '../../src/filter/invalid-filter-error';
import {WhereBuilder} from '../../src/filter/where-builder';

interface Todo {
  id: number;
  title: string;
  done: boolean;
  priority: number;
}

describe('WhereBuilder', () => {
  it('builds every operator', () => {
    const where = new WhereBuilder<Todo>()
      .eq('id', 1).neq('title', 'x').gt('priority', 1).build();
    assert.deepEqual(where, {id: 1, title: {neq: 'x'}, priority: {gt: 1}});
    const ops = new WhereBuilder<any>()
      .gte('a', 1).lte('b', 2).lt('c', 3).inq('d', [1]).nin('e', [2]).between('f', 1, 5)
      .exists('g').exists('h', false).exists('i', true)
      .like('j', 'a%').nlike('k', 'b%').ilike('l', 'c%').nilike('m', 'd%').regexp('n', /^x/)
      .build();
    assert.deepEqual(ops, {
      a: {gte: 1}, b: {lte: 2}, c: {lt: 3}, d: {inq: [1]}, e: {nin: [2]}, f: {between: [1, 5]},
      g: {exists: true}, h: {exists: false}, i: {exists: true},
      j: {like: 'a%'}, k: {nlike: 'b%'}, l: {ilike: 'c%'}, m: {nilike: 'd%'}, n: {regexp: /^x/},
    });
  });

  it('combines and/or clauses, flattening arrays', () => {
    const where = new WhereBuilder()
      .eq('a', 1)
      .and({x: 'x'}, [{y: {gt: 1}}, {z: 2}])
      .or({d: 'd'}, {e: {neq: 1}})
      .build();
    assert.deepEqual(where, {a: 1, and: [{x: 'x'}, {y: {gt: 1}}, {z: 2}], or: [{d: 'd'}, {e: {neq: 1}}]});
  });

  it('turns a repeated key into an and clause', () => {
    assert.deepEqual(new WhereBuilder().eq('a', 1).gt('a', 0).build(), {and: [{a: 1}, {a: {gt: 0}}]});
    assert.deepEqual(new WhereBuilder().and({x: 1}).and({y: 2}).build(), {and: [{and: [{x: 1}]}, {and: [{y: 2}]}]});
  });

  it('imposes where clauses', () => {
    assert.deepEqual(new WhereBuilder({a: 1}).impose({b: 2}).build(), {a: 1, b: 2});
    assert.deepEqual(new WhereBuilder({a: 1}).impose({a: 2}).build(), {and: [{a: 1}, {a: 2}]});
    assert.deepEqual(new WhereBuilder({a: 1}).impose(undefined as any).build(), {a: 1});
  });

  it('does not change the where it starts from', () => {
    const start = {a: 1};
    new WhereBuilder(start).eq('b', 2);
    assert.deepEqual(start, {a: 1});
  });

  it('cast returns the clause', () => {
    const clause = {a: 1};
    assert.equal(new WhereBuilder().cast(clause), clause);
  });
});

describe('FilterBuilder', () => {
  it('builds a filter fluently', () => {
    const filter = new FilterBuilder<Todo>()
      .fields('id', 'title').limit(10).offset(5).order(['title ASC', 'priority DESC'])
      .where({done: false}).include('tags')
      .build();
    assert.deepEqual(filter, {
      fields: {id: true, title: true}, limit: 10, offset: 5, order: ['title ASC', 'priority DESC'],
      where: {done: false}, include: [{relation: 'tags'}],
    });
  });

  it('limit must be at least 1', () => {
    assert.throws(() => new FilterBuilder().limit(0), (e: unknown) =>
      e instanceof InvalidFilterError && e.message === 'Limit 0 must a positive number');
    assert.throws(() => new FilterBuilder().limit(-2), {message: 'Limit -2 must a positive number'});
    assert.throws(() => new FilterBuilder().limit(NaN), {message: 'Limit NaN must a positive number'});
  });

  it('skip is an alias of offset', () => {
    assert.deepEqual(new FilterBuilder().skip(3).build(), {offset: 3});
  });

  it('fields accepts names, arrays and objects', () => {
    const filter = new FilterBuilder<Todo>().fields('id', ['title', 'done'], {priority: false}).build();
    assert.deepEqual(filter.fields, {id: true, title: true, done: true, priority: false});
    assert.deepEqual(new FilterBuilder<Todo>({fields: ['id']}).fields('title').build().fields, {id: true, title: true});
  });

  it('order accepts strings, arrays and objects, appending ASC', () => {
    const filter = new FilterBuilder<Todo>().order('title').order(['id', 'done DESC']).order({priority: 'DESC'}).build();
    assert.deepEqual(filter.order, ['title ASC', 'id ASC', 'done DESC', 'priority DESC']);
    assert.deepEqual(new FilterBuilder({order: 'a DESC'}).order('b').build().order, ['a DESC', 'b ASC']);
  });

  it('order rejects malformed items', () => {
    assert.throws(() => new FilterBuilder().order('title desc'), {message: 'Invalid order: title desc'});
    assert.throws(() => new FilterBuilder().order(['a', 'b  ASC']), {message: 'Invalid order: b  ASC'});
    assert.throws(() => new FilterBuilder().order(''), {message: 'Invalid order: '});
  });

  it('include turns names into relation objects', () => {
    const scope = {limit: 1};
    const filter = new FilterBuilder().include('a', ['b', 'c'], {relation: 'd', scope}).build();
    assert.deepEqual(filter.include, [{relation: 'a'}, {relation: 'b'}, {relation: 'c'}, {relation: 'd', scope}]);
  });

  it('where replaces the where clause', () => {
    assert.deepEqual(new FilterBuilder({where: {a: 1}}).where({b: 2}).build(), {where: {b: 2}});
  });

  it('imposes where constraints and where-only filters', () => {
    assert.deepEqual(new FilterBuilder({where: {a: 1}}).impose({b: 2}).build(), {where: {a: 1, b: 2}});
    assert.deepEqual(new FilterBuilder({where: {a: 1}}).impose({where: {a: 2}}).build(),
      {where: {and: [{a: 1}, {a: 2}]}});
    assert.deepEqual(new FilterBuilder().impose({b: 2}).build(), {where: {b: 2}});
    assert.deepEqual(new FilterBuilder({limit: 1}).impose({}).build(), {limit: 1, where: {}});
  });

  it('refuses to merge selection, pagination and sorting', () => {
    for (const key of ['fields', 'order', 'limit', 'skip', 'offset', 'include']) {
      assert.throws(() => new FilterBuilder().impose({[key]: 1} as any), (e: unknown) =>
        e instanceof RelataError &&
        e.message === 'merging strategy for selection, pagination, and sorting not implemented');
    }
  });

  it('does not change the filter it starts from', () => {
    const start = {where: {a: 1}};
    new FilterBuilder(start).limit(5).impose({b: 2});
    assert.deepEqual(start, {where: {a: 1}});
  });
});

describe('filterTemplate', () => {
  it('fills paths from the context', () => {
    const template = filterTemplate`{"limit": ${'limit'}, "where": {"owner": ${'user.name'}, "x": ${'missing.deep'}}}`;
    assert.deepEqual(template({limit: 5, user: {name: 'ann'}}), {limit: 5, where: {owner: 'ann', x: null}});
    assert.deepEqual(template({limit: 1}), {limit: 1, where: {owner: null, x: null}});
  });

  it('inserts numbers, booleans and objects as JSON', () => {
    const template = filterTemplate`{"limit": ${10}, "a": ${true}, "where": ${{id: 1}}}`;
    assert.deepEqual(template({}), {limit: 10, a: true, where: {id: 1}});
  });

  it('fails with Invalid JSON', () => {
    const template = filterTemplate`{"limit": ${'n'}`;
    assert.throws(() => template({n: 1}), {message: 'Invalid JSON: {"limit": 1'});
  });
});
