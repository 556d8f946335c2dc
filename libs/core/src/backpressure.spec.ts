import { linesCodec } from '@weir/codecs';
import { Frame } from './frame';
import { Handle, Plugin } from './plugin';
import type { MessageContext } from './message-context';
import { collectingClient, deferred, listen, nextEvent, RawPeer, until, type Listening } from './testing/harness';

const REPLY_BYTES = 64 * 1024;
const bigReply = 'x'.repeat(REPLY_BYTES - 1);

// What the spec watches from inside the server: each handled message, and the
// server events, in one log so their order can be checked.
let log: string[];
let gates: Array<ReturnType<typeof deferred<string>>>;

@Plugin()
class Heavy {
  @Handle('big')
  big(): string {
    log.push('big');
    return bigReply;
  }

  @Handle('mid')
  mid(): string {
    return 'm'.repeat(4095);
  }

  @Handle('wait')
  wait(line: string): Promise<string> {
    log.push(`handle ${line.split(' ')[1]}`);
    const gate = deferred<string>();
    gates.push(gate);
    return gate.promise;
  }

  @Handle('state')
  state(_line: string, context: MessageContext<string, string>): string {
    return context.connection.isPaused ? 'paused' : 'reading';
  }
}

let feedListeners = 0;

@Plugin()
class Feed {
  private readonly listeners = new Set<MessageContext<string, string>['connection']>();

  @Handle('listen')
  listen(_line: string, context: MessageContext<string, string>): void {
    this.listeners.add(context.connection);
    feedListeners = this.listeners.size;
  }

  @Handle('publish')
  publish(): string {
    // Encoded once for every listener.
    const frame = new Frame(`${bigReply}\n`);
    for (const listener of this.listeners) listener.send(frame);
    return 'published';
  }
}

const route = (line: string) => line.split(' ')[0] ?? '';

describe('backpressure', () => {
  let running: Listening<string, string> | undefined;
  const peers: RawPeer[] = [];
  beforeEach(() => {
    log = [];
    gates = [];
    feedListeners = 0;
  });
  afterEach(async () => {
    await Promise.all(peers.splice(0).map((p) => p.destroy()));
    await running?.server.close(500);
    running = undefined;
  });

  it('stops handling a flood from a peer that does not read, then answers all of it once the peer reads', async () => {
    const limits = { highWaterMark: 128 * 1024, maxPendingOutputBytes: 4 * 1024 * 1024 };
    running = await listen({ codec: linesCodec(), plugins: [Heavy], route, backpressure: limits });
    const server = running.server;
    const lazy = await RawPeer.open(running.port, { read: false, halfOpen: true });
    lazy.keepText = false;
    peers.push(lazy);
    const closed = nextEvent(server, 'connection-close');

    // 800 pipelined requests ask for 50 MB of replies, far past what the kernel
    // buffers hold and past maxPendingOutputBytes; then the peer half-closes.
    const requests = 800;
    lazy.write('big\n'.repeat(requests));
    lazy.socket.end();
    await until(() => server.stats().paused === 1 && server.stats().pendingOutputBytes > limits.highWaterMark, 'output pause');

    // Memory held for the peer: one reply past the high-water mark at most.
    expect(server.stats().pendingOutputBytes).toBeLessThanOrEqual(limits.highWaterMark + REPLY_BYTES);
    expect(log.length).toBeLessThan(requests);

    lazy.socket.resume();
    await lazy.ended;
    expect(lazy.received).toBe(requests * REPLY_BYTES);
    expect(log.length).toBe(requests);
    // Every reply was written before the server ended its side for the peer's FIN.
    expect((await closed).reason.kind).toBe('peer-end');
  });

  it("resumes reading after a pause at a high-water mark below the socket buffer's", async () => {
    // 4 KiB replies never make socket.write() return false, so 'drain' never comes.
    running = await listen({ codec: linesCodec(), plugins: [Heavy], route, backpressure: { highWaterMark: 1024 } });
    const client = await collectingClient(running.port, linesCodec());
    const paused = nextEvent(running.server, 'paused');
    for (let i = 1; i <= 5; i++) {
      client.connection.send('mid');
      expect(await client.waitFor(i)).toHaveLength(i);
    }
    expect((await paused).cause).toBe('output');
    expect(running.server.stats().paused).toBe(0);
    await client.destroy();
  });

  it('cuts off a peer that does not read what others push to it past maxPendingOutputBytes', async () => {
    const limits = { highWaterMark: 64 * 1024, maxPendingOutputBytes: 1024 * 1024 };
    running = await listen({ codec: linesCodec(), plugins: [Feed], route, backpressure: limits });
    const listener = await RawPeer.open(running.port, { read: false });
    peers.push(listener);
    const publisher = await collectingClient(running.port, linesCodec());
    publisher.connection.send('listen');
    listener.write('listen\n');
    await until(() => feedListeners === 2, 'two listeners');
    const cut = nextEvent(running.server, 'connection-close');
    let cutOff = false;
    void cut.then(() => (cutOff = true));
    // Pushes bypass the paused read, so the limit is what protects the server.
    let published = 0;
    while (!cutOff && published < 400) {
      publisher.connection.send('publish');
      await until(() => publisher.received.filter((r) => r === 'published').length > published, 'publish reply');
      published++;
    }
    const closed = await cut;
    expect(closed.reason.kind).toBe('output-limit');
    expect(closed.reason.detail).toMatch(/bytes unread by the peer/);
    expect(running.server.stats().pendingOutputBytes).toBeLessThan(limits.maxPendingOutputBytes);
    // The publisher, who reads, got everything and is still served.
    expect(publisher.connection.isOpen).toBe(true);
    expect(publisher.received.filter((r) => r.length === REPLY_BYTES - 1)).toHaveLength(published);
    await publisher.destroy();
  });

  it('stops reading while too many messages await their replies, and resumes as they finish', async () => {
    running = await listen({ codec: linesCodec(), plugins: [Heavy], route, backpressure: { maxInFlight: 4 } });
    const server = running.server;
    server.events$.subscribe((event) => {
      if (event.type === 'paused' || event.type === 'resumed') log.push(`${event.type} ${event.cause}`);
    });
    const client = await collectingClient(running.port, linesCodec());
    for (let i = 1; i <= 10; i++) client.connection.send(`wait ${i}`);
    await until(() => log.includes('paused in-flight'), 'in-flight pause');
    // Handling stops at the limit, even for messages already read.
    expect(gates).toHaveLength(5);
    // Finish every handler as it starts, until all ten are answered.
    let finished = 0;
    await until(() => {
      while (finished < gates.length) gates[finished++].resolve('ok');
      return client.received.length === 10;
    }, 'ten replies');

    const resumedAt = log.indexOf('resumed in-flight');
    expect(log.indexOf('paused in-flight')).toBe(log.indexOf('handle 5') + 1);
    expect(resumedAt).toBeGreaterThan(log.indexOf('paused in-flight'));
    for (let i = 6; i <= 10; i++) expect(log.indexOf(`handle ${i}`)).toBeGreaterThan(resumedAt);
    expect(server.stats().paused).toBe(0);
    await client.destroy();
  });
});
