import {AnyObject, Options} from '../../common/types';
import {kindOfType} from '../../model/property-definition';
import {ValidationErrors} from './validation-errors';
import {ValidationRule, validationsOf} from './validation-rules';
import {asyncValidator, DEFAULT_MESSAGES, isBlank, syncValidator, Validated} from './validators';

/** What the model class offers the validation run. */
interface ValidatedModel extends Function {
  definition: {properties: AnyObject; settings: AnyObject; idProperties(): string[]};
  relations?: AnyObject;
}

/** Outcome of one validation run: known at once, or after the asynchronous validations. */
export type ValidationOutcome = {valid: boolean; pending?: undefined} | {valid?: undefined; pending: Promise<boolean>};

/**
 * Runs every validation of the instance's model — declared ones, presence
 * of `required` properties, dates, unknown properties of a strict model,
 * and `forceId` (no id on a new instance) — and sets `instance.errors`
 * (a `ValidationErrors`, or `false` when valid) as juggler does.
 */
export function runValidations(instance: Validated, options: Options = {}): ValidationOutcome {
  const Model = instance.constructor as ValidatedModel;
  const errors = new ValidationErrors();
  Object.defineProperty(instance, 'errors', {value: errors, enumerable: false, configurable: true, writable: true});
  let valid = true;
  const pending: Promise<boolean>[] = [];

  for (const {property, rule} of builtInRules(instance, Model)) {
    if (check(instance, property, rule, errors, options)) valid = false;
  }
  for (const {property, rule} of validationsOf(Model)) {
    if (skip(instance, rule)) continue;
    if (rule.async) pending.push(checkAsync(instance, property, rule, errors, options));
    else if (check(instance, property, rule, errors, options)) valid = false;
  }
  const unknown = (instance as {__unknownProperties?: string[]}).__unknownProperties;
  if (unknown?.length) {
    for (const key of unknown) errors.add(key, DEFAULT_MESSAGES['unknown-property'], 'unknown-property');
    valid = false;
  }
  const finish = (ok: boolean) => {
    if (ok) Object.defineProperty(instance, 'errors', {value: false, enumerable: false, configurable: true, writable: true});
    return ok;
  };
  if (!pending.length) return {valid: finish(valid)};
  return {
    pending: Promise.all(pending).then(failed => finish(valid && !failed.some(Boolean))),
  };
}

/** Resolves to true when the instance passes every validation (sync and async). */
export async function validateInstance(instance: Validated, options?: Options): Promise<boolean> {
  const outcome = runValidations(instance, options);
  return outcome.pending ? outcome.pending : outcome.valid!;
}

/**
 * Rules implied by the definition: `required` properties (a generated id
 * may be absent on a new instance), Date properties, and `forceId` (juggler
 * registers `validatesAbsenceOf(id, {if: 'isNewRecord'})` for it).
 */
function* builtInRules(instance: Validated, Model: ValidatedModel): Generator<{property: string; rule: ValidationRule}> {
  const {properties, settings} = Model.definition;
  const ids = Model.definition.idProperties();
  for (const name of Object.keys(properties)) {
    const prop = properties[name];
    if (prop.required && !(prop.generated && ids.includes(name) && instance.isNewRecord())) {
      const extra = typeof prop.required === 'object' ? prop.required : {};
      yield {property: name, rule: {...extra, validation: 'presence', async: false}};
    }
    if (kindOfType(prop.type) === 'date') yield {property: name, rule: {validation: 'date', async: false}};
  }
  if (settings.forceId && ids.length === 1 && instance.isNewRecord()) {
    yield {property: ids[0], rule: {validation: 'absence', async: false}};
  }
}

/** juggler's `if`/`unless` conditions: a function, an instance method name, or a property name. */
function skip(instance: Validated, rule: ValidationRule): boolean {
  return !condition(instance, rule.if, 'if') || !condition(instance, rule.unless, 'unless');
}

function condition(instance: Validated, cond: unknown, kind: 'if' | 'unless'): boolean {
  let value: unknown;
  if (typeof cond === 'function') value = cond.call(instance);
  else if (typeof cond === 'string') {
    const member = instance[cond];
    if (typeof member === 'function') value = member.call(instance);
    else if (member !== undefined) value = member;
    else return kind === 'if';
  } else return true;
  return kind === 'unless' ? !value : !!value;
}

/** The recorder of one rule's failures (juggler's `onerror`): code and message per failure kind. */
function failRecorder(property: string, rule: ValidationRule, errors: ValidationErrors, state: {failed: boolean}) {
  return (kind?: string | false | Error) => {
    state.failed = true;
    if (kind === false) return;
    let code = rule.code ?? rule.validation;
    let message: unknown = rule.message ?? DEFAULT_MESSAGES[rule.validation] ?? 'is invalid';
    if (kind instanceof Error) {
      message = kind.message;
    } else if (kind) {
      code += '.' + kind;
      const byKind = message !== null && typeof message === 'object' ? (message as AnyObject)[kind] : undefined;
      message = byKind ?? DEFAULT_MESSAGES.common[kind] ?? 'is invalid';
    }
    errors.add(property, String(message), code);
  };
}

/** Runs one synchronous rule; true when it failed. */
function check(instance: Validated, property: string, rule: ValidationRule, errors: ValidationErrors, options: Options): boolean {
  const validator = syncValidator(rule.validation);
  if (!validator) return false;
  const state = {failed: false};
  validator(instance, property, rule, failRecorder(property, rule, errors, state), options);
  return state.failed;
}

/** Runs one asynchronous rule; resolves to true when it failed. */
async function checkAsync(
  instance: Validated, property: string, rule: ValidationRule, errors: ValidationErrors, options: Options,
): Promise<boolean> {
  const validator = asyncValidator(rule.validation);
  if (!validator) return false;
  const state = {failed: false};
  await validator(instance, property, rule, failRecorder(property, rule, errors, state), options);
  return state.failed;
}

export {isBlank};
