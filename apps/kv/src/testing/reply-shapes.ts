import { Buffer } from 'node:buffer';
import type { RespReply } from '@weir/codecs';

/**
 * Replies as the raw client decodes them, for toEqual, and the Redis texts
 * specs compare with. Spelled out here rather than taken from ../reply, so a
 * changed text in the server fails the specs instead of changing them too.
 */
export const WRONGTYPE = 'WRONGTYPE Operation against a key holding the wrong kind of value';

export const bulk = (value: string | Buffer): RespReply => ({ type: 'bulk', value: Buffer.from(value) });
export const int = (value: number): RespReply => ({ type: 'integer', value });
export const double = (value: number): RespReply => ({ type: 'double', value });
export const simple = (value: string): RespReply => ({ type: 'simple', value });
export const array = (...value: RespReply[]): RespReply => ({ type: 'array', value });

/** An error reply's shape. */
export function errorOf(text: string): RespReply {
  return { type: 'error', value: text };
}
