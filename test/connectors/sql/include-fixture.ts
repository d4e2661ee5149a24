import {AnyObject} from '../../../src/common/types';
import {Getter} from '../../../src/context/getter';
import {DataSource} from '../../../src/datasource/datasource';
import {model, property} from '../../../src/model/decorators';
import {Entity} from '../../../src/model/model';
import {BelongsToAccessor} from '../../../src/relations/belongs-to/belongs-to-accessor';
import {belongsTo} from '../../../src/relations/belongs-to/belongs-to-decorator';
import {hasMany} from '../../../src/relations/has-many/has-many-decorator';
import {HasManyRepositoryFactory} from '../../../src/relations/has-many/has-many-repository-factory';
import {hasOne} from '../../../src/relations/has-one/has-one-decorator';
import {HasOneRepositoryFactory} from '../../../src/relations/has-one/has-one-repository-factory';
import {DefaultTransactionalRepository} from '../../../src/repository/default-transactional-repository';

// Models covering every kind that travels inside JSON: strings (quotes, unicode),
// numbers (not exactly printable in 15 digits), booleans, dates, JSON values, buffers.

@model()
export class Address extends Entity {
  @property({type: 'number', id: true, generated: true}) id?: number;
  // Stored in a column of another name: every plan reads columns through the table mapping.
  @property({type: 'string', name: 'street_line'}) street?: string;
  @property({type: 'string'}) city?: string;
  @property({type: 'buffer'}) photo?: Buffer;
  @property({type: 'number'}) customerId?: number;
  constructor(data?: Partial<Address>) {
    super(data);
  }
}

@model()
export class Manufacturer extends Entity {
  @property({type: 'number', id: true, generated: true}) id?: number;
  @property({type: 'string'}) name?: string;
  @property({type: 'boolean'}) active?: boolean;
  @belongsTo(() => Order) orderId?: number;
  order?: Order;
  constructor(data?: Partial<Manufacturer>) {
    super(data);
  }
}

@model()
export class Customer extends Entity {
  @property({type: 'number', id: true, generated: true}) id?: number;
  @property({type: 'string', required: true}) name: string;
  @property({type: 'string', hidden: true}) secret?: string;
  @property({type: 'boolean'}) vip?: boolean;
  @property({type: 'date'}) since?: Date;
  @property({type: 'array', itemType: 'string'}) tags?: string[];
  @hasMany(() => Order) orders?: Order[];
  @hasOne(() => Address) address?: Address;
  constructor(data?: Partial<Customer>) {
    super(data);
  }
}

@model()
export class Order extends Entity {
  @property({type: 'number', id: true, generated: true}) id?: number;
  @property({type: 'string'}) description?: string;
  @property({type: 'number'}) total?: number;
  @property({type: 'date'}) createdAt?: Date;
  @property({type: 'object'}) meta?: object;
  @belongsTo(() => Customer) customerId?: number;
  customer?: Customer;
  @hasMany(() => Manufacturer) manufacturers?: Manufacturer[];
  constructor(data?: Partial<Order>) {
    super(data);
  }
}

export class CustomerRepository extends DefaultTransactionalRepository<Customer, number> {
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

export class OrderRepository extends DefaultTransactionalRepository<Order, number> {
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

export class ManufacturerRepository extends DefaultTransactionalRepository<Manufacturer, number> {
  readonly order: BelongsToAccessor<Order, number>;
  constructor(ds: DataSource, orders: Getter<OrderRepository>) {
    super(Manufacturer, ds);
    this.order = this.createBelongsToAccessorFor('order', orders);
    this.registerInclusionResolver('order', this.order.inclusionResolver);
  }
}

export class AddressRepository extends DefaultTransactionalRepository<Address, number> {
  constructor(ds: DataSource) {
    super(Address, ds);
  }
}

export interface Repos {
  customers: CustomerRepository;
  orders: OrderRepository;
  manufacturers: ManufacturerRepository;
  addresses: AddressRepository;
}

export function createRepos(ds: DataSource): Repos {
  const r = {} as Repos;
  r.addresses = new AddressRepository(ds);
  r.manufacturers = new ManufacturerRepository(ds, async () => r.orders);
  r.orders = new OrderRepository(ds, async () => r.customers, async () => r.manufacturers);
  r.customers = new CustomerRepository(ds, async () => r.orders, async () => r.addresses);
  return r;
}

const TOTALS = [1 / 3, 0.1, 1e21, -2.5, 123456789.12345679, 0, 42, 7.25, 2 / 3, 99.99];
const NAMES = ['Ann', 'bob', 'Émile', 'O\'Hara', 'zoë "z"', 'Åsa', 'carl', 'Dan', '日本', 'eve'];

/**
 * Deterministic data: 60 customers (some without orders, some with two
 * addresses), their orders (NULL totals and dates among them, orders without
 * customer), manufacturers (some orders without any).
 */
export function fixtureData(): {customers: AnyObject[]; orders: AnyObject[]; manufacturers: AnyObject[]; addresses: AnyObject[]} {
  const customers: AnyObject[] = [];
  const orders: AnyObject[] = [];
  const manufacturers: AnyObject[] = [];
  const addresses: AnyObject[] = [];
  let orderId = 0;
  let makerId = 0;
  let addressId = 0;
  for (let c = 1; c <= 60; c++) {
    const customer: AnyObject = {id: c, name: `${NAMES[c % NAMES.length]} ${c}`, secret: `s${c}`};
    if (c % 3 !== 0) customer.vip = c % 2 === 0;
    if (c % 4 !== 0) customer.since = new Date(Date.UTC(2020, c % 12, c, 10, 30, 0, c * 7));
    if (c % 5 !== 0) customer.tags = c % 2 ? ['a', `t${c}`] : [];
    customers.push(customer);
    const nOrders = c % 6 === 0 ? 0 : (c * 7) % 5;
    for (let k = 0; k < nOrders; k++) {
      const o: AnyObject = {id: ++orderId, description: `order ${orderId} of ${customer.name}`, customerId: c};
      if (orderId % 7 !== 0) o.total = TOTALS[orderId % TOTALS.length];
      if (orderId % 5 !== 0) o.createdAt = new Date(Date.UTC(2021, orderId % 12, (orderId % 27) + 1));
      if (orderId % 4 === 1) o.meta = {gift: orderId % 2 === 0, notes: ['x', null, {deep: orderId}]};
      orders.push(o);
      const nMakers = orderId % 4;
      for (let m = 0; m < nMakers; m++) {
        manufacturers.push({id: ++makerId, name: `maker ${String.fromCharCode(90 - (makerId % 26))}${makerId}`,
          active: makerId % 3 === 0 ? undefined : makerId % 2 === 0, orderId: o.id});
      }
    }
    const nAddresses = c % 7 === 0 ? 2 : c % 3 === 0 ? 0 : 1;
    for (let a = 0; a < nAddresses; a++) {
      const address: AnyObject = {id: ++addressId, street: `${a + 1} Main St`, city: ['Oslo', 'Bergen', 'Ålesund'][(c + a) % 3],
        customerId: c};
      if (addressId % 2) address.photo = Buffer.from([addressId, 0, 255, 10]);
      addresses.push(address);
    }
  }
  // Orders without a customer.
  orders.push({id: ++orderId, description: 'orphan', total: 5});
  orders.push({id: ++orderId, description: 'orphan 2'});
  return {customers, orders, manufacturers, addresses};
}

/** Loads the fixture data through the repositories (in id order, so every store assigns the same ids). */
export async function loadFixture(repos: Repos): Promise<void> {
  const data = fixtureData();
  await repos.customers.createAll(data.customers as Customer[]);
  await repos.orders.createAll(data.orders as Order[]);
  await repos.manufacturers.createAll(data.manufacturers as Manufacturer[]);
  await repos.addresses.createAll(data.addresses as Address[]);
}

export {countStatements} from '../../support/count-statements';

/** The fixture loaded into a migrated SQL data source and into a memory reference, for side-by-side comparison. */
export async function loadSqlAndReference(settings: AnyObject): Promise<{ds: DataSource; repos: Repos; reference: Repos}> {
  const ds = new DataSource(settings);
  const repos = createRepos(ds);
  await ds.automigrate();
  await loadFixture(repos);
  const reference = createRepos(new DataSource({name: 'reference', connector: 'memory'}));
  await loadFixture(reference);
  return {ds, repos, reference};
}
