import type { StoredValue } from './stored-value';

/** A deadline slot holding this has no TTL (a deadline at the epoch is stored as 1). */
const NO_TTL = 0;

/**
 * Where a table keeps its keys: each key in a slot that never moves while the
 * key lives, so SCAN's cursor can be a slot number. A deleted key's slot goes
 * on a free list and is reused; nothing is ever compacted, so no command pays
 * for a rehash of the whole table.
 *
 * Parallel arrays instead of an object per key: a Map entry plus three array
 * slots is the smallest per-key footprint plain JS offers. This is storage
 * only; what a key's deadline means (expiry, the clock, loading) is KeyTable's.
 */
export class KeySlots {
  private readonly positions = new Map<string, number>();
  private readonly keys: Array<string | undefined> = [];
  private readonly values: Array<StoredValue | undefined> = [];
  private readonly deadlines: number[] = [];
  private readonly freeSlots: number[] = [];
  /** Keys that have a deadline, for the active expiry cycle and INFO's `expires=`. */
  private readonly volatile = new Set<string>();
  private volatileCursor: IterableIterator<string> | undefined;

  /** Keys held. */
  get size(): number {
    return this.positions.size;
  }

  /** Keys that have a deadline. */
  get volatileCount(): number {
    return this.volatile.size;
  }

  /** One past the highest slot in use or freed. */
  get length(): number {
    return this.keys.length;
  }

  slotOf(key: string): number | undefined {
    return this.positions.get(key);
  }

  /** The key in slot `at`; undefined for a free slot (or one past the end). */
  keyAt(at: number): string | undefined {
    return this.keys[at];
  }

  /** The value in an occupied slot. */
  valueAt(at: number): StoredValue {
    return this.values[at] as StoredValue;
  }

  /** The deadline (ms since the epoch) of the key in an occupied slot; undefined for none. */
  deadlineAt(at: number): number | undefined {
    const deadline = this.deadlines[at];
    return deadline === NO_TTL ? undefined : deadline;
  }

  /** Puts a key that is not here in a free slot (or a new one at the end), with no deadline. */
  insert(key: string, value: StoredValue): void {
    const free = this.freeSlots.pop();
    if (free === undefined) {
      this.positions.set(key, this.keys.length);
      this.keys.push(key);
      this.values.push(value);
      this.deadlines.push(NO_TTL);
    } else {
      this.positions.set(key, free);
      this.keys[free] = key;
      this.values[free] = value;
      this.deadlines[free] = NO_TTL;
    }
  }

  replaceValue(at: number, value: StoredValue): void {
    this.values[at] = value;
  }

  /** Sets the deadline of `key` in slot `at`, or clears it (undefined). */
  setDeadline(at: number, key: string, deadline: number | undefined): void {
    if (deadline === undefined) {
      if (this.deadlines[at] === NO_TTL) return;
      this.deadlines[at] = NO_TTL;
      this.volatile.delete(key);
    } else {
      // NO_TTL is 0, so a deadline at the epoch is stored as 1: just as past.
      this.deadlines[at] = Math.max(deadline, 1);
      this.volatile.add(key);
    }
  }

  /** Frees the slot of `key`, at `at`, for reuse. */
  remove(at: number, key: string): void {
    this.positions.delete(key);
    if (this.deadlines[at] !== NO_TTL) this.volatile.delete(key);
    this.keys[at] = undefined;
    this.values[at] = undefined;
    this.deadlines[at] = NO_TTL;
    this.freeSlots.push(at);
  }

  /**
   * The keys with a deadline, round-robin across calls: the next one, or
   * undefined when a round has ended (the call after starts the next round).
   */
  nextVolatile(): string | undefined {
    this.volatileCursor ??= this.volatile.values();
    const next = this.volatileCursor.next();
    if (next.done) {
      this.volatileCursor = undefined;
      return undefined;
    }
    return next.value;
  }

  /** The key of a random occupied slot, or undefined when there is none. */
  randomKey(): string | undefined {
    const slots = this.keys.length;
    // Dense enough for random probes to hit quickly; otherwise walk from a random slot.
    for (let tries = 0; tries < 32; tries++) {
      const key = this.keys[Math.floor(Math.random() * slots)];
      if (key !== undefined) return key;
    }
    const start = Math.floor(Math.random() * slots);
    for (let n = 0; n < slots; n++) {
      const key = this.keys[(start + n) % slots];
      if (key !== undefined) return key;
    }
    return undefined;
  }
}
