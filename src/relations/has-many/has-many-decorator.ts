import {TypeResolver} from '../../model/type-resolver';
import {relation} from '../relation-decorator';
import {HasManyDefinition, RelationType} from '../relation-types';

/**
 * Declares a hasMany relation named after the decorated property. The foreign
 * key on the target defaults to camelCase(source model name + 'Id').
 *
 * ```ts
 * @hasMany(() => Order)
 * orders?: Order[];
 * ```
 */
export function hasMany(targetResolver: TypeResolver, definition?: Partial<HasManyDefinition>): PropertyDecorator {
  return (target: object, key: string | symbol) => {
    relation({
      name: String(key),
      ...definition,
      type: RelationType.hasMany,
      targetsMany: true,
      source: target.constructor,
      target: targetResolver,
    })(target, key);
  };
}
