export * from './customer.repository';
export * from './order.repository';
export * from './address.repository';
export * from './manufacturer.repository';
