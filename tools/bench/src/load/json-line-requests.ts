import { randomBytes } from 'node:crypto';
import { preview, ReplyMismatch, type RequestStream } from './request-stream';

const VARIANTS = 16;
const LF = 0x0a;
/** A reply line longer than this is not coming to an end: fail instead of buffering on. */
const MAX_REPLY_LINE_BYTES = 1024 * 1024;
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** `length` random letters and digits: nothing JSON would escape, one byte each. */
export function randomText(length: number): string {
  const bytes = randomBytes(length);
  for (let i = 0; i < length; i++) bytes[i] = ALPHABET.charCodeAt(bytes[i] % ALPHABET.length);
  // Decoded in one piece: a string built by += is a rope of one-character
  // pieces that V8 would flatten again inside every request it is part of.
  return bytes.toString('latin1');
}

/**
 * Newline-delimited JSON requests `{"id":N,"data":"..."}`, every other one
 * with `"type":"echo"` (the route both servers default to), each answered by
 * a line with the same id and data.
 *
 * The usual reply is exactly `{"id":N,"data":"..."}`, compared as bytes
 * against precomputed tails, so the client does not spend a JSON.parse per
 * reply and become the bottleneck; any other line is parsed and accepted if
 * it carries the right id and data (key order and spacing are the server's).
 */
export class JsonLineRequests implements RequestStream {
  private readonly data: string[];
  /** `<data>"}` as bytes, per variant: the fixed tail of the usual reply. */
  private readonly tails: Buffer[];
  private pending: Buffer[] = [];
  private pendingBytes = 0;
  private answered = 0;

  constructor(dataBytes: number, data?: readonly string[]) {
    this.data = data ? [...data] : Array.from({ length: VARIANTS }, () => randomText(dataBytes));
    this.tails = this.data.map((text) => Buffer.from(`${text}"}`, 'latin1'));
  }

  request(seq: number): string {
    const type = seq % 2 === 1 ? ',"type":"echo"' : '';
    return `{"id":${seq}${type},"data":"${this.data[seq % this.data.length]}"}\n`;
  }

  accept(chunk: Buffer): number {
    let completed = 0;
    let start = 0;
    let lf: number;
    while ((lf = chunk.indexOf(LF, start)) !== -1) {
      let line = chunk.subarray(start, lf);
      if (this.pendingBytes > 0) {
        line = Buffer.concat([...this.pending, line], this.pendingBytes + line.length);
        this.pending = [];
        this.pendingBytes = 0;
      }
      this.check(line);
      this.answered++;
      completed++;
      start = lf + 1;
    }
    if (start < chunk.length) {
      this.pending.push(chunk.subarray(start));
      this.pendingBytes += chunk.length - start;
      if (this.pendingBytes > MAX_REPLY_LINE_BYTES) {
        throw new ReplyMismatch(`reply ${this.answered}: no line end in ${this.pendingBytes} bytes`, this.answered);
      }
    }
    return completed;
  }

  private check(line: Buffer): void {
    const seq = this.answered;
    const variant = seq % this.data.length;
    const head = `{"id":${seq},"data":"`;
    const tail = this.tails[variant];
    if (
      line.length === head.length + tail.length &&
      line.toString('latin1', 0, head.length) === head &&
      line.compare(tail, 0, tail.length, head.length) === 0
    ) {
      return;
    }
    let reply: unknown;
    try {
      reply = JSON.parse(line.toString('utf8'));
    } catch {
      throw new ReplyMismatch(`reply ${seq} is not JSON: ${preview(line)}`, seq);
    }
    const fields = (typeof reply === 'object' && reply !== null ? reply : {}) as { id?: unknown; data?: unknown };
    if (fields.id !== seq || fields.data !== this.data[variant]) {
      throw new ReplyMismatch(`reply ${seq}: expected id ${seq} with its data, got ${preview(line)}`, seq);
    }
  }
}
