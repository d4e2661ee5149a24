/** Dates and Buffers are values, not containers to walk. */
function isContainer(value: object): boolean {
  return !(value instanceof Date) && !Buffer.isBuffer(value);
}

/**
 * True when an object graph contains itself (it could not be copied,
 * stored or serialized). Walks the enumerable values of every object that
 * `descend` accepts (by default all but Dates and Buffers); each object is
 * walked once, so shared (non-circular) branches cost nothing extra.
 */
export function hasCycle(value: unknown, descend: (value: object) => boolean = isContainer): boolean {
  const open = new Set<object>();
  const done = new Set<object>();
  const visit = (v: unknown): boolean => {
    if (v === null || typeof v !== 'object' || done.has(v) || !descend(v)) return false;
    if (open.has(v)) return true;
    open.add(v);
    for (const child of Array.isArray(v) ? v : Object.values(v)) if (visit(child)) return true;
    open.delete(v);
    done.add(v);
    return false;
  };
  return visit(value);
}
