import { Buffer } from 'node:buffer';
import type * as net from 'node:net';
import { respClientCodec, type Decoder, type RespReply } from '@weir/codecs';
import { connectPlain, PlainPeer } from '@weir/testing';
import { standsBetweenReplies } from './reply-boundary';
import { request } from './resp-junk';

/** A request and the one reply it must get: SET answers OK, INCR the client's own count, GET the big value. */
interface Step {
  readonly request: Buffer;
  readonly reply: RespReply;
}

/** Scalar replies only: what the steps below are answered with. */
function sameReply(got: RespReply, expected: RespReply | undefined): boolean {
  if (expected === undefined || got.type !== expected.type || !('value' in got) || !('value' in expected)) return false;
  if (Buffer.isBuffer(got.value) && Buffer.isBuffer(expected.value)) return got.value.equals(expected.value);
  return got.value === expected.value;
}

const describeReply = (reply: RespReply | undefined) =>
  reply === undefined ? 'nothing' : `${reply.type} ${'value' in reply ? String(reply.value).slice(0, 80) : ''}`;

/**
 * A client on a plain socket that keeps `depth` commands in flight until the
 * server ends the connection, and checks each reply, in order, against what
 * its command must get. What arrives after the last whole reply (a reply cut
 * short) stays in the decoder and shows in `endsBetweenReplies`.
 */
export class PipeliningClient extends PlainPeer {
  sent = 0;
  answered = 0;
  /** The first reply that was not what its command must get. */
  wrong: string | undefined;
  parseError: Error | undefined;
  private readonly decoder: Decoder<RespReply> = respClientCodec().createDecoder();
  private readonly owed: RespReply[] = [];
  private incrs = 0;

  private constructor(
    readonly id: number,
    socket: net.Socket,
    private readonly depth: number,
    private readonly big: RespReply,
  ) {
    super(socket);
    socket.on('data', (chunk: Buffer) => this.take(chunk));
    this.pump();
  }

  static async open(port: number, id: number, depth: number, big: RespReply): Promise<PipeliningClient> {
    return new PipeliningClient(id, await connectPlain(port), depth, big);
  }

  /** Whether the stream stopped exactly after a whole reply; call once it is over. */
  endsBetweenReplies(): boolean {
    return this.parseError === undefined && standsBetweenReplies(this.decoder);
  }

  private step(n: number): Step {
    switch (n % 3) {
      case 0:
        return { request: request('SET', `term:${this.id}:${n}`, `v${n}`), reply: { type: 'simple', value: 'OK' } };
      case 1:
        return { request: request('INCR', `term:count:${this.id}`), reply: { type: 'integer', value: ++this.incrs } };
      default:
        return { request: request('GET', 'term:big'), reply: this.big };
    }
  }

  private pump(): void {
    while (!this.gotEnd && this.socket.writable && this.sent - this.answered < this.depth) {
      const { request, reply } = this.step(this.sent++);
      this.owed.push(reply);
      this.socket.write(request);
    }
  }

  private take(chunk: Buffer): void {
    if (this.parseError) return;
    try {
      for (const item of this.decoder.decode(chunk)) {
        if (item instanceof Error) throw item;
        const expected = this.owed.shift();
        if (this.wrong === undefined && !sameReply(item, expected)) this.wrong = `reply ${this.answered}: ${describeReply(item)} for ${describeReply(expected)}`;
        this.answered++;
      }
    } catch (error) {
      this.parseError = error as Error;
      return;
    }
    this.pump();
  }
}
