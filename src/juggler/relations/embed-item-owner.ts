import {AnyObject, Options} from '../../common/types';
import {callbackOrPromise} from '../callback-args';
import {markPersisted, PersistedModel} from '../persisted-model';
import {changeAndPersist, updateItemAndPersist} from './embed-persist';
import type {JugglerRelationDefinition} from './relation-definition';
import {relationLabel, toPlainData} from './relation-options';

function define(item: PersistedModel, name: string, fn: Function): void {
  Object.defineProperty(item, name, {value: fn, configurable: true, enumerable: false, writable: true});
}

/**
 * Joins an embedded instance to its owner, as LoopBack 3 prepares embedded
 * items. It counts as stored (`isNewRecord()` is false: it is part of a
 * stored owner, so a generated id on it is not a forced id), and its
 * persistence methods act on the owner: `item.save()` and
 * `item.updateAttributes(data)` (`patchAttributes`, `updateAttribute`)
 * write the owner's embedded data, `item.destroy()` (`delete`, `remove`)
 * takes the item out of its owner; each takes an optional callback and
 * returns a promise. With `options.persistent` the items are rows of their
 * own model: stored when they have an id, and their methods left alone.
 */
export function adoptEmbeddedItem(relation: JugglerRelationDefinition, owner: PersistedModel, item: PersistedModel): void {
  if (relation.options.persistent) {
    if ((item as unknown as AnyObject)[relation.keyTo] != null) markPersisted(item);
    return;
  }
  markPersisted(item);
  const property = relation.keyFrom;
  const self = owner as unknown as AnyObject;
  define(item, 'save', (...args: unknown[]) => callbackOrPromise(args, 1, (options?: Options) =>
    changeAndPersist(relation, owner, options, () => item)));
  const update = (...args: unknown[]) => callbackOrPromise(args, 2, (data: unknown, options?: Options) =>
    updateItemAndPersist(relation, owner, item, toPlainData(data, relationLabel(relation)), options));
  define(item, 'updateAttributes', update);
  define(item, 'patchAttributes', update);
  define(item, 'updateAttribute', (name: string, value: unknown, ...rest: unknown[]) => update({[name]: value}, ...rest));
  const destroy = (...args: unknown[]) => callbackOrPromise(args, 1, (options?: Options) =>
    changeAndPersist(relation, owner, options, () => {
      if (!relation.multiple) {
        if (self[property] !== item) return {count: 0};
        self[property] = null;
        return {count: 1};
      }
      const list = self[property];
      const index = Array.isArray(list) ? list.indexOf(item) : -1;
      if (index < 0) return {count: 0};
      list.splice(index, 1);
      return {count: 1};
    }));
  define(item, 'destroy', destroy);
  define(item, 'delete', destroy);
  define(item, 'remove', destroy);
}
