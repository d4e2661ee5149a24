import {beforeEach} from 'node:test';
import {Getter} from '../../src/context/getter';
import {DataSource} from '../../src/datasource/datasource';
import {model, property} from '../../src/model/decorators';
import {Entity} from '../../src/model/model';
import {BelongsToAccessor} from '../../src/relations/belongs-to/belongs-to-accessor';
import {belongsTo} from '../../src/relations/belongs-to/belongs-to-decorator';
import {hasMany} from '../../src/relations/has-many/has-many-decorator';
import {HasManyRepositoryFactory} from '../../src/relations/has-many/has-many-repository-factory';
import {hasOne} from '../../src/relations/has-one/has-one-decorator';
import {HasOneRepositoryFactory} from '../../src/relations/has-one/has-one-repository-factory';
import {ReferencesManyAccessor} from '../../src/relations/references-many/references-many-accessor';
import {referencesMany} from '../../src/relations/references-many/references-many-decorator';
import {DefaultCrudRepository} from '../../src/repository/default-crud-repository';
import {ConnectorSetup} from './connectors';

// referencesMany ------------------------------------------------------------

@model()
export class Tag extends Entity {
  @property({type: 'number', id: true, generated: true})
  id?: number;

  @property({type: 'string'})
  name?: string;

  @property({type: 'number'})
  rank?: number;

  constructor(data?: Partial<Tag>) {
    super(data);
  }
}

@model()
export class Category extends Entity {
  @property({type: 'string', id: true})
  code: string;

  @property({type: 'string'})
  label?: string;

  constructor(data?: Partial<Category>) {
    super(data);
  }
}

// Polymorphic hasMany (target-side discriminator) and its reverse belongsTo ---

/** The base of the models a Picture can belong to. */
@model()
export class Imageable extends Entity {
  @property({type: 'number', id: true, generated: true})
  id?: number;

  @property({type: 'string'})
  name?: string;
}

@model()
export class Picture extends Entity {
  @property({type: 'number', id: true, generated: true})
  id?: number;

  @property({type: 'string'})
  url?: string;

  @belongsTo(() => Imageable, {polymorphic: {discriminator: 'imageableType'}})
  imageableId?: number;

  @property({type: 'string'})
  imageableType?: string;

  imageable?: Imageable;

  constructor(data?: Partial<Picture>) {
    super(data);
  }
}

@model()
export class Employee extends Imageable {
  @hasMany(() => Picture, {polymorphic: {discriminator: 'imageableType'}, keyTo: 'imageableId'})
  pictures?: Picture[];

  constructor(data?: Partial<Employee>) {
    super(data);
  }
}

@model()
export class Product extends Imageable {
  /** `polymorphic: true`: the discriminator is derived from the foreign key (imageableId → imageableType). */
  @hasMany(() => Picture, {polymorphic: true, keyTo: 'imageableId'})
  pictures?: Picture[];

  constructor(data?: Partial<Product>) {
    super(data);
  }
}

@model()
export class Venue extends Imageable {
  @hasMany(() => Picture, {polymorphic: {discriminator: 'imageableType'}, keyTo: 'imageableId'})
  pictures?: Picture[];

  constructor(data?: Partial<Venue>) {
    super(data);
  }
}

@model()
export class Post extends Entity {
  @property({type: 'number', id: true, generated: true})
  id?: number;

  @property({type: 'string'})
  title?: string;

  @referencesMany(() => Tag)
  tagIds?: number[];

  @referencesMany(() => Category, {name: 'categories'})
  categoryCodes?: string[];

  @belongsTo(() => Employee)
  authorId?: number;

  tags?: Tag[];
  categories?: Category[];
  author?: Employee;

  constructor(data?: Partial<Post>) {
    super(data);
  }
}

// Polymorphic belongsTo / hasOne (source-side discriminator) ------------------

/** The base of the concrete deliverables (Letter, Parcel, Postcard), each in its own table. */
@model()
export class Deliverable extends Entity {
  @property({type: 'number', id: true, generated: true})
  id?: number;

  @property({type: 'string'})
  note?: string;

  @property({type: 'number'})
  contactId?: number;
}

@model()
export class Letter extends Deliverable {
  @property({type: 'string'})
  stamp?: string;

  constructor(data?: Partial<Letter>) {
    super(data);
  }
}

@model()
export class Parcel extends Deliverable {
  @property({type: 'number'})
  weight?: number;

  @referencesMany(() => Tag)
  tagIds?: number[];

  tags?: Tag[];

  constructor(data?: Partial<Parcel>) {
    super(data);
  }
}

@model()
export class Postcard extends Deliverable {
  @property({type: 'string'})
  picture?: string;

  constructor(data?: Partial<Postcard>) {
    super(data);
  }
}

@model()
export class Shipment extends Entity {
  @property({type: 'number', id: true, generated: true})
  id?: number;

  @property({type: 'string'})
  label?: string;

  @property({type: 'number'})
  contactId?: number;

  /** `polymorphic: true`: discriminator `deliverableType` (camelCase of the target + '_type'). */
  @belongsTo(() => Deliverable, {polymorphic: true})
  deliverableId?: number;

  @property({type: 'string'})
  deliverableType?: string;

  deliverable?: Deliverable;

  constructor(data?: Partial<Shipment>) {
    super(data);
  }
}

@model()
export class Contact extends Entity {
  @property({type: 'number', id: true, generated: true})
  id?: number;

  @property({type: 'string'})
  name?: string;

  @property({type: 'string'})
  deliverableKind?: string;

  @hasOne(() => Deliverable, {polymorphic: {discriminator: 'deliverableKind'}})
  deliverable?: Deliverable;

  @hasMany(() => Shipment)
  shipments?: Shipment[];

  constructor(data?: Partial<Contact>) {
    super(data);
  }
}

// Repositories ---------------------------------------------------------------

type R<T extends Entity> = DefaultCrudRepository<T, number>;

export class TagRepository extends DefaultCrudRepository<Tag, number> {
  constructor(ds: DataSource) {
    super(Tag, ds);
  }
}

export class CategoryRepository extends DefaultCrudRepository<Category, string> {
  constructor(ds: DataSource) {
    super(Category, ds);
  }
}

export class PostRepository extends DefaultCrudRepository<Post, number> {
  readonly tags: ReferencesManyAccessor<Tag, number>;
  readonly categories: ReferencesManyAccessor<Category, number>;
  readonly author: BelongsToAccessor<Employee, number>;
  constructor(ds: DataSource, tags: Getter<TagRepository>, categories: Getter<CategoryRepository>,
    employees: Getter<EmployeeRepository>) {
    super(Post, ds);
    this.tags = this.createReferencesManyAccessorFor('tags', tags);
    this.registerInclusionResolver('tags', this.tags.inclusionResolver);
    this.categories = this.createReferencesManyAccessorFor('categories', categories);
    this.registerInclusionResolver('categories', this.categories.inclusionResolver);
    this.author = this.createBelongsToAccessorFor('author', employees);
    this.registerInclusionResolver('author', this.author.inclusionResolver);
  }
}

export class EmployeeRepository extends DefaultCrudRepository<Employee, number> {
  readonly pictures: HasManyRepositoryFactory<Picture, number>;
  constructor(ds: DataSource, pictures: Getter<PictureRepository>) {
    super(Employee, ds);
    this.pictures = this.createHasManyRepositoryFactoryFor('pictures', pictures);
    this.registerInclusionResolver('pictures', this.pictures.inclusionResolver);
  }
}

export class ProductRepository extends DefaultCrudRepository<Product, number> {
  readonly pictures: HasManyRepositoryFactory<Picture, number>;
  constructor(ds: DataSource, pictures: Getter<PictureRepository>) {
    super(Product, ds);
    this.pictures = this.createHasManyRepositoryFactoryFor('pictures', pictures);
    this.registerInclusionResolver('pictures', this.pictures.inclusionResolver);
  }
}

export class VenueRepository extends DefaultCrudRepository<Venue, number> {
  readonly pictures: HasManyRepositoryFactory<Picture, number>;
  constructor(ds: DataSource, pictures: Getter<PictureRepository>) {
    super(Venue, ds);
    this.pictures = this.createHasManyRepositoryFactoryFor('pictures', pictures);
    this.registerInclusionResolver('pictures', this.pictures.inclusionResolver);
  }
}

export class PictureRepository extends DefaultCrudRepository<Picture, number> {
  readonly imageable: BelongsToAccessor<Imageable, number>;
  constructor(ds: DataSource, imageables: {[type: string]: Getter<R<Imageable>>}) {
    super(Picture, ds);
    this.imageable = this.createBelongsToAccessorFor('imageable', imageables);
    this.registerInclusionResolver('imageable', this.imageable.inclusionResolver);
  }
}

export class LetterRepository extends DefaultCrudRepository<Letter, number> {
  constructor(ds: DataSource) {
    super(Letter, ds);
  }
}

export class ParcelRepository extends DefaultCrudRepository<Parcel, number> {
  readonly tags: ReferencesManyAccessor<Tag, number>;
  constructor(ds: DataSource, tags: Getter<TagRepository>) {
    super(Parcel, ds);
    this.tags = this.createReferencesManyAccessorFor('tags', tags);
    this.registerInclusionResolver('tags', this.tags.inclusionResolver);
  }
}

export class PostcardRepository extends DefaultCrudRepository<Postcard, number> {
  constructor(ds: DataSource) {
    super(Postcard, ds);
  }
}

export class ShipmentRepository extends DefaultCrudRepository<Shipment, number> {
  readonly deliverable: BelongsToAccessor<Deliverable, number>;
  constructor(ds: DataSource, deliverables: {[type: string]: Getter<R<Deliverable>>}) {
    super(Shipment, ds);
    this.deliverable = this.createBelongsToAccessorFor('deliverable', deliverables);
    this.registerInclusionResolver('deliverable', this.deliverable.inclusionResolver);
  }
}

export class ContactRepository extends DefaultCrudRepository<Contact, number> {
  readonly deliverable: HasOneRepositoryFactory<Deliverable, number>;
  readonly shipments: HasManyRepositoryFactory<Shipment, number>;
  constructor(ds: DataSource, deliverables: {[type: string]: Getter<R<Deliverable>>},
    shipments: Getter<ShipmentRepository>) {
    super(Contact, ds);
    this.deliverable = this.createHasOneRepositoryFactoryFor('deliverable', deliverables);
    this.registerInclusionResolver('deliverable', this.deliverable.inclusionResolver);
    this.shipments = this.createHasManyRepositoryFactoryFor('shipments', shipments);
    this.registerInclusionResolver('shipments', this.shipments.inclusionResolver);
  }
}

/** Every repository of the polymorphic and referencesMany fixtures, wired on one data source. */
export interface PolymorphicRepos {
  tags: TagRepository;
  categories: CategoryRepository;
  posts: PostRepository;
  employees: EmployeeRepository;
  products: ProductRepository;
  venues: VenueRepository;
  pictures: PictureRepository;
  letters: LetterRepository;
  parcels: ParcelRepository;
  postcards: PostcardRepository;
  shipments: ShipmentRepository;
  contacts: ContactRepository;
}

export function createPolymorphicRepositories(ds: DataSource): PolymorphicRepos {
  const r = {} as PolymorphicRepos;
  const get = <K extends keyof PolymorphicRepos>(k: K) => async () => r[k];
  const deliverables = {Letter: get('letters'), Parcel: get('parcels'), Postcard: get('postcards')} as
    {[type: string]: Getter<R<Deliverable>>};
  const imageables = {Employee: get('employees'), Product: get('products'), Venue: get('venues')} as
    {[type: string]: Getter<R<Imageable>>};
  r.tags = new TagRepository(ds);
  r.categories = new CategoryRepository(ds);
  r.employees = new EmployeeRepository(ds, get('pictures'));
  r.products = new ProductRepository(ds, get('pictures'));
  r.venues = new VenueRepository(ds, get('pictures'));
  r.pictures = new PictureRepository(ds, imageables);
  r.posts = new PostRepository(ds, get('tags'), get('categories'), get('employees'));
  r.letters = new LetterRepository(ds);
  r.parcels = new ParcelRepository(ds, get('tags'));
  r.postcards = new PostcardRepository(ds);
  r.shipments = new ShipmentRepository(ds, deliverables);
  r.contacts = new ContactRepository(ds, deliverables, get('shipments'));
  return r;
}

/** A fresh data source with the fixture repositories, migrated (emptied) before each test. */
export interface PolymorphicFixture {
  ds: DataSource;
  repos: PolymorphicRepos;
}

/** Registers hooks giving every test of the suite empty, migrated repositories on `setup`. */
export function usePolymorphicRepositories(setup: ConnectorSetup): PolymorphicFixture {
  const fx = {} as PolymorphicFixture;
  beforeEach(async () => {
    fx.ds = setup.createDataSource();
    fx.repos = createPolymorphicRepositories(fx.ds);
    await fx.ds.automigrate();
  });
  return fx;
}
