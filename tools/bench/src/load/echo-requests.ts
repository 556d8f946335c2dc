import { randomBytes } from 'node:crypto';
import { preview, ReplyMismatch, type RequestStream } from './request-stream';

/** Distinct payloads a connection cycles through, so a reordered or crossed reply shows. */
const VARIANTS = 16;

/**
 * Raw echo: request n is one of VARIANTS random payloads of `payloadBytes`
 * (random per connection, so replies crossing connections show too), and its
 * reply is the same bytes. TCP may split or merge replies anyhow, so the
 * check walks the byte stream against the payloads owed, without copying.
 */
export class EchoRequests implements RequestStream {
  private readonly payloads: Buffer[];
  private answered = 0;
  /** Bytes of the reply in progress already checked. */
  private offset = 0;

  constructor(payloadBytes: number, payloads?: readonly Buffer[]) {
    this.payloads = payloads ? [...payloads] : Array.from({ length: VARIANTS }, () => randomBytes(payloadBytes));
    if (this.payloads.length === 0 || this.payloads.some((p) => p.length === 0)) {
      throw new RangeError('echo payloads must be non-empty');
    }
  }

  request(seq: number): Buffer {
    return this.payloads[seq % this.payloads.length];
  }

  accept(chunk: Buffer): number {
    let position = 0;
    let completed = 0;
    while (position < chunk.length) {
      const expected = this.payloads[this.answered % this.payloads.length];
      const length = Math.min(chunk.length - position, expected.length - this.offset);
      if (chunk.compare(expected, this.offset, this.offset + length, position, position + length) !== 0) {
        throw new ReplyMismatch(
          `echo reply ${this.answered}: bytes ${this.offset}..${this.offset + length} differ from the request ` +
            `(got ${preview(chunk.subarray(position, position + length), 24)})`,
          this.answered,
        );
      }
      position += length;
      this.offset += length;
      if (this.offset === expected.length) {
        this.offset = 0;
        this.answered++;
        completed++;
      }
    }
    return completed;
  }
}
