import { container as globalContainer, inject, injectable } from 'tsyringe';
import type { Logger } from 'pino';
import pino from 'pino';
import { linesCodec } from '@weir/codecs';
import { Connection } from './connection';
import type { MessageContext } from './message-context';
import { Handle, Plugin } from './plugin';
import { WeirServer } from './server';
import type { ServerOptions } from './server-options';
import { collectingClient, listen, type CollectingClient, type Listening } from './testing/harness';
import { CLOCK, LOGGER, type Clock } from './tokens';

/** A shared service with no decorator at all: built by the server's root container. */
class Counter {
  private value = 0;
  next(): number {
    return ++this.value;
  }
}

const GREETING = Symbol('greeting');

/** Per connection: its own instance in each connection's child container. */
@injectable()
class Session {
  nick = 'anonymous';
  // The connection itself is registered in its child container.
  constructor(readonly connection: Connection<string, string>) {}
}

@Plugin()
class Stateful {
  // No @inject for classes: ts-jest keeps emitDecoratorMetadata, as the build does.
  constructor(
    private readonly counter: Counter,
    private readonly server: WeirServer<string, string>,
    @inject(GREETING) private readonly greeting: string,
    @inject(CLOCK) private readonly clock: Clock,
    @inject(LOGGER) private readonly logger: Logger,
  ) {}

  @Handle('count')
  count(): string {
    return String(this.counter.next());
  }

  @Handle('nick')
  nick(line: string, context: MessageContext<string, string>): string {
    context.get(Session).nick = line.split(' ')[1] ?? '';
    return 'ok';
  }

  @Handle('whoami')
  whoami(_line: string, context: MessageContext<string, string>): string {
    const session = context.get(Session);
    return `${session.nick} on ${session.connection.id}`;
  }

  @Handle('about')
  about(): string {
    return `${this.greeting} at ${this.clock.now()} from ${this.server.connectionCount} peer(s), logger ${this.logger.level}`;
  }
}

const options = (greeting: string): ServerOptions<string, string> => ({
  codec: linesCodec(),
  plugins: [Stateful],
  route: (line) => line.split(' ')[0] ?? '',
  providers: [Counter, { provide: GREETING, useValue: greeting }, { provide: CLOCK, useValue: { now: () => 42 } }],
  connectionScoped: [Session],
  logger: pino({ level: 'fatal' }),
});

describe('containers: shared services, per-connection state, no global state', () => {
  const servers: Listening<string, string>[] = [];
  const clients: CollectingClient<string, string>[] = [];
  const start = async (greeting: string) => {
    const running = await listen(options(greeting));
    servers.push(running);
    return running;
  };
  const client = async (running: Listening<string, string>) => {
    const made = await collectingClient(running.port, linesCodec());
    clients.push(made);
    return made;
  };
  afterEach(async () => {
    await Promise.all(clients.splice(0).map((c) => c.destroy()));
    await Promise.all(servers.splice(0).map((s) => s.server.close(500)));
  });

  it('gives each server its own root container and its own singletons', async () => {
    const a = await start('hello from a');
    const b = await start('hello from b');
    const ca = await client(a);
    const cb = await client(b);
    ca.connection.send('count');
    ca.connection.send('count');
    cb.connection.send('count');
    expect(await ca.waitFor(2)).toEqual(['1', '2']);
    expect(await cb.waitFor(1)).toEqual(['1']);
    expect(a.server.container.resolve(Counter)).not.toBe(b.server.container.resolve(Counter));
    // Singletons on each root: resolving again gives the same instance.
    expect(a.server.container.resolve(Counter)).toBe(a.server.container.resolve(Counter));
    // Nothing leaked onto tsyringe's global container.
    expect(globalContainer.isRegistered(Counter)).toBe(false);
    expect(globalContainer.isRegistered(Stateful)).toBe(false);
  });

  it('injects constructor dependencies by type and by token, including the server, clock and logger', async () => {
    const a = await start('hi');
    const c = await client(a);
    c.connection.send('about');
    expect(await c.waitFor(1)).toEqual(['hi at 42 from 1 peer(s), logger fatal']);
  });

  it('keeps connection-scoped state apart per connection', async () => {
    const a = await start('hi');
    const alice = await client(a);
    const bob = await client(a);
    alice.connection.send('nick alice');
    bob.connection.send('nick bob');
    await alice.waitFor(1);
    await bob.waitFor(1);
    alice.connection.send('whoami');
    bob.connection.send('whoami');
    const [aliceId, bobId] = [...a.server.connections()].map((c) => c.id);
    expect((await alice.waitFor(2))[1]).toBe(`alice on ${aliceId}`);
    expect((await bob.waitFor(2))[1]).toBe(`bob on ${bobId}`);
    // A newcomer starts with fresh state.
    const carol = await client(a);
    carol.connection.send('whoami');
    expect((await carol.waitFor(1))[0]).toMatch(/^anonymous on /);
  });

  it('resolves the same connection-scoped instance for the life of a connection', async () => {
    const a = await start('hi');
    await client(a);
    const [connection] = [...a.server.connections()];
    expect(connection.get(Session)).toBe(connection.get(Session));
    expect(connection.get(Session).connection).toBe(connection);
    expect(connection.get(Counter)).toBe(a.server.container.resolve(Counter));
  });
});
