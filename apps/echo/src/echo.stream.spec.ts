import { createHash, randomBytes } from 'node:crypto';
import * as net from 'node:net';
import type { ServerEvent } from '@weir/core';
import { startService, type RunningService } from '@weir/testing';
import { echoServerOptions } from './echo.service';

// Echo over real sockets on 127.0.0.1. Raw TCP has no framing, so every check
// is on the byte stream as a whole, never on how it was split into reads.

/** Upper bound for anything a test waits on; never a speed assertion. */
const EVENTUALLY_MS = 15_000;

/** A plain node:net peer that keeps every byte it receives and notes the server's FIN. */
class BytePeer {
  private readonly chunks: Buffer[] = [];
  private received = 0;
  private waiters: Array<() => void> = [];
  readonly ended: Promise<void>;
  readonly closed: Promise<void>;
  endedAfterBytes = -1;

  private constructor(readonly socket: net.Socket) {
    socket.on('data', (chunk: Buffer) => {
      this.chunks.push(chunk);
      this.received += chunk.length;
      for (const wake of this.waiters.splice(0)) wake();
    });
    socket.on('error', () => undefined);
    this.ended = new Promise((resolve) =>
      socket.once('end', () => {
        this.endedAfterBytes = this.received;
        resolve();
      }),
    );
    this.closed = new Promise((resolve) => socket.once('close', () => resolve()));
  }

  /** allowHalfOpen: our side stays writable after the server's FIN, so half-close is observable. */
  static open(port: number): Promise<BytePeer> {
    return new Promise((resolve, reject) => {
      const socket = net.connect({ host: '127.0.0.1', port, allowHalfOpen: true });
      socket.once('error', reject);
      socket.once('connect', () => {
        socket.off('error', reject);
        resolve(new BytePeer(socket));
      });
    });
  }

  get length(): number {
    return this.received;
  }

  bytes(): Buffer {
    return Buffer.concat(this.chunks, this.received);
  }

  /** Resolves once at least `count` bytes have arrived. */
  async waitForBytes(count: number): Promise<Buffer> {
    const deadline = Date.now() + EVENTUALLY_MS;
    while (this.received < count) {
      if (Date.now() > deadline) throw new Error(`timed out: ${this.received} of ${count} bytes echoed`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, 50);
        this.waiters.push(() => (clearTimeout(timer), resolve()));
      });
    }
    return this.bytes();
  }

  /** Writes `data` in pieces of `size`, waiting for 'drain' whenever the socket asks for it. */
  async writeInPieces(data: Buffer, size: number): Promise<void> {
    for (let offset = 0; offset < data.length; offset += size) {
      if (!this.socket.write(data.subarray(offset, offset + size))) {
        await new Promise((resolve) => this.socket.once('drain', resolve));
      }
    }
  }

  async destroy(): Promise<void> {
    this.socket.destroy();
    await this.closed;
  }
}

function sha256(data: Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}

function nextClose(service: RunningService<Buffer, Buffer, Buffer, Buffer>): Promise<Extract<ServerEvent, { type: 'connection-close' }>> {
  return new Promise((resolve) => {
    const sub = service.server.events$.subscribe((event) => {
      if (event.type === 'connection-close') {
        sub.unsubscribe();
        resolve(event);
      }
    });
  });
}

describe('echo over TCP', () => {
  let service: RunningService<Buffer, Buffer, Buffer, Buffer>;
  const peers: BytePeer[] = [];
  const open = async () => {
    const peer = await BytePeer.open(service.port);
    peers.push(peer);
    return peer;
  };

  beforeEach(async () => {
    service = await startService(echoServerOptions());
  });

  afterEach(async () => {
    await Promise.all(peers.splice(0).map((peer) => peer.destroy()));
    await service.close();
  });

  it('gives back many small writes read as one stream', async () => {
    const peer = await open();
    // Nagle on: the kernel may merge these writes into fewer segments, so the
    // server sees reads that span several of them.
    peer.socket.setNoDelay(false);
    const pieces = Array.from({ length: 500 }, (_, i) => Buffer.from(`piece ${i};`));
    for (const piece of pieces) peer.socket.write(piece);
    const sent = Buffer.concat(pieces);
    expect((await peer.waitForBytes(sent.length)).equals(sent)).toBe(true);
  });

  it('gives back one large write that arrives as many reads', async () => {
    const peer = await open();
    const sent = randomBytes(1024 * 1024);
    peer.socket.write(sent);
    expect((await peer.waitForBytes(sent.length)).equals(sent)).toBe(true);
  });

  it('gives back the same bytes through the @weir/testing client, chunk by chunk', async () => {
    const client = await service.client();
    const sent: Buffer[] = [];
    for (let i = 0; i < 20; i++) {
      const chunk = Buffer.from(`message ${i}\r\n`);
      sent.push(chunk);
      client.send(chunk);
    }
    const total = Buffer.concat(sent);
    const received: Buffer[] = [];
    let length = 0;
    while (length < total.length) {
      const chunk = await client.next(EVENTUALLY_MS);
      received.push(chunk);
      length += chunk.length;
    }
    expect(Buffer.concat(received).equals(total)).toBe(true);
  });

  it('keeps every one of the 256 byte values intact, however the bytes are split', async () => {
    const peer = await open();
    const all = Buffer.from(Array.from({ length: 256 }, (_, i) => i));
    // Whole, then byte by byte, then in odd-sized pieces: CR, LF, NUL and 0xFF
    // must never be treated as anything but bytes.
    const sent = Buffer.concat([all, all, all]);
    peer.socket.write(all);
    for (let i = 0; i < 256; i++) peer.socket.write(all.subarray(i, i + 1));
    await peer.writeInPieces(all, 7);
    expect((await peer.waitForBytes(sent.length)).equals(sent)).toBe(true);
  });

  it('streams 8 MiB both ways with matching sha256 and byte counts on both ends', async () => {
    const peer = await open();
    const closed = nextClose(service);
    const sent = randomBytes(8 * 1024 * 1024);
    // Reading runs alongside writing (the 'data' listener), so neither side's
    // buffers fill up and the transfer cannot deadlock.
    await peer.writeInPieces(sent, 64 * 1024);
    const received = await peer.waitForBytes(sent.length);
    expect(received.length).toBe(sent.length);
    expect(sha256(received)).toBe(sha256(sent));
    // And the server's own account: it read and wrote exactly what we did.
    await peer.destroy();
    const event = await closed;
    expect(event.bytesIn).toBe(sent.length);
    expect(event.bytesOut).toBe(sent.length);
  });

  it('after the client half-closes, sends every echoed byte and then ends its side', async () => {
    const peer = await open();
    const sent = randomBytes(2 * 1024 * 1024);
    await peer.writeInPieces(sent, 256 * 1024);
    peer.socket.end();
    await peer.ended;
    // The FIN came after the last byte: everything was echoed before it.
    expect(peer.endedAfterBytes).toBe(sent.length);
    expect(sha256(peer.bytes())).toBe(sha256(sent));
    await peer.closed;
  });

  it('ends at once when the client half-closes without sending anything', async () => {
    const peer = await open();
    peer.socket.end();
    await peer.ended;
    expect(peer.length).toBe(0);
  });

  it('keeps two clients independent, including when one goes away', async () => {
    const [a, b] = await Promise.all([open(), open()]);
    const toA = Buffer.alloc(64 * 1024, 'a');
    const toB = Buffer.alloc(64 * 1024, 'b');
    // Interleaved writes: each must get back only its own bytes.
    for (let i = 0; i < toA.length; i += 4096) {
      a.socket.write(toA.subarray(i, i + 4096));
      b.socket.write(toB.subarray(i, i + 4096));
    }
    expect((await a.waitForBytes(toA.length)).equals(toA)).toBe(true);
    expect((await b.waitForBytes(toB.length)).equals(toB)).toBe(true);

    await a.destroy();
    const more = Buffer.from('still here\n');
    b.socket.write(more);
    expect((await b.waitForBytes(toB.length + more.length)).subarray(toB.length).equals(more)).toBe(true);
    expect(a.length).toBe(toA.length);
  });
});
