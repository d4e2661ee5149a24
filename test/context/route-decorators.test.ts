import assert from 'node:assert/strict';
import {describe, it} from 'node:test';
import {inject} from '../../src/context/inject';
import {repository} from '../../src/context/repository-decorator';
import {model, property} from '../../src/model/decorators';
import {Entity} from '../../src/model/model';
import {describeModelSchemaRef, getModelSchemaRef} from '../../src/rest/model-schema-ref';
import {
  api,
  del,
  get,
  getControllerRoutes,
  operation,
  param,
  patch,
  post,
  put,
  requestBody,
} from '../../src/rest/route-decorators';

@model()
class Order extends Entity {
  @property({type: 'number', id: true}) id!: number;
  @property({type: 'number'}) customerId?: number;
}

@model()
class Customer extends Entity {
  @property({type: 'number', id: true}) id!: number;
  @property({type: 'string', required: true}) name!: string;
}

class CustomerRepository {}

// Shaped as seed 003's controller.
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
    return orderData;
  }
}

describe('route decorators', () => {
  it('record the route of seed 003\'s CustomerOrdersController', () => {
    const routes = getControllerRoutes(CustomerOrdersController);
    assert.equal(routes.length, 1);
    const [route] = routes;
    assert.equal(route.verb, 'post');
    assert.equal(route.path, '/customers/{id}/order');
    assert.equal(route.methodName, 'createOrder');
    assert.equal(route.controller, CustomerOrdersController);
    assert.deepEqual(route.params.map(({index, in: location, name, type, required}) => ({index, in: location, name, type, required})),
      [{index: 0, in: 'path', name: 'id', type: 'number', required: true}]);
    assert.equal(route.requestBody?.index, 1);
    assert.equal(route.requestBody?.modelClass, Order);
    assert.deepEqual(route.requestBody?.spec.content, {'application/json': {schema: {'x-ts-type': Order}}});
  });

  it('record every verb, with parameters in index order and filters', () => {
    class CustomerController {
      @get('/customers/count')
      count(@param.where(Customer) where?: object) {}

      @get('/customers')
      find(@param.filter(Customer) filter?: object) {}

      @get('/customers/{id}')
      findById(@param.path.string('id') id: string, @param.filter(Customer, {exclude: 'where'}) filter?: object) {}

      @patch('/customers/{id}')
      updateById(@requestBody({description: 'changes', required: true}) data: Partial<Customer>,
        @param.path.integer('id') id: number) {}

      @put('/customers/{id}')
      replaceById(@param.path.number('id') id: number, @requestBody() data: Customer) {}

      @del('/customers/{id}')
      deleteById(@param.path.number('id') id: number, @param.header.string('x-user') user: string,
        @param.query.boolean('force') force?: boolean) {}

      notARoute() {}
    }
    const routes = getControllerRoutes(CustomerController);
    assert.deepEqual(routes.map(r => `${r.verb} ${r.path} ${r.methodName}`), [
      'get /customers/count count',
      'get /customers find',
      'get /customers/{id} findById',
      'patch /customers/{id} updateById',
      'put /customers/{id} replaceById',
      'delete /customers/{id} deleteById',
    ]);
    const byName = Object.fromEntries(routes.map(r => [r.methodName, r]));
    assert.deepEqual(byName.count.params.map(p => [p.in, p.name, p.type, p.modelFilter?.kind, p.modelFilter?.model]),
      [['query', 'where', 'object', 'where', Customer]]);
    assert.deepEqual(byName.find.params[0].modelFilter, {kind: 'filter', model: Customer});
    assert.deepEqual(byName.findById.params.map(p => [p.index, p.name, p.type]), [[0, 'id', 'string'], [1, 'filter', 'object']]);
    assert.deepEqual(byName.findById.params[1].modelFilter, {kind: 'filter', model: Customer, exclude: ['where']});
    assert.equal(byName.updateById.requestBody?.index, 0);
    assert.equal(byName.updateById.requestBody?.spec.description, 'changes');
    assert.equal(byName.updateById.requestBody?.spec.required, true);
    assert.deepEqual(byName.updateById.params.map(p => [p.index, p.type, p.format]), [[1, 'integer', 'int32']]);
    assert.equal(byName.replaceById.requestBody?.modelClass, Customer);
    assert.deepEqual(byName.deleteById.params.map(p => [p.index, p.in, p.name, p.type, p.required]),
      [[0, 'path', 'id', 'number', true], [1, 'header', 'x-user', 'string', false], [2, 'query', 'force', 'boolean', false]]);
    assert.equal(byName.deleteById.requestBody, undefined);
  });

  it('@param with a bare spec infers the schema from the TypeScript type', () => {
    class C {
      @operation('GET', '/things/{id}', {summary: 'one thing'})
      one(@param({name: 'id', in: 'path'}) id: number, @param({name: 'q', in: 'query'}) q: string,
        @param.query.object('where') where: object) {}
    }
    const [route] = getControllerRoutes(C);
    assert.equal(route.verb, 'get');
    assert.deepEqual(route.spec, {summary: 'one thing'});
    assert.deepEqual(route.params.map(p => [p.name, p.type, p.required]),
      [['id', 'number', true], ['q', 'string', false], ['where', 'object', false]]);
    assert.deepEqual(route.params[2].spec,
      {name: 'where', in: 'query', style: 'deepObject', explode: true, schema: {type: 'object', additionalProperties: true}});
  });

  it('@api prefixes its basePath; base-class routes are inherited', () => {
    class BaseController {
      @get('/ping')
      ping() {}
    }
    @api({basePath: '/api/'})
    class Child extends BaseController {
      @get('/')
      root() {}
    }
    assert.deepEqual(getControllerRoutes(Child).map(r => `${r.verb} ${r.path} ${r.methodName}`),
      ['get /api/ping ping', 'get /api root']);
    assert.deepEqual(getControllerRoutes(BaseController).map(r => r.path), ['/ping']);
  });

  it('keeps method injections separate from request parameters', () => {
    class C {
      @get('/me')
      me(@inject('currentUser') user: string, @param.query.string('fields') fields: string) {}
    }
    const [route] = getControllerRoutes(C);
    assert.deepEqual(route.params.map(p => [p.index, p.name]), [[1, 'fields']]);
  });

  it('rejects misuse with clear errors', () => {
    assert.throws(() => operation('fetch', '/x'), {
      code: 'INVALID_ROUTE_METADATA',
      message: '@operation: unknown HTTP verb "fetch" (expected one of get, post, put, patch, delete, head, options)',
    });
    assert.throws(() => {
      class Twice {
        @get('/a')
        @post('/a')
        m() {}
      }
      return Twice;
    }, {message: 'A route decorator cannot be applied more than once on Twice.prototype.m()'});
    assert.throws(() => {
      class TwoBodies {
        @post('/a')
        m(@requestBody() a: object, @requestBody() b: object) {}
      }
      return TwoBodies;
    }, {message: '@requestBody can be applied to one parameter only of TwoBodies.prototype.m()'});
    assert.throws(() => param({name: '', in: 'path'}), {message: '@param needs a parameter name, got ""'});
    assert.throws(() => param({name: 'x', in: 'body' as never}),
      {message: '@param(\'x\'): "in" must be one of path, query, header, cookie, got "body"'});
    assert.throws(() => {
      class NotAMethod {
        constructor(@param.path.number('id') id: number) {}
      }
      return NotAMethod;
    }, {code: 'INVALID_ROUTE_METADATA'});
  });
});

describe('getModelSchemaRef', () => {
  it('derives LoopBack\'s schema titles', () => {
    assert.deepEqual(getModelSchemaRef(Order), {$ref: '#/components/schemas/Order'});
    assert.deepEqual(getModelSchemaRef(Order, {partial: true}), {$ref: '#/components/schemas/OrderPartial'});
    assert.deepEqual(getModelSchemaRef(Customer, {includeRelations: true}), {$ref: '#/components/schemas/CustomerWithRelations'});
    assert.deepEqual(getModelSchemaRef(Order, {exclude: ['id']}), {$ref: '#/components/schemas/OrderExcluding_id_'});
    assert.deepEqual(getModelSchemaRef(Order, {optional: ['customerId']}), {$ref: '#/components/schemas/OrderOptional_customerId_'});
    assert.deepEqual(getModelSchemaRef(Order, {optional: ['customerId', 'id'], partial: true, exclude: ['a', 'b'], includeRelations: true}),
      {$ref: '#/components/schemas/OrderOptional_customerId-id_Excluding_a-b_WithRelations'});
    assert.deepEqual(getModelSchemaRef(Order, {optional: [], partial: true}), {$ref: '#/components/schemas/OrderPartial'});
    assert.deepEqual(getModelSchemaRef(Order, {title: 'NewOrderInCustomer', exclude: ['id'], optional: ['customerId']}),
      {$ref: '#/components/schemas/NewOrderInCustomer'});
  });

  it('uses the @model title when there is one', () => {
    @model({title: 'Client'})
    class Customer2 extends Entity {}
    assert.deepEqual(getModelSchemaRef(Customer2, {partial: true}), {$ref: '#/components/schemas/ClientPartial'});
  });

  it('remembers what a reference stands for', () => {
    const ref = getModelSchemaRef(Order, {exclude: ['id']});
    assert.deepEqual(describeModelSchemaRef(ref), {model: Order, options: {exclude: ['id']}, title: 'OrderExcluding_id_'});
    assert.equal(describeModelSchemaRef({$ref: '#/components/schemas/Order'}), undefined);
  });

  it('rejects a non-class', () => {
    assert.throws(() => getModelSchemaRef('Order' as never), {
      code: 'INVALID_ARGUMENT', message: 'getModelSchemaRef() needs a model class, got string'});
  });
});
