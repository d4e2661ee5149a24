/**
 * The README's quick start, runnable: `npm start`.
 * Customers have many orders; orders belong to a customer and have many
 * manufacturers; everything lives in the embedded memory connector.
 */
import {
  belongsTo, DefaultCrudRepository, Entity, Getter, hasMany, juggler, model, property,
  HasManyRepositoryFactory, BelongsToAccessor,
} from '../src';

@model()
class Customer extends Entity {
  @property({type: 'number', id: true, generated: true}) id?: number;
  @property({type: 'string', required: true}) name: string;
  @hasMany(() => Order) orders?: Order[];
  constructor(data?: Partial<Customer>) { super(data); }
}

@model()
class Order extends Entity {
  @property({type: 'number', id: true, generated: true}) id?: number;
  @property({type: 'string'}) description?: string;
  @belongsTo(() => Customer) customerId: number;
  @hasMany(() => Manufacturer) manufacturers?: Manufacturer[];
  constructor(data?: Partial<Order>) { super(data); }
}

@model()
class Manufacturer extends Entity {
  @property({type: 'number', id: true, generated: true}) id?: number;
  @property({type: 'string'}) name: string;
  @property({type: 'number'}) orderId: number;
  constructor(data?: Partial<Manufacturer>) { super(data); }
}

class ManufacturerRepository extends DefaultCrudRepository<Manufacturer, number> {
  constructor(db: juggler.DataSource) { super(Manufacturer, db); }
}

class OrderRepository extends DefaultCrudRepository<Order, number> {
  readonly customer: BelongsToAccessor<Customer, number>;
  readonly manufacturers: HasManyRepositoryFactory<Manufacturer, number>;
  constructor(db: juggler.DataSource, customers: Getter<CustomerRepository>, manufacturers: Getter<ManufacturerRepository>) {
    super(Order, db);
    this.customer = this.createBelongsToAccessorFor('customer', customers);
    this.registerInclusionResolver('customer', this.customer.inclusionResolver);
    this.manufacturers = this.createHasManyRepositoryFactoryFor('manufacturers', manufacturers);
    this.registerInclusionResolver('manufacturers', this.manufacturers.inclusionResolver);
  }
}

class CustomerRepository extends DefaultCrudRepository<Customer, number> {
  readonly orders: HasManyRepositoryFactory<Order, number>;
  constructor(db: juggler.DataSource, orders: Getter<OrderRepository>) {
    super(Customer, db);
    this.orders = this.createHasManyRepositoryFactoryFor('orders', orders);
    this.registerInclusionResolver('orders', this.orders.inclusionResolver);
  }
}

async function main() {
  const db = new juggler.DataSource({name: 'db', connector: 'memory'});
  const manufacturerRepo = new ManufacturerRepository(db);
  // Getters break the cycle between the two repositories, as LoopBack's injection does.
  const orderRepo: OrderRepository = new OrderRepository(db, async () => customerRepo, Getter.fromValue(manufacturerRepo));
  const customerRepo: CustomerRepository = new CustomerRepository(db, Getter.fromValue(orderRepo));

  const thor = await customerRepo.create({name: 'Thor'});
  const mjolnir = await customerRepo.orders(thor.id!).create({description: 'Mjolnir'});
  await orderRepo.manufacturers(mjolnir.id!).create({name: 'Dwarves of Nidavellir'});
  await customerRepo.orders(thor.id!).create({description: 'Rocket Raccoon'});

  const customers = await customerRepo.find({
    include: [{relation: 'orders', scope: {include: ['manufacturers'], order: ['description ASC']}}],
  });
  console.log(JSON.stringify(customers, null, 2));
  console.log('Order 1 belongs to:', (await orderRepo.customer(mjolnir.id!)).name);
}

main().catch(err => {
  console.error(err);
  process.exit(1);
});
