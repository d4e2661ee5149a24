// The Address model that seed 003's include examples use (Customer hasOne Address).
import {Entity, model, property} from 'relata';

@model()
export class Address extends Entity {
  @property({type: 'number', id: true})
  id: number;

  @property({type: 'string'})
  city: string;

  @property({type: 'string'})
  province: string;

  @property({type: 'string'})
  zipcode: string;

  @property({type: 'number'})
  customerId: number;

  constructor(data?: Partial<Address>) {
    super(data);
  }
}

export type AddressWithRelations = Address;
