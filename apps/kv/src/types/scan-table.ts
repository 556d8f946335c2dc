/**
 * A string-keyed table that the SCAN family can walk without missing anything.
 *
 * Keys live in arrays in insertion order, each with a sequence number given when
 * the key is added and kept until it is deleted (changing a key's value keeps
 * its place). A SCAN cursor is "the next sequence number to visit": a call
 * visits keys in ascending sequence order from the cursor and returns the
 * sequence number after the last key it visited. So a key present for the whole
 * scan has one fixed sequence number that the cursor must pass, and the cursor
 * only passes numbers it has visited: it is returned exactly once. Keys added
 * during a scan get higher numbers and may or may not be seen, as Redis allows.
 *
 * Deleting leaves a hole; the arrays are compacted when holes outnumber keys
 * (amortised O(1)), keeping each key's sequence number, so cursors in flight
 * stay valid: the cursor is found again by binary search over the numbers.
 *
 * The arrays also give O(1) random picks (SPOP, SRANDMEMBER), which a JS Set
 * or Map cannot.
 *
 * Do not add or delete keys while iterating `entries()` or `keys()`.
 */
export class ScanTable<V> {
  private positions = new Map<string, number>();
  private slotKeys: Array<string | undefined> = [];
  private slotValues: Array<V | undefined> = [];
  private slotSeqs: number[] = [];
  private nextSeq = 1;
  private holes = 0;

  get size(): number {
    return this.positions.size;
  }

  has(key: string): boolean {
    return this.positions.has(key);
  }

  get(key: string): V | undefined {
    const at = this.positions.get(key);
    return at === undefined ? undefined : this.slotValues[at];
  }

  /** Sets a key's value; returns true if the key is new. */
  set(key: string, value: V): boolean {
    const at = this.positions.get(key);
    if (at !== undefined) {
      this.slotValues[at] = value;
      return false;
    }
    this.positions.set(key, this.slotKeys.length);
    this.slotKeys.push(key);
    this.slotValues.push(value);
    this.slotSeqs.push(this.nextSeq++);
    return true;
  }

  delete(key: string): boolean {
    const at = this.positions.get(key);
    if (at === undefined) return false;
    this.positions.delete(key);
    this.slotKeys[at] = undefined;
    this.slotValues[at] = undefined;
    this.holes++;
    if (this.positions.size === 0) this.reset();
    else if (this.holes > 16 && this.holes > this.positions.size) this.compact();
    return true;
  }

  *entries(): IterableIterator<[string, V]> {
    const { slotKeys, slotValues } = this;
    for (let i = 0; i < slotKeys.length; i++) {
      const key = slotKeys[i];
      if (key !== undefined) yield [key, slotValues[i] as V];
    }
  }

  keys(): IterableIterator<string> {
    return this.positions.keys();
  }

  /** A key chosen uniformly at random, or undefined when empty. */
  randomKey(random: () => number = Math.random): string | undefined {
    if (this.positions.size === 0) return undefined;
    // Holes are at most half the slots (or 16), so this takes two tries on average.
    for (;;) {
      const key = this.slotKeys[Math.floor(random() * this.slotKeys.length)];
      if (key !== undefined) return key;
    }
  }

  /**
   * Visits up to `count` keys from `cursor` on, in sequence order. Returns the
   * cursor to continue from, 0 when the walk is complete (cursor 0 starts one).
   */
  scan(cursor: number, count: number, visit: (key: string, value: V) => void): number {
    const { slotKeys, slotValues, slotSeqs } = this;
    let i = this.firstAtOrAfter(cursor);
    let visited = 0;
    for (; i < slotKeys.length && visited < count; i++) {
      const key = slotKeys[i];
      if (key === undefined) continue;
      visit(key, slotValues[i] as V);
      visited++;
    }
    while (i < slotKeys.length && slotKeys[i] === undefined) i++;
    return i < slotKeys.length ? slotSeqs[i] : 0;
  }

  /** A compacted copy; sequence numbers restart, as for a new key. */
  protected copyInto(target: ScanTable<V>, copyValue: (value: V) => V): void {
    for (const [key, value] of this.entries()) target.set(key, copyValue(value));
  }

  /** Index of the first slot whose sequence number is >= seq. */
  private firstAtOrAfter(seq: number): number {
    const seqs = this.slotSeqs;
    let low = 0;
    let high = seqs.length;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if (seqs[mid] < seq) low = mid + 1;
      else high = mid;
    }
    return low;
  }

  private compact(): void {
    const keys: string[] = [];
    const values: V[] = [];
    const seqs: number[] = [];
    for (let i = 0; i < this.slotKeys.length; i++) {
      const key = this.slotKeys[i];
      if (key === undefined) continue;
      this.positions.set(key, keys.length);
      keys.push(key);
      values.push(this.slotValues[i] as V);
      seqs.push(this.slotSeqs[i]);
    }
    this.slotKeys = keys;
    this.slotValues = values;
    this.slotSeqs = seqs;
    this.holes = 0;
  }

  private reset(): void {
    // nextSeq keeps counting, so a cursor from before the table emptied cannot
    // land in front of keys added after it.
    this.positions = new Map();
    this.slotKeys = [];
    this.slotValues = [];
    this.slotSeqs = [];
    this.holes = 0;
  }
}

/** Rough bytes per table entry beyond the key's characters: Map entry, three array slots. */
export const SCAN_TABLE_ENTRY_OVERHEAD = 56;
