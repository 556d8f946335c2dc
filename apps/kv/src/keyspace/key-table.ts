import type { Database } from './database';
import { KeySlots } from './key-slots';
import type { SnapshotCursor } from './snapshot-cursor';
import type { StoredValue } from './stored-value';

/** What a table tells the keyspace it belongs to. */
export interface KeyTableHost {
  now(): number;
  /** While the AOF loads nothing expires: replay must see what the writer saw. */
  readonly loading: boolean;
  /** A key's value or TTL changed (dirty counter, WATCH). */
  modified(db: number, key: string): void;
  /** A key was found expired and deleted (stats, WATCH, AOF: its DEL is propagated). */
  expired(db: number, key: string): void;
}

/**
 * One numbered database: its keys (in KeySlots, whose slots never move, so
 * SCAN's cursor is a slot number and a key present for a whole scan is
 * returned, whatever is added or deleted meanwhile), what a deadline means
 * (a key past it is gone: deleted when next touched, or by the active expiry
 * cycle, unless the AOF is loading), who is told of changes (the host), and
 * keeping an AOF rewrite's snapshot of the contents intact while they change.
 */
export class KeyTable implements Database {
  private slots = new KeySlots();
  private snapshot: SnapshotCursor | undefined;

  constructor(
    readonly index: number,
    private readonly host: KeyTableHost,
  ) {}

  get size(): number {
    return this.slots.size;
  }

  /** Keys that carry a TTL. */
  get volatileCount(): number {
    return this.slots.volatileCount;
  }

  /** One past the highest slot a SCAN cursor may name. */
  get slotCount(): number {
    return this.slots.length;
  }

  get(key: string): StoredValue | undefined {
    const at = this.liveSlot(key);
    if (at === undefined) return undefined;
    // The caller may change the value in place: the rewrite must have it first.
    if (this.snapshot !== undefined) this.preserve(key, at);
    return this.slots.valueAt(at);
  }

  has(key: string): boolean {
    return this.get(key) !== undefined;
  }

  set(key: string, value: StoredValue, keepTtl = false): void {
    const at = this.slots.slotOf(key);
    if (this.snapshot !== undefined) this.preserve(key, at);
    if (at === undefined) {
      this.slots.insert(key, value);
    } else {
      this.slots.replaceValue(at, value);
      if (!keepTtl) this.slots.setDeadline(at, key, undefined);
    }
    this.host.modified(this.index, key);
  }

  delete(key: string): boolean {
    const at = this.liveSlot(key);
    if (at === undefined) return false;
    if (this.snapshot !== undefined) this.preserve(key, at);
    this.remove(at, key);
    this.host.modified(this.index, key);
    return true;
  }

  touched(key: string): void {
    this.host.modified(this.index, key);
  }

  expireAt(key: string): number | undefined {
    const at = this.slots.slotOf(key);
    return at === undefined ? undefined : this.slots.deadlineAt(at);
  }

  setExpireAt(key: string, atMs: number | undefined): void {
    const at = this.slots.slotOf(key);
    if (at === undefined) return;
    if (this.snapshot !== undefined) this.preserve(key, at);
    if (atMs === undefined && this.slots.deadlineAt(at) === undefined) return;
    this.slots.setDeadline(at, key, atMs);
    this.host.modified(this.index, key);
  }

  /** Live keys, in slot order (expired ones not yet deleted are skipped). */
  *keys(): IterableIterator<string> {
    const now = this.host.now();
    for (let i = 0; i < this.slots.length; i++) {
      const key = this.slots.keyAt(i);
      if (key === undefined) continue;
      const deadline = this.slots.deadlineAt(i);
      if (deadline !== undefined && deadline <= now && !this.host.loading) continue;
      yield key;
    }
  }

  /** Every key with its value and deadline, for the AOF rewrite; expired keys included, rewrite drops them. */
  *entries(): IterableIterator<[string, StoredValue, number | undefined]> {
    for (let i = 0; i < this.slots.length; i++) {
      const key = this.slots.keyAt(i);
      if (key !== undefined) yield [key, this.slots.valueAt(i), this.slots.deadlineAt(i)];
    }
  }

  /**
   * Visits slots from `cursor` on, calling `visit` for each live key, until
   * `count` keys were given or ten times as many slots were looked at. Returns
   * the next cursor, 0 at the end.
   */
  scan(cursor: number, count: number, visit: (key: string, value: StoredValue) => void): number {
    const end = this.slots.length;
    const slotBudget = Math.max(count * 10, 100);
    let given = 0;
    let i = cursor;
    for (; i < end && given < count && i - cursor < slotBudget; i++) {
      const key = this.slots.keyAt(i);
      if (key === undefined) continue;
      const value = this.get(key);
      if (value === undefined) continue;
      visit(key, value);
      given++;
    }
    return i >= end ? 0 : i;
  }

  /** A random live key, or undefined when there is none. */
  randomKey(): string | undefined {
    while (this.slots.size > 0) {
      const key = this.slots.randomKey();
      if (key !== undefined && this.get(key) !== undefined) return key;
      if (key === undefined) return undefined;
    }
    return undefined;
  }

  /**
   * One step of the active expiry cycle: checks up to `samples` keys with a
   * TTL (continuing where the last step stopped) and deletes the expired ones.
   */
  sampleExpired(samples: number): { checked: number; expired: number } {
    let checked = 0;
    let expired = 0;
    if (this.slots.volatileCount === 0) return { checked, expired };
    const now = this.host.now();
    // An expiry may have emptied the table and replaced its slots: read this.slots afresh each time.
    while (checked < samples && this.slots.volatileCount > 0) {
      const key = this.slots.nextVolatile();
      // Wrapped around: start over on the next step rather than loop within this one.
      if (key === undefined) break;
      checked++;
      const at = this.slots.slotOf(key);
      if (at === undefined) continue;
      const deadline = this.slots.deadlineAt(at);
      if (deadline !== undefined && deadline <= now) {
        this.expireSlot(at, key);
        expired++;
      }
    }
    return { checked, expired };
  }

  /** Starts an AOF rewrite's walk over these contents. */
  beginSnapshot(cursor: SnapshotCursor): void {
    this.snapshot = cursor;
    if (this.slots.size === 0) cursor.done = true;
  }

  /** Whether these contents are the ones `cursor` walks (SWAPDB moves contents between tables). */
  holdsSnapshot(cursor: SnapshotCursor): boolean {
    return this.snapshot === cursor;
  }

  endSnapshot(): void {
    this.snapshot = undefined;
  }

  /** Walks up to `slots` slots of the snapshot; returns true when it is done. */
  walkSnapshot(slots: number): boolean {
    const cursor = this.snapshot;
    if (cursor === undefined || cursor.done) return true;
    const end = Math.min(this.slots.length, cursor.nextSlot + slots);
    for (let i = cursor.nextSlot; i < end; i++) {
      const key = this.slots.keyAt(i);
      if (key === undefined || cursor.written.has(key)) continue;
      cursor.write(cursor.originDb, key, this.slots.valueAt(i), this.slots.deadlineAt(i));
    }
    cursor.nextSlot = end;
    if (end >= this.slots.length) cursor.done = true;
    return cursor.done;
  }

  /** Empties the table (FLUSHDB). */
  clear(): void {
    // Whatever the rewrite had not written is gone, and the FLUSH it logged replays after the snapshot.
    if (this.snapshot !== undefined) this.snapshot.done = true;
    this.slots = new KeySlots();
  }

  /** Exchanges contents with another table (SWAPDB): clients keep their table, which now holds the other's keys. */
  swapContents(other: KeyTable): void {
    [this.slots, other.slots] = [other.slots, this.slots];
    [this.snapshot, other.snapshot] = [other.snapshot, this.snapshot];
  }

  /** The slot of `key` if it is here and not past its deadline; a key found expired is deleted on the way. */
  private liveSlot(key: string): number | undefined {
    const at = this.slots.slotOf(key);
    if (at === undefined) return undefined;
    const deadline = this.slots.deadlineAt(at);
    if (deadline !== undefined && !this.host.loading && deadline <= this.host.now()) {
      this.expireSlot(at, key);
      return undefined;
    }
    return at;
  }

  private remove(at: number, key: string): void {
    this.slots.remove(at, key);
    // An emptied table starts afresh rather than keep arrays as long as it ever was.
    if (this.slots.size === 0) this.clear();
  }

  /** Before a key is read for change, changed or deleted during a rewrite: make sure the rewrite has its old state. */
  private preserve(key: string, at: number | undefined): void {
    const cursor = this.snapshot as SnapshotCursor;
    if (cursor.done || (at !== undefined && at < cursor.nextSlot) || cursor.written.has(key)) return;
    cursor.written.add(key);
    if (at === undefined) return;
    cursor.write(cursor.originDb, key, this.slots.valueAt(at), this.slots.deadlineAt(at));
  }

  private expireSlot(at: number, key: string): void {
    if (this.snapshot !== undefined) this.preserve(key, at);
    this.remove(at, key);
    this.host.expired(this.index, key);
  }
}
