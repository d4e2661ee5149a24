/**
 * How a binding caches its value (LoopBack's scopes and string values).
 *
 * - `TRANSIENT` (default): a new value on every resolution.
 * - `CONTEXT`: one value per context the binding is resolved from.
 * - `SINGLETON`: one value for the context that owns the binding and all its
 *   descendants; its dependencies are resolved from the owning context.
 */
export enum BindingScope {
  TRANSIENT = 'Transient',
  CONTEXT = 'Context',
  SINGLETON = 'Singleton',
}

/** What a binding's value comes from. */
export enum BindingType {
  CONSTANT = 'Constant',
  DYNAMIC_VALUE = 'DynamicValue',
  CLASS = 'Class',
  PROVIDER = 'Provider',
  ALIAS = 'Alias',
}
