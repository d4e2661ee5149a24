import {AnyObject} from '../../common/types';
import {InvalidModelDefinitionError} from '../model-definition-error';

/** The validations LoopBack 3 models declare (`validatesPresenceOf`, …, `validate`). */
export type ValidationKind =
  | 'presence' | 'absence' | 'length' | 'numericality' | 'inclusion' | 'exclusion'
  | 'format' | 'custom' | 'uniqueness' | 'date';

/**
 * One declared validation of one property: juggler's configuration object
 * (`message`, `code`, `if`, `unless`, `allowNull`, `allowBlank`, and the
 * kind's own keys: `min`/`max`/`is`, `in`, `with`, `int`, `scopedTo`,
 * `ignoreCase`, `customValidator`).
 */
export interface ValidationRule extends AnyObject {
  validation: ValidationKind;
  /** Runs after the synchronous validations (uniqueness, `validateAsync`). */
  async: boolean;
}

/** Validations by property, per model class (a subclass adds to its bases' rules). */
const registry = new WeakMap<Function, {[property: string]: ValidationRule[]}>();

/** The validations declared on `model` itself (juggler's `Model.validations`). */
export function ownValidations(model: Function): {[property: string]: ValidationRule[]} {
  let own = registry.get(model);
  if (!own) {
    own = {};
    registry.set(model, own);
  }
  return own;
}

/** Every validation that applies to `model`: its bases' first, then its own. */
export function validationsOf(model: Function): {property: string; rule: ValidationRule}[] {
  const classes: Function[] = [];
  for (let m: Function | null = model; m && m !== Function.prototype; m = Object.getPrototypeOf(m)) classes.unshift(m);
  const out: {property: string; rule: ValidationRule}[] = [];
  for (const m of classes) {
    const own = registry.get(m);
    if (!own) continue;
    for (const property of Object.keys(own)) for (const rule of own[property]) out.push({property, rule});
  }
  return out;
}

/**
 * Declares a validation the way juggler's configurators read their
 * arguments: property names, then an optional options object; `validate`
 * and `validateAsync` take the validator function before the options.
 *
 * ```js
 * User.validatesPresenceOf('first', 'last', {message: 'required'});
 * User.validate('name', function (err) { if (this.name === 'bad') err(); }, {message: 'Bad name'});
 * ```
 */
export function addValidation(model: Function, validation: ValidationKind, args: unknown[], async = false): void {
  const list = [...args];
  let conf: AnyObject = {};
  const last = list[list.length - 1];
  if (last !== null && typeof last === 'object' && !Array.isArray(last)) conf = {...(list.pop() as AnyObject)};
  if (validation === 'custom') {
    const fn = list[list.length - 1];
    if (typeof fn !== 'function') {
      throw new InvalidModelDefinitionError(
        `${async ? 'validateAsync' : 'validate'}() needs a validator function`, 'INVALID_VALIDATION');
    }
    conf.customValidator = list.pop();
  }
  const properties = list.filter((p): p is string => typeof p === 'string');
  if (!properties.length) {
    throw new InvalidModelDefinitionError(`A ${validation} validation needs at least one property name`, 'INVALID_VALIDATION');
  }
  if (validation === 'uniqueness' && typeof conf.scopedTo === 'string') conf.scopedTo = [conf.scopedTo];
  checkConfiguration(validation, conf);
  const own = ownValidations(model);
  for (const property of properties) {
    (own[property] ??= []).push({...conf, validation, async});
  }
}

/** Configuration mistakes fail at declaration time, not with a TypeError on the first save. */
function checkConfiguration(validation: ValidationKind, conf: AnyObject): void {
  if ((validation === 'inclusion' || validation === 'exclusion') && !Array.isArray(conf.in)) {
    throw new InvalidModelDefinitionError(
      `validates${validation === 'inclusion' ? 'Inclusion' : 'Exclusion'}Of needs an \`in\` array`, 'INVALID_VALIDATION');
  }
  if (validation === 'format' && !(conf.with instanceof RegExp) && typeof conf.with !== 'string') {
    throw new InvalidModelDefinitionError('validatesFormatOf needs a `with` regular expression', 'INVALID_VALIDATION');
  }
  if (validation === 'uniqueness' && conf.scopedTo !== undefined && !Array.isArray(conf.scopedTo)) {
    throw new InvalidModelDefinitionError('validatesUniquenessOf: `scopedTo` must be an array of property names', 'INVALID_VALIDATION');
  }
}
