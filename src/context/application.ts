import {RelataError} from '../common/errors';
import {Binding} from './binding';
import {applyBindingTemplates} from './binding-decorator';
import {BindingScope} from './binding-scope';
import {Context} from './context';
import {repositoryBindingKey} from './repository-decorator';
import {Constructor} from './value-promise';

/** Options of an {@link Application}; kept under `application.config`. */
export interface ApplicationConfig {
  /** The application (context) name; defaults to the class name. */
  name?: string;
  [option: string]: unknown;
}

/** What `migrateSchema` passes on to each datasource. */
export interface SchemaMigrationOptions {
  /** `'drop'` recreates tables (`automigrate`); `'alter'` (default) updates them (`autoupdate`). */
  existingSchema?: 'drop' | 'alter';
  /** Limit the migration to these models. */
  models?: string[];
}

/** A datasource instance: anything with a name (relata's `DataSource`, a juggler one, ...). */
export interface DataSourceInstance {
  name?: string;
}

/** A datasource class, as `lb4 datasource` generates (`static dataSourceName = 'db'`). */
export type DataSourceClass = Constructor<object> & {dataSourceName?: string};

type MigratingDataSource = {
  automigrate?: (models?: string[]) => Promise<void>;
  autoupdate?: (models?: string[]) => Promise<void>;
};

/**
 * The application context LoopBack 4 code builds on (`@loopback/core`'s
 * `Application` with the repository mixin's `dataSource`/`repository`).
 *
 * ```ts
 * const app = new Application();
 * app.dataSource(db);                       // datasources.db
 * app.repository(CustomerRepository);       // repositories.CustomerRepository
 * app.controller(CustomerOrdersController); // controllers.CustomerOrdersController
 * const repo = await app.getRepository(CustomerRepository);
 * ```
 */
export class Application extends Context {
  /** The configuration given to the constructor. */
  readonly options: ApplicationConfig;

  constructor(configOrParent?: ApplicationConfig | Context, parent?: Context) {
    const config = configOrParent instanceof Context ? {} : configOrParent ?? {};
    super(configOrParent instanceof Context ? configOrParent : parent, config.name ?? new.target.name);
    this.options = config;
    this.bind('application.instance').to(this);
    this.bind('application.config').to(config);
  }

  /**
   * Binds a datasource under `datasources.<name>`: an instance as a
   * constant, a class as a singleton. The name defaults to the instance's
   * `name`, or the class's `dataSourceName` then its class name.
   */
  dataSource(dataSource: DataSourceInstance | DataSourceClass, name?: string): Binding<unknown> {
    if (typeof dataSource === 'function') {
      const dsClass = dataSource as DataSourceClass;
      const dsName = name ?? dsClass.dataSourceName ?? dsClass.name;
      const binding = this.bind(`datasources.${dsName}`).toClass(dsClass).tag('datasource');
      return applyBindingTemplates(binding, dsClass).applyDefaultScope(BindingScope.SINGLETON);
    }
    if (dataSource === null || typeof dataSource !== 'object') {
      throw new RelataError(
        `app.dataSource() needs a datasource instance or class, got ${dataSource === null ? 'null' : typeof dataSource}`,
        'INVALID_DATASOURCE');
    }
    const dsName = name ?? dataSource.name;
    if (!dsName) {
      throw new RelataError('app.dataSource(): the datasource has no name; pass one as the second argument',
        'INVALID_DATASOURCE');
    }
    return this.bind(`datasources.${dsName}`).to(dataSource).inScope(BindingScope.SINGLETON).tag('datasource');
  }

  /**
   * Binds a repository class under `repositories.<name ?? RepoClass.name>`,
   * as a singleton unless its `@injectable` says otherwise: one instance per
   * application, so repositories that reach each other through getters share it.
   */
  repository<R>(repositoryClass: Constructor<R>, name?: string): Binding<R> {
    this.assertClass(repositoryClass, 'repository');
    const binding = this.bind<R>(repositoryBindingKey(name ?? repositoryClass.name)).toClass(repositoryClass).tag('repository');
    return applyBindingTemplates(binding, repositoryClass).applyDefaultScope(BindingScope.SINGLETON);
  }

  /** Binds a controller class under `controllers.<name ?? Ctrl.name>` (a new instance per resolution). */
  controller<C>(controllerClass: Constructor<C>, name?: string): Binding<C> {
    this.assertClass(controllerClass, 'controller');
    const binding = this.bind<C>(`controllers.${name ?? controllerClass.name}`).toClass(controllerClass).tag('controller');
    return applyBindingTemplates(binding, controllerClass);
  }

  /** Binds a model class under `models.<name ?? Model.name>` (what `@repository('Model', 'ds')` reads). */
  model<M extends Function>(modelClass: M, name?: string): Binding<M> {
    this.assertClass(modelClass, 'model');
    return this.bind<M>(`models.${name ?? modelClass.name}`).to(modelClass).tag('model');
  }

  /** The repository bound for `repositoryClass` (by its class name). */
  getRepository<R>(repositoryClass: Constructor<R>): Promise<R> {
    this.assertClass(repositoryClass, 'getRepository');
    return this.get<R>(repositoryBindingKey(repositoryClass.name));
  }

  /**
   * Creates or updates the schema of every bound datasource, after
   * instantiating every repository so their models are attached.
   */
  async migrateSchema(options: SchemaMigrationOptions = {}): Promise<void> {
    const operation = options.existingSchema === 'drop' ? 'automigrate' : 'autoupdate';
    for (const b of this.findByTag('repository')) await this.get(b.key);
    for (const b of this.findByTag('datasource')) {
      const ds = (await this.get(b.key)) as MigratingDataSource;
      const migrate = ds?.[operation];
      if (typeof migrate === 'function') await migrate.call(ds, options.models);
    }
  }

  private assertClass(value: unknown, method: string): void {
    if (typeof value !== 'function') {
      throw new RelataError(
        `app.${method}() needs a class, got ${value === null ? 'null' : typeof value}`, 'INVALID_ARGUMENT');
    }
  }
}
