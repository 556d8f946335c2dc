import type { TlsOptions } from 'node:tls';
import type { Logger } from 'pino';
import type { InjectionToken } from 'tsyringe';
import type { Codec } from '@weir/codecs';
import type { BackpressureLimits } from './connection';
import type { Middleware } from './handler';
import type { IdlePolicy } from './idle-policy';
import type { PluginClass } from './plugin';
import type { ServiceReplies } from './service-replies';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Class<T> = new (...args: any[]) => T;

/** A shared service for the server's root container: a class (made a singleton) or a token with a value. */
export type Provider =
  | Class<unknown>
  | { readonly provide: InjectionToken<unknown>; readonly useValue: unknown }
  | { readonly provide: InjectionToken<unknown>; readonly useClass: Class<unknown> };

export interface ServerOptions<In, Out> {
  /** Frames bytes into messages and replies into bytes. */
  readonly codec: Codec<In, Out>;
  /** The route key of a message (a RESP command name, an IRC verb, a JSON `type`); `'message'` if absent. */
  readonly route?: (message: In) => string;
  readonly plugins?: readonly PluginClass[];
  readonly middleware?: readonly Middleware<In, Out>[];
  /** Shared services, registered as singletons on the server's own root container. */
  readonly providers?: readonly Provider[];
  /** Classes made once per connection, in the connection's container, on first use. */
  readonly connectionScoped?: readonly Class<unknown>[];
  /** The protocol's replies for unknown routes, handler errors, protocol errors and refusals. */
  readonly replies?: ServiceReplies<In, Out>;

  /** Interface to bind; 127.0.0.1 unless told otherwise, so nothing is exposed by accident. */
  readonly host?: string;
  /** 0 (the default) picks a free ephemeral port. */
  readonly port?: number;
  /** Serve TLS (node:tls) with these options (key, cert...); the API is the same. */
  readonly tls?: TlsOptions;
  /** Connections past this are refused with `replies.rejected` (default 10,000). */
  readonly maxConnections?: number;
  /** Connections from one remote address past this are refused (default: no limit). */
  readonly maxConnectionsPerAddress?: number;
  readonly idle?: IdlePolicy<In, Out>;
  /** Passed to every decoder; the codec's own default otherwise. */
  readonly maxFrameBytes?: number;
  /**
   * How long close() lets in-flight work finish before destroying what is left
   * (default 5,000 ms); also how long one closing connection waits for its
   * handlers' owed replies (after a QUIT, an idle close, the peer's end).
   */
  readonly shutdownGraceMs?: number;
  readonly backpressure?: Partial<BackpressureLimits>;
  /** TCP keepalive: true, or the initial delay in ms (default off). */
  readonly keepAlive?: boolean | number;
  /** Disable Nagle's algorithm (default true: replies leave at once). */
  readonly noDelay?: boolean;
  /** Structured logs; silent by default, since a library never writes to the console on its own. */
  readonly logger?: Logger;
}
