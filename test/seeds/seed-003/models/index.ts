export * from './customer.model';
export * from './order.model';
export * from './address.model';
export * from './manufacturer.model';
