import { Buffer } from 'node:buffer';
import type * as net from 'node:net';
import { connectPlain, until, writeWithDrain } from '@weir/testing';

/**
 * An echo client on a plain node:net socket: keeps every byte it gets and
 * notes how the stream ended (the server's FIN, or an error such as a reset).
 */
export class BytePeer {
  private readonly chunks: Buffer[] = [];
  received = 0;
  gotEnd = false;
  error: Error | undefined;
  readonly closed: Promise<void>;
  /** Kept from the start: a destroyed socket forgets it. The server knows the peer by it (remotePort). */
  readonly localPort: number;

  private constructor(readonly socket: net.Socket) {
    this.localPort = socket.localPort ?? 0;
    socket.on('data', (chunk: Buffer) => {
      this.chunks.push(chunk);
      this.received += chunk.length;
    });
    socket.on('end', () => (this.gotEnd = true));
    socket.on('error', (error) => (this.error = error));
    this.closed = new Promise((resolve) => socket.once('close', () => resolve()));
  }

  static async open(port: number, options: { allowHalfOpen?: boolean } = {}): Promise<BytePeer> {
    return new BytePeer(await connectPlain(port, { allowHalfOpen: options.allowHalfOpen ?? true }));
  }

  get isClosed(): boolean {
    return this.socket.destroyed;
  }

  bytes(): Buffer {
    return Buffer.concat(this.chunks, this.received);
  }

  /** Writes everything, waiting for 'drain' when the socket asks (so the test itself never buffers without bound). */
  writeAll(data: Buffer): Promise<void> {
    return writeWithDrain(this.socket, data);
  }

  async waitForBytes(count: number): Promise<Buffer> {
    await until(() => this.received >= count || this.isClosed, `${count} bytes echoed (have ${this.received})`);
    return this.bytes();
  }

  async destroy(): Promise<void> {
    this.socket.destroy();
    await this.closed;
  }
}
