import {Kysely} from 'kysely';
import {AnyObject} from '../../../common/types';
import {ModelDefinition} from '../../../model/model-definition';
import {SqlDialectName} from '../sql-dialect-name';
import {TableMapping} from '../table-mapping';

/**
 * What schema migration needs from a SQL connector. `SqlConnector` provides
 * it; the interface keeps migrations independent of the connector's other
 * concerns (and lets tests migrate with a bare Kysely instance).
 */
export interface MigrationHost {
  readonly dialect: {readonly name: SqlDialectName};
  /**
   * The data source settings. `foreignKeyConstraints: false` turns off the
   * FOREIGN KEY constraints derived from belongsTo relations (their indexes
   * stay; `foreignKeys` model settings still make constraints).
   */
  readonly settings?: AnyObject;
  /** The executor (a pool; migrations pin one connection of it where they must). */
  kysely(): Kysely<any>;
  /** The table mapping of a defined model. */
  mapping(model: string): TableMapping;
  /** The table mappings of every defined model. */
  mappings(): TableMapping[];
  /** Every model definition registered on the connector. */
  definitions(): ModelDefinition[];
}
