import {beforeEach} from 'node:test';
import {Count, Options} from '../../src/common/types';
import {Getter} from '../../src/context/getter';
import {DataSource} from '../../src/datasource/datasource';
import {Where} from '../../src/filter/types';
import {model, property} from '../../src/model/decorators';
import {Entity} from '../../src/model/model';
import {BelongsToAccessor} from '../../src/relations/belongs-to/belongs-to-accessor';
import {belongsTo} from '../../src/relations/belongs-to/belongs-to-decorator';
import {hasMany} from '../../src/relations/has-many/has-many-decorator';
import {HasManyRepositoryFactory} from '../../src/relations/has-many/has-many-repository-factory';
import {HasManyThroughRepositoryFactory} from '../../src/relations/has-many-through/has-many-through-repository-factory';
import {DefaultCrudRepository} from '../../src/repository/default-crud-repository';
import {ConnectorSetup} from './connectors';

// Products in categories through links; products belong to a supplier and have reviews.

@model()
export class Supplier extends Entity {
  @property({type: 'number', id: true, generated: true}) id?: number;
  @property({type: 'string'}) name?: string;
  @hasMany(() => Product) products?: Product[];
  constructor(data?: Partial<Supplier>) {
    super(data);
  }
}

@model()
export class Review extends Entity {
  @property({type: 'number', id: true, generated: true}) id?: number;
  @property({type: 'number'}) stars?: number;
  @property({type: 'number'}) productId?: number;
  constructor(data?: Partial<Review>) {
    super(data);
  }
}

@model()
export class Product extends Entity {
  @property({type: 'number', id: true, generated: true}) id?: number;
  @property({type: 'string', required: true}) name: string;
  @property({type: 'number'}) price?: number;
  @belongsTo(() => Supplier) supplierId?: number;
  supplier?: Supplier;
  @hasMany(() => Review) reviews?: Review[];
  @hasMany(() => Category, {through: {model: () => CategoryProductLink}}) categories?: Category[];
  constructor(data?: Partial<Product>) {
    super(data);
  }
}

@model()
export class Category extends Entity {
  @property({type: 'number', id: true, generated: true}) id?: number;
  @property({type: 'string'}) name?: string;
  @hasMany(() => Product, {through: {model: () => CategoryProductLink}}) products?: Product[];
  constructor(data?: Partial<Category>) {
    super(data);
  }
}

@model()
export class CategoryProductLink extends Entity {
  @property({type: 'number', id: true, generated: true}) id?: number;
  @property({type: 'number'}) categoryId?: number;
  @property({type: 'number'}) productId?: number;
  @property({type: 'number'}) position?: number;
  constructor(data?: Partial<CategoryProductLink>) {
    super(data);
  }
}

// A polymorphic target: shipments hold letters, parcels and pallets through items.

@model()
export class Deliverable extends Entity {
  @property({type: 'number', id: true, generated: true}) id?: number;
  @property({type: 'string'}) name?: string;
  constructor(data?: Partial<Deliverable>) {
    super(data);
  }
}

@model()
export class Letter extends Deliverable {
  @property({type: 'number'}) pages?: number;
  constructor(data?: Partial<Letter>) {
    super(data);
  }
}

@model()
export class Parcel extends Deliverable {
  @property({type: 'number'}) weight?: number;
  constructor(data?: Partial<Parcel>) {
    super(data);
  }
}

@model()
export class Pallet extends Deliverable {
  @property({type: 'number'}) slots?: number;
  constructor(data?: Partial<Pallet>) {
    super(data);
  }
}

@model()
export class ShipmentItem extends Entity {
  @property({type: 'number', id: true, generated: true}) id?: number;
  @property({type: 'number'}) shipmentId?: number;
  @property({type: 'number'}) deliverableId?: number;
  @property({type: 'string'}) deliverableType?: string;
  @property({type: 'number'}) quantity?: number;
  constructor(data?: Partial<ShipmentItem>) {
    super(data);
  }
}

@model()
export class Shipment extends Entity {
  @property({type: 'number', id: true, generated: true}) id?: number;
  @property({type: 'string'}) name?: string;
  @hasMany(() => Deliverable, {through: {model: () => ShipmentItem, polymorphic: true}}) deliverables?: Deliverable[];
  constructor(data?: Partial<Shipment>) {
    super(data);
  }
}

/** A repository whose `deleteAll` can be made to fail, to test that multi-step writes undo. */
export class FaultyRepository<T extends Entity> extends DefaultCrudRepository<T, number> {
  failDeleteAll = false;
  override async deleteAll(where?: Where<T>, options?: Options): Promise<Count> {
    if (this.failDeleteAll) throw new Error(`${this.entityClass.modelName}.deleteAll failed (test)`);
    return super.deleteAll(where, options);
  }
}

export class SupplierRepository extends DefaultCrudRepository<Supplier, number> {
  readonly products: HasManyRepositoryFactory<Product, number>;
  constructor(ds: DataSource, products: Getter<ProductRepository>) {
    super(Supplier, ds);
    this.products = this.createHasManyRepositoryFactoryFor('products', products);
    this.registerInclusionResolver('products', this.products.inclusionResolver);
  }
}

export class ProductRepository extends FaultyRepository<Product> {
  readonly supplier: BelongsToAccessor<Supplier, number>;
  readonly reviews: HasManyRepositoryFactory<Review, number>;
  readonly categories: HasManyThroughRepositoryFactory<Category, number, CategoryProductLink, number>;
  constructor(ds: DataSource, repos: ThroughRepos) {
    super(Product, ds);
    this.supplier = this.createBelongsToAccessorFor('supplier', async () => repos.suppliers);
    this.registerInclusionResolver('supplier', this.supplier.inclusionResolver);
    this.reviews = this.createHasManyRepositoryFactoryFor('reviews', async () => repos.reviews);
    this.registerInclusionResolver('reviews', this.reviews.inclusionResolver);
    this.categories = this.createHasManyThroughRepositoryFactoryFor(
      'categories', async () => repos.categories, async () => repos.links);
    this.registerInclusionResolver('categories', this.categories.inclusionResolver);
  }
}

export class CategoryRepository extends DefaultCrudRepository<Category, number> {
  readonly products: HasManyThroughRepositoryFactory<Product, number, CategoryProductLink, number>;
  constructor(ds: DataSource, repos: ThroughRepos) {
    super(Category, ds);
    this.products = this.createHasManyThroughRepositoryFactoryFor(
      'products', async () => repos.products, async () => repos.links);
    this.registerInclusionResolver('products', this.products.inclusionResolver);
  }
}

export class ShipmentRepository extends DefaultCrudRepository<Shipment, number> {
  readonly deliverables: HasManyThroughRepositoryFactory<Deliverable, number, ShipmentItem, number>;
  constructor(ds: DataSource, repos: ThroughRepos) {
    super(Shipment, ds);
    this.deliverables = this.createHasManyThroughRepositoryFactoryFor('deliverables', {
      Letter: async () => repos.letters,
      Parcel: async () => repos.parcels,
      Pallet: async () => repos.pallets,
    }, async () => repos.items);
    this.registerInclusionResolver('deliverables', this.deliverables.inclusionResolver);
  }
}

/** The repositories of the through fixtures, wired to each other on one data source. */
export interface ThroughRepos {
  suppliers: SupplierRepository;
  reviews: DefaultCrudRepository<Review, number>;
  products: ProductRepository;
  categories: CategoryRepository;
  links: FaultyRepository<CategoryProductLink>;
  letters: FaultyRepository<Letter>;
  parcels: FaultyRepository<Parcel>;
  pallets: FaultyRepository<Pallet>;
  items: FaultyRepository<ShipmentItem>;
  shipments: ShipmentRepository;
}

export function createThroughRepositories(ds: DataSource): ThroughRepos {
  const repos = {} as ThroughRepos;
  repos.suppliers = new SupplierRepository(ds, async () => repos.products);
  repos.reviews = new DefaultCrudRepository(Review, ds);
  repos.links = new FaultyRepository(CategoryProductLink, ds);
  repos.products = new ProductRepository(ds, repos);
  repos.categories = new CategoryRepository(ds, repos);
  repos.letters = new FaultyRepository(Letter, ds);
  repos.parcels = new FaultyRepository(Parcel, ds);
  repos.pallets = new FaultyRepository(Pallet, ds);
  repos.items = new FaultyRepository(ShipmentItem, ds);
  repos.shipments = new ShipmentRepository(ds, repos);
  return repos;
}

/** A fresh data source with the through repositories, renewed (and migrated) before each test. */
export interface ThroughFixture {
  ds: DataSource;
  repos: ThroughRepos;
}

export function useThroughRepositories(setup: ConnectorSetup): ThroughFixture {
  const fx = {} as ThroughFixture;
  beforeEach(async () => {
    fx.ds = setup.createDataSource();
    fx.repos = createThroughRepositories(fx.ds);
    await fx.ds.automigrate();
  });
  return fx;
}
