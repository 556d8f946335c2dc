import { Buffer } from 'node:buffer';
import { RespReplies, type RespReply } from '@weir/codecs';

/**
 * Reply builders for the kv commands. The protocol-dependent ones take the
 * client's protocol (2 or 3, from HELLO): RESP3 has maps, sets, doubles and one
 * null, RESP2 spells them as flat arrays, bulk strings and `$-1` / `*-1`.
 */
export type Protocol = 2 | 3;

// Bound once: through the package's re-export, each use would first run an export getter.
const resp = RespReplies;

export const ok: RespReply = resp.OK;
export const queued: RespReply = resp.QUEUED;
export const pong: RespReply = resp.PONG;
/** RESP2's null bulk string; for RESP3 clients use nullReply(proto). */
export const nil: RespReply = resp.NULL_BULK;
export const emptyArray: RespReply = resp.EMPTY_ARRAY;
export const zero: RespReply = resp.ZERO;
export const one: RespReply = resp.ONE;

export const int = (n: number | bigint): RespReply => resp.integer(n);
export const bulk = (value: Buffer | string): RespReply => resp.bulk(value);
export const simple = (value: string): RespReply => resp.simple(value);
export const arr = (items: readonly RespReply[]): RespReply => resp.array(items);
/** `text` is the whole error line, its code included: `ERR syntax error`. */
export const err = (text: string): RespReply => resp.error(text);

/** Bulk string or null, for values that may be missing (GET, MGET items). */
export function bulkOrNull(value: Buffer | undefined, proto: Protocol): RespReply {
  return value === undefined ? nullReply(proto) : resp.bulk(value);
}

/** A missing value: `$-1` in RESP2, `_` in RESP3. */
export function nullReply(proto: Protocol): RespReply {
  return proto === 3 ? resp.NULL : resp.NULL_BULK;
}

/** A missing aggregate (EXEC after a failed WATCH, BLPOP timeout): `*-1` in RESP2, `_` in RESP3. */
export function nullArray(proto: Protocol): RespReply {
  return proto === 3 ? resp.NULL : resp.NULL_ARRAY;
}

/** A map in RESP3, a flat array of key, value, key, value... in RESP2. */
export function map(pairs: ReadonlyArray<readonly [RespReply, RespReply]>, proto: Protocol): RespReply {
  if (proto === 3) return resp.map(pairs);
  const flat: RespReply[] = [];
  for (const [key, value] of pairs) flat.push(key, value);
  return resp.array(flat);
}

/** A set in RESP3, an array in RESP2. */
export function set(items: readonly RespReply[], proto: Protocol): RespReply {
  return proto === 3 ? resp.set(items) : resp.array(items);
}

/** A double in RESP3, its text as a bulk string in RESP2 (as Redis 7.2+ prints it: shortest round-trip form). */
export function double(n: number, proto: Protocol): RespReply {
  return proto === 3 ? resp.double(n) : resp.bulk(formatDouble(n));
}

/** `inf`, `-inf`, `nan` or the shortest text that reads back as the same double. */
export function formatDouble(n: number): string {
  if (Number.isNaN(n)) return 'nan';
  if (!Number.isFinite(n)) return n > 0 ? 'inf' : '-inf';
  return String(n);
}

/** A boolean in RESP3, 1 or 0 in RESP2. */
export function bool(value: boolean, proto: Protocol): RespReply {
  return proto === 3 ? resp.boolean(value) : value ? one : zero;
}
