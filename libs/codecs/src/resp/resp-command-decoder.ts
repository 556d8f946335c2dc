import { Buffer } from 'node:buffer';
import type { Decoded, Decoder } from '../codec';
import { viewOf } from '../framing/byte-view';
import { PendingBytes } from '../framing/pending-bytes';
import { itemsThenFatal, ProtocolError } from '../protocol-error';
import { splitInlineArgs } from './inline-args';
import { checkBulkLength, RespBulkReader } from './resp-bulk-reader';
import { parseRespLength } from './resp-integer';
import { LINE_TOO_LONG, NEED_MORE, RespLineReader } from './resp-line-reader';
import { RespProtocolErrors as Errors } from './resp-protocol-errors';
import type { RespCommand } from './resp-reply';

const LF = 10;
const CR = 13;
const ASTERISK = 42;
const DOLLAR = 36;
const ZERO = 48;
const NINE = 57;
// Nine digits hold every length up to the 512 MiB default with no overflow check.
const FAST_MAX_DIGITS = 9;
const PRESIZED_ARGS = 16;

// Where the decoder stands in the byte stream.
const COMMAND_START = 0;
const MULTIBULK_HEADER = 1;
const BULK_HEADER = 2;
const BULK_PAYLOAD = 3;
const INLINE_LINE = 4;

export interface RespCommandDecoderLimits {
  /** Largest bulk string argument (Redis's proto-max-bulk-len). */
  readonly maxBulkLength: number;
  /** Most arguments in one multibulk command. */
  readonly maxMultibulkLength: number;
  /** Longest inline command line, and longest `*N` / `$N` header line (Redis's PROTO_INLINE_MAX_SIZE). */
  readonly maxInlineBytes: number;
}

/**
 * Decodes what clients send a Redis server: RESP arrays of bulk strings and
 * inline commands, parsed and refused as redis-server 7 does
 * (networking.c, processInputBuffer and the two functions it calls).
 *
 * Arguments that sit whole inside one chunk are slices of it, not copies.
 *
 * Every error is fatal, and thrown again by any later call. Commands
 * completed earlier in the same chunk are returned ahead of it, with the error
 * as the last item, since redis-server runs them before it answers the error.
 */
export class RespCommandDecoder implements Decoder<RespCommand> {
  private state = COMMAND_START;
  private readonly lines: RespLineReader;
  private readonly payload = new RespBulkReader();
  private readonly inline = new PendingBytes();
  private args: Buffer[] = [];
  private argsLeft = 0;
  private failure: ProtocolError | undefined;

  constructor(private readonly limits: RespCommandDecoderLimits) {
    this.lines = new RespLineReader(limits.maxInlineBytes);
  }

  decode(chunk: Buffer): Decoded<RespCommand>[] {
    if (this.failure !== undefined) throw this.failure;
    const commands: Decoded<RespCommand>[] = [];
    try {
      this.consume(chunk, commands as RespCommand[]);
    } catch (error) {
      if (error instanceof ProtocolError) this.failure = error;
      return itemsThenFatal(commands, error);
    }
    return commands;
  }

  private consume(chunk: Buffer, commands: RespCommand[]): void {
    const length = chunk.length;
    // Read once per chunk, not per command: `.buffer` is a call into V8's runtime.
    // Socket chunks live in a plain ArrayBuffer, never a SharedArrayBuffer.
    const memory = chunk.buffer as ArrayBuffer;
    let pos = 0;
    while (pos < length) {
      switch (this.state) {
        case COMMAND_START: {
          // Redis picks the request type from the first byte alone.
          if (chunk[pos] !== ASTERISK) {
            this.state = INLINE_LINE;
            break;
          }
          const next = this.readWholeCommand(chunk, pos, commands, memory);
          if (next !== -1) {
            pos = next;
            break;
          }
          this.state = MULTIBULK_HEADER;
          break;
        }
        case MULTIBULK_HEADER: {
          const next = this.lines.read(chunk, pos);
          if (next === NEED_MORE) return;
          if (next === LINE_TOO_LONG) throw Errors.tooBigMultibulkCount();
          pos = next;
          this.startMultibulk();
          break;
        }
        case BULK_HEADER: {
          const next = this.lines.read(chunk, pos);
          if (next === NEED_MORE) return;
          if (next === LINE_TOO_LONG) throw Errors.tooBigBulkCount();
          pos = next;
          this.startBulk();
          break;
        }
        case BULK_PAYLOAD:
          pos = this.readPayload(chunk, pos, commands);
          break;
        default:
          pos = this.readInline(chunk, pos, commands);
      }
    }
  }

  /**
   * The fast path: a plain multibulk command lying whole in `chunk` from `pos`
   * (what pipelining clients send), parsed in one pass. Returns the position
   * after it, or -1, having consumed nothing, for anything else: a command cut
   * by the chunk's end, an unusual or invalid header, a limit reached. The
   * state machine then reads it and raises the errors.
   */
  private readWholeCommand(chunk: Buffer, pos: number, commands: RespCommand[], memory: ArrayBuffer): number {
    const end = chunk.length;
    const { maxInlineBytes, maxBulkLength, maxMultibulkLength } = this.limits;
    let p = pos + 1;
    let count = 0;
    for (; p < end && chunk[p] !== CR; p++) {
      const byte = chunk[p];
      if (byte < ZERO || byte > NINE) return -1;
      count = count * 10 + byte - ZERO;
    }
    const countDigits = p - pos - 1;
    if (p + 1 >= end || countDigits === 0 || countDigits > FAST_MAX_DIGITS || chunk[pos + 1] === ZERO) return -1;
    if (p - pos > maxInlineBytes || count > maxMultibulkLength) return -1;
    p += 2;
    // Sized up front (growing by push was a measurable share of a short command's
    // cost), but only so far: the count is the peer's word until the arguments arrive.
    const args = new Array<Buffer>(Math.min(count, PRESIZED_ARGS));
    const base = chunk.byteOffset;
    for (let i = 0; i < count; i++) {
      const header = p;
      if (p >= end || chunk[p] !== DOLLAR) return -1;
      let length = 0;
      for (p++; p < end && chunk[p] !== CR; p++) {
        const byte = chunk[p];
        if (byte < ZERO || byte > NINE) return -1;
        length = length * 10 + byte - ZERO;
      }
      const digits = p - header - 1;
      if (p + 1 >= end || digits === 0 || digits > FAST_MAX_DIGITS || (digits > 1 && chunk[header + 1] === ZERO)) return -1;
      if (p - header > maxInlineBytes || length > maxBulkLength) return -1;
      p += 2;
      if (p + length + 2 > end) return -1;
      args[i] = viewOf(memory, base + p, length);
      p += length + 2;
    }
    commands[commands.length] = args;
    return p;
  }

  private startMultibulk(): void {
    const { line, start, end } = this.lines;
    const count = parseRespLength(line, start + 1, end);
    if (Number.isNaN(count)) throw Errors.invalidMultibulkLength();
    if (count > this.limits.maxMultibulkLength) throw Errors.multibulkLengthOverLimit();
    // `*0`, `*-1` and any other count below one is no command at all: Redis
    // resets the client and reads on.
    if (count <= 0) {
      this.state = COMMAND_START;
      return;
    }
    this.argsLeft = count;
    this.state = BULK_HEADER;
  }

  private startBulk(): void {
    const { line, start, end } = this.lines;
    // An empty line's first byte, for Redis, is the CR that ends it.
    if (start === end || line[start] !== DOLLAR) throw Errors.expectedDollar(start === end ? CR : line[start]);
    this.payload.start(checkBulkLength(parseRespLength(line, start + 1, end), this.limits.maxBulkLength));
    this.state = BULK_PAYLOAD;
  }

  /** Reads the bulk string and the two bytes after it, which Redis skips without looking. */
  private readPayload(chunk: Buffer, pos: number, commands: RespCommand[]): number {
    const next = this.payload.read(chunk, pos);
    const arg = this.payload.take();
    if (arg !== undefined) this.addArg(arg, commands);
    return next;
  }

  private addArg(arg: Buffer, commands: RespCommand[]): void {
    this.args.push(arg);
    if (--this.argsLeft > 0) {
      this.state = BULK_HEADER;
      return;
    }
    commands.push(this.args);
    this.args = [];
    this.state = COMMAND_START;
  }

  /** An inline command ends at LF, with or without a CR before it. */
  private readInline(chunk: Buffer, pos: number, commands: RespCommand[]): number {
    const lf = chunk.indexOf(LF, pos);
    const seen = this.inline.length + (lf === -1 ? chunk.length : lf) - pos;
    if (seen > this.limits.maxInlineBytes) throw Errors.tooBigInlineRequest();
    if (lf === -1) {
      this.inline.push(chunk.subarray(pos));
      return chunk.length;
    }
    let line = chunk;
    let start = pos;
    if (this.inline.length > 0) {
      this.inline.push(chunk.subarray(pos, lf));
      line = this.inline.take();
      start = 0;
    }
    let end = start + seen;
    if (end > start && line[end - 1] === CR) end--;
    const args = splitInlineArgs(line, start, end);
    if (args === null) throw Errors.unbalancedQuotes();
    // A blank line is no command: Redis skips it (clients send one as a keepalive).
    if (args.length > 0) commands.push(args);
    this.state = COMMAND_START;
    return lf + 1;
  }
}
