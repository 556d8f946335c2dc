import { Buffer } from 'node:buffer';
import type { RespReply } from '@weir/codecs';
import type { Database } from '../keyspace/database';
import type { TypedValue } from '../keyspace/stored-value';
import { WRONGTYPE } from '../reply/errors';
import { int, zero } from '../reply/replies';

/** The class of a typed value (HashValue, SetValue...), which `instanceof` tests. */
export type ValueClass<T> = new (...args: never[]) => T;

/**
 * How the typed commands reach their values: a value of the expected class,
 * undefined for no key, or WRONGTYPE's reply for a key of another type. The
 * caller tells the three apart with `instanceof` and returns the reply as is.
 */
export function lookupValue<T extends TypedValue>(db: Database, key: string, kind: ValueClass<T>): T | RespReply | undefined {
  const value = db.get(key);
  if (value === undefined || value instanceof kind) return value;
  return WRONGTYPE;
}

/** lookupValue's third answer, for generic callers (where `instanceof` narrows only one way). */
export function isWrongType<T extends TypedValue>(found: T | RespReply, kind: ValueClass<T>): found is RespReply {
  return !(found instanceof kind);
}

/** After a write: stores a value the command created, or marks an existing one modified (WATCH, dirty count, AOF). */
export function saveValue(db: Database, key: string, value: TypedValue, created: boolean): void {
  if (created) db.set(key, value);
  else db.touched(key);
}

/** After removing elements: deletes a value left empty (Redis keeps no empty aggregates), else marks it modified. */
export function afterRemoval(db: Database, key: string, value: TypedValue): void {
  if (value.size === 0) db.delete(key);
  else db.touched(key);
}

/** HLEN, LLEN, SCARD, ZCARD: the value's size, 0 for no key, WRONGTYPE's reply for another type. */
export function sizeReply<T extends TypedValue>(db: Database, key: string, kind: ValueClass<T>): RespReply {
  const value = lookupValue(db, key, kind);
  if (value === undefined) return zero;
  return isWrongType(value, kind) ? value : int(value.size);
}

/**
 * HDEL, SREM, ZREM (`key element [element ...]`): `remove` each element;
 * answers how many were there. An emptied value is deleted.
 */
export function removeEach<T extends TypedValue>(
  db: Database,
  args: readonly Buffer[],
  kind: ValueClass<T>,
  remove: (value: T, element: string) => boolean,
): RespReply {
  const key = args[1].toString('latin1');
  const value = lookupValue(db, key, kind);
  if (value === undefined) return zero;
  if (isWrongType(value, kind)) return value;
  let removed = 0;
  for (let i = 2; i < args.length; i++) if (remove(value, args[i].toString('latin1'))) removed++;
  if (removed > 0) afterRemoval(db, key, value);
  return int(removed);
}

/** The *STORE commands: `result` replaces whatever `destination` held, and an empty one deletes it; answers its size. */
export function storeResult(db: Database, destination: Buffer, result: TypedValue): RespReply {
  const key = destination.toString('latin1');
  if (result.size === 0) {
    db.delete(key);
    return zero;
  }
  db.set(key, result);
  return int(result.size);
}

/** An element kept as a latin1 string (field, member), back to its bytes for a reply. */
export function elementBytes(element: string): Buffer {
  return Buffer.from(element, 'latin1');
}
