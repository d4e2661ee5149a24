import {RelataError} from '../common/errors';

/** The part of a binding a session needs (keeps this file free of a Binding import). */
export interface SessionBinding {
  readonly key: string;
}

/**
 * The chain of bindings being resolved, innermost last. Sessions are
 * immutable: entering a binding returns a new session, so parallel and
 * asynchronous resolutions never disturb each other's path.
 */
export class ResolutionSession {
  private constructor(
    /** The enclosing session; `undefined` at the root. */
    readonly parent: ResolutionSession | undefined,
    /** The binding this level resolves; `undefined` at the root. */
    readonly binding: Readonly<SessionBinding> | undefined,
  ) {}

  /** An empty session. */
  static create(): ResolutionSession {
    return new ResolutionSession(undefined, undefined);
  }

  /**
   * A session one level deeper, resolving `binding`. Throws
   * `CIRCULAR_DEPENDENCY` when `binding` is already being resolved on this
   * path.
   */
  enterBinding(binding: Readonly<SessionBinding>): ResolutionSession {
    for (let s: ResolutionSession | undefined = this; s; s = s.parent) {
      if (s.binding === binding) {
        throw new RelataError(
          `Circular dependency detected: ${[...this.bindingKeys(), binding.key].join(' --> ')}`,
          'CIRCULAR_DEPENDENCY');
      }
    }
    return new ResolutionSession(this, binding);
  }

  /** Keys of the bindings on this path, outermost first. */
  bindingKeys(): string[] {
    const keys: string[] = [];
    for (let s: ResolutionSession | undefined = this; s; s = s.parent) {
      if (s.binding) keys.push(s.binding.key);
    }
    return keys.reverse();
  }

  /** The binding currently resolved, if any. */
  get currentBinding(): Readonly<SessionBinding> | undefined {
    return this.binding;
  }

  /** `a --> b --> c`, the keys of this path. */
  getBindingPath(): string {
    return this.bindingKeys().join(' --> ');
  }
}

/** Options of `Context#get`, `getSync` and binding resolution. */
export interface ResolutionOptions {
  /** Resolve to `undefined` instead of throwing when the key is not bound. */
  optional?: boolean;
  /** The enclosing resolution (set by the container when resolving dependencies). */
  session?: ResolutionSession;
}
