import { Buffer } from 'node:buffer';
import type { Decoded, Decoder } from '../codec';
import { itemsThenFatal, ProtocolError } from '../protocol-error';
import { checkBulkLength, RespBulkReader } from './resp-bulk-reader';
import { parseRespInteger, parseRespLength } from './resp-integer';
import { LINE_TOO_LONG, NEED_MORE, RespLineReader } from './resp-line-reader';
import { RespProtocolErrors as Errors } from './resp-protocol-errors';
import { RespReplies } from './resp-replies';
import type { RespReply } from './resp-reply';
import { parseRespBoolean, parseRespDouble, parseRespBigNumber } from './resp-scalars';

const LINE = 0;
const PAYLOAD = 1;

type AggregateType = 'array' | 'map' | 'set' | 'push' | 'attribute';

/** An aggregate still waiting for `left` more elements. */
interface OpenAggregate {
  readonly type: AggregateType;
  readonly items: RespReply[];
  left: number;
}

export interface RespReplyDecoderLimits {
  /** Longest bulk, verbatim or bulk error string, and longest reply line. */
  readonly maxFrameBytes: number;
}

/**
 * Decodes what a Redis server sends: every RESP2 and RESP3 reply type.
 * Bulk strings are Buffers, slices of the chunk when they sit whole inside it.
 * Aggregates are built on an explicit stack, so deep nesting cannot overflow
 * the call stack. Streamed RESP3 strings and aggregates (`$?`, `*?`), which
 * redis-server never sends, are refused.
 *
 * Every error is fatal, and thrown again by any later call; replies completed
 * earlier in the same chunk are returned ahead of it (see Decoder).
 */
export class RespReplyDecoder implements Decoder<RespReply> {
  private state = LINE;
  private readonly lines: RespLineReader;
  private readonly payload = new RespBulkReader();
  private readonly open: OpenAggregate[] = [];
  private payloadType = 0;
  private failure: ProtocolError | undefined;

  constructor(private readonly limits: RespReplyDecoderLimits) {
    this.lines = new RespLineReader(limits.maxFrameBytes);
  }

  decode(chunk: Buffer): Decoded<RespReply>[] {
    if (this.failure !== undefined) throw this.failure;
    const replies: RespReply[] = [];
    try {
      this.consume(chunk, replies);
    } catch (error) {
      if (error instanceof ProtocolError) this.failure = error;
      return itemsThenFatal(replies, error);
    }
    return replies;
  }

  private consume(chunk: Buffer, replies: RespReply[]): void {
    let pos = 0;
    while (pos < chunk.length) {
      if (this.state === PAYLOAD) {
        pos = this.readPayload(chunk, pos, replies);
        continue;
      }
      // Refuse an unknown type at its first byte rather than after its line.
      if (this.lines.atLineStart && !isReplyType(chunk[pos])) throw Errors.invalidReplyType(chunk[pos]);
      const next = this.lines.read(chunk, pos);
      if (next === NEED_MORE) return;
      if (next === LINE_TOO_LONG) throw Errors.replyLineTooLong();
      pos = next;
      this.onLine(replies);
    }
  }

  private onLine(replies: RespReply[]): void {
    const { line, start, end } = this.lines;
    const type = line[start];
    switch (type) {
      case 43: // +
        // +OK is most of what a server says: answer it with the shared object.
        if (end - start === 3 && line[start + 1] === 79 && line[start + 2] === 75) {
          return this.complete(RespReplies.OK, replies);
        }
        return this.complete({ type: 'simple', value: line.toString('utf8', start + 1, end) }, replies);
      case 45: // -
        return this.complete({ type: 'error', value: line.toString('utf8', start + 1, end) }, replies);
      case 58: {
        // :
        const value = parseRespInteger(line, start + 1, end);
        if (value === undefined) throw Errors.invalidReplyValue('integer');
        return this.complete(RespReplies.integer(value), replies);
      }
      case 95: // _
        return this.complete(RespReplies.NULL, replies);
      case 35: // #
        return this.complete({ type: 'boolean', value: parseRespBoolean(line, start + 1, end) }, replies);
      case 44: // ,
        return this.complete({ type: 'double', value: parseRespDouble(line, start + 1, end) }, replies);
      case 40: // (
        return this.complete({ type: 'bignum', value: parseRespBigNumber(line, start + 1, end) }, replies);
      case 36: // $
      case 61: // =
      case 33: // !
        return this.startPayload(type, replies);
      case 42: // *
        return this.startAggregate('array', replies);
      case 37: // %
        return this.startAggregate('map', replies);
      case 126: // ~
        return this.startAggregate('set', replies);
      case 62: // >
        return this.startAggregate('push', replies);
      default: // |
        return this.startAggregate('attribute', replies);
    }
  }

  private startPayload(type: number, replies: RespReply[]): void {
    const { line, start, end } = this.lines;
    const length = parseRespLength(line, start + 1, end);
    if (length === -1 && type === 36) return this.complete(RespReplies.NULL_BULK, replies);
    this.payload.start(checkBulkLength(length, this.limits.maxFrameBytes));
    this.payloadType = type;
    this.state = PAYLOAD;
  }

  private readPayload(chunk: Buffer, pos: number, replies: RespReply[]): number {
    const next = this.payload.read(chunk, pos);
    const bytes = this.payload.take();
    if (bytes !== undefined) {
      this.state = LINE;
      this.onPayload(bytes, replies);
    }
    return next;
  }

  private onPayload(bytes: Buffer, replies: RespReply[]): void {
    if (this.payloadType === 36) return this.complete({ type: 'bulk', value: bytes }, replies);
    if (this.payloadType === 33) return this.complete({ type: 'error', value: bytes.toString('utf8') }, replies);
    // Verbatim: three bytes of format, a colon, then the text.
    if (bytes.length < 4 || bytes[3] !== 58) throw Errors.invalidReplyValue('verbatim string');
    this.complete(
      { type: 'verbatim', format: bytes.toString('latin1', 0, 3), value: bytes.toString('utf8', 4) },
      replies,
    );
  }

  private startAggregate(type: AggregateType, replies: RespReply[]): void {
    const { line, start, end } = this.lines;
    const count = parseRespLength(line, start + 1, end);
    if (count === -1 && type === 'array') return this.complete(RespReplies.NULL_ARRAY, replies);
    if (Number.isNaN(count) || count < 0) throw Errors.invalidAggregateLength();
    const elements = type === 'map' ? count * 2 : type === 'attribute' ? count * 2 + 1 : count;
    if (elements === 0) return this.complete(closeAggregate(type, []), replies);
    this.open.push({ type, items: [], left: elements });
  }

  /** Hands a finished reply to its parent aggregate, closing every aggregate it completes. */
  private complete(reply: RespReply, replies: RespReply[]): void {
    const open = this.open;
    while (open.length > 0) {
      const parent = open[open.length - 1];
      parent.items.push(reply);
      if (--parent.left > 0) return;
      open.pop();
      reply = closeAggregate(parent.type, parent.items);
    }
    replies.push(reply);
  }
}

function closeAggregate(type: AggregateType, items: RespReply[]): RespReply {
  switch (type) {
    case 'array':
    case 'set':
    case 'push':
      return { type, value: items };
    case 'map':
      return { type, value: pairs(items, items.length) };
    default:
      return { type, value: pairs(items, items.length - 1), reply: items[items.length - 1] };
  }
}

function pairs(items: RespReply[], count: number): Array<[RespReply, RespReply]> {
  const result: Array<[RespReply, RespReply]> = [];
  for (let i = 0; i < count; i += 2) result.push([items[i], items[i + 1]]);
  return result;
}

function isReplyType(byte: number): boolean {
  switch (byte) {
    case 43: // + simple string
    case 45: // - simple error
    case 58: // : integer
    case 36: // $ bulk string
    case 42: // * array
    case 95: // _ null
    case 44: // , double
    case 35: // # boolean
    case 40: // ( big number
    case 33: // ! bulk error
    case 61: // = verbatim string
    case 37: // % map
    case 126: // ~ set
    case 62: // > push
    case 124: // | attribute
      return true;
    default:
      return false;
  }
}
