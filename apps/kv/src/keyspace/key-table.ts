import type { Database } from './database';
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

const NO_TTL = 0;


/**
 * One numbered database. Keys sit in slots that never move while the key
 * lives: SCAN's cursor is a slot number, so a key present for a whole scan is
 * returned, whatever is added or deleted meanwhile. A deleted key's slot goes
 * on a free list and is reused; nothing is ever compacted, so no command pays
 * for a rehash of the whole table.
 *
 * Parallel arrays instead of an object per key: a Map entry plus three array
 * slots is the smallest per-key footprint plain JS offers.
 */
export class KeyTable implements Database {
  private positions = new Map<string, number>();
  private slotKeys: Array<string | undefined> = [];
  private slotValues: Array<StoredValue | undefined> = [];
  private slotExpires: number[] = [];
  private freeSlots: number[] = [];
  /** Keys that have a TTL, for the active expiry cycle and INFO's `expires=`. */
  private ttlKeys = new Set<string>();
  private ttlCursor: IterableIterator<string> | undefined;
  private snapshot: SnapshotCursor | undefined;

  constructor(
    readonly index: number,
    private readonly host: KeyTableHost,
  ) {}

  get size(): number {
    return this.positions.size;
  }

  /** Keys that carry a TTL. */
  get volatileCount(): number {
    return this.ttlKeys.size;
  }

  /** One past the highest slot a SCAN cursor may name. */
  get slotCount(): number {
    return this.slotKeys.length;
  }

  get(key: string): StoredValue | undefined {
    const at = this.positions.get(key);
    if (at === undefined) return undefined;
    const expires = this.slotExpires[at];
    if (expires !== NO_TTL && this.isExpired(expires)) {
      this.expireSlot(at, key);
      return undefined;
    }
    // The caller may change the value in place: the rewrite must have it first.
    if (this.snapshot !== undefined) this.preserve(key, at);
    return this.slotValues[at];
  }

  has(key: string): boolean {
    return this.get(key) !== undefined;
  }

  set(key: string, value: StoredValue, keepTtl = false): void {
    const at = this.positions.get(key);
    if (this.snapshot !== undefined) this.preserve(key, at);
    if (at === undefined) {
      this.insert(key, value);
    } else {
      this.slotValues[at] = value;
      if (!keepTtl && this.slotExpires[at] !== NO_TTL) {
        this.slotExpires[at] = NO_TTL;
        this.ttlKeys.delete(key);
      }
    }
    this.host.modified(this.index, key);
  }

  delete(key: string): boolean {
    const at = this.positions.get(key);
    if (at === undefined) return false;
    const expires = this.slotExpires[at];
    if (expires !== NO_TTL && this.isExpired(expires)) {
      this.expireSlot(at, key);
      return false;
    }
    if (this.snapshot !== undefined) this.preserve(key, at);
    this.remove(at, key);
    this.host.modified(this.index, key);
    return true;
  }

  touched(key: string): void {
    this.host.modified(this.index, key);
  }

  expireAt(key: string): number | undefined {
    const at = this.positions.get(key);
    if (at === undefined) return undefined;
    const expires = this.slotExpires[at];
    return expires === NO_TTL ? undefined : expires;
  }

  setExpireAt(key: string, atMs: number | undefined): void {
    const at = this.positions.get(key);
    if (at === undefined) return;
    if (this.snapshot !== undefined) this.preserve(key, at);
    if (atMs === undefined) {
      if (this.slotExpires[at] === NO_TTL) return;
      this.slotExpires[at] = NO_TTL;
      this.ttlKeys.delete(key);
    } else {
      // 0 means "no TTL" in the slots; a deadline at the epoch is as past as 1.
      this.slotExpires[at] = Math.max(atMs, 1);
      this.ttlKeys.add(key);
    }
    this.host.modified(this.index, key);
  }

  /** Live keys, in slot order (expired ones not yet deleted are skipped). */
  *keys(): IterableIterator<string> {
    const now = this.host.now();
    for (let i = 0; i < this.slotKeys.length; i++) {
      const key = this.slotKeys[i];
      if (key === undefined) continue;
      const expires = this.slotExpires[i];
      if (expires !== NO_TTL && expires <= now && !this.host.loading) continue;
      yield key;
    }
  }

  /** Every key with its value and deadline, for the AOF rewrite; expired keys included, rewrite drops them. */
  *entries(): IterableIterator<[string, StoredValue, number | undefined]> {
    for (let i = 0; i < this.slotKeys.length; i++) {
      const key = this.slotKeys[i];
      if (key === undefined) continue;
      const expires = this.slotExpires[i];
      yield [key, this.slotValues[i] as StoredValue, expires === NO_TTL ? undefined : expires];
    }
  }

  /**
   * Visits slots from `cursor` on, calling `visit` for each live key, until
   * `count` keys were given or ten times as many slots were looked at. Returns
   * the next cursor, 0 at the end.
   */
  scan(cursor: number, count: number, visit: (key: string, value: StoredValue) => void): number {
    const end = this.slotKeys.length;
    const slotBudget = Math.max(count * 10, 100);
    let given = 0;
    let i = cursor;
    for (; i < end && given < count && i - cursor < slotBudget; i++) {
      const key = this.slotKeys[i];
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
    while (this.positions.size > 0) {
      const key = this.randomSlotKey();
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
    if (this.ttlKeys.size === 0) return { checked, expired };
    const now = this.host.now();
    while (checked < samples && this.ttlKeys.size > 0) {
      // An expiry may have emptied and reset the table: take the cursor afresh each time.
      this.ttlCursor ??= this.ttlKeys.values();
      const next = this.ttlCursor.next();
      if (next.done) {
        // Wrapped around: start over on the next step rather than loop within this one.
        this.ttlCursor = undefined;
        break;
      }
      checked++;
      const key = next.value;
      const at = this.positions.get(key);
      if (at === undefined) continue;
      const expires = this.slotExpires[at];
      if (expires !== NO_TTL && expires <= now) {
        this.expireSlot(at, key);
        expired++;
      }
    }
    return { checked, expired };
  }

  /** Starts an AOF rewrite's walk over these contents. */
  beginSnapshot(cursor: SnapshotCursor): void {
    this.snapshot = cursor;
    if (this.positions.size === 0) cursor.done = true;
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
    const end = Math.min(this.slotKeys.length, cursor.nextSlot + slots);
    for (let i = cursor.nextSlot; i < end; i++) {
      const key = this.slotKeys[i];
      if (key === undefined || cursor.written.has(key)) continue;
      const expires = this.slotExpires[i];
      cursor.write(cursor.originDb, key, this.slotValues[i] as StoredValue, expires === NO_TTL ? undefined : expires);
    }
    cursor.nextSlot = end;
    if (end >= this.slotKeys.length) cursor.done = true;
    return cursor.done;
  }

  /** Empties the table (FLUSHDB). */
  clear(): void {
    // Whatever the rewrite had not written is gone, and the FLUSH it logged replays after the snapshot.
    if (this.snapshot !== undefined) this.snapshot.done = true;
    this.positions = new Map();
    this.slotKeys = [];
    this.slotValues = [];
    this.slotExpires = [];
    this.freeSlots = [];
    this.ttlKeys = new Set();
    this.ttlCursor = undefined;
  }

  /** Exchanges contents with another table (SWAPDB): clients keep their table, which now holds the other's keys. */
  swapContents(other: KeyTable): void {
    const fields = ['positions', 'slotKeys', 'slotValues', 'slotExpires', 'freeSlots', 'ttlKeys', 'ttlCursor', 'snapshot'] as const;
    for (const field of fields) {
      const mine = this[field];
      (this as unknown as Record<string, unknown>)[field] = other[field];
      (other as unknown as Record<string, unknown>)[field] = mine;
    }
  }

  private isExpired(expires: number): boolean {
    return !this.host.loading && expires <= this.host.now();
  }

  private insert(key: string, value: StoredValue): void {
    const free = this.freeSlots.pop();
    if (free === undefined) {
      this.positions.set(key, this.slotKeys.length);
      this.slotKeys.push(key);
      this.slotValues.push(value);
      this.slotExpires.push(NO_TTL);
    } else {
      this.positions.set(key, free);
      this.slotKeys[free] = key;
      this.slotValues[free] = value;
      this.slotExpires[free] = NO_TTL;
    }
  }

  private remove(at: number, key: string): void {
    this.positions.delete(key);
    if (this.slotExpires[at] !== NO_TTL) this.ttlKeys.delete(key);
    if (this.positions.size === 0) {
      this.clear();
      return;
    }
    this.slotKeys[at] = undefined;
    this.slotValues[at] = undefined;
    this.slotExpires[at] = NO_TTL;
    this.freeSlots.push(at);
  }

  /** Before a key is read for change, changed or deleted during a rewrite: make sure the rewrite has its old state. */
  private preserve(key: string, at: number | undefined): void {
    const cursor = this.snapshot as SnapshotCursor;
    if (cursor.done || (at !== undefined && at < cursor.nextSlot) || cursor.written.has(key)) return;
    cursor.written.add(key);
    if (at === undefined) return;
    const expires = this.slotExpires[at];
    cursor.write(cursor.originDb, key, this.slotValues[at] as StoredValue, expires === NO_TTL ? undefined : expires);
  }

  private expireSlot(at: number, key: string): void {
    if (this.snapshot !== undefined) this.preserve(key, at);
    this.remove(at, key);
    this.host.expired(this.index, key);
  }

  private randomSlotKey(): string | undefined {
    const slots = this.slotKeys.length;
    // Dense enough for random probes to hit quickly; otherwise walk from a random slot.
    for (let tries = 0; tries < 32; tries++) {
      const key = this.slotKeys[Math.floor(Math.random() * slots)];
      if (key !== undefined) return key;
    }
    const start = Math.floor(Math.random() * slots);
    for (let n = 0; n < slots; n++) {
      const key = this.slotKeys[(start + n) % slots];
      if (key !== undefined) return key;
    }
    return undefined;
  }
}
