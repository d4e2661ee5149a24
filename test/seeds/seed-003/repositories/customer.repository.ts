// Seed 003, src/repositories/customer.repository.ts, plus the registerInclusionResolver lines
// from its "Querying related models" section; imports changed to 'relata'.
import {Order, Customer, CustomerRelations, Address} from '../models';
import {OrderRepository} from './order.repository';
import {AddressRepository} from './address.repository';
import {
  DefaultCrudRepository,
  juggler,
  HasManyRepositoryFactory,
  HasOneRepositoryFactory,
  repository,
} from 'relata';
import {inject, Getter} from 'relata';

export class CustomerRepository extends DefaultCrudRepository<
  Customer,
  typeof Customer.prototype.id,
  CustomerRelations
> {
  public readonly orders: HasManyRepositoryFactory<
    Order,
    typeof Customer.prototype.id
  >;
  public readonly address: HasOneRepositoryFactory<Address, typeof Customer.prototype.id>;

  constructor(
    @inject('datasources.db') protected db: juggler.DataSource,
    @repository.getter('OrderRepository')
    orderRepositoryGetter: Getter<OrderRepository>,
    @repository.getter('AddressRepository')
    addressRepositoryGetter: Getter<AddressRepository>,
  ) {
    super(Customer, db);
    this.orders = this.createHasManyRepositoryFactoryFor(
      'orders',
      orderRepositoryGetter,
    );
    // add this line to register inclusion resolver
    this.registerInclusionResolver('orders', this.orders.inclusionResolver);
    this.address = this.createHasOneRepositoryFactoryFor('address', addressRepositoryGetter);
    this.registerInclusionResolver('address', this.address.inclusionResolver);
  }
}
