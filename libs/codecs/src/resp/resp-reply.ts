import { Buffer } from 'node:buffer';
/**
 * Replies in the Redis serialization protocol, RESP2 and RESP3 alike. The
 * codec does not track the connection's protocol version (HELLO): the server
 * decides which shapes it sends, a client decodes whatever arrives.
 */

/** `+OK` */
export interface RespSimpleString {
  readonly type: 'simple';
  readonly value: string;
}

/** `-ERR message`; `value` is the text after the `-`. RESP3 bulk errors (`!`) decode to this too. */
export interface RespSimpleError {
  readonly type: 'error';
  readonly value: string;
}

/** `:42`; a bigint only where the value is outside Number's safe integer range. */
export interface RespInteger {
  readonly type: 'integer';
  readonly value: number | bigint;
}

/** `$3\r\nfoo`; `null` is the RESP2 null bulk string `$-1`. Decoded values are always Buffers. */
export interface RespBulkString {
  readonly type: 'bulk';
  readonly value: Buffer | string | null;
}

/** `*2\r\n...`; `null` is the RESP2 null array `*-1`. */
export interface RespArray {
  readonly type: 'array';
  readonly value: readonly RespReply[] | null;
}

/** RESP3 `_` */
export interface RespNull {
  readonly type: 'null';
}

/** RESP3 `,1.5`, `,inf`, `,-inf`, `,nan` */
export interface RespDouble {
  readonly type: 'double';
  readonly value: number;
}

/** RESP3 `#t` / `#f` */
export interface RespBoolean {
  readonly type: 'boolean';
  readonly value: boolean;
}

/** RESP3 `(3492890328409238509324850943850943825024385` */
export interface RespBigNumber {
  readonly type: 'bignum';
  readonly value: bigint;
}

/** RESP3 `=15\r\ntxt:Some string`; `format` is three characters (`txt`, `mkd`). */
export interface RespVerbatimString {
  readonly type: 'verbatim';
  readonly format: string;
  readonly value: string;
}

/** RESP3 `%`: key/value pairs in wire order (keys may be any reply, so no JS Map). */
export interface RespMap {
  readonly type: 'map';
  readonly value: ReadonlyArray<readonly [RespReply, RespReply]>;
}

/** RESP3 `~` */
export interface RespSet {
  readonly type: 'set';
  readonly value: readonly RespReply[];
}

/** RESP3 `>`: out-of-band data (pub/sub messages, invalidations). */
export interface RespPush {
  readonly type: 'push';
  readonly value: readonly RespReply[];
}

/**
 * RESP3 `|`: attributes travel in front of the reply they describe; here they
 * wrap it, so an attribute and its reply count as one element of an aggregate.
 */
export interface RespAttribute {
  readonly type: 'attribute';
  readonly value: ReadonlyArray<readonly [RespReply, RespReply]>;
  readonly reply: RespReply;
}

export type RespReply =
  | RespSimpleString
  | RespSimpleError
  | RespInteger
  | RespBulkString
  | RespArray
  | RespNull
  | RespDouble
  | RespBoolean
  | RespBigNumber
  | RespVerbatimString
  | RespMap
  | RespSet
  | RespPush
  | RespAttribute;

/** A command as a server receives it: the arguments, `args[0]` being the command name. */
export type RespCommand = Buffer[];

/** A command as a client sends it: each element goes out as one bulk string. */
export type RespRequest = ReadonlyArray<string | Buffer | number>;
