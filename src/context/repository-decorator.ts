import {RelataError} from '../common/errors';
import type {Context} from './context';
import {inject, InjectionDecorator} from './inject';

/** A repository class (or any class whose name names its binding). */
type NamedClass = Function & {name: string};

/** The binding key `app.repository(Repo)` uses: `repositories.<Name>`. */
export function repositoryBindingKey(repositoryOrName: string | NamedClass): string {
  const name = typeof repositoryOrName === 'string' ? repositoryOrName : repositoryOrName?.name;
  if (!name) {
    throw new RelataError(
      '@repository needs a repository class or name, got ' + describe(repositoryOrName), 'INVALID_INJECTION');
  }
  return `repositories.${name}`;
}

function describe(value: unknown): string {
  if (typeof value === 'function') return value.name ? `class ${value.name}` : 'an anonymous class';
  return value === undefined ? 'undefined' : JSON.stringify(value);
}

interface DataSourceLike {
  name?: string;
}

type RepositoryConstructor = new (entityClass: Function, dataSource: unknown) => unknown;

/**
 * Injects a repository.
 *
 * - `@repository(CustomerRepository)` / `@repository('CustomerRepository')`:
 *   the value bound to `repositories.CustomerRepository`.
 * - `@repository(Customer, 'db')`: a new `DefaultCrudRepository` for the
 *   model `Customer` on the datasource bound to `datasources.db` (or on a
 *   datasource instance given directly).
 *
 * ```ts
 * class CustomerOrdersController {
 *   constructor(@repository(CustomerRepository) protected customerRepository: CustomerRepository) {}
 * }
 * ```
 */
export function repository(
  repositoryOrModel: string | NamedClass,
  dataSource?: string | DataSourceLike,
): InjectionDecorator {
  if (dataSource === undefined) {
    return inject(repositoryBindingKey(repositoryOrModel), {decorator: '@repository'});
  }
  const modelName = typeof repositoryOrModel === 'string' ? repositoryOrModel : repositoryOrModel?.name;
  if (!modelName) {
    throw new RelataError(
      '@repository(model, dataSource) needs a model class or name, got ' + describe(repositoryOrModel),
      'INVALID_INJECTION');
  }
  const meta = {decorator: '@repository', modelName, dataSourceName: typeof dataSource === 'string' ? dataSource : dataSource.name};
  return inject('', meta, async (ctx: Context) => {
    const modelClass = typeof repositoryOrModel === 'string'
      ? await ctx.get<Function>(`models.${repositoryOrModel}`)
      : repositoryOrModel;
    const ds = typeof dataSource === 'string' ? await ctx.get(`datasources.${dataSource}`) : dataSource;
    // Loaded here, not at the top: the repository module imports this package.
    const {DefaultCrudRepository} = require('../repository/default-crud-repository') as {
      DefaultCrudRepository: RepositoryConstructor;
    };
    return new DefaultCrudRepository(modelClass, ds);
  });
}

export namespace repository {
  /**
   * Injects a `Getter` of `repositories.<Name>`: resolved lazily, which lets
   * two repositories refer to each other (hasMany ↔ belongsTo).
   *
   * ```ts
   * constructor(@repository.getter('OrderRepository') getOrderRepository: Getter<OrderRepository>) {}
   * ```
   */
  export function getter(repositoryOrName: string | NamedClass): InjectionDecorator {
    return inject.getter(repositoryBindingKey(repositoryOrName), {decorator: '@repository.getter'});
  }
}
