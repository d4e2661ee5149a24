// Seed 003, src/models/order.model.ts (the variant whose foreign key comes from @belongsTo).
import {Entity, model, property, belongsTo, hasMany} from 'relata';
import {Customer, CustomerWithRelations} from './customer.model';
import {Manufacturer} from './manufacturer.model';

@model()
export class Order extends Entity {
  @property({
    type: 'number',
    id: true,
    required: true,
  })
  id: number;

  @property({
    type: 'string',
    required: true,
  })
  name: string;

  @belongsTo(() => Customer)
  customerId: number;

  @hasMany(() => Manufacturer)
  manufacturers?: Manufacturer[];

  constructor(data?: Partial<Order>) {
    super(data);
  }
}

export interface OrderRelations {
  customer?: CustomerWithRelations;
}

export type OrderWithRelations = Order & OrderRelations;
