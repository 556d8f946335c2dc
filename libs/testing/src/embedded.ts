import { createServer, MemoryLink, type Connection, type Frame, type ServerOptions, type WeirServer } from '@weir/core';
import { ProtocolError, type Decoded } from '@weir/codecs';

/**
 * A service's plugins and middleware with no socket, after Netty's
 * EmbeddedChannel: feed messages in, read replies out, in milliseconds.
 */
export class EmbeddedService<In, Out> {
  private constructor(readonly server: WeirServer<In, Out>) {}

  static async create<In, Out>(options: ServerOptions<In, Out>): Promise<EmbeddedService<In, Out>> {
    const server = createServer(options);
    await server.start();
    return new EmbeddedService(server);
  }

  /** A new in-memory connection to the service. */
  connect(remoteAddress = '127.0.0.1', remotePort = 40000): EmbeddedConnection<In, Out> {
    const link = new MemoryLink<Out>();
    const connection = this.server.open(link, { remoteAddress, remotePort });
    link.onDestroy = () => connection.linkClosed();
    return new EmbeddedConnection(connection, link);
  }

  async close(): Promise<void> {
    await this.server.close(100);
  }
}

export class EmbeddedConnection<In, Out> {
  private taken = 0;

  constructor(
    readonly connection: Connection<In, Out>,
    private readonly link: MemoryLink<Out>,
  ) {}

  /** Feeds messages (or non-fatal protocol errors) in as if decoded from one read. */
  send(...messages: Decoded<In>[]): this {
    this.connection.receive(messages);
    return this;
  }

  /** Feeds a fatal protocol error, as a decoder would throw it. */
  fail(error: ProtocolError): this {
    this.connection.failProtocol(error);
    return this;
  }

  /** Replies written since the last call (Frames are given as they were sent). */
  replies(): Array<Out | Frame> {
    const fresh = this.link.written.slice(this.taken);
    this.taken = this.link.written.length;
    return fresh;
  }

  /** Waits for pending async handlers, then returns the new replies. */
  async settle(): Promise<Array<Out | Frame>> {
    for (let i = 0; i < 10; i++) await new Promise((resolve) => setImmediate(resolve));
    return this.replies();
  }

  get ended(): boolean {
    return this.link.ended || this.link.destroyed;
  }
}
