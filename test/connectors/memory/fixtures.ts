import {MemoryConnector} from '../../../src/connectors/memory';
import {ModelDefinition} from '../../../src/model/model-definition';

/** Customer: number id, a few scalar properties. */
export function customerDef(): ModelDefinition {
  return new ModelDefinition({
    name: 'Customer',
    properties: {
      id: {type: 'number', id: true},
      name: 'string',
      age: 'number',
      vip: 'boolean',
      since: 'date',
      tags: {type: 'array', itemType: 'string'},
      address: 'object',
    },
  });
}

/** Order: number id, customerId foreign key. */
export function orderDef(): ModelDefinition {
  return new ModelDefinition({
    name: 'Order',
    properties: {
      id: {type: 'number', id: true},
      customerId: 'number',
      total: 'number',
      status: 'string',
    },
  });
}

/** Note: string id. */
export function noteDef(): ModelDefinition {
  return new ModelDefinition({
    name: 'Note',
    properties: {id: {type: 'string', id: true}, text: 'string'},
  });
}

/** A connector with Customer, Order and Note defined. */
export function newConnector(settings: Record<string, unknown> = {}): MemoryConnector {
  const db = new MemoryConnector(settings);
  db.define(customerDef());
  db.define(orderDef());
  db.define(noteDef());
  return db;
}
