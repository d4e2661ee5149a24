import {AnyObject} from '../common/types';
import {RelataError} from '../common/errors';
import {Connector} from '../connectors/connector';

/** Builds a connector from data source settings. */
export type ConnectorFactory = (settings: AnyObject) => Connector;

const factories = new Map<string, ConnectorFactory>();

/**
 * Registers a connector under a name (and LoopBack's package-style aliases,
 * e.g. `loopback-connector-<name>`), so `{connector: '<name>'}` finds it.
 */
export function registerConnector(name: string, factory: ConnectorFactory): void {
  factories.set(name, factory);
  factories.set(`loopback-connector-${name}`, factory);
}

/**
 * Resolves the `connector` setting: a registered name, a LoopBack-style
 * connector module object (`{name}` or `{initialize}` naming a registered
 * connector), or a ready `Connector` instance.
 */
export function createConnector(connector: unknown, settings: AnyObject): Connector {
  if (connector && typeof connector === 'object') {
    const candidate = connector as AnyObject;
    if (typeof candidate.find === 'function' && typeof candidate.define === 'function') {
      return candidate as Connector;
    }
    if (typeof candidate.name === 'string') return createConnector(candidate.name, settings);
  }
  const name = typeof connector === 'string' ? connector : 'memory';
  const factory = factories.get(name);
  if (!factory) {
    throw new RelataError(
      `Connector "${name}" is not supported. Available connectors: ${[...factories.keys()]
        .filter(k => !k.startsWith('loopback-connector-')).join(', ')}`,
      'CONNECTOR_NOT_FOUND');
  }
  return factory(settings);
}
