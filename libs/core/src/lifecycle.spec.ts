import * as net from 'node:net';
import { linesCodec } from '@weir/codecs';
import type { CloseReason } from './close-reason';
import { Connection, type AnyConnection } from './connection';
import type { MessageContext } from './message-context';
import { Handle, Plugin, type OnConnect, type OnDisconnect, type OnServerStart, type OnServerStop } from './plugin';
import { createServer } from './server';
import type { ServerEvent } from './server-events';
import type { ServerOptions } from './server-options';
import { collectingClient, deferred, listen, nextEvent, RawPeer, until } from './testing/harness';

let hooks: string[];
let gates: Map<string, ReturnType<typeof deferred<string>>>;

function hooked(name: string) {
  @Plugin({ name })
  class Hooked implements OnServerStart, OnServerStop, OnConnect, OnDisconnect {
    constructor() {
      hooks.push(`${name}:built`);
    }
    async onServerStart() {
      // Awaited before the next plugin starts and before the server listens.
      await new Promise((resolve) => setTimeout(resolve, 5));
      hooks.push(`${name}:start`);
    }
    onServerStop() {
      hooks.push(`${name}:stop`);
    }
    onConnect(connection: AnyConnection) {
      hooks.push(`${name}:connect ${connection.id}`);
    }
    onDisconnect(connection: AnyConnection, reason: CloseReason) {
      hooks.push(`${name}:disconnect ${connection.id} ${reason.kind}`);
    }
  }
  return Hooked;
}

@Plugin()
class Slow {
  @Handle('wait')
  wait(line: string): Promise<string> {
    const gate = deferred<string>();
    gates.set(line.split(' ')[1] ?? '', gate);
    return gate.promise;
  }

  @Handle('now')
  now(line: string): string {
    return `now ${line.split(' ')[1]}`;
  }

  @Handle('quit')
  quit(_line: string, context: MessageContext<string, string>): void {
    context.connection.close({ kind: 'closed', detail: 'QUIT' }, 'bye');
  }
}

const base: ServerOptions<string, string> = {
  codec: linesCodec(),
  plugins: [Slow],
  route: (line) => line.split(' ')[0] ?? '',
};

beforeEach(() => {
  hooks = [];
  gates = new Map();
});

describe('server lifecycle', () => {
  it('runs plugin hooks at fixed points: start in order, stop in reverse, disconnect with its reason', async () => {
    const First = hooked('First');
    const Second = hooked('Second');
    const server = createServer({ ...base, plugins: [First, Second, Slow] });
    const address = await server.listen();
    hooks.push('listening');
    const peer = await RawPeer.open(address.port);
    await until(() => hooks.length === 7, 'connect hooks');
    const gone = nextEvent(server, 'connection-close');
    peer.socket.end();
    await gone;
    await server.close(500);
    expect(hooks).toEqual([
      'First:built',
      'Second:built',
      'First:start',
      'Second:start',
      'listening',
      'First:connect 1',
      'Second:connect 1',
      'First:disconnect 1 peer-end',
      'Second:disconnect 1 peer-end',
      'Second:stop',
      'First:stop',
    ]);
  });

  it('lets an onConnect hook turn a peer away with a farewell', async () => {
    // The farewell is flushed while the server is still opening the connection.
    @Plugin()
    class Doorman implements OnConnect {
      onConnect(connection: AnyConnection) {
        if (connection.id % 2 === 0) connection.close({ kind: 'rejected', detail: 'even' }, 'ERR go away');
      }
    }
    const { server, port } = await listen({ ...base, plugins: [Doorman, Slow] });
    const welcome = await RawPeer.open(port);
    const closed = nextEvent(server, 'connection-close');
    const turnedAway = await RawPeer.open(port);
    await turnedAway.ended;
    expect(turnedAway.text).toBe('ERR go away\n');
    expect((await closed).reason).toEqual({ kind: 'rejected', detail: 'even' });
    welcome.write('now 1\n');
    expect(await welcome.waitForLines(1)).toEqual(['now 1']);
    await welcome.destroy();
    await server.close(500);
  });

  it('reports connections on events$ with their close reasons and traffic', async () => {
    const server = createServer({ ...base, host: '127.0.0.1' });
    const events: ServerEvent[] = [];
    server.events$.subscribe((event) => events.push(event));
    const { port } = await server.listen();
    const ending = await RawPeer.open(port);
    const staying = await collectingClient(port, linesCodec());
    ending.write('now 1\n');
    await ending.waitForLines(1);
    ending.socket.end();
    await until(() => events.filter((e) => e.type === 'connection-close').length === 1, 'first close');
    await server.close(500);
    await until(() => staying.connection.isClosed, 'the other client to be closed');

    expect(events.map((e) => e.type)).toEqual([
      'listening',
      'connection-open',
      'connection-open',
      'connection-close',
      'closing',
      'connection-close',
      'closed',
    ]);
    const [first, second] = events.filter((e): e is Extract<ServerEvent, { type: 'connection-close' }> => e.type === 'connection-close');
    expect(first).toMatchObject({ reason: { kind: 'peer-end' }, bytesIn: 'now 1\n'.length, bytesOut: 'now 1\n'.length, messagesIn: 1 });
    expect(first.durationMs).toBeGreaterThanOrEqual(0);
    expect(second.reason.kind).toBe('server-close');
    expect(second.connection.id).not.toBe(first.connection.id);
  });

  it('makes a container only for a connection that uses one, and disposes it once its peer has gone', async () => {
    const { server, port } = await listen(base);
    const clients = await Promise.all([1, 2, 3].map(() => collectingClient(port, linesCodec())));
    await until(() => server.stats().connections === 3, 'three connections');
    expect(server.stats()).toMatchObject({ connections: 3, accepted: 3, liveContainers: 0 });
    const [first, second] = [...server.connections()];
    expect(first.container).toBe(first.container);
    expect(first.get(Connection)).toBe(first);
    second.container.resolve(Connection);
    expect(server.stats()).toMatchObject({ connections: 3, liveContainers: 2 });
    await Promise.all(clients.map((c) => c.destroy()));
    await until(() => server.stats().liveContainers === 0, 'containers disposed');
    expect(server.stats()).toMatchObject({ connections: 0, accepted: 3, liveContainers: 0, paused: 0 });
    await server.close(500);
  });

  it('answers a half-closed peer, then ends its side', async () => {
    const { server, port } = await listen(base);
    const peer = await RawPeer.open(port, { halfOpen: true });
    const closed = nextEvent(server, 'connection-close');
    peer.write('wait a\nnow b\n');
    peer.socket.end();
    await until(() => gates.has('a'), 'slow handler running');
    expect(peer.hasEnded).toBe(false);
    gates.get('a')?.resolve('done a');
    await peer.ended;
    expect(peer.lines()).toEqual(['done a', 'now b']);
    expect((await closed).reason.kind).toBe('peer-end');
    await server.close(500);
  });

  it("reads on, and drops, what a peer sends after its connection was closed, so the peer's end is seen", async () => {
    const { server, port } = await listen(base);
    const peer = await RawPeer.open(port, { halfOpen: true });
    peer.write('quit\nnow 1\n');
    await peer.ended;
    expect(peer.lines()).toEqual(['bye']);
    const closed = nextEvent(server, 'connection-close');
    peer.write('now 2\n');
    peer.socket.end();
    const event = await closed;
    expect(event.reason).toEqual({ kind: 'closed', detail: 'QUIT' });
    // All of it read from the socket, none of it handled after the quit.
    expect(event.bytesIn).toBe('quit\nnow 1\nnow 2\n'.length);
    expect(event.messagesIn).toBe(1);
    await peer.closed;
    await server.close(500);
  });

  it('on close(), lets a slow handler finish and write its reply, then ends the socket', async () => {
    const { server, port } = await listen(base);
    const peer = await RawPeer.open(port);
    const bystander = await RawPeer.open(port);
    const events: string[] = [];
    server.events$.subscribe((event) => events.push(event.type === 'connection-close' ? `close ${event.reason.kind}` : event.type));
    peer.write('wait slow\n');
    await until(() => gates.has('slow'), 'slow handler running');

    let closed = false;
    const closing = server.close(5000).then(() => (closed = true));
    // The listening socket is shut at once: newcomers are turned away.
    await expect(RawPeer.open(port)).rejects.toThrow(/ECONNREFUSED/);
    // The idle bystander has nothing owed and is ended straight away.
    await bystander.ended;
    expect(closed).toBe(false);
    expect(peer.hasEnded).toBe(false);

    gates.get('slow')?.resolve('finally');
    await peer.ended;
    expect(peer.lines()).toEqual(['finally']);
    await closing;
    expect(events).toEqual(['closing', 'close server-close', 'close server-close', 'closed']);
    expect(server.stats().liveContainers).toBe(0);
  });

  it('destroys what is still open when the shutdown grace period is over', async () => {
    const { server, port } = await listen(base);
    const peer = await RawPeer.open(port);
    peer.write('wait forever\n');
    await until(() => gates.has('forever'), 'handler running');
    const closed = nextEvent(server, 'connection-close');
    await server.close(50);
    expect((await closed).reason.kind).toBe('server-close');
    await peer.closed;
    expect(peer.text).toBe('');
  });

  it('refuses to listen twice, and to open connections before it has started', async () => {
    const server = createServer(base);
    expect(() => server.open({} as never, { remoteAddress: '', remotePort: 0 })).toThrow(/start\(\) or listen\(\)/);
    await server.listen();
    await expect(server.listen()).rejects.toThrow(/already/);
    await server.close(100);
  });

  it('fails listen() when the port is taken', async () => {
    const holder = net.createServer();
    await new Promise<void>((resolve) => holder.listen(0, '127.0.0.1', resolve));
    const port = (holder.address() as net.AddressInfo).port;
    const server = createServer({ ...base, port });
    try {
      await expect(server.listen()).rejects.toMatchObject({ code: 'EADDRINUSE' });
    } finally {
      await server.close(100);
      await new Promise((resolve) => holder.close(resolve));
    }
  });
});
