import * as net from 'node:net';
import type { LogLine } from '@weir/testing';
import { ChildApp, ensureBuilt } from './support/child-app';
import { until } from '@weir/testing';

// SIGTERM to the echo process while clients stream through it. A graceful
// close stops reading, writes back everything it has read, ends each
// connection, and exits 0 before the grace period runs out: so every client
// gets an intact prefix of what it sent, exactly what the server says it
// wrote, and then a FIN, never a reset.

const CLIENTS = 20;
const GRACE_MS = 5000;
const CHUNK_BYTES = 1024;
/** Each client keeps at most this much unechoed, so load is steady and bounded. */
const IN_FLIGHT_BYTES = 8 * CHUNK_BYTES;
const WARM_BYTES = 64 * 1024;

/** Byte `offset` of client `id`'s stream: a pattern, so any byte out of place shows. */
const patternByte = (id: number, offset: number) => (offset * 31 + id * 7 + (offset >>> 8)) & 0xff;

/** Streams patterned bytes while keeping a bounded amount unechoed, until the server ends the connection. */
class StreamingClient {
  sent = 0;
  received = 0;
  corruptAt = -1;
  gotEnd = false;
  error: Error | undefined;
  readonly localPort: number;
  readonly closed: Promise<void>;

  constructor(
    readonly id: number,
    private readonly socket: net.Socket,
  ) {
    this.localPort = socket.localPort ?? 0;
    socket.on('data', (chunk: Buffer) => {
      for (let i = 0; i < chunk.length; i++) {
        if (this.corruptAt < 0 && chunk[i] !== patternByte(id, this.received + i)) this.corruptAt = this.received + i;
      }
      this.received += chunk.length;
      this.pump();
    });
    socket.on('end', () => (this.gotEnd = true));
    socket.on('error', (error) => (this.error = error));
    this.closed = new Promise((resolve) => socket.once('close', () => resolve()));
    this.pump();
  }

  static open(port: number, id: number): Promise<StreamingClient> {
    return new Promise((resolve, reject) => {
      const socket = net.connect({ host: '127.0.0.1', port });
      socket.once('error', reject);
      socket.once('connect', () => {
        socket.off('error', reject);
        resolve(new StreamingClient(id, socket));
      });
    });
  }

  private pump(): void {
    while (!this.gotEnd && this.socket.writable && this.sent - this.received < IN_FLIGHT_BYTES) {
      const chunk = Buffer.allocUnsafe(CHUNK_BYTES);
      for (let i = 0; i < CHUNK_BYTES; i++) chunk[i] = patternByte(this.id, this.sent + i);
      this.socket.write(chunk);
      this.sent += CHUNK_BYTES;
    }
  }

  destroy(): void {
    this.socket.destroy();
  }
}

describe('echo process on SIGTERM under load', () => {
  let main: string;
  let app: ChildApp | undefined;
  const clients: StreamingClient[] = [];

  beforeAll(() => {
    main = ensureBuilt('echo');
  }, 120_000);

  afterAll(() => {
    for (const client of clients) client.destroy();
    app?.kill();
  });

  it('finishes every reply it owes, ends each connection, and exits 0 within the grace period', async () => {
    const started = await ChildApp.start(main, ['--port', '0', '--log-level', 'debug', '--shutdown-grace', String(GRACE_MS)]);
    app = started.app;
    for (let id = 0; id < CLIENTS; id++) clients.push(await StreamingClient.open(started.port, id));
    await until(() => clients.every((c) => c.received >= WARM_BYTES), 'every client to be streaming');

    const signalledAt = Date.now();
    app.child.kill('SIGTERM');
    const exit = await app.exited;
    const tookMs = Date.now() - signalledAt;
    await Promise.all(clients.map((c) => c.closed));

    expect(exit).toEqual({ code: 0, signal: null });
    // Not a speed check: past the grace period the server destroys what is left, cutting replies.
    expect(tookMs).toBeLessThan(GRACE_MS);

    // What the server says it did, per connection: open lines name the peer's port, close lines the bytes.
    const lines = app.lines;
    const connOf = new Map<number, number>();
    for (const line of lines) {
      if (line.msg === 'connection open' && typeof line.remote === 'string') connOf.set(Number(line.remote.split(':').pop()), Number(line.conn));
    }
    const closeOf = new Map<number, LogLine>(lines.filter((l) => l.msg === 'connection closed').map((l) => [Number(l.conn), l]));
    expect(lines.filter((l) => l.level >= 50)).toEqual([]);

    for (const client of clients) {
      const record = closeOf.get(connOf.get(client.localPort) ?? -1);
      const summary = { id: client.id, sent: client.sent, received: client.received, corruptAt: client.corruptAt, end: client.gotEnd, error: client.error?.message };
      expect({ ...summary, reason: record?.reason, detail: record?.detail }).toEqual({
        ...summary,
        corruptAt: -1,
        end: true,
        error: undefined,
        reason: 'server-close',
        detail: undefined,
      });
      // Everything the server wrote arrived, and it is whole: no reply was cut.
      expect(record?.bytesOut).toBe(client.received);
      expect(client.received).toBeLessThanOrEqual(client.sent);
      expect(Number(record?.bytesIn)).toBeGreaterThanOrEqual(client.received);
    }
  }, 60_000);
});
