import { Buffer } from 'node:buffer';
/**
 * A copy of bytes that may be a slice of a socket read: stored as is, a 6-byte
 * value would keep the whole 64 KiB chunk it came in alive. Small copies come
 * from Node's shared pool, so this costs no allocation of its own.
 */
export function ownBytes(bytes: Buffer): Buffer {
  // Not Buffer.from(bytes): its checks for every kind of source cost more than the copy.
  const copy = Buffer.allocUnsafe(bytes.length);
  copy.set(bytes);
  return copy;
}
