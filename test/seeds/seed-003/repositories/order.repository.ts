import {BelongsToAccessor, DefaultCrudRepository, Getter, HasManyRepositoryFactory, inject, juggler, repository} from 'relata';
import {Customer, Manufacturer, Order, OrderRelations} from '../models';
import {CustomerRepository} from './customer.repository';
import {ManufacturerRepository} from './manufacturer.repository';

export class OrderRepository extends DefaultCrudRepository<Order, typeof Order.prototype.id, OrderRelations> {
  public readonly customer: BelongsToAccessor<Customer, typeof Order.prototype.id>;
  public readonly manufacturers: HasManyRepositoryFactory<Manufacturer, typeof Order.prototype.id>;

  constructor(
    @inject('datasources.db') dataSource: juggler.DataSource,
    @repository.getter('CustomerRepository') protected customerRepositoryGetter: Getter<CustomerRepository>,
    @repository.getter('ManufacturerRepository') manufacturerRepositoryGetter: Getter<ManufacturerRepository>,
  ) {
    super(Order, dataSource);
    this.customer = this.createBelongsToAccessorFor('customer', customerRepositoryGetter);
    this.registerInclusionResolver('customer', this.customer.inclusionResolver);
    this.manufacturers = this.createHasManyRepositoryFactoryFor('manufacturers', manufacturerRepositoryGetter);
    this.registerInclusionResolver('manufacturers', this.manufacturers.inclusionResolver);
  }
}
