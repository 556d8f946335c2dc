import * as net from 'node:net';
import { until } from '@weir/testing';

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

  static open(port: number, options: { allowHalfOpen?: boolean } = {}): Promise<BytePeer> {
    return new Promise((resolve, reject) => {
      const socket = net.connect({ host: '127.0.0.1', port, allowHalfOpen: options.allowHalfOpen ?? true });
      socket.once('error', reject);
      socket.once('connect', () => {
        socket.off('error', reject);
        resolve(new BytePeer(socket));
      });
    });
  }


  get isClosed(): boolean {
    return this.socket.destroyed;
  }

  bytes(): Buffer {
    return Buffer.concat(this.chunks, this.received);
  }

  /** Writes everything, waiting for 'drain' when the socket asks (so the test itself never buffers without bound). */
  async writeAll(data: Buffer): Promise<void> {
    if (this.socket.write(data)) return;
    await new Promise<void>((resolve) => {
      const done = () => {
        this.socket.off('drain', done);
        this.socket.off('close', done);
        resolve();
      };
      this.socket.on('drain', done);
      this.socket.on('close', done);
    });
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
