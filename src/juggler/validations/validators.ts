import {AnyObject, Options} from '../../common/types';
import {ValidationKind, ValidationRule} from './validation-rules';

/** Reports a failure; `kind` refines the code and message (`length.min`), `false` fails without a message. */
export type FailFn = (kind?: string | false | Error) => void;

/** The instance a validator checks (`this` of custom validators). */
export type Validated = AnyObject & {
  constructor: Function;
  getId(): unknown;
  isNewRecord(): boolean;
};

type SyncValidator = (inst: Validated, property: string, rule: ValidationRule, fail: FailFn, options: Options) => void;
type AsyncValidator = (inst: Validated, property: string, rule: ValidationRule, fail: FailFn, options: Options) => Promise<void>;

/** juggler's default messages, by validation and by failure kind. */
export const DEFAULT_MESSAGES: AnyObject = {
  presence: "can't be blank",
  absence: "can't be set",
  'unknown-property': 'is not defined in the model',
  length: {min: 'too short', max: 'too long', is: 'length is wrong'},
  common: {blank: 'is blank', null: 'is null'},
  numericality: {int: 'is not an integer', number: 'is not a number'},
  inclusion: 'is not included in the list',
  exclusion: 'is reserved',
  uniqueness: 'is not unique',
  date: 'is not a valid date',
};

/** undefined, null, NaN, '' and [] count as blank (juggler's `blank`). */
export function isBlank(v: unknown): boolean {
  return v === undefined || v === null || v === '' ||
    (typeof v === 'number' && Number.isNaN(v)) || (Array.isArray(v) && v.length === 0);
}

/** Missing values fail as `blank`/`null` unless `allowBlank`/`allowNull`; true when there is nothing more to check. */
function nullCheck(value: unknown, rule: ValidationRule, fail: FailFn): boolean {
  if (value === undefined || value === '') {
    if (!rule.allowBlank) fail('blank');
    return true;
  }
  if (value === null) {
    if (!rule.allowNull) fail('null');
    return true;
  }
  return false;
}

const sync: Partial<Record<ValidationKind, SyncValidator>> = {
  presence(inst, p, _rule, fail) {
    if (isBlank(inst[p])) fail();
  },
  absence(inst, p, _rule, fail) {
    if (!isBlank(inst[p])) fail();
  },
  length(inst, p, rule, fail) {
    const v = inst[p];
    if (nullCheck(v, rule, fail)) return;
    const len = (v as {length?: unknown}).length;
    if (typeof len !== 'number') return fail('is');
    if (rule.min && len < rule.min) fail('min');
    if (rule.max && len > rule.max) fail('max');
    if (rule.is && len !== rule.is) fail('is');
  },
  numericality(inst, p, rule, fail) {
    const v = inst[p];
    if (nullCheck(v, rule, fail)) return;
    if (typeof v !== 'number' || Number.isNaN(v)) return fail('number');
    if (rule.int && !Number.isInteger(v)) fail('int');
  },
  inclusion(inst, p, rule, fail) {
    const v = inst[p];
    if (nullCheck(v, rule, fail)) return;
    if (!(rule.in as unknown[]).includes(v)) fail();
  },
  exclusion(inst, p, rule, fail) {
    const v = inst[p];
    if (nullCheck(v, rule, fail)) return;
    if ((rule.in as unknown[]).includes(v)) fail();
  },
  format(inst, p, rule, fail) {
    const v = inst[p];
    if (nullCheck(v, rule, fail)) return;
    if (typeof v !== 'string' && typeof v !== 'number') return fail();
    const re = rule.with instanceof RegExp ? new RegExp(rule.with.source, rule.with.flags.replace('g', '')) : new RegExp(rule.with);
    if (!re.test(String(v))) fail();
  },
  date(inst, p, _rule, fail) {
    const v = inst[p];
    if (v === null || v === undefined) return;
    if (Number.isNaN(new Date(v as string).getTime())) fail();
  },
  custom(inst, _p, rule, fail, options) {
    rule.customValidator.call(inst, fail, options);
  },
};

const asyncValidators: Partial<Record<ValidationKind, AsyncValidator>> = {
  custom(inst, _p, rule, fail, options) {
    const fn = rule.customValidator as Function;
    return new Promise<void>((resolve, reject) => {
      let done = false;
      const finish = () => {
        if (!done) {
          done = true;
          resolve();
        }
      };
      try {
        const returned = fn.length === 3 ? fn.call(inst, fail, options, finish) : fn.call(inst, fail, finish);
        if (returned && typeof returned.then === 'function') returned.then(finish, reject);
      } catch (err) {
        reject(err);
      }
    });
  },
  async uniqueness(inst, p, rule, fail, options) {
    const value = inst[p];
    if (isBlank(value)) return;
    const where: AnyObject = {};
    where[p] = rule.ignoreCase && typeof value === 'string'
      ? new RegExp('^' + value.replace(/[|\\{}()[\]^$+*?.]/g, '\\$&') + '$', 'i')
      : value;
    for (const k of (rule.scopedTo as string[] | undefined) ?? []) {
      if (inst[k] !== undefined) where[k] = inst[k];
    }
    const Model = inst.constructor as Function & {find(filter: AnyObject, options?: Options): Promise<Validated[]>; getIdName(): string};
    const found = await Model.find({where}, options);
    const idName = Model.getIdName();
    const ownId = inst.getId();
    if (found.length > 1) return fail();
    if (found.length === 1) {
      const otherId = found[0].getId();
      if (idName === p && inst.isNewRecord()) return fail();
      if (ownId == null || otherId == null || String(otherId) !== String(ownId)) fail();
    }
  },
};

/** The synchronous validator of a kind (custom validators declared with `validate`). */
export function syncValidator(kind: ValidationKind): SyncValidator | undefined {
  return sync[kind];
}

/** The asynchronous validator of a kind (uniqueness, `validateAsync`). */
export function asyncValidator(kind: ValidationKind): AsyncValidator | undefined {
  return asyncValidators[kind];
}
