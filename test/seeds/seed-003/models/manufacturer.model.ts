// The Manufacturer model that seed 003's nested include example uses (Order hasMany Manufacturer).
import {Entity, model, property} from 'relata';

@model()
export class Manufacturer extends Entity {
  @property({type: 'number', id: true, generated: true})
  id: number;

  @property({type: 'string'})
  name: string;

  @property({type: 'number'})
  orderId: number;

  constructor(data?: Partial<Manufacturer>) {
    super(data);
  }
}
