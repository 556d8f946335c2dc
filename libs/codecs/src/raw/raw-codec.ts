import { Buffer } from 'node:buffer';
import type { Codec, Decoded, Decoder } from '../codec';

/** Stateless, so every connection shares it. */
const passThrough: Decoder<Buffer> = {
  decode(chunk: Buffer): Decoded<Buffer>[] {
    return chunk.length === 0 ? [] : [chunk];
  },
};

/**
 * Bytes as they come: each chunk read is one message, yielded as the very
 * Buffer that was read (an empty chunk yields nothing), and `encode` returns
 * its Buffer untouched.
 *
 * Raw has no framing, so it is the one codec whose messages depend on how the
 * bytes were split into chunks, and `maxFrameBytes` does not apply: a chunk is
 * as large as the transport's read, whatever the limit says.
 */
export function rawCodec(): Codec<Buffer, Buffer> {
  return {
    name: 'raw',
    createDecoder: () => passThrough,
    encode: (bytes: Buffer) => bytes,
  };
}
