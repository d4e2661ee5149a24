import {inferKeyPropertyType} from '../infer-key-type';
import {property} from '../../model/decorators';
import {PropertyDefinition} from '../../model/property-definition';
import {TypeResolver} from '../../model/type-resolver';
import {relation} from '../relation-decorator';
import {BelongsToDefinition, RelationType} from '../relation-types';

/**
 * Declares a belongsTo relation on the foreign-key property and declares the
 * property itself. The relation is named after the property minus a trailing
 * `Id` (`customerId` → `customer`) unless `definition.name` says otherwise.
 *
 * ```ts
 * @belongsTo(() => Customer)
 * customerId: number;
 * ```
 */
export function belongsTo(
  targetResolver: TypeResolver,
  definition?: Partial<BelongsToDefinition>,
  propertyDefinition?: Partial<PropertyDefinition>,
): PropertyDecorator {
  return (target: object, key: string | symbol) => {
    const propKey = String(key);
    const type = inferKeyPropertyType(target, key, propertyDefinition, 'belongsTo');
    property({...propertyDefinition, type})(target, key);
    relation({
      keyFrom: propKey,
      name: propKey.replace(/Id$/, ''),
      ...definition,
      type: RelationType.belongsTo,
      targetsMany: false,
      source: target.constructor,
      target: targetResolver,
    })(target, key);
  };
}
