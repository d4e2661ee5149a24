// Seed 003 (LoopBack 4 hasMany docs), src/models/customer.model.ts, imports changed to 'relata'.
import {Order, OrderWithRelations} from './order.model';
import {Address, AddressWithRelations} from './address.model';
import {Entity, model, property, hasMany, hasOne} from 'relata';

@model()
export class Customer extends Entity {
  @property({
    type: 'number',
    id: true,
  })
  id: number;

  @property({
    type: 'string',
    required: true,
  })
  name: string;

  @hasMany(() => Order)
  orders?: Order[];

  @hasOne(() => Address)
  address?: Address;

  constructor(data: Partial<Customer>) {
    super(data);
  }
}

export interface CustomerRelations {
  orders?: OrderWithRelations[];
  address?: AddressWithRelations;
}

export type CustomerWithRelations = Customer & CustomerRelations;
