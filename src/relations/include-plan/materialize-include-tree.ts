import {AnyObject} from '../../common/types';
import {Entity} from '../../model/model';
import {MaterializePlan} from './plan-include-tree';

type EntityConstructor = new (data?: AnyObject) => Entity;

/**
 * Builds the entities of an include tree from the rows a connector's
 * `findTree` returned: each level's rows become instances of that level's
 * entity class, related rows first (in place, so every row is touched once).
 * Rows carry their relations after their own properties, so the entities
 * get them in the same key order as resolvers assigning them one by one.
 */
export function materializeIncludeTree(rows: AnyObject[], plan: MaterializePlan): Entity[] {
  const out = new Array<Entity>(rows.length);
  materializeInto(rows, plan, out);
  return out;
}

function materializeInto(rows: AnyObject[], plan: MaterializePlan, out: unknown[]): void {
  const Ctor = plan.entityClass as unknown as EntityConstructor;
  const {relations, omitted} = plan;
  const nRelations = relations.length;
  const nOmitted = omitted.length;
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i];
    for (let r = 0; r < nRelations; r++) {
      const rel = relations[r];
      const value = row[rel.name];
      if (value === undefined || value === null) {
        row[rel.name] = undefined;
      } else if (rel.many) {
        materializeInto(value as AnyObject[], rel.plan, value as unknown[]);
      } else {
        row[rel.name] = materializeOne(value as AnyObject, rel.plan);
      }
    }
    const entity = new Ctor(row) as AnyObject;
    for (let r = 0; r < nOmitted; r++) entity[omitted[r]] = undefined;
    out[i] = entity;
  }
}

function materializeOne(row: AnyObject, plan: MaterializePlan): Entity {
  const one = [row];
  materializeInto(one, plan, one);
  return one[0] as Entity;
}
