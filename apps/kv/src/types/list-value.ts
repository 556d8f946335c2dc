import type { Buffer } from 'node:buffer';
import { viewOf } from '@weir/codecs';
import { copyBytes, freshBytes, ownBytes } from '../keyspace/own-bytes';
import type { TypedValue } from '../keyspace/stored-value';

const MIN_CAPACITY = 8;
const MIN_ARENA_BYTES = 64;
/** Past this an item gets memory of its own: copying it at every grow or compaction would cost more than it saves. */
const IN_ARENA_MAX_BYTES = 4 * 1024;
/** An arena never grows past this; items that do not fit get memory of their own, so a list has no size ceiling. */
const ARENA_MAX_BYTES = 64 * 1024 * 1024;
/** The start recorded for an item kept out of the arena. */
const OUT_OF_LINE = -1;
// Bound once: through the package's re-export, each call would first run an export getter.
const viewAt = viewOf;

/**
 * A Redis list: O(1) push and pop at both ends and O(1) access by index
 * (LINDEX, LSET, LRANGE's start).
 *
 * Small items' bytes are packed into one arena, appended and never written
 * over; a ring of (start, length) pairs, a power of two long, gives their
 * order. When the arena is full, or mostly garbage after pops, the live items
 * are copied into a new arena. No JS object exists per small item: with one
 * Buffer per item, every LPUSHed element was an object that survived V8's
 * young generation and was copied out of it, about a tenth of LPUSH's time.
 * Items over 4 KiB, and any item once the arena is at its 64 MiB ceiling, are
 * kept as Buffers of their own beside the ring.
 *
 * Items handed out are views of the arena, valid for as long as anyone holds
 * them: bytes once written never change (a compaction writes a new arena, and
 * the old one lives while views of it do). Pushed bytes are copied in, so a
 * caller may pass a view of a socket read.
 *
 * Indexes here are 0-based and already in range; Redis's negative indexes are
 * resolved by the commands.
 */
export class ListValue implements TypedValue {
  readonly type = 'list' as const;
  /** start, length of each item, in pairs; the ring's capacity is half its length. */
  private ring: number[];
  private head = 0;
  private length = 0;
  private arena: Buffer;
  /** The arena's ArrayBuffer and where the arena starts in it, kept: reading `.buffer` is a call into V8's runtime. */
  private memory: ArrayBuffer;
  private base: number;
  /** Arena bytes written so far; the rest is free. */
  private used = 0;
  /** Bytes of live items in the arena (its other written bytes are garbage). */
  private liveBytes = 0;
  /** Items kept out of the arena, by ring slot; made when the first one comes. */
  private outOfLine: Array<Buffer | undefined> | undefined;

  constructor() {
    this.ring = newRing(MIN_CAPACITY);
    this.arena = freshBytes(MIN_ARENA_BYTES);
    this.memory = this.arena.buffer as ArrayBuffer;
    this.base = this.arena.byteOffset;
  }

  get size(): number {
    return this.length;
  }

  pushFront(item: Buffer): void {
    const start = this.append(item);
    if (this.length === this.capacity) this.resize(this.capacity * 2);
    this.head = (this.head - 1) & (this.capacity - 1);
    this.place(this.head, start, item);
    this.length++;
  }

  pushBack(item: Buffer): void {
    const start = this.append(item);
    if (this.length === this.capacity) this.resize(this.capacity * 2);
    this.place((this.head + this.length) & (this.capacity - 1), start, item);
    this.length++;
  }

  popFront(): Buffer | undefined {
    if (this.length === 0) return undefined;
    const item = this.take(this.head);
    this.head = (this.head + 1) & (this.capacity - 1);
    this.dropped();
    return item;
  }

  popBack(): Buffer | undefined {
    if (this.length === 0) return undefined;
    const item = this.take((this.head + this.length - 1) & (this.capacity - 1));
    this.dropped();
    return item;
  }

  at(index: number): Buffer {
    return this.viewOfSlot((this.head + index) & (this.capacity - 1));
  }

  setAt(index: number, item: Buffer): void {
    const start = this.append(item);
    const slot = (this.head + index) & (this.capacity - 1);
    this.take(slot);
    this.place(slot, start, item);
  }

  /** Items start..stop, both inclusive and in range. */
  slice(start: number, stop: number): Buffer[] {
    const out = new Array<Buffer>(Math.max(0, stop - start + 1));
    for (let i = start; i <= stop; i++) out[i - start] = this.at(i);
    return out;
  }

  /**
   * Keeps only items start..stop (inclusive); start > stop empties the list.
   * The items dropped are popped, so a capped list (LPUSH then LTRIM 0 999)
   * pays for what it drops, not for a copy of what it keeps.
   */
  trim(start: number, stop: number): void {
    if (start > stop) return this.rebuild([]);
    for (let n = this.length - 1 - stop; n > 0; n--) this.popBack();
    for (let n = start; n > 0; n--) this.popFront();
  }

  /**
   * LREM: removes up to |count| items equal to `item`, from the head when
   * count > 0, from the tail when count < 0, all of them when 0. Returns how many.
   */
  remove(item: Buffer, count: number): number {
    const limit = count === 0 ? Infinity : Math.abs(count);
    const fromTail = count < 0;
    const keep: Buffer[] = [];
    let removed = 0;
    for (let n = 0; n < this.length; n++) {
      const current = this.at(fromTail ? this.length - 1 - n : n);
      if (removed < limit && current.equals(item)) removed++;
      else keep.push(current);
    }
    if (removed > 0) this.rebuild(fromTail ? keep.reverse() : keep);
    return removed;
  }

  /** Inserts before the item at `index` (0..size; size appends). O(n), as LINSERT is in Redis. */
  insertAt(index: number, item: Buffer): void {
    const items = this.slice(0, this.length - 1);
    items.splice(index, 0, item);
    this.rebuild(items);
  }

  /** Index of the first item equal to `item` from the head, or -1. */
  indexOf(item: Buffer): number {
    for (let i = 0; i < this.length; i++) if (this.at(i).equals(item)) return i;
    return -1;
  }

  *[Symbol.iterator](): IterableIterator<Buffer> {
    for (let i = 0; i < this.length; i++) yield this.at(i);
  }

  memoryUsage(): number {
    let bytes = 64 + this.ring.length * 8 + this.arena.length;
    for (const item of this.outOfLine ?? []) if (item !== undefined) bytes += item.length + 16;
    return bytes;
  }

  clone(): ListValue {
    const copy = new ListValue();
    copy.rebuild([...this]);
    return copy;
  }

  private get capacity(): number {
    return this.ring.length >>> 1;
  }

  private viewOfSlot(slot: number): Buffer {
    const start = this.ring[2 * slot];
    if (start === OUT_OF_LINE) return (this.outOfLine as Buffer[])[slot];
    return viewAt(this.memory, this.base + start, this.ring[2 * slot + 1]);
  }

  /** The item in `slot`, which leaves it: its arena bytes become garbage. */
  private take(slot: number): Buffer {
    const start = this.ring[2 * slot];
    if (start === OUT_OF_LINE) {
      const outOfLine = this.outOfLine as Array<Buffer | undefined>;
      const item = outOfLine[slot] as Buffer;
      outOfLine[slot] = undefined;
      return item;
    }
    const length = this.ring[2 * slot + 1];
    this.liveBytes -= length;
    return viewAt(this.memory, this.base + start, length);
  }

  private useArena(arena: Buffer): void {
    this.arena = arena;
    this.memory = arena.buffer as ArrayBuffer;
    this.base = arena.byteOffset;
  }

  /** Records `item`, already appended at `start` (or OUT_OF_LINE), as the item in `slot`. */
  private place(slot: number, start: number, item: Buffer): void {
    this.ring[2 * slot] = start;
    this.ring[2 * slot + 1] = item.length;
    if (start === OUT_OF_LINE) (this.outOfLine ??= new Array<Buffer | undefined>(this.capacity))[slot] = ownBytes(item);
    else this.liveBytes += item.length;
  }

  /**
   * Copies `item` to the end of the arena (growing or compacting it first if
   * needed) and gives its start; or OUT_OF_LINE for an item that is to get
   * memory of its own: a large one, or any once the arena is at its ceiling.
   */
  private append(item: Buffer): number {
    const length = item.length;
    if (length > IN_ARENA_MAX_BYTES) return OUT_OF_LINE;
    if (this.used + length > this.arena.length) {
      // Mostly live: a bigger arena takes the written bytes as they are, in one copy, and every start stays.
      const mostlyLive = 2 * this.liveBytes >= this.used;
      const needed = (mostlyLive ? this.used : this.liveBytes) + length;
      if (needed > ARENA_MAX_BYTES) return OUT_OF_LINE;
      const bytes = Math.min(ARENA_MAX_BYTES, 2 * needed);
      if (mostlyLive) this.grow(bytes);
      else this.compact(bytes);
    }
    const start = this.used;
    copyBytes(item, 0, length, this.arena, start);
    this.used = start + length;
    return start;
  }

  /** After an item left the ring: shrinks the ring, and the arena once it is mostly garbage. */
  private dropped(): void {
    this.length--;
    const capacity = this.capacity;
    if (capacity > MIN_CAPACITY && this.length <= capacity >>> 2) this.resize(capacity >>> 1);
    const arenaBytes = this.arena.length;
    if (arenaBytes > 4 * MIN_ARENA_BYTES && this.liveBytes <= arenaBytes >>> 3) this.compact(2 * this.liveBytes);
  }

  private grow(bytes: number): void {
    const arena = freshBytes(bytes);
    arena.set(this.arena.subarray(0, this.used));
    this.useArena(arena);
  }

  /** Copies the live items in the arena, in order, into a new arena of at least `bytes`. */
  private compact(bytes: number): void {
    const old = this.arena;
    const arena = freshBytes(Math.max(MIN_ARENA_BYTES, bytes));
    const ring = this.ring;
    const mask = this.capacity - 1;
    let used = 0;
    for (let i = 0; i < this.length; i++) {
      const slot = (this.head + i) & mask;
      const start = ring[2 * slot];
      if (start === OUT_OF_LINE) continue;
      const length = ring[2 * slot + 1];
      copyBytes(old, start, length, arena, used);
      ring[2 * slot] = used;
      used += length;
    }
    this.useArena(arena);
    this.used = used;
  }

  private resize(capacity: number): void {
    const ring = newRing(capacity);
    const outOfLine = this.outOfLine && new Array<Buffer | undefined>(capacity);
    const mask = this.capacity - 1;
    for (let i = 0; i < this.length; i++) {
      const slot = (this.head + i) & mask;
      ring[2 * i] = this.ring[2 * slot];
      ring[2 * i + 1] = this.ring[2 * slot + 1];
      if (outOfLine) outOfLine[i] = (this.outOfLine as Array<Buffer | undefined>)[slot];
    }
    this.ring = ring;
    this.outOfLine = outOfLine;
    this.head = 0;
  }

  /** Makes the list exactly `items`, in a fresh arena (the items may be views of the old one). */
  private rebuild(items: Buffer[]): void {
    let bytes = 0;
    for (const item of items) if (item.length <= IN_ARENA_MAX_BYTES) bytes += item.length;
    this.ring = newRing(capacityFor(items.length));
    this.outOfLine = undefined;
    this.useArena(freshBytes(Math.min(ARENA_MAX_BYTES, Math.max(MIN_ARENA_BYTES, bytes))));
    this.head = 0;
    this.length = 0;
    this.used = 0;
    this.liveBytes = 0;
    for (const item of items) this.pushBack(item);
  }
}

function capacityFor(length: number): number {
  let capacity = MIN_CAPACITY;
  while (capacity < length) capacity *= 2;
  return capacity;
}

/** Pairs of numbers for `capacity` items, filled so the array holds small integers from the start. */
function newRing(capacity: number): number[] {
  return new Array<number>(2 * capacity).fill(0);
}
