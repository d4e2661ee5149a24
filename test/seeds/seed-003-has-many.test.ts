// Seed 003 (LoopBack 4 "hasMany Relation" docs): every code sample, run as written on relata.
import assert from 'node:assert/strict';
import {beforeEach, it} from 'node:test';
import {Application, juggler} from 'relata';
import {describeForEachConnector} from '../support/connectors';
import {CustomerOrdersController} from './seed-003/controllers/customer-orders.controller';
import {
  AddressRepository, CustomerRepository, ManufacturerRepository, OrderRepository,
} from './seed-003/repositories';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
const json = (v: unknown): any => JSON.parse(JSON.stringify(v));

describeForEachConnector('seed 003: LoopBack 4 hasMany samples', setup => {
  let app: Application;
  let db: juggler.DataSource;
  let customerRepository: CustomerRepository;
  let customerRepo: CustomerRepository;
  let orderRepository: OrderRepository;

  beforeEach(async () => {
    db = setup.createDataSource();
    app = new Application();
    app.dataSource(db, 'db');
    app.repository(CustomerRepository);
    app.repository(OrderRepository);
    app.repository(AddressRepository);
    app.repository(ManufacturerRepository);
    app.controller(CustomerOrdersController);
    customerRepository = customerRepo = await app.get<CustomerRepository>('repositories.CustomerRepository');
    orderRepository = await app.get<OrderRepository>('repositories.OrderRepository');
    // LoopBack 4's way: instantiate every repository, then migrate each data source.
    await app.migrateSchema({existingSchema: 'drop'});
  });

  it('resolves the documented relation metadata defaults', () => {
    const rel = customerRepository.entityClass.definition.relations.orders;
    assert.equal(rel.name, 'orders');
    assert.equal(rel.type, 'hasMany');
    assert.equal(orderRepository.entityClass.definition.relations.customer.keyFrom, 'customerId');
  });

  it('creates the related models (the sample validates Order.name as LoopBack does)', async () => {
    const myCustomer = await customerRepository.create({id: 1, name: 'Fiorio'});
    const orderData = {id: 1, customerId: myCustomer.id};
    // The sample's order data omits `name`, which the sample's Order model marks required.
    await assert.rejects(customerRepository.orders(myCustomer.id).create(orderData), (err: Error & {statusCode: number}) => {
      assert.equal(err.name, 'ValidationError');
      assert.equal(err.statusCode, 422);
      assert.match(err.message, /`name` can't be blank/);
      return true;
    });
    const order = await customerRepository.orders(myCustomer.id).create({...orderData, name: 'Mjolnir'});
    assert.deepEqual(json(order), {id: 1, name: 'Mjolnir', customerId: 1});
  });

  it('rejects navigational properties in create data', async () => {
    await assert.rejects(customerRepository.create({
      id: 1,
      name: 'invalid request',
      orders: [{id: 1, customerId: 1}],
    } as never), {
      message: 'Navigational properties are not allowed in model data (model "Customer" property "orders"), please remove it.',
    });
  });

  it('the controller creates an order through the constrained repository', async () => {
    await customerRepository.create({id: 1, name: 'Thor'});
    const controller = await app.get<CustomerOrdersController>('controllers.CustomerOrdersController');
    const created = await controller.createOrder(1, {id: 7, name: 'Mjolnir'} as never);
    assert.deepEqual(json(created), {id: 7, name: 'Mjolnir', customerId: 1});
  });

  async function seedThorAndCaptain() {
    await customerRepo.create({id: 1, name: 'Thor'});
    await customerRepo.create({id: 2, name: 'Captain'});
    await customerRepo.orders(1).create({id: 1, name: 'Mjolnir'});
    await customerRepo.orders(1).create({id: 2, name: 'Rocket Raccoon'});
    await customerRepo.orders(2).create({id: 3, name: 'Shield'});
    await customerRepo.address(1).create({id: 3, city: 'Thrudheim', province: 'Asgard', zipcode: '8200'});
    const manufacturers = await app.get<ManufacturerRepository>('repositories.ManufacturerRepository');
    await manufacturers.create({name: 'ToysRUs', orderId: 2});
    await manufacturers.create({name: 'ToysRThem', orderId: 2});
  }

  it("customerRepo.find({include: ['orders']})", async () => {
    await seedThorAndCaptain();
    assert.deepEqual(json(await customerRepo.find({include: ['orders']})), [
      {id: 1, name: 'Thor', orders: [{id: 1, name: 'Mjolnir', customerId: 1}, {id: 2, name: 'Rocket Raccoon', customerId: 1}]},
      {id: 2, name: 'Captain', orders: [{id: 3, name: 'Shield', customerId: 2}]},
    ]);
  });

  it("customerRepo.find({include: ['orders', 'address']})", async () => {
    await seedThorAndCaptain();
    const found = json(await customerRepo.find({include: ['orders', 'address']}));
    assert.deepEqual(found[0].address, {id: 3, city: 'Thrudheim', province: 'Asgard', zipcode: '8200', customerId: 1});
    assert.equal(found[0].orders.length, 2);
    assert.equal('address' in found[1], false);
  });

  it('nested include of manufacturers, and a scope where', async () => {
    await seedThorAndCaptain();
    const nested = json(await customerRepo.find({
      include: [
        {
          relation: 'orders',
          scope: {
            include: ['manufacturers'],
          },
        },
      ],
    }));
    assert.deepEqual(nested[0].orders[1].manufacturers.map((m: {name: string}) => m.name), ['ToysRUs', 'ToysRThem']);
    assert.equal('manufacturers' in nested[0].orders[0], false);

    const scoped = json(await customerRepo.find({
      include: [
        {
          relation: 'orders',
          scope: {
            where: {name: 'Rocket Raccoon'},
            include: ['manufacturers'],
          },
        },
      ],
    }));
    assert.deepEqual(scoped[0].orders.map((o: {name: string}) => o.name), ['Rocket Raccoon']);
    assert.equal('orders' in scoped[1], false);
  });

  it("customerRepository.inclusionResolvers.delete('orders') disables the relation", async () => {
    customerRepository.inclusionResolvers.delete('orders');
    await assert.rejects(customerRepo.find({include: ['orders']}), {code: 'INVALID_INCLUSION_FILTER'});
  });
});
