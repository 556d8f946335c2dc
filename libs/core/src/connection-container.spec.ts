import { inject, injectable } from 'tsyringe';
import { linesCodec, ProtocolError } from '@weir/codecs';
import type { CloseReason } from './close-reason';
import { Connection, type AnyConnection } from './connection';
import { Plugin, type OnDisconnect } from './plugin';
import { MemoryLink } from './memory-link';
import { createServer, type WeirServer } from './server';
import { memoryConnection } from './testing/harness';

class Shared {}

@injectable()
class Session {
  disposed = 0;
  constructor(
    readonly connection: Connection<string, string>,
    readonly shared: Shared,
  ) {}
  dispose(): void {
    this.disposed++;
  }
}

/** A scoped service that needs another one: it must get the connection's instance, not a new one. */
@injectable()
class Greeting {
  constructor(@inject(Session) readonly session: Session) {}
}

/** Registered nowhere: built in the connection's scope, where its scoped dependency is found. */
@injectable()
class Unlisted {
  constructor(@inject(Greeting) readonly greeting: Greeting) {}
}

describe('connection containers', () => {
  let server: WeirServer<string, string>;
  const open = () => {
    const link = new MemoryLink<string>();
    const connection = server.open(link, { remoteAddress: '127.0.0.1', remotePort: 1 });
    link.onDestroy = () => connection.linkClosed();
    return connection;
  };

  beforeEach(async () => {
    server = createServer({ codec: linesCodec(), providers: [Shared], connectionScoped: [Session, Greeting] });
    await server.start();
  });
  afterEach(() => server.close(0));

  it('makes none for a connection that never asks, and disposes none at its close', () => {
    const connection = open();
    expect(server.stats().liveContainers).toBe(0);
    connection.destroy({ kind: 'closed' });
    expect(server.stats()).toMatchObject({ connections: 0, liveContainers: 0 });
  });

  it('builds each scoped service once, with the connection, the shared services and its scoped dependencies', () => {
    const connection = open();
    const greeting = connection.get(Greeting);
    const session = connection.get(Session);
    expect(server.stats().liveContainers).toBe(1);
    expect(greeting.session).toBe(session);
    expect(connection.get(Session)).toBe(session);
    expect(session.connection).toBe(connection);
    expect(session.shared).toBe(server.container.resolve(Shared));
    expect(connection.get(Shared)).toBe(server.container.resolve(Shared));
    expect(open().get(Session)).not.toBe(session);
  });

  it('disposes the scoped services once when the connection closes', () => {
    const connection = open();
    const session = connection.get(Session);
    connection.destroy({ kind: 'closed' });
    expect(session.disposed).toBe(1);
    expect(server.stats().liveContainers).toBe(0);
    expect(() => connection.get(Session)).toThrow(/disposed/);
  });

  it('lets onDisconnect hooks resolve scoped state of a connection that never asked, then disposes it', async () => {
    let seen: Session | undefined;
    @Plugin()
    class Farewell implements OnDisconnect {
      onDisconnect(connection: AnyConnection): void {
        seen = connection.get(Session);
      }
    }
    await server.close(0);
    server = createServer({ codec: linesCodec(), providers: [Shared], connectionScoped: [Session, Greeting], plugins: [Farewell] });
    await server.start();
    open().destroy({ kind: 'closed' });
    expect(seen?.disposed).toBe(1);
    expect(server.stats().liveContainers).toBe(0);
  });

  it('gives a connection asked for its container after the close a disposed one, counted nowhere', () => {
    const connection = open();
    connection.destroy({ kind: 'closed' });
    expect(() => connection.get(Session)).toThrow(/disposed/);
    expect(server.stats().liveContainers).toBe(0);
  });

  it('keeps its instances when the rest of the container API is used', () => {
    const connection = open();
    const session = connection.get(Session);
    const TOKEN = Symbol('token');
    connection.container.registerInstance(TOKEN, 'value');
    expect(connection.container.resolve(TOKEN)).toBe('value');
    expect(connection.get(Session)).toBe(session);
    expect(connection.get(Unlisted).greeting.session).toBe(session);
    expect(connection.container.isRegistered(Session)).toBe(true);
    connection.destroy({ kind: 'closed' });
    expect(session.disposed).toBe(1);
    expect(server.stats().liveContainers).toBe(0);
  });
});

describe('connection streams made on first use', () => {
  it('gives a late subscriber to closed$ the reason', () => {
    const { connection } = memoryConnection<string, string>();
    connection.linkClosed(new Error('ECONNRESET'));
    let reason: CloseReason | undefined;
    let completed = false;
    connection.closed$.subscribe({ next: (r) => (reason = r), complete: () => (completed = true) });
    expect(reason).toEqual({ kind: 'peer-reset', detail: 'ECONNRESET' });
    expect(completed).toBe(true);
  });

  it('completes messages$ for a subscriber who comes after the peer ended', () => {
    const { connection } = memoryConnection<string, string>();
    connection.peerEnded();
    let completed = false;
    connection.messages$.subscribe({ complete: () => (completed = true) });
    expect(completed).toBe(true);
  });

  it('errors input$ for a subscriber who comes after a fatal protocol error', () => {
    const { connection } = memoryConnection<string, string>();
    const error = new ProtocolError('bad frame', 'BAD', true);
    connection.failProtocol(error);
    let seen: unknown;
    connection.input$.subscribe({ error: (e: unknown) => (seen = e) });
    expect(seen).toBe(error);
  });

  it('gives the same streams each time', () => {
    const { connection } = memoryConnection<string, string>();
    expect(connection.input$).toBe(connection.input$);
    expect(connection.messages$).toBe(connection.messages$);
    expect(connection.closed$).toBe(connection.closed$);
  });
});
