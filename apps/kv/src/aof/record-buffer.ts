import { Buffer } from 'node:buffer';
import type { CommandArgs } from './command-encoding';

const INITIAL = 64 * 1024;
const CR = 13;
const LF = 10;
// Below this size an argument is copied byte by byte in JS: cheaper than a call into C++.
const SMALL = 64;

/**
 * The AOF's write buffer: commands encoded as RESP straight into one growing
 * Buffer, with no Buffer or string made per command. Flushing hands out the
 * filled part and starts over in the same memory.
 */
export class RecordBuffer {
  private buffer = Buffer.allocUnsafe(INITIAL);
  private length = 0;

  get size(): number {
    return this.length;
  }

  /** Appends one command; returns where its bytes start. */
  append(args: CommandArgs): number {
    const start = this.length;
    let bound = 16;
    for (let i = 0; i < args.length; i++) bound += 16 + args[i].length;
    this.reserve(bound);
    const out = this.buffer;
    let at = start;
    out[at++] = 42; // '*'
    at = writeDigits(out, at, args.length);
    out[at++] = CR;
    out[at++] = LF;
    for (let i = 0; i < args.length; i++) {
      const arg = args[i];
      const length = arg.length;
      out[at++] = 36; // '$'
      at = writeDigits(out, at, length);
      out[at++] = CR;
      out[at++] = LF;
      if (typeof arg === 'string') {
        if (length < SMALL) for (let j = 0; j < length; j++) out[at + j] = arg.charCodeAt(j);
        else out.write(arg, at, 'latin1');
      } else if (length < SMALL) {
        for (let j = 0; j < length; j++) out[at + j] = arg[j];
      } else {
        arg.copy(out, at);
      }
      at += length;
      out[at++] = CR;
      out[at++] = LF;
    }
    this.length = at;
    return start;
  }

  /** A copy of the bytes from `start` to the end (for a running rewrite's log of what came after it began). */
  copyFrom(start: number): Buffer {
    return Buffer.from(this.buffer.subarray(start, this.length));
  }

  /** The filled part; valid until the next append. */
  view(): Buffer {
    return this.buffer.subarray(0, this.length);
  }

  clear(): void {
    this.length = 0;
    // A huge value once grew the buffer: give that memory back.
    if (this.buffer.length > 16 * INITIAL) this.buffer = Buffer.allocUnsafe(INITIAL);
  }

  private reserve(bytes: number): void {
    if (this.length + bytes <= this.buffer.length) return;
    const grown = Buffer.allocUnsafe(Math.max(this.buffer.length * 2, this.length + bytes));
    this.buffer.copy(grown, 0, 0, this.length);
    this.buffer = grown;
  }
}

function writeDigits(out: Buffer, at: number, value: number): number {
  if (value < 10) {
    out[at] = 48 + value;
    return at + 1;
  }
  const text = String(value);
  for (let i = 0; i < text.length; i++) out[at + i] = text.charCodeAt(i);
  return at + text.length;
}
