import {AnyObject, Options} from '../common/types';
import {Connector, FindOptions} from '../connectors/connector';
import {NormalizedFilter} from '../filter/types';
import {prepareData} from '../model/coerce-data';
import {ModelDefinition} from '../model/model-definition';
import {ValidationError} from '../model/validation-error';

/**
 * One model's persistence on one data source: data validation and coercion
 * before writes, then the connector call. Both faces (LoopBack 4 repositories
 * and LoopBack 3 model classes) go through this, so write rules live once.
 * Filters arrive already normalized.
 */
export class ModelCollection {
  readonly name: string;
  readonly idName: string | undefined;

  constructor(
    readonly definition: ModelDefinition,
    private readonly connector: Connector,
    private readonly ready: () => Promise<void>,
  ) {
    this.name = definition.name;
    this.idName = definition.idProperties()[0];
  }

  /** Validates a full row for insert: defaults, required, strict, coercion. */
  prepareForCreate(data: AnyObject): AnyObject {
    return this.storable(prepareData(this.definition, data, {complete: true, generatedIds: true}));
  }

  /** Validates a partial row for a patch: strict and coercion only. */
  prepareForPatch(data: AnyObject): AnyObject {
    return this.storable(prepareData(this.definition, data, {complete: false}));
  }

  /**
   * A store with fixed columns cannot keep undeclared properties of a
   * `strict: false` model; refuse them rather than drop them silently.
   */
  private storable(row: AnyObject): AnyObject {
    if (this.definition.settings.strict !== false || this.connector.capabilities.freeFormProperties) return row;
    const unknown = Object.keys(row).filter(k => !(k in this.definition.properties));
    if (unknown.length) {
      throw new ValidationError(this.name, unknown.map(property => ({
        property, code: 'unknown-property', value: row[property],
        message: `is not a declared property; the ${this.connector.name} connector stores declared properties only`,
      })));
    }
    return row;
  }

  async create(data: AnyObject, options?: Options): Promise<AnyObject> {
    const row = this.prepareForCreate(data);
    await this.ready();
    return this.connector.create(this.name, row, options);
  }

  async createAll(data: AnyObject[], options?: Options): Promise<AnyObject[]> {
    const rows = data.map(d => this.prepareForCreate(d));
    await this.ready();
    return this.connector.createAll(this.name, rows, options);
  }

  async find(filter: NormalizedFilter, options?: FindOptions): Promise<AnyObject[]> {
    await this.ready();
    return this.connector.find(this.name, filter, options);
  }

  async count(where: AnyObject | undefined, options?: Options): Promise<number> {
    await this.ready();
    return this.connector.count(this.name, where, options);
  }

  async updateAll(where: AnyObject | undefined, data: AnyObject, options?: Options): Promise<number> {
    const patch = this.prepareForPatch(data);
    await this.ready();
    if (Object.keys(patch).length === 0) return this.connector.count(this.name, where, options);
    return this.connector.updateAll(this.name, where, patch, options);
  }

  async replaceById(id: unknown, data: AnyObject, options?: Options): Promise<boolean> {
    const row = this.prepareForCreate(data);
    await this.ready();
    return this.connector.replaceById(this.name, id, row, options);
  }

  async deleteAll(where: AnyObject | undefined, options?: Options): Promise<number> {
    await this.ready();
    return this.connector.deleteAll(this.name, where, options);
  }
}
