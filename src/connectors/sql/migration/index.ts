export {migrateSchema, MigrationMode} from './migrate-schema';
export {MigrationHost} from './migration-host';
export {MigrationError} from './migration-error';
export {planSchema} from './plan-schema';
export {ColumnSpec, ForeignKeySpec, IndexSpec, ReferentialAction, TableSpec} from './schema-spec';
export {columnType, ColumnRole} from './column-types';
export {introspectTable, ExistingColumn, ExistingForeignKey, ExistingIndex, ExistingTable} from './introspection';
