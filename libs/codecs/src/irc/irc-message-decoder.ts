import { Buffer } from 'node:buffer';
import type { Decoded, Decoder } from '../codec';
import { itemsThenFatal, ProtocolError } from '../protocol-error';
import { parseIrcLine } from './irc-line-parser';
import type { IrcMessage } from './irc-message';

const LF = 0x0a;
const CR = 0x0d;
const SPACE = 0x20;
const AT = 0x40;

/** The `code` of every ProtocolError the IRC decoder produces. */
export type IrcProtocolErrorCode =
  /** Non-fatal: the part after the tags passed maxLineBytes; the line was dropped (ERR_INPUTTOOLONG). */
  | 'INPUT_TOO_LONG'
  /** Fatal: the tag section passed maxTagBytes; the server should send ERROR and close. */
  | 'TAGS_TOO_LONG'
  /** Non-fatal: no command, or a command that is not letters or a 3-digit numeric. */
  | 'MALFORMED';

export interface IrcLineLimits {
  /** Prefix + command + params, counting the CRLF (RFC 1459: 512). */
  readonly maxLineBytes: number;
  /** The tag section, counting its `@` and the space after it (IRCv3: 8191). */
  readonly maxTagBytes: number;
}

const NOTHING_HELD = Buffer.alloc(0);

/**
 * Splits a byte stream into IRC lines (CRLF or bare LF) and parses them.
 *
 * Limits are decided from the bytes seen so far, never by buffering a line to
 * measure it afterwards: a partial line is held in one buffer that never grows
 * past maxTagBytes + maxLineBytes, and once a line is known to be too long the
 * decoder reports it and skips the rest of it up to the next LF, across chunks.
 * Every verdict depends only on the line's bytes, so any split of the stream
 * gives the same items.
 */
export class IrcMessageDecoder implements Decoder<IrcMessage> {
  /** Longest allowed body (after the tags) without its line ending. */
  private readonly maxBodyBytes: number;
  private readonly maxTagBytes: number;
  /** Past this many bytes without an LF a line has certainly broken a limit. */
  private readonly maxHeldBytes: number;

  /**
   * The partial line carried over from earlier chunks: `held[0, heldLength)`.
   * Shared and empty until a line first spans chunks: a Buffer of its own cost
   * ~180 bytes on every connection, and most never need one.
   */
  private held: Buffer = NOTHING_HELD;
  private heldLength = 0;
  /** Where the held line's body starts, once its tag section is known to end. */
  private heldBodyStart = -1;
  /** Dropping the rest of a too-long line until its LF. */
  private skipping = false;
  private fatalError: ProtocolError | undefined;

  constructor(limits: IrcLineLimits) {
    this.maxBodyBytes = limits.maxLineBytes - 2;
    this.maxTagBytes = limits.maxTagBytes;
    this.maxHeldBytes = limits.maxTagBytes + limits.maxLineBytes;
  }

  decode(chunk: Buffer): Decoded<IrcMessage>[] {
    if (this.fatalError !== undefined) throw this.fatalError;
    const out: Decoded<IrcMessage>[] = [];
    try {
      this.readLines(chunk, out);
    } catch (error) {
      return itemsThenFatal(out, error);
    }
    return out;
  }

  private readLines(chunk: Buffer, out: Decoded<IrcMessage>[]): void {
    const length = chunk.length;
    let pos = 0;
    while (pos < length) {
      const lf = chunk.indexOf(LF, pos);
      if (this.skipping) {
        if (lf === -1) return;
        this.skipping = false;
      } else if (this.heldLength === 0 && lf !== -1) {
        // The common case: a whole line inside this chunk, parsed where it lies.
        this.finishLine(chunk, pos, lf, out);
      } else {
        if (this.holdIsTooLong(chunk, pos, lf === -1 ? length : lf)) {
          out.push(inputTooLong(this.maxBodyBytes));
          this.release();
          this.skipping = lf === -1;
        } else if (lf !== -1) {
          this.finishLine(this.held, 0, this.heldLength, out);
          this.release();
        }
      }
      if (lf === -1) return;
      pos = lf + 1;
    }
  }

  /** Handles the whole line `buffer[start, end)` (its LF at `end`). */
  private finishLine(buffer: Buffer, start: number, end: number, out: Decoded<IrcMessage>[]): void {
    let bodyStart = start;
    if (buffer[start] === AT) {
      const tagsEnd = indexWithin(buffer, SPACE, start, Math.min(end, start + this.maxTagBytes));
      if (tagsEnd !== -1) bodyStart = tagsEnd + 1;
      else if (end - start >= this.maxTagBytes) this.fail();
      else bodyStart = end; // tags and nothing else: the parser calls it malformed
    }
    const contentEnd = end > start && buffer[end - 1] === CR ? end - 1 : end;
    if (contentEnd - bodyStart > this.maxBodyBytes) {
      out.push(inputTooLong(this.maxBodyBytes));
      return;
    }
    const parsed = parseIrcLine(buffer.toString('latin1', start, contentEnd));
    if (parsed !== undefined) out.push(parsed);
  }

  /**
   * Appends `chunk[start, end)` to the held line and tells whether the bytes held
   * so far already break the body limit (a broken tag limit throws). Copies only
   * up to the first byte that settles a verdict, never the rest of a long line.
   */
  private holdIsTooLong(chunk: Buffer, start: number, end: number): boolean {
    if (this.heldLength === 0 && chunk[start] !== AT) this.heldBodyStart = 0;
    // Once the body start is known, one byte past body limit + CR settles it;
    // before that, a whole tag section plus a whole body does.
    const cap = this.heldBodyStart === -1 ? this.maxHeldBytes : this.heldBodyStart + this.maxBodyBytes + 2;
    const take = Math.min(end - start, cap - this.heldLength);
    this.ensureCapacity(this.heldLength + take);
    chunk.copy(this.held, this.heldLength, start, start + take);
    const seenFrom = this.heldLength;
    this.heldLength += take;

    if (this.heldBodyStart === -1) {
      const tagsEnd = indexWithin(this.held, SPACE, seenFrom, Math.min(this.heldLength, this.maxTagBytes));
      if (tagsEnd !== -1) this.heldBodyStart = tagsEnd + 1;
      else if (this.heldLength >= this.maxTagBytes) this.fail();
      else return false;
    }
    // One byte of slack: a last CR may turn out to be half of the CRLF.
    return this.heldLength - this.heldBodyStart > this.maxBodyBytes + 1;
  }

  private ensureCapacity(needed: number): void {
    if (needed <= this.held.length) return;
    // Double from a small start: most connections never hold more than a few
    // hundred bytes, and the limit caps the largest at maxHeldBytes.
    let capacity = Math.max(this.held.length * 2, 256);
    while (capacity < needed) capacity *= 2;
    const grown = Buffer.allocUnsafe(Math.min(capacity, this.maxHeldBytes));
    this.held.copy(grown, 0, 0, this.heldLength);
    this.held = grown;
  }

  private release(): void {
    this.heldLength = 0;
    this.heldBodyStart = -1;
  }

  private fail(): never {
    this.fatalError = new ProtocolError(
      `IRC tag section longer than ${this.maxTagBytes} bytes`,
      'TAGS_TOO_LONG',
      true,
    );
    this.release();
    throw this.fatalError;
  }
}

function inputTooLong(maxBodyBytes: number): ProtocolError {
  return new ProtocolError(`IRC line longer than ${maxBodyBytes + 2} bytes after its tags`, 'INPUT_TOO_LONG', false);
}

/** `buffer.indexOf(byte)` restricted to `[from, to)`, so it never scans past the line. */
function indexWithin(buffer: Buffer, byte: number, from: number, to: number): number {
  if (from >= to) return -1;
  const found = buffer.subarray(from, to).indexOf(byte);
  return found === -1 ? -1 : from + found;
}
