/** A plain object with string keys, the shape of model data and filter clauses. */
export type AnyObject = Record<string, any>;

/** Extra options passed through every repository and connector call (`transaction`, ...). */
export type Options = AnyObject;

/** A class constructor. */
export type Class<T> = new (...args: any[]) => T;

/** The result of bulk operations. */
export interface Count {
  count: number;
}

/** Data accepted by create/update: the model's own shape, every key optional. */
export type DataObject<T extends object> = T | DeepPartial<T>;

export type DeepPartial<T> = Partial<T> | {[P in keyof T]?: DeepPartial<T[P]>};

export type NonFunction<T> = T extends Function ? never : T;
