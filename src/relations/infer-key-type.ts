import 'reflect-metadata';
import {PropertyDefinition, PropertyType} from '../model/property-definition';

/**
 * The type of a decorated key property: TypeScript's design type, else the
 * `type` of the decorator's property definition. Fails with LoopBack's text
 * when neither is there (`emitDecoratorMetadata` off and no explicit type).
 */
export function inferKeyPropertyType(
  target: object, key: string | symbol, propertyDefinition: Partial<PropertyDefinition> | undefined, decorator: string,
): PropertyType {
  const type = Reflect.getMetadata('design:type', target, key) ?? propertyDefinition?.type;
  if (!type) {
    throw new Error(
      `Cannot infer type of model property ${target.constructor.name}.${String(key)} because ` +
        'TypeScript compiler option `emitDecoratorMetadata` is not set. Please enable ' +
        `\`emitDecoratorMetadata\` or use the third argument of \`@${decorator}\` decorator to ` +
        'specify the property type explicitly.');
  }
  return type;
}
