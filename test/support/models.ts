import {Entity} from '../../src/model/model';
import {model, property} from '../../src/model/decorators';
import {belongsTo} from '../../src/relations/belongs-to/belongs-to-decorator';
import {hasMany} from '../../src/relations/has-many/has-many-decorator';
import {hasOne} from '../../src/relations/has-one/has-one-decorator';
import {DataSource} from '../../src/datasource/datasource';
import {DefaultCrudRepository} from '../../src/repository/default-crud-repository';
import {Getter} from '../../src/context/getter';
import {BelongsToAccessor} from '../../src/relations/belongs-to/belongs-to-accessor';
import {HasManyRepositoryFactory} from '../../src/relations/has-many/has-many-repository-factory';
import {HasOneRepositoryFactory} from '../../src/relations/has-one/has-one-repository-factory';

@model()
export class Manufacturer extends Entity {
  @property({type: 'number', id: true, generated: true})
  id?: number;

  @property({type: 'string'})
  name?: string;

  @property({type: 'number'})
  orderId?: number;

  constructor(data?: Partial<Manufacturer>) {
    super(data);
  }
}

@model()
export class Address extends Entity {
  @property({type: 'number', id: true, generated: true})
  id?: number;

  @property({type: 'string'})
  street?: string;

  @property({type: 'string'})
  city?: string;

  @property({type: 'number'})
  customerId?: number;

  constructor(data?: Partial<Address>) {
    super(data);
  }
}

@model()
export class Customer extends Entity {
  @property({type: 'number', id: true, generated: true})
  id?: number;

  @property({type: 'string', required: true})
  name: string;

  @property({type: 'string', hidden: true})
  secret?: string;

  @hasMany(() => Order)
  orders?: Order[];

  @hasOne(() => Address)
  address?: Address;

  constructor(data?: Partial<Customer>) {
    super(data);
  }
}

@model()
export class Order extends Entity {
  @property({type: 'number', id: true, generated: true})
  id?: number;

  @property({type: 'string'})
  description?: string;

  @property({type: 'number'})
  total?: number;

  @belongsTo(() => Customer)
  customerId?: number;

  customer?: Customer;

  @hasMany(() => Manufacturer)
  manufacturers?: Manufacturer[];

  constructor(data?: Partial<Order>) {
    super(data);
  }
}

export class CustomerRepository extends DefaultCrudRepository<Customer, number> {
  readonly orders: HasManyRepositoryFactory<Order, number>;
  readonly address: HasOneRepositoryFactory<Address, number>;
  constructor(ds: DataSource, orders: Getter<OrderRepository>, addresses: Getter<AddressRepository>) {
    super(Customer, ds);
    this.orders = this.createHasManyRepositoryFactoryFor('orders', orders);
    this.registerInclusionResolver('orders', this.orders.inclusionResolver);
    this.address = this.createHasOneRepositoryFactoryFor('address', addresses);
    this.registerInclusionResolver('address', this.address.inclusionResolver);
  }
}

export class OrderRepository extends DefaultCrudRepository<Order, number> {
  readonly customer: BelongsToAccessor<Customer, number>;
  readonly manufacturers: HasManyRepositoryFactory<Manufacturer, number>;
  constructor(ds: DataSource, customers: Getter<CustomerRepository>, manufacturers: Getter<ManufacturerRepository>) {
    super(Order, ds);
    this.customer = this.createBelongsToAccessorFor('customer', customers);
    this.registerInclusionResolver('customer', this.customer.inclusionResolver);
    this.manufacturers = this.createHasManyRepositoryFactoryFor('manufacturers', manufacturers);
    this.registerInclusionResolver('manufacturers', this.manufacturers.inclusionResolver);
  }
}

export class ManufacturerRepository extends DefaultCrudRepository<Manufacturer, number> {
  constructor(ds: DataSource) {
    super(Manufacturer, ds);
  }
}

export class AddressRepository extends DefaultCrudRepository<Address, number> {
  constructor(ds: DataSource) {
    super(Address, ds);
  }
}

/** The four repositories wired to each other on one data source. */
export interface Repos {
  customers: CustomerRepository;
  orders: OrderRepository;
  manufacturers: ManufacturerRepository;
  addresses: AddressRepository;
}

export function createRepositories(ds: DataSource): Repos {
  const repos = {} as Repos;
  repos.manufacturers = new ManufacturerRepository(ds);
  repos.addresses = new AddressRepository(ds);
  repos.orders = new OrderRepository(ds, async () => repos.customers, async () => repos.manufacturers);
  repos.customers = new CustomerRepository(ds, async () => repos.orders, async () => repos.addresses);
  return repos;
}
