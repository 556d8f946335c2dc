import { Buffer } from 'node:buffer';
import fc from 'fast-check';

/** Cuts `bytes` at the given offsets (any order, repeats give empty chunks); each chunk is a fresh copy. */
export function cutAt(bytes: Uint8Array, offsets: readonly number[]): Buffer[] {
  const cuts = [...offsets].sort((a, b) => a - b);
  const chunks: Buffer[] = [];
  let from = 0;
  for (const cut of [...cuts, bytes.length]) {
    const to = Math.min(Math.max(cut, from), bytes.length);
    // Copies, like separate socket reads, so a decoder cannot lean on chunks sharing memory.
    chunks.push(Buffer.from(bytes.subarray(from, to)));
    from = to;
  }
  return chunks;
}

/** `bytes` as one-byte chunks: the split that leaves a decoder the least to work with. */
export function byteByByte(bytes: Uint8Array): Buffer[] {
  return Array.from(bytes, (byte) => Buffer.of(byte));
}

/**
 * Any split of `bytes` into chunks, in order, whose concatenation is `bytes`.
 * Chunks may be empty; byte-by-byte splitting is tried often.
 */
export function chunksOf(bytes: Uint8Array): fc.Arbitrary<Buffer[]> {
  return fc.oneof(
    { weight: 4, arbitrary: fc.array(fc.nat({ max: bytes.length }), { maxLength: bytes.length + 1 }).map((cuts) => cutAt(bytes, cuts)) },
    { weight: 1, arbitrary: fc.constant(bytes).map(byteByByte) },
  );
}

/** Inputs drawn from `bytes`, each split into chunks by `chunksOf`. */
export function chunked(bytes: fc.Arbitrary<Uint8Array>): fc.Arbitrary<Buffer[]> {
  return bytes.chain((whole) => chunksOf(whole));
}
