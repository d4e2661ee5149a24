import {DefaultCrudRepository, inject, juggler} from 'relata';
import {Manufacturer} from '../models';

export class ManufacturerRepository extends DefaultCrudRepository<Manufacturer, typeof Manufacturer.prototype.id> {
  constructor(@inject('datasources.db') dataSource: juggler.DataSource) {
    super(Manufacturer, dataSource);
  }
}
