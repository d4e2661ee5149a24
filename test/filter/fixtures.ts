import assert from 'node:assert/strict';
import {InvalidFilterError} from '../../src/filter/invalid-filter-error';
import {ModelDefinition} from '../../src/model/model-definition';

/** A strict model with one property of every kind the filter coerces. */
export function customerDefinition(): ModelDefinition {
  return new ModelDefinition({
    name: 'Customer',
    properties: {
      id: {type: 'number', id: true},
      name: {type: 'string'},
      age: {type: Number},
      active: {type: 'boolean'},
      born: {type: Date},
      address: {type: 'object'},
      tags: {type: 'array', itemType: 'string'},
      scores: {type: [Number]},
      extra: {type: 'any'},
    },
  });
}

/** The same model with `strict: false`. */
export function looseDefinition(): ModelDefinition {
  const def = customerDefinition();
  def.settings.strict = false;
  return def;
}

/** Asserts `fn` throws an InvalidFilterError (400) with this message and code. */
export function assertInvalid(fn: () => unknown, message: string | RegExp, code = 'INVALID_FILTER'): void {
  assert.throws(fn, (err: unknown) => {
    assert.ok(err instanceof InvalidFilterError, `expected InvalidFilterError, got ${String(err)}`);
    if (typeof message === 'string') assert.equal(err.message, message);
    else assert.match(err.message, message);
    assert.equal(err.code, code);
    assert.equal(err.statusCode, 400);
    return true;
  });
}
