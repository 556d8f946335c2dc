import { Buffer } from 'node:buffer';
import { PendingBytes } from '../framing/pending-bytes';
import { RespProtocolErrors as Errors } from './resp-protocol-errors';

/**
 * A bulk length read from a `$N` (or `=N`, `!N`) header: refused when it is not
 * a length or is over `maxLength`, as redis-server refuses it.
 */
export function checkBulkLength(length: number, maxLength: number): number {
  if (Number.isNaN(length) || length < 0) throw Errors.invalidBulkLength();
  if (length > maxLength) throw Errors.bulkLengthOverLimit();
  return length;
}

/**
 * Reads one bulk payload of a known length and the two bytes after it, which
 * Redis skips without looking, across chunks. A payload lying whole in one
 * chunk is a slice of it, not a copy.
 */
export class RespBulkReader {
  private readonly pieces = new PendingBytes();
  private length = 0;
  private left = 0;
  private terminatorLeft = 0;
  private result: Buffer | undefined;

  /** Expects a payload of `length` bytes next. */
  start(length: number): void {
    this.length = length;
    this.left = length;
    this.terminatorLeft = 2;
  }

  /**
   * Reads from `chunk` at `pos`; returns the position after what it consumed.
   * When the payload and its terminator are complete, `take()` then gives it.
   */
  read(chunk: Buffer, pos: number): number {
    const available = chunk.length - pos;
    if (this.left === this.length && this.terminatorLeft === 2 && available >= this.length + 2) {
      const end = pos + this.length;
      this.terminatorLeft = 0;
      this.result = chunk.subarray(pos, end);
      return end + 2;
    }
    if (this.left > 0) {
      const take = Math.min(this.left, available);
      this.pieces.push(chunk.subarray(pos, pos + take));
      this.left -= take;
      pos += take;
      if (this.left > 0) return pos;
    }
    const skip = Math.min(this.terminatorLeft, chunk.length - pos);
    this.terminatorLeft -= skip;
    pos += skip;
    if (this.terminatorLeft === 0) this.result = this.pieces.take();
    return pos;
  }

  /** The completed payload, once; undefined while it is still arriving. */
  take(): Buffer | undefined {
    const result = this.result;
    this.result = undefined;
    return result;
  }
}
