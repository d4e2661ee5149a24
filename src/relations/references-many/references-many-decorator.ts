import {inferKeyPropertyType} from '../infer-key-type';
import 'reflect-metadata';
import {property} from '../../model/decorators';
import {PropertyDefinition, PropertyType} from '../../model/property-definition';
import {TypeResolver} from '../../model/type-resolver';
import {relation} from '../relation-decorator';
import {ReferencesManyDefinition, RelationType} from '../relation-types';

/** What the decorator needs of a target class. */
interface TargetClass {
  name: string;
  prototype: object;
  definition?: {properties: {[name: string]: {type?: PropertyType}}; idProperties(): string[]};
}

/**
 * The type of the target key (`keyTo`, else the target's id), from design
 * metadata or the target's definition. `null` when the target class cannot
 * be resolved yet (declared later in the module): the item type is then
 * left to `propertyDefinition.itemType`.
 */
function targetKeyType(targetResolver: TypeResolver, keyTo: string | undefined): {name: string; type?: PropertyType} | null {
  let targetClass: TargetClass | undefined;
  try {
    targetClass = targetResolver() as unknown as TargetClass;
  } catch {
    return null; // still in its temporal dead zone
  }
  if (!targetClass || !targetClass.prototype) return null;
  const key = keyTo ?? targetClass.definition?.idProperties()[0] ?? 'id';
  const type = Reflect.getMetadata('design:type', targetClass.prototype, key) ??
    targetClass.definition?.properties[key]?.type;
  return {name: `${targetClass.name}.${key}`, type};
}

/**
 * Declares a referencesMany relation on the property holding the array of
 * target ids, and declares the property itself (an array whose `itemType`
 * is the target key's type). The relation is named after the property with
 * a trailing `Ids` turned into `s` (`accountIds` → `accounts`) unless
 * `definition.name` says otherwise.
 *
 * ```ts
 * @referencesMany(() => Account)
 * accountIds: number[];
 * ```
 */
export function referencesMany(
  targetResolver: TypeResolver,
  definition?: Partial<ReferencesManyDefinition>,
  propertyDefinition?: Partial<PropertyDefinition>,
): PropertyDecorator {
  return (target: object, key: string | symbol) => {
    const propKey = String(key);
    const type = inferKeyPropertyType(target, key, propertyDefinition, 'referencesMany');
    const keyType = targetKeyType(targetResolver, definition?.keyTo);
    const itemType = keyType?.type ?? propertyDefinition?.itemType;
    if (keyType && !itemType) {
      throw new Error(
        `Cannot infer type of model property ${keyType.name} because ` +
          'TypeScript compiler option `emitDecoratorMetadata` is not set. Please enable ' +
          '`emitDecoratorMetadata` or use the second argument of `@referencesMany` decorator to ' +
          'specify the property type explicitly.');
    }
    const propertyDef: Partial<PropertyDefinition> = {...propertyDefinition, type};
    if (itemType !== undefined) propertyDef.itemType = itemType;
    property(propertyDef)(target, key);
    relation({
      keyFrom: propKey,
      name: propKey.replace(/Ids$/, 's'),
      ...definition,
      type: RelationType.referencesMany,
      targetsMany: true,
      source: target.constructor,
      target: targetResolver,
    })(target, key);
  };
}
