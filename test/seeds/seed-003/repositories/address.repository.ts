import {DefaultCrudRepository, inject, juggler} from 'relata';
import {Address} from '../models';

export class AddressRepository extends DefaultCrudRepository<Address, typeof Address.prototype.id> {
  constructor(@inject('datasources.db') dataSource: juggler.DataSource) {
    super(Address, dataSource);
  }
}
