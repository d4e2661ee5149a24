import {AnyObject} from '../../../common/types';

/** Reasons for network-level failures (Node's socket error codes). */
const NETWORK_REASONS: Record<string, string> = {
  ECONNREFUSED: 'connection refused',
  ENOTFOUND: 'host not found',
  EAI_AGAIN: 'host name lookup failed',
  ETIMEDOUT: 'connection timed out',
  EHOSTUNREACH: 'host unreachable',
  ENETUNREACH: 'network unreachable',
  ECONNRESET: 'connection reset',
  EPIPE: 'connection closed',
};

/**
 * The reason of a network-level connection failure, or undefined. Looks at
 * `code` and, for aggregated errors (Node's happy-eyeballs connect tries
 * every address), at the first inner error.
 */
export function networkReason(err: unknown): string | undefined {
  if (!err || typeof err !== 'object') return undefined;
  const e = err as AnyObject;
  if (typeof e.code === 'string' && NETWORK_REASONS[e.code]) return NETWORK_REASONS[e.code];
  if (Array.isArray(e.errors) && e.errors.length) return networkReason(e.errors[0]);
  return undefined;
}

/** `host:port` of a URL-style connection string, or undefined when it cannot be parsed. Never the password. */
export function urlTarget(url: unknown, defaultPort: number): string | undefined {
  if (typeof url !== 'string') return undefined;
  try {
    const u = new URL(url);
    return `${u.hostname || 'localhost'}:${u.port || defaultPort}`;
  } catch {
    return undefined;
  }
}
