import { Buffer } from 'node:buffer';
import type { TypedValue } from '../keyspace/stored-value';

const MIN_CAPACITY = 8;

/**
 * A Redis list: a ring buffer of Buffers with O(1) push and pop at both ends
 * and O(1) access by index (LINDEX, LSET, LRANGE's start). The capacity is a
 * power of two, doubled when full and halved when three quarters empty, so a
 * queue that grows and drains does not keep its peak memory.
 *
 * Indexes here are 0-based and already in range; Redis's negative indexes are
 * resolved by the commands.
 */
export class ListValue implements TypedValue {
  readonly type = 'list' as const;
  private items: Array<Buffer | undefined>;
  private head = 0;
  private length = 0;

  constructor(capacity = MIN_CAPACITY) {
    this.items = new Array<Buffer | undefined>(capacityFor(capacity));
  }

  get size(): number {
    return this.length;
  }

  pushFront(item: Buffer): void {
    if (this.length === this.items.length) this.resize(this.items.length * 2);
    this.head = (this.head - 1) & (this.items.length - 1);
    this.items[this.head] = item;
    this.length++;
  }

  pushBack(item: Buffer): void {
    if (this.length === this.items.length) this.resize(this.items.length * 2);
    this.items[(this.head + this.length) & (this.items.length - 1)] = item;
    this.length++;
  }

  popFront(): Buffer | undefined {
    if (this.length === 0) return undefined;
    const item = this.items[this.head];
    this.items[this.head] = undefined;
    this.head = (this.head + 1) & (this.items.length - 1);
    this.length--;
    this.maybeShrink();
    return item;
  }

  popBack(): Buffer | undefined {
    if (this.length === 0) return undefined;
    const at = (this.head + this.length - 1) & (this.items.length - 1);
    const item = this.items[at];
    this.items[at] = undefined;
    this.length--;
    this.maybeShrink();
    return item;
  }

  at(index: number): Buffer {
    return this.items[(this.head + index) & (this.items.length - 1)] as Buffer;
  }

  setAt(index: number, item: Buffer): void {
    this.items[(this.head + index) & (this.items.length - 1)] = item;
  }

  /** Items start..stop, both inclusive and in range. */
  slice(start: number, stop: number): Buffer[] {
    const out = new Array<Buffer>(Math.max(0, stop - start + 1));
    for (let i = start; i <= stop; i++) out[i - start] = this.at(i);
    return out;
  }

  /** Keeps only items start..stop (inclusive); start > stop empties the list. */
  trim(start: number, stop: number): void {
    this.rebuild(start > stop ? [] : this.slice(start, stop));
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
    let bytes = 64 + this.items.length * 8;
    for (const item of this) bytes += item.length + 16;
    return bytes;
  }

  clone(): ListValue {
    const copy = new ListValue(this.length);
    for (const item of this) copy.pushBack(Buffer.from(item));
    return copy;
  }

  private rebuild(items: Buffer[]): void {
    const capacity = capacityFor(items.length);
    this.items = new Array<Buffer | undefined>(capacity);
    for (let i = 0; i < items.length; i++) this.items[i] = items[i];
    this.head = 0;
    this.length = items.length;
  }

  private maybeShrink(): void {
    const capacity = this.items.length;
    if (capacity > MIN_CAPACITY && this.length <= capacity >>> 2) this.resize(capacity >>> 1);
  }

  private resize(capacity: number): void {
    const items = new Array<Buffer | undefined>(capacity);
    for (let i = 0; i < this.length; i++) items[i] = this.at(i);
    this.items = items;
    this.head = 0;
  }
}

function capacityFor(length: number): number {
  let capacity = MIN_CAPACITY;
  while (capacity < length) capacity *= 2;
  return capacity;
}
