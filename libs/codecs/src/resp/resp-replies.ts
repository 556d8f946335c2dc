import { Buffer } from 'node:buffer';
import type {
  RespArray,
  RespBigNumber,
  RespBoolean,
  RespBulkString,
  RespDouble,
  RespInteger,
  RespMap,
  RespNull,
  RespPush,
  RespReply,
  RespSet,
  RespSimpleError,
  RespSimpleString,
  RespVerbatimString,
} from './resp-reply';

// Shared reply objects: handlers return these instead of allocating a new
// object per command, and the encoder answers them with constant strings.
const OK: RespSimpleString = Object.freeze({ type: 'simple', value: 'OK' });
const PONG: RespSimpleString = Object.freeze({ type: 'simple', value: 'PONG' });
const QUEUED: RespSimpleString = Object.freeze({ type: 'simple', value: 'QUEUED' });
const ZERO: RespInteger = Object.freeze({ type: 'integer', value: 0 });
const ONE: RespInteger = Object.freeze({ type: 'integer', value: 1 });
const NULL_BULK: RespBulkString = Object.freeze({ type: 'bulk', value: null });
const NULL_ARRAY: RespArray = Object.freeze({ type: 'array', value: null });
const EMPTY_ARRAY: RespArray = Object.freeze({ type: 'array', value: Object.freeze([]) });
const NULL: RespNull = Object.freeze({ type: 'null' });

/**
 * Common replies, prebuilt, and one small constructor per reply type.
 * Grouped in one object so `@weir/codecs` does not export bare names such as
 * `error` or `array` that other codecs might want.
 */
export const RespReplies = Object.freeze({
  OK,
  PONG,
  QUEUED,
  ZERO,
  ONE,
  NULL_BULK,
  NULL_ARRAY,
  EMPTY_ARRAY,
  /** RESP3 null; send NULL_BULK or NULL_ARRAY to RESP2 clients. */
  NULL,

  simple: (value: string): RespSimpleString => ({ type: 'simple', value }),
  /** `value` is the whole error line after `-`, code included: `ERR unknown command`. */
  error: (value: string): RespSimpleError => ({ type: 'error', value }),
  integer: (value: number | bigint): RespInteger =>
    value === 0 ? ZERO : value === 1 ? ONE : { type: 'integer', value },
  bulk: (value: Buffer | string | null): RespBulkString => (value === null ? NULL_BULK : { type: 'bulk', value }),
  array: (value: readonly RespReply[] | null): RespArray => (value === null ? NULL_ARRAY : { type: 'array', value }),
  double: (value: number): RespDouble => ({ type: 'double', value }),
  boolean: (value: boolean): RespBoolean => ({ type: 'boolean', value }),
  bignum: (value: bigint): RespBigNumber => ({ type: 'bignum', value }),
  verbatim: (format: string, value: string): RespVerbatimString => ({ type: 'verbatim', format, value }),
  map: (value: ReadonlyArray<readonly [RespReply, RespReply]>): RespMap => ({ type: 'map', value }),
  set: (value: readonly RespReply[]): RespSet => ({ type: 'set', value }),
  push: (value: readonly RespReply[]): RespPush => ({ type: 'push', value }),
});
