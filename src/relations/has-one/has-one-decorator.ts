import {TypeResolver} from '../../model/type-resolver';
import {relation} from '../relation-decorator';
import {HasOneDefinition, RelationType} from '../relation-types';

/**
 * Declares a hasOne relation. Its name is always the decorated property's
 * (as in LoopBack 4); the target must declare the foreign key
 * (camelCase(source model name + 'Id') by default).
 *
 * ```ts
 * @hasOne(() => Address)
 * address?: Address;
 * ```
 */
export function hasOne(targetResolver: TypeResolver, definition?: Partial<HasOneDefinition>): PropertyDecorator {
  return (target: object, key: string | symbol) => {
    relation({
      ...definition,
      name: String(key),
      type: RelationType.hasOne,
      targetsMany: false,
      source: target.constructor,
      target: targetResolver,
    })(target, key);
  };
}
