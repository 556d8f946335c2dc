/**
 * A copy of bytes that may be a slice of a socket read: stored as is, a 6-byte
 * value would keep the whole 64 KiB chunk it came in alive. Small copies come
 * from Node's shared pool, so this costs no allocation of its own.
 */
export function ownBytes(bytes: Buffer): Buffer {
  return Buffer.from(bytes);
}
