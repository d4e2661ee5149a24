import {AnyObject} from '../../common/types';

/** A top-level condition a hash index can answer: `property` equals one of `values`. */
export interface EqualityConjunct {
  property: string;
  values: unknown[];
}

/**
 * The conditions of a normalized where that every match must satisfy and
 * that are plain equality or `inq` on one property: top-level keys and keys
 * inside a top-level `and` (recursively). `or` branches and operator objects
 * other than `inq`/`eq` are left to the compiled where.
 */
export function equalityConjuncts(where: AnyObject): EqualityConjunct[] {
  const out: EqualityConjunct[] = [];
  collect(where, out);
  return out;
}

function collect(where: AnyObject, out: EqualityConjunct[]): void {
  for (const key of Object.keys(where)) {
    const value = where[key];
    if (key === 'and') {
      if (Array.isArray(value)) {
        for (const sub of value) if (isPlainObject(sub)) collect(sub, out);
      }
      continue;
    }
    if (key === 'or' || key === 'nor' || key.includes('.')) continue;
    if (isIndexableScalar(value)) {
      out.push({property: key, values: [value]});
      continue;
    }
    if (!isPlainObject(value)) continue;
    const ops = Object.keys(value);
    if (ops.length !== 1) continue;
    if (ops[0] === 'inq' && Array.isArray(value.inq) && value.inq.every(isIndexableScalar)) {
      out.push({property: key, values: value.inq});
    } else if (ops[0] === 'eq' && isIndexableScalar(value.eq)) {
      out.push({property: key, values: [value.eq]});
    }
  }
}

/** Values the index files exactly as the matcher compares them. */
function isIndexableScalar(v: unknown): boolean {
  switch (typeof v) {
    case 'string':
    case 'boolean':
      return true;
    case 'number':
      return v === v;
    case 'object':
      return v === null || (v instanceof Date && !Number.isNaN(v.getTime()));
    default:
      return false;
  }
}

function isPlainObject(v: unknown): v is AnyObject {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return false;
  const proto = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}
