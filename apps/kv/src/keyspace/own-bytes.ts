import { Buffer } from 'node:buffer';
import { viewOf } from '@weir/codecs';

// Bound once: through the package's re-export, each call would first run an export getter.
const sliceOf = viewOf;

/** Small values are cut from slabs of this size; larger ones come from Buffer.allocUnsafe. */
const SLAB_BYTES = 8 * 1024;
const SLAB_CUT_MAX = SLAB_BYTES / 4;
let slab = new ArrayBuffer(SLAB_BYTES);
let used = 0;

/**
 * `length` bytes of memory no one else holds, contents unset. Small ones are
 * views cut from a shared slab, as Node's own pool does for allocUnsafe but
 * without its argument checks and alignment, which were a measurable share of
 * a SET or LPUSH. A slab lives while any value cut from it does.
 */
export function freshBytes(length: number): Buffer {
  if (length > SLAB_CUT_MAX) return Buffer.allocUnsafe(length);
  if (used + length > SLAB_BYTES) {
    slab = new ArrayBuffer(SLAB_BYTES);
    used = 0;
  }
  const bytes = sliceOf(slab, used, length);
  used += length;
  return bytes;
}

/**
 * A copy of bytes that may be a slice of a socket read: stored as is, a 6-byte
 * value would keep the whole 64 KiB chunk it came in alive.
 */
export function ownBytes(bytes: Buffer): Buffer {
  // Not Buffer.from(bytes): its checks for every kind of source cost more than the copy.
  const copy = freshBytes(bytes.length);
  copyBytes(bytes, 0, bytes.length, copy, 0);
  return copy;
}

/** Copies `from[start, start + length)` to `to` at `at`; a short copy byte by byte, where a subarray for `set` would cost more. */
export function copyBytes(from: Buffer, start: number, length: number, to: Buffer, at: number): void {
  if (length <= 32) for (let i = 0; i < length; i++) to[at + i] = from[start + i];
  else to.set(start === 0 && length === from.length ? from : from.subarray(start, start + length), at);
}
