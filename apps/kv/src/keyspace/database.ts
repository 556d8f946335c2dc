import type { StoredValue } from './stored-value';

/**
 * One of the numbered databases (SELECT 0..15). Keys are `latin1` strings made
 * from the raw key bytes (`buf.toString('latin1')`): one char per byte, so they
 * are binary-safe and round-trip with `Buffer.from(key, 'latin1')`.
 *
 * The contract the command plugins are written against; keyspace/ implements it.
 */
export interface Database {
  readonly index: number;
  /** Live keys (expired ones may linger until touched or swept; Redis's DBSIZE has the same caveat). */
  readonly size: number;
  /** The value, or undefined if absent or expired (an expired key is deleted on the way). */
  get(key: string): StoredValue | undefined;
  /** Stores a value; the key's TTL is cleared unless keepTtl. */
  set(key: string, value: StoredValue, keepTtl?: boolean): void;
  delete(key: string): boolean;
  has(key: string): boolean;
  /** Marks a key modified (for WATCH) after changing its value in place. */
  touched(key: string): void;
  /** Absolute expiry in ms since the epoch, or undefined for none. */
  expireAt(key: string): number | undefined;
  setExpireAt(key: string, atMs: number | undefined): void;
}
