import type * as net from 'node:net';
import { respClientCodec, type Decoder, type RespReply } from '@weir/codecs';
import { connectPlain, until, writeWithDrain } from '@weir/testing';
import { standsBetweenReplies } from './reply-boundary';

/**
 * A Redis client on a plain node:net socket, for what no client library
 * would send. Every reply is decoded as it arrives, so bytes that are not
 * RESP show up in `parseError`, and `endsBetweenReplies()` tells, once the
 * stream is over, whether it stopped in the middle of one.
 */
export class RespPeer {
  readonly replies: RespReply[] = [];
  gotEnd = false;
  error: Error | undefined;
  parseError: Error | undefined;
  readonly closed: Promise<void>;
  /** Kept from the start: a destroyed socket forgets it. The server knows the peer by it (remotePort). */
  readonly localPort: number;
  private readonly decoder: Decoder<RespReply> = respClientCodec().createDecoder();

  private constructor(readonly socket: net.Socket) {
    this.localPort = socket.localPort ?? 0;
    socket.on('data', (chunk: Buffer) => this.take(chunk));
    socket.on('end', () => (this.gotEnd = true));
    socket.on('error', (error) => (this.error = error));
    this.closed = new Promise((resolve) => socket.once('close', () => resolve()));
  }

  static async open(port: number, options: { allowHalfOpen?: boolean } = {}): Promise<RespPeer> {
    return new RespPeer(await connectPlain(port, { allowHalfOpen: options.allowHalfOpen ?? true }));
  }

  get isClosed(): boolean {
    return this.socket.destroyed;
  }

  /** Whether the bytes received end exactly after a whole reply; call once the stream is over. */
  endsBetweenReplies(): boolean {
    return this.parseError === undefined && standsBetweenReplies(this.decoder);
  }

  /** Writes everything, waiting for 'drain' when the socket asks (so the test itself never buffers without bound). */
  writeAll(data: Buffer | string): Promise<void> {
    return writeWithDrain(this.socket, data);
  }

  async waitForReplies(count: number): Promise<RespReply[]> {
    await until(() => this.replies.length >= count || this.isClosed, `${count} replies (have ${this.replies.length})`);
    return this.replies;
  }

  private take(chunk: Buffer): void {
    if (this.parseError) return;
    try {
      for (const item of this.decoder.decode(chunk)) {
        if (item instanceof Error) throw item;
        this.replies.push(item);
      }
    } catch (error) {
      this.parseError = error as Error;
    }
  }
}
