import { Buffer } from 'node:buffer';
import type * as net from 'node:net';
import { connectPlain, PlainPeer, until } from '@weir/testing';

/**
 * An echo client on a plain node:net socket: keeps every byte it gets and
 * notes how the stream ended (the server's FIN, or an error such as a reset).
 */
export class BytePeer extends PlainPeer {
  private readonly chunks: Buffer[] = [];
  received = 0;

  private constructor(socket: net.Socket) {
    super(socket);
    socket.on('data', (chunk: Buffer) => {
      this.chunks.push(chunk);
      this.received += chunk.length;
    });
  }

  static async open(port: number, options: { allowHalfOpen?: boolean } = {}): Promise<BytePeer> {
    return new BytePeer(await connectPlain(port, { allowHalfOpen: options.allowHalfOpen ?? true }));
  }

  bytes(): Buffer {
    return Buffer.concat(this.chunks, this.received);
  }

  async waitForBytes(count: number): Promise<Buffer> {
    await until(() => this.received >= count || this.isClosed, `${count} bytes echoed (have ${this.received})`);
    return this.bytes();
  }

}
