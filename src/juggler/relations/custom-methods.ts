import {AnyObject} from '../../common/types';
import {JugglerRelationDefinition, JugglerRelationParams} from './relation-definition';

/**
 * A relation's custom accessor methods (`methods`, `scopeMethods`,
 * `defineMethod`) and the remoting metadata they carry (LoopBack 3 face).
 */

/** The remoting metadata LoopBack 3 reads from a method function. */
const REMOTING_KEYS = ['shared', 'accepts', 'returns', 'http', 'description'];

/** The remoting metadata set on `fn` (`shared`, `accepts`, `returns`, `http`, `description`). */
export function remotingOf(fn: Function): AnyObject {
  const out: AnyObject = {};
  for (const k of REMOTING_KEYS) {
    if ((fn as AnyObject)[k] !== undefined) out[k] = (fn as AnyObject)[k];
  }
  return out;
}

/**
 * Records the relation's custom methods (`methods`, and `scopeMethods`) on
 * the definition, where accessors pick them up and the REST layer finds
 * them with their remoting metadata; shared ones also get their
 * `__<method>__<relation>` prototype helper.
 *
 * `scopeMethods` given as a function is called once, as LoopBack 3 calls
 * it: with `this` = the relation and a table of the relation's methods, to
 * which it adds its own; it returns their names (or a table of methods).
 */
export function registerCustomMethods(relation: JugglerRelationDefinition, params: JugglerRelationParams): void {
  relation.scopeMethods = params.scopeMethods;
  const tables: unknown[] = [params.methods];
  if (typeof params.scopeMethods === 'function') tables.push(scopeMethodsFromFunction(relation, params.scopeMethods));
  else tables.push(params.scopeMethods);
  for (const table of tables) {
    if (!table || typeof table !== 'object') continue;
    for (const [name, fn] of Object.entries(table)) {
      if (typeof fn === 'function') relation.defineMethod(name, fn);
    }
  }
}

/** The built-in accessor methods LoopBack 3 hands a `scopeMethods` function (they run on the accessor). */
const BUILT_IN_SCOPE_METHODS = ['findById', 'destroy', 'updateById', 'exists', 'create', 'build'];

function scopeMethodsFromFunction(relation: JugglerRelationDefinition, fn: Function): AnyObject {
  const table: AnyObject = {};
  for (const name of BUILT_IN_SCOPE_METHODS) {
    table[name] = function (this: AnyObject, ...args: unknown[]) {
      return this[name](...args);
    };
  }
  const builtIns = {...table};
  const result = fn.call(relation, table);
  if (Array.isArray(result)) {
    return Object.fromEntries(result.filter(n => typeof n === 'string' && typeof table[n] === 'function')
      .map(n => [n, table[n]]));
  }
  if (result && typeof result === 'object') return result as AnyObject;
  return Object.fromEntries(Object.entries(table).filter(([n, f]) => builtIns[n] !== f));
}
