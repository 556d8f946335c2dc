import type { RespReply } from '@weir/codecs';
import type { Database } from '../keyspace/database';
import type { TypedValue } from '../keyspace/stored-value';
import { WRONGTYPE } from '../reply/errors';

type ValueClass<T> = new (...args: never[]) => T;

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

/** An element kept as a latin1 string (field, member), back to its bytes for a reply. */
export function elementBytes(element: string): Buffer {
  return Buffer.from(element, 'latin1');
}
