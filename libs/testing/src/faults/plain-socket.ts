import type { Buffer } from 'node:buffer';
import * as net from 'node:net';

/** A plain TCP socket to 127.0.0.1:`port`, resolved once connected (a refused connect rejects). */
export function connectPlain(port: number, options: { allowHalfOpen?: boolean } = {}): Promise<net.Socket> {
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host: '127.0.0.1', port, allowHalfOpen: options.allowHalfOpen ?? false });
    socket.once('error', reject);
    socket.once('connect', () => {
      socket.off('error', reject);
      resolve(socket);
    });
  });
}

/**
 * Writes `data`, waiting for 'drain' (or the socket's close) when the socket
 * asks, so that a test pushing megabytes never buffers them without bound itself.
 */
export async function writeWithDrain(socket: net.Socket, data: Buffer | string): Promise<void> {
  if (socket.destroyed || socket.write(data)) return;
  await new Promise<void>((resolve) => {
    const done = () => {
      socket.off('drain', done);
      socket.off('close', done);
      resolve();
    };
    socket.on('drain', done);
    socket.on('close', done);
  });
}

/**
 * What every fault-test peer on a plain socket keeps: its local port (the
 * server knows the peer by it, and a destroyed socket forgets it), how the
 * stream ended (the server's FIN, an error such as a reset) and when it
 * closed. Subclasses add what they do with the bytes that arrive.
 */
export class PlainPeer {
  gotEnd = false;
  error: Error | undefined;
  readonly closed: Promise<void>;
  readonly localPort: number;

  protected constructor(readonly socket: net.Socket) {
    this.localPort = socket.localPort ?? 0;
    socket.on('end', () => (this.gotEnd = true));
    socket.on('error', (error) => (this.error = error));
    this.closed = new Promise((resolve) => socket.once('close', () => resolve()));
  }

  get isClosed(): boolean {
    return this.socket.destroyed;
  }

  /** Writes everything, waiting for 'drain' when the socket asks (so the test itself never buffers without bound). */
  writeAll(data: Buffer | string): Promise<void> {
    return writeWithDrain(this.socket, data);
  }

  async destroy(): Promise<void> {
    this.socket.destroy();
    await this.closed;
  }
}
