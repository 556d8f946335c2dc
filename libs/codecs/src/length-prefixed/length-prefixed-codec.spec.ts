import fc from 'fast-check';
import { ProtocolError } from '../protocol-error';
import { assertSplitInvariant, byteByByte, chunked, chunksOf, decodeChunks, encodeAll } from '../testing-support';
import { lengthPrefixedCodec } from './length-prefixed-codec';

function header(length: number): Buffer {
  const bytes = Buffer.alloc(4);
  bytes.writeUInt32BE(length);
  return bytes;
}

function frame(payload: string): Buffer {
  return Buffer.concat([header(Buffer.byteLength(payload)), Buffer.from(payload)]);
}

describe('lengthPrefixedCodec', () => {
  describe('decoding', () => {
    it('yields each payload, holding a partial frame until it completes', () => {
      const decoder = lengthPrefixedCodec().createDecoder();
      const bytes = Buffer.concat([frame('hello'), frame('world')]);
      expect(decoder.decode(bytes.subarray(0, 12)).map(String)).toEqual(['hello']);
      expect(decoder.decode(bytes.subarray(12, 14))).toEqual([]);
      expect(decoder.decode(bytes.subarray(14)).map(String)).toEqual(['world']);
    });

    it('reads a header split across chunks', () => {
      expect(decodeChunks(lengthPrefixedCodec().createDecoder(), byteByByte(frame('abc'))).items.map(String)).toEqual(['abc']);
    });

    it('yields zero-length frames, even one that ends a chunk', () => {
      const decoder = lengthPrefixedCodec().createDecoder();
      expect(decoder.decode(Buffer.concat([header(0), frame('x'), header(0)])).map(String)).toEqual(['', 'x', '']);
    });

    it('yields a view of the chunk, not a copy, when the payload sits inside it', () => {
      const chunk = Buffer.concat([frame('ab'), frame('cd')]);
      const [first, second] = lengthPrefixedCodec().createDecoder().decode(chunk) as Buffer[];
      expect(first.buffer).toBe(chunk.buffer);
      expect(second.byteOffset).toBe(chunk.byteOffset + 10);
      chunk[4] = 0x7a;
      expect(first.toString()).toBe('zb');
    });

    it('joins a payload trickled one byte per chunk', () => {
      const payload = 'p'.repeat(1000);
      expect(decodeChunks(lengthPrefixedCodec().createDecoder(), byteByByte(frame(payload))).items.map(String)).toEqual([payload]);
    });
  });

  describe('encoding', () => {
    it('writes the big-endian length, then the payload, in one Buffer', () => {
      expect(lengthPrefixedCodec().encode(Buffer.from('hi'))).toEqual(Buffer.of(0, 0, 0, 2, 0x68, 0x69));
      expect(lengthPrefixedCodec().encode(Buffer.alloc(0))).toEqual(Buffer.of(0, 0, 0, 0));
    });
  });

  describe('limits', () => {
    it('accepts a frame at the limit and fails on the header of one past it, before its payload', () => {
      const decoder = lengthPrefixedCodec({ maxFrameBytes: 3 }).createDecoder();
      expect(decoder.decode(frame('abc')).map(String)).toEqual(['abc']);
      expect(decoder.decode(header(4).subarray(0, 3))).toEqual([]);
      expect(() => decoder.decode(header(4).subarray(3))).toThrow(
        expect.objectContaining({ code: 'FRAME_TOO_LONG', fatal: true, message: expect.stringContaining('limit of 3 bytes') }),
      );
    });

    it('defaults to 16 MiB', () => {
      const decoder = lengthPrefixedCodec().createDecoder();
      expect(decoder.decode(header(16 * 1024 * 1024))).toEqual([]);
      expect(() => lengthPrefixedCodec().createDecoder().decode(header(16 * 1024 * 1024 + 1))).toThrow(ProtocolError);
    });

    it('fails on the largest length a header can state', () => {
      expect(() => lengthPrefixedCodec().createDecoder().decode(header(0xffffffff))).toThrow(/4294967295 bytes/);
    });

    it('takes maxFrameBytes from createDecoder over the codec option', () => {
      expect(() => lengthPrefixedCodec({ maxFrameBytes: 100 }).createDecoder({ maxFrameBytes: 1 }).decode(header(2))).toThrow(ProtocolError);
      expect(lengthPrefixedCodec({ maxFrameBytes: 1 }).createDecoder({ maxFrameBytes: 100 }).decode(frame('ab'))).toHaveLength(1);
    });

    it('stays failed after a fatal error', () => {
      const decoder = lengthPrefixedCodec({ maxFrameBytes: 0 }).createDecoder();
      expect(() => decoder.decode(header(1))).toThrow(ProtocolError);
      expect(() => decoder.decode(header(0))).toThrow(ProtocolError);
    });

    it('refuses a limit that is not a non-negative integer', () => {
      expect(() => lengthPrefixedCodec({ maxFrameBytes: 1.5 })).toThrow(RangeError);
    });
  });

  describe('properties', () => {
    // Small big-endian lengths are what make random bytes frame-like.
    const frameishBytes = fc.oneof(
      fc.uint8Array({ maxLength: 64 }),
      fc.array(fc.constantFrom(0, 0, 0, 1, 2, 3, 0x61), { maxLength: 64 }).map((b) => Uint8Array.from(b)),
    );
    const limit = fc.oneof(fc.integer({ min: 0, max: 3 }), fc.constant(16 * 1024 * 1024));

    it('any split decodes like the whole input, and only ProtocolErrors are thrown', () => {
      fc.assert(
        fc.property(chunked(frameishBytes), limit, (chunks, maxFrameBytes) => {
          assertSplitInvariant(() => lengthPrefixedCodec().createDecoder({ maxFrameBytes }), chunks);
        }),
        { numRuns: 300 },
      );
    });

    it('encoded payloads decode to themselves under any split', () => {
      const codec = lengthPrefixedCodec();
      const payloads = fc.array(fc.uint8Array({ maxLength: 40 }).map((b) => Buffer.from(b)), { maxLength: 10 });
      fc.assert(
        fc.property(
          payloads.chain((sent) => fc.tuple(fc.constant(sent), chunksOf(encodeAll(codec, sent)))),
          ([sent, chunks]) => {
            expect(decodeChunks(codec.createDecoder(), chunks)).toEqual({ items: sent });
          },
        ),
      );
    });
  });
});
