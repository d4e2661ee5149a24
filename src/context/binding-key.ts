import {RelataError} from '../common/errors';

/** A binding key: a plain string or a typed {@link BindingKey}. */
export type BindingAddress<T = unknown> = string | BindingKey<T>;

/**
 * A typed binding key, optionally pointing at a deep property of the bound
 * value (`config#rest.port`).
 *
 * ```ts
 * const DB = BindingKey.create<DataSource>('datasources.db');
 * ctx.bind(DB).to(db);
 * const ds = await ctx.get(DB); // typed DataSource
 * ```
 */
export class BindingKey<ValueType> {
  /** Separates a key from a property path: `key#path.to.property`. */
  static readonly PROPERTY_SEPARATOR = '#';

  /** Never set; carries `ValueType` so keys of different types do not mix. */
  declare readonly __type?: ValueType;

  private constructor(
    /** The binding key proper. */
    readonly key: string,
    /** Optional dotted path into the bound value. */
    readonly propertyPath?: string,
  ) {}

  /**
   * Creates a key. Without `propertyPath`, `key` may itself carry one
   * after `#`.
   */
  static create<ValueType>(key: string, propertyPath?: string): BindingKey<ValueType> {
    if (propertyPath) {
      BindingKey.validate(key);
      return new BindingKey<ValueType>(key, propertyPath);
    }
    return BindingKey.parseKeyWithPath<ValueType>(key);
  }

  /** A key for a deep property of the value bound to this key. */
  deepProperty<PropertyValueType>(propertyPath: string): BindingKey<PropertyValueType> {
    return BindingKey.create<PropertyValueType>(this.key, propertyPath);
  }

  toString(): string {
    return this.propertyPath ? `${this.key}${BindingKey.PROPERTY_SEPARATOR}${this.propertyPath}` : this.key;
  }

  /**
   * Checks that a key is non-empty and carries no property path; returns its
   * string form.
   */
  static validate<T>(key: BindingAddress<T>): string {
    if (!key) throw new RelataError('Binding key must be provided.', 'INVALID_BINDING_KEY');
    const str = key.toString();
    if (str.includes(BindingKey.PROPERTY_SEPARATOR)) {
      throw new RelataError(
        `Binding key ${str} cannot contain '${BindingKey.PROPERTY_SEPARATOR}'.`, 'INVALID_BINDING_KEY');
    }
    return str;
  }

  /** Splits `key#path` into its key and property path. */
  static parseKeyWithPath<T>(keyWithPath: BindingAddress<T>): BindingKey<T> {
    if (typeof keyWithPath !== 'string') {
      return new BindingKey<T>(keyWithPath.key, keyWithPath.propertyPath);
    }
    const index = keyWithPath.indexOf(BindingKey.PROPERTY_SEPARATOR);
    if (index === -1) return new BindingKey<T>(keyWithPath);
    return new BindingKey<T>(keyWithPath.slice(0, index).trim(), keyWithPath.slice(index + 1));
  }
}
