import * as net from 'node:net';
import * as tls from 'node:tls';
import { Observable, Subject } from 'rxjs';
import pino, { type Logger } from 'pino';
import { container as globalContainer, Lifecycle, type DependencyContainer } from 'tsyringe';
import type { CloseReason } from './close-reason';
import { Connection, defaultBackpressure, type AnyConnection, type BackpressureLimits, type ConnectionObserver, type PauseCause } from './connection';
import { ConnectionScopes } from './connection-container';
import { Frame } from './frame';
import { composeMiddleware, type Handler } from './handler';
import { IdleWatch } from './idle-watch';
import type { Link } from './link';
import { Pipeline } from './pipeline';
import { PluginHost } from './plugin-host';
import type { ServerEvent, ServerStats } from './server-events';
import type { Provider, ServerOptions } from './server-options';
import { bindSocket } from './socket-binding';
import { PENDING_EVENTS, SocketLink } from './socket-link';
import { CLOCK, LOGGER, systemClock } from './tokens';

/**
 * A TCP (or TLS) server: a stream of connections, each a stream of typed
 * messages handled by plugins. Many can run in one process: each has its own
 * root container, its own plugins and its own state.
 */
export class WeirServer<In, Out> {
  /** The server's root container: shared services and plugins live here. */
  readonly container: DependencyContainer;
  readonly events$: Observable<ServerEvent>;
  readonly connections$: Observable<Connection<In, Out>>;
  readonly logger: Logger;

  private readonly options: ServerOptions<In, Out>;
  private readonly limits: BackpressureLimits;
  private readonly plugins: PluginHost;
  private readonly events = new Subject<ServerEvent>();
  private readonly openConnections = new Subject<Connection<In, Out>>();
  private readonly live = new Set<Connection<In, Out>>();
  /** Accepted sockets that are not (yet) a connection: refused, or with a TLS handshake pending. */
  private readonly sockets = new Set<net.Socket>();
  /** A 'close' listener shared by every tracked socket (called on the socket). */
  private readonly forgetSocket: (this: net.Socket) => void;
  private readonly perAddress = new Map<string, number>();
  private readonly idle: IdleWatch<In, Out> | undefined;
  private readonly scopes: ConnectionScopes;
  /**
   * What every connection reports to, and what every socket calls: one per server,
   * not closures per connection (each costs tens of bytes on every idle peer).
   */
  private readonly observer: ConnectionObserver = {
    paused: (connection, cause) => this.onPaused(connection, cause),
    resumed: (connection, cause) => this.onResumed(connection, cause),
    closed: (connection, reason) => this.onClosed(connection as Connection<In, Out>, reason),
  };
  private readonly encode = (message: Out) => this.options.codec.encode(message);
  private netServer: net.Server | undefined;
  private pipeline: Pipeline<In, Out> | undefined;
  private nextId = 0;
  private accepted = 0;
  private rejected = 0;
  private paused = 0;
  private closedBytesIn = 0;
  private closedBytesOut = 0;
  private closing: Promise<void> | undefined;
  private starting: Promise<void> | undefined;

  constructor(options: ServerOptions<In, Out>) {
    this.options = options;
    this.limits = { ...defaultBackpressure, ...options.backpressure };
    this.logger = options.logger ?? pino({ level: 'silent' });
    // A child of tsyringe's global container is the only kind of fresh container
    // tsyringe offers; nothing of ours is ever registered on the global one.
    this.container = globalContainer.createChildContainer();
    this.container.registerInstance(LOGGER, this.logger);
    if (!this.container.isRegistered(CLOCK)) this.container.registerInstance(CLOCK, systemClock);
    this.container.registerInstance(WeirServer, this as unknown as WeirServer<unknown, unknown>);
    for (const provider of options.providers ?? []) this.provide(provider);
    this.plugins = new PluginHost(options.plugins ?? [], this.container);
    this.scopes = new ConnectionScopes(this.container, options.connectionScoped ?? []);
    const sockets = this.sockets;
    this.forgetSocket = function (this: net.Socket) {
      sockets.delete(this);
    };
    this.events$ = this.events.asObservable();
    this.connections$ = this.openConnections.asObservable();
    if (options.idle) {
      const watch = new IdleWatch(options.idle, () => this.live);
      if (watch.enabled) this.idle = watch;
    }
  }

  /** Starts the plugins, then listens; resolves to the bound address. */
  async listen(): Promise<net.AddressInfo> {
    if (this.netServer) throw new Error('listen() was already called on this server');
    await this.start();
    const server = this.options.tls
      ? tls.createServer({ ...this.options.tls, allowHalfOpen: true }, (socket) => this.accept(socket))
      : net.createServer({ allowHalfOpen: true, noDelay: this.options.noDelay ?? true }, (socket) => this.accept(socket));
    if (this.options.tls) {
      server.on('tlsClientError', (error: Error) => this.logger.info({ err: error }, 'TLS handshake failed'));
    }
    this.netServer = server;
    // Ahead of accept(), which untracks the sockets that become connections.
    server.prependListener('connection', (socket: net.Socket) => {
      this.sockets.add(socket);
      socket.on('close', this.forgetSocket);
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.options.port ?? 0, this.options.host ?? '127.0.0.1', () => {
        server.off('error', reject);
        resolve();
      });
    });
    server.on('error', (error) => this.logger.error({ err: error }, 'server error'));
    this.idle?.start();
    const address = server.address() as net.AddressInfo;
    this.logger.info({ address: address.address, port: address.port, tls: !!this.options.tls }, 'listening');
    this.events.next({ type: 'listening', address });
    return address;
  }

  /**
   * Builds the shared services and plugins and runs their start hooks, without
   * listening: what listen() does first, and what the socket-free test harness uses.
   */
  start(): Promise<void> {
    this.starting ??= this.startPlugins();
    return this.starting;
  }

  private async startPlugins(): Promise<void> {
    for (const provider of this.options.providers ?? []) {
      // Build shared services now, on the root, so none is first built through a
      // connection's container and captures its registrations (tsyringe #245).
      this.container.resolve(typeof provider === 'function' ? provider : provider.provide);
    }
    this.plugins.instantiate();
    this.pipeline = new Pipeline<In, Out>(
      this.buildHandler(),
      this.options.route ?? (() => 'message'),
      this.options.replies ?? {},
      {
        handlerError: (connection, route, error) => {
          this.logger.warn({ conn: connection.id, route, err: error }, 'handler failed');
          this.events.next({ type: 'handler-error', connection, route, error });
        },
        protocolError: (connection, error) => {
          this.logger.info({ conn: connection.id, code: error.code, fatal: error.fatal }, error.message);
          this.events.next({ type: 'protocol-error', connection, error });
        },
      },
      this.logger,
    );
    await this.plugins.start();
  }

  address(): net.AddressInfo | undefined {
    return (this.netServer?.address() as net.AddressInfo | null) ?? undefined;
  }

  /** Live connections, for services that look peers up (CLIENT LIST, WHO). */
  connections(): Iterable<Connection<In, Out>> {
    return this.live;
  }

  get connectionCount(): number {
    return this.live.size;
  }

  stats(): ServerStats {
    let pendingOutputBytes = 0;
    let bytesIn = this.closedBytesIn;
    let bytesOut = this.closedBytesOut;
    for (const connection of this.live) {
      pendingOutputBytes += connection.pendingOutputBytes;
      bytesIn += connection.bytesRead;
      bytesOut += connection.bytesWritten;
    }
    return {
      connections: this.live.size,
      accepted: this.accepted,
      rejected: this.rejected,
      paused: this.paused,
      pendingOutputBytes,
      bytesIn,
      bytesOut,
      liveContainers: this.scopes.live,
    };
  }

  /** Encodes once for many connections (broadcast without a copy per member). */
  frame(message: Out): Frame {
    return new Frame(this.options.codec.encode(message));
  }

  /**
   * Stops accepting, lets every connection finish the replies it owes, then
   * ends it; whatever is still open after the grace period is destroyed.
   */
  close(graceMs = this.options.shutdownGraceMs ?? 5000): Promise<void> {
    this.closing ??= this.shutdown(graceMs);
    return this.closing;
  }

  private async shutdown(graceMs: number): Promise<void> {
    this.events.next({ type: 'closing' });
    this.idle?.stop();
    const stopped = new Promise<void>((resolve) => (this.netServer ? this.netServer.close(() => resolve()) : resolve()));
    const drained = new Promise<void>((resolve) => {
      if (this.live.size === 0) return resolve();
      const sub = this.events.subscribe((event) => {
        if (event.type === 'connection-close' && this.live.size === 0) {
          sub.unsubscribe();
          resolve();
        }
      });
    });
    for (const connection of [...this.live]) connection.close({ kind: 'server-close' });
    const timer = setTimeout(() => {
      for (const connection of [...this.live]) connection.destroy({ kind: 'server-close', detail: 'shutdown grace period over' });
    }, graceMs);
    timer.unref();
    await drained;
    clearTimeout(timer);
    // What never became a connection (a TLS peer that stopped mid-handshake and,
    // with allowHalfOpen, would wait out the 120 s handshake timeout; a refused
    // peer) has no replies owed, and would keep the listener from closing.
    for (const socket of this.sockets) socket.destroy();
    await stopped;
    await this.plugins.stop();
    this.logger.info('closed');
    this.events.next({ type: 'closed' });
    this.events.complete();
    this.openConnections.complete();
  }

  private provide(provider: Provider): void {
    if (typeof provider === 'function') {
      this.container.registerSingleton(provider);
    } else if ('useValue' in provider) {
      this.container.registerInstance(provider.provide, provider.useValue);
    } else {
      this.container.register(provider.provide, { useClass: provider.useClass }, { lifecycle: Lifecycle.Singleton });
    }
  }

  private buildHandler(): Handler<In, Out> {
    const table = this.plugins.routes<In, Out>();
    const unknown = this.options.replies?.unknownRoute;
    const router: Handler<In, Out> = (message, context) => {
      const handler = table.get(context.route);
      if (handler) return handler(message, context);
      return unknown ? unknown(message, context) : undefined;
    };
    return composeMiddleware(this.options.middleware ?? [], router, this.container);
  }

  private accept(socket: net.Socket): void {
    const remoteAddress = socket.remoteAddress ?? '';
    const refusal = this.closing ? 'server is shutting down' : this.refusal(remoteAddress);
    if (refusal) {
      this.refuse(socket, remoteAddress, refusal);
      return;
    }
    // A connection's socket is closed by the connection, so shutdown need not
    // track it (and an idle peer keeps one listener less). A TLS socket wraps the
    // tracked one, which stays tracked.
    if (this.sockets.delete(socket)) socket.off('close', this.forgetSocket);
    socket.setNoDelay(this.options.noDelay ?? true);
    const keepAlive = this.options.keepAlive;
    if (keepAlive) socket.setKeepAlive(true, typeof keepAlive === 'number' ? keepAlive : 0);
    const link = new SocketLink<Out>(socket, this.encode, PENDING_EVENTS);
    this.open(link, { remoteAddress, remotePort: socket.remotePort ?? 0 }, (connection) => {
      // Before the plugins see the connection: an onConnect hook that greets or
      // turns the peer away writes and ends at once.
      link.events = connection;
      bindSocket(socket, connection, this.options.codec.createDecoder({ maxFrameBytes: this.options.maxFrameBytes }));
    });
  }

  /**
   * Opens a connection over any link: a socket's, or the in-memory one of the
   * test harness. `bind` wires the link's input before the plugins see the connection.
   */
  open(
    link: Link<Out>,
    peer: { readonly remoteAddress: string; readonly remotePort: number },
    bind?: (connection: Connection<In, Out>) => void,
  ): Connection<In, Out> {
    if (!this.pipeline) throw new Error('start() or listen() the server before opening connections');
    this.accepted++;
    this.perAddress.set(peer.remoteAddress, (this.perAddress.get(peer.remoteAddress) ?? 0) + 1);
    const connection: Connection<In, Out> = new Connection<In, Out>({
      id: ++this.nextId,
      remoteAddress: peer.remoteAddress,
      remotePort: peer.remotePort,
      link,
      container: this.scopes,
      limits: this.limits,
      closeGraceMs: this.options.shutdownGraceMs,
      observer: this.observer,
    });
    this.live.add(connection);
    bind?.(connection);
    this.pipeline.attach(connection);
    this.plugins.connected(connection as AnyConnection);
    this.logger.debug({ conn: connection.id, remote: `${peer.remoteAddress}:${peer.remotePort}` }, 'connection open');
    this.events.next({ type: 'connection-open', connection: connection as AnyConnection });
    this.openConnections.next(connection);
    return connection;
  }

  private refusal(remoteAddress: string): string | undefined {
    const max = this.options.maxConnections ?? 10_000;
    if (this.live.size >= max) return 'max number of clients reached';
    const perAddress = this.options.maxConnectionsPerAddress;
    if (perAddress !== undefined && (this.perAddress.get(remoteAddress) ?? 0) >= perAddress) {
      return 'too many connections from your address';
    }
    return undefined;
  }

  private refuse(socket: net.Socket, remoteAddress: string, reason: string): void {
    this.rejected++;
    socket.on('error', () => undefined);
    const reply = this.options.replies?.rejected?.(reason);
    if (reply !== undefined) socket.end(this.options.codec.encode(reply));
    else socket.end();
    // A refused peer that never reads must not hold the socket open.
    setTimeout(() => socket.destroy(), 1000).unref();
    this.logger.info({ remote: remoteAddress, reason }, 'connection refused');
    this.events.next({ type: 'connection-rejected', remoteAddress, reason });
  }

  private onPaused(connection: AnyConnection, cause: PauseCause): void {
    this.paused++;
    this.logger.debug({ conn: connection.id, cause }, 'reading paused');
    this.events.next({ type: 'paused', connection, cause });
  }

  private onResumed(connection: AnyConnection, cause: PauseCause): void {
    this.paused--;
    this.events.next({ type: 'resumed', connection, cause });
  }

  private onClosed(connection: Connection<In, Out>, reason: CloseReason): void {
    this.live.delete(connection);
    if (connection.isPaused) this.paused = Math.max(0, this.paused - 1);
    const left = (this.perAddress.get(connection.remoteAddress) ?? 1) - 1;
    if (left > 0) this.perAddress.set(connection.remoteAddress, left);
    else this.perAddress.delete(connection.remoteAddress);
    this.plugins.disconnected(connection as AnyConnection, reason);
    const durationMs = Date.now() - connection.openedAt;
    const bytesIn = connection.bytesRead;
    const bytesOut = connection.bytesWritten;
    this.closedBytesIn += bytesIn;
    this.closedBytesOut += bytesOut;
    const record = {
      conn: connection.id,
      reason: reason.kind,
      detail: reason.detail,
      durationMs,
      bytesIn,
      bytesOut,
      messages: connection.messagesIn,
    };
    this.logger.info(record, 'connection closed');
    this.events.next({
      type: 'connection-close',
      connection: connection as AnyConnection,
      reason,
      durationMs,
      bytesIn,
      bytesOut,
      messagesIn: connection.messagesIn,
    });
  }
}

export function createServer<In, Out>(options: ServerOptions<In, Out>): WeirServer<In, Out> {
  return new WeirServer(options);
}
