// Seed 001 (LoopBack 4 hasMany, short docs page): its samples run as written on relata,
// imports changed to 'relata'. The sample's custom foreign key `custId` is used here.
import assert from 'node:assert/strict';
import {beforeEach, it} from 'node:test';
import {
  Application, DefaultCrudRepository, Entity, Getter, HasManyRepositoryFactory, hasMany, inject, juggler,
  model, param, post, property, repository, requestBody,
} from 'relata';
import {describeForEachConnector} from '../support/connectors';

@model()
class Order extends Entity {
  @property({type: 'number', id: true})
  id: number;

  @property({type: 'string'})
  description: string;

  @property({type: 'number'})
  custId: number;

  constructor(data?: Partial<Order>) {
    super(data);
  }
}

@model()
class Customer extends Entity {
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

  @hasMany(() => Order, {keyTo: 'custId'})
  orders?: Order[];

  constructor(data: Partial<Customer>) {
    super(data);
  }
}

class OrderRepository extends DefaultCrudRepository<Order, typeof Order.prototype.id> {
  constructor(@inject('datasources.db') db: juggler.DataSource) {
    super(Order, db);
  }
}

class CustomerRepository extends DefaultCrudRepository<
  Customer,
  typeof Customer.prototype.id
> {
  public readonly orders: HasManyRepositoryFactory<
    Order,
    typeof Customer.prototype.id
  >;
  constructor(
    @inject('datasources.db') protected db: juggler.DataSource,
    @repository.getter(OrderRepository)
    getOrderRepository: Getter<OrderRepository>,
  ) {
    super(Customer, db);
    this.orders = this.createHasManyRepositoryFactoryFor(
      'orders',
      getOrderRepository,
    );
  }
}

class CustomerOrdersController {
  constructor(
    @repository(CustomerRepository)
    protected customerRepository: CustomerRepository,
  ) {}

  @post('/customers/{id}/order')
  async createOrder(
    @param.path.number('id') customerId: typeof Customer.prototype.id,
    @requestBody() orderData: Order,
  ): Promise<Order> {
    return await this.customerRepository.orders(customerId).create(orderData);
  }
}

describeForEachConnector('seed 001: LoopBack 4 hasMany samples', setup => {
  let app: Application;

  beforeEach(async () => {
    const db = setup.createDataSource();
    app = new Application();
    app.dataSource(db, 'db');
    app.repository(OrderRepository);
    app.repository(CustomerRepository);
    app.controller(CustomerOrdersController);
    await app.migrateSchema({existingSchema: 'drop'});
  });

  it('uses the custom foreign key custId', async () => {
    const customers = await app.get<CustomerRepository>('repositories.CustomerRepository');
    await customers.create({id: 1, name: 'Thor'});
    const order = await customers.orders(1).create({id: 1, description: 'Mjolnir'});
    assert.equal(order.custId, 1);
    assert.deepEqual((await customers.orders(1).find()).map(o => o.id), [1]);
    assert.deepEqual(await customers.orders(1).patch({description: 'Hammer'}), {count: 1});
    assert.deepEqual(await customers.orders(1).delete(), {count: 1});
  });

  it('the controller creates an order for the customer in the path', async () => {
    const customers = await app.get<CustomerRepository>('repositories.CustomerRepository');
    await customers.create({id: 5, name: 'Fiorio'});
    const controller = await app.get<CustomerOrdersController>('controllers.CustomerOrdersController');
    const created = await controller.createOrder(5, new Order({id: 2, description: 'Shield'}));
    assert.deepEqual(JSON.parse(JSON.stringify(created)), {id: 2, description: 'Shield', custId: 5});
  });
});
