// Seed 003, src/controllers/customer-orders.controller.ts; imports changed to 'relata'.
import {post, param, requestBody} from 'relata';
import {CustomerRepository} from '../repositories/';
import {Customer, Order} from '../models/';
import {repository} from 'relata';

export class CustomerOrdersController {
  constructor(
    @repository(CustomerRepository)
    protected customerRepository: CustomerRepository,
  ) {}

  @post('/customers/{id}/order')
  async createOrder(
    @param.path.number('id') customerId: typeof Customer.prototype.id,
    @requestBody() orderData: Order,
  ): Promise<Order> {
    return this.customerRepository.orders(customerId).create(orderData);
  }
}
