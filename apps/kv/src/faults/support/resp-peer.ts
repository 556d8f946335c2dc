import type * as net from 'node:net';
import { respClientCodec, type Decoder, type RespReply } from '@weir/codecs';
import { connectPlain, PlainPeer, until } from '@weir/testing';
import { standsBetweenReplies } from './reply-boundary';

/**
 * A Redis client on a plain node:net socket, for what no client library
 * would send. Every reply is decoded as it arrives, so bytes that are not
 * RESP show up in `parseError`, and `endsBetweenReplies()` tells, once the
 * stream is over, whether it stopped in the middle of one.
 */
export class RespPeer extends PlainPeer {
  readonly replies: RespReply[] = [];
  parseError: Error | undefined;
  private readonly decoder: Decoder<RespReply> = respClientCodec().createDecoder();

  private constructor(socket: net.Socket) {
    super(socket);
    socket.on('data', (chunk: Buffer) => this.take(chunk));
  }

  static async open(port: number, options: { allowHalfOpen?: boolean } = {}): Promise<RespPeer> {
    return new RespPeer(await connectPlain(port, { allowHalfOpen: options.allowHalfOpen ?? true }));
  }

  /** Whether the bytes received end exactly after a whole reply; call once the stream is over. */
  endsBetweenReplies(): boolean {
    return this.parseError === undefined && standsBetweenReplies(this.decoder);
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
