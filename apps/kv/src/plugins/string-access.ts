import { Buffer } from 'node:buffer';
import type { RespReply } from '@weir/codecs';
import type { Database } from '../keyspace/database';
import { WRONGTYPE } from '../reply/errors';

/** The key argument as the keyspace keeps keys: one latin1 char per byte. */
export function keyOf(arg: Buffer): string {
  return arg.toString('latin1');
}

/** The string at `key`, undefined if there is none, or WRONGTYPE's reply if the key holds another type. */
export function readString(db: Database, key: string): Buffer | undefined | RespReply {
  const value = db.get(key);
  if (value === undefined || Buffer.isBuffer(value)) return value;
  return WRONGTYPE;
}

export function isReply(value: Buffer | undefined | RespReply): value is RespReply {
  return value !== undefined && !Buffer.isBuffer(value);
}
