import {AnyObject, Options} from '../../common/types';
import {markPersisted, PersistedModel, PersistedModelClass} from '../persisted-model';
import {validationErrorOf} from '../validations/validation-errors';
import type {JugglerRelationDefinition} from './relation-definition';

/** One problem the owner's validation reports (juggler's `errors.add(property, message, code)`). */
interface Failure {
  property: string;
  code: string;
  message: string;
}

/**
 * Runs the embedded model's validations (`required` properties,
 * `validatesPresenceOf`, …) on one embedded instance; throws the embedded
 * model's `ValidationError` (422), e.g. "The `Address` instance is not
 * valid. Details: `street` can't be blank (value: undefined)."
 */
export async function validateEmbeddedItem(Target: PersistedModelClass, item: PersistedModel, options?: Options): Promise<void> {
  if (!(await item.isValid(undefined, undefined, options))) throw validationErrorOf(item as AnyObject, Target.modelName);
}

/**
 * The first problem of an embedded instance, as LoopBack 3 quotes it in the
 * owner's error ("`street` can't be blank"); undefined when it is valid.
 * Asynchronous validations of the embedded model are not waited for here
 * (the owner's validation is synchronous, as in LoopBack 3).
 */
function firstProblem(item: PersistedModel): string | undefined {
  if (item.isValid() !== false) return undefined;
  const errors = item.errors as AnyObject;
  const [property] = Object.keys(errors);
  return property === undefined ? 'is invalid' : `\`${property}\` ${errors[property][0]}`;
}

/** A plain object of an embedded list checked as the item it becomes (part of a stored owner, as items are). */
function asItem(relation: JugglerRelationDefinition, entry: unknown): PersistedModel | undefined {
  if (entry === null || typeof entry !== 'object' || Array.isArray(entry)) return undefined;
  const item = new relation.modelTo!(entry as AnyObject);
  if (!relation.options.persistent) markPersisted(item);
  return item;
}

/**
 * What LoopBack 3's validations of an embed relation find on the owner:
 * embedsOne — an invalid embedded instance (reported under the relation
 * name: "is invalid: `name` can't be blank"); embedsMany — duplicate ids
 * ("contains duplicate `id`", code `uniqueness`; not for polymorphic lists,
 * whose `relation.uniqueIds` is false) and invalid items ("contains invalid
 * item: `work` (`street` can't be blank)"). `options.validate: false`
 * turns the item checks off.
 */
function embeddedFailures(relation: JugglerRelationDefinition, owner: PersistedModel): Failure[] {
  const Target = relation.modelTo!;
  const value = (owner as unknown as AnyObject)[relation.keyFrom];
  const checkItems = relation.options.validate !== false;
  const failures: Failure[] = [];
  if (!relation.multiple) {
    const problem = checkItems && value instanceof Target ? firstProblem(value) : undefined;
    if (problem) failures.push({property: relation.name, code: 'invalid', message: `is invalid: ${problem}`});
    return failures;
  }
  if (!Array.isArray(value)) return failures;
  const idName = relation.keyTo;
  if (relation.uniqueIds !== false) {
    const ids = value.map(item => (item as AnyObject | null)?.[idName]).filter(id => id != null);
    if (new Set(ids.map(String)).size !== ids.length) {
      failures.push({property: relation.keyFrom, code: 'uniqueness', message: `contains duplicate \`${idName}\``});
    }
  }
  if (!checkItems) return failures;
  value.forEach((entry, index) => {
    // Plain objects pushed onto the list become items when the owner is read back: check them as such.
    const item = entry instanceof Target ? entry : asItem(relation, entry);
    if (!item) {
      failures.push({property: relation.keyFrom, code: 'invalid', message: 'contains invalid item'});
      return;
    }
    const problem = firstProblem(item);
    if (!problem) return;
    const id = (item as AnyObject)[idName];
    const which = id != null && id !== '' ? `: \`${String(id)}\`` : ` at index \`${index}\``;
    failures.push({property: relation.keyFrom, code: 'invalid', message: `contains invalid item${which} (${problem})`});
  });
  return failures;
}

/**
 * Registers the relation's checks among the owner model's validations, as
 * LoopBack 3 does, so every save of the owner (`create`, `save`,
 * `updateAttributes`, …) rejects duplicate ids and invalid embedded items,
 * not only the relation's own methods.
 */
export function registerEmbedValidations(relation: JugglerRelationDefinition): void {
  const source = relation.modelFrom;
  source.validate(relation.multiple ? relation.keyFrom : relation.name, function (this: AnyObject, fail: (kind?: false) => void) {
    const failures = embeddedFailures(relation, this as PersistedModel);
    if (!failures.length) return;
    for (const f of failures) this.errors.add(f.property, f.message, f.code);
    fail(false);
  });
}
