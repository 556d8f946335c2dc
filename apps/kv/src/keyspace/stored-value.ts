import { Buffer } from 'node:buffer';
/**
 * What a key holds. Strings are Buffers (binary-safe); every other type is an
 * object of one of the classes in ../types, told apart by `type`.
 */
export interface TypedValue {
  readonly type: 'hash' | 'list' | 'set' | 'zset';
  /** Elements held (HLEN, LLEN, SCARD, ZCARD); an empty value must be deleted by the command that emptied it. */
  readonly size: number;
  /** An honest estimate of the bytes this value holds, for MEMORY USAGE and INFO. */
  memoryUsage(): number;
  /** A deep copy, for COPY. */
  clone(): TypedValue;
}

export type StoredValue = Buffer | TypedValue;

export type RedisTypeName = 'string' | TypedValue['type'];

export function typeName(value: StoredValue): RedisTypeName {
  return Buffer.isBuffer(value) ? 'string' : value.type;
}
