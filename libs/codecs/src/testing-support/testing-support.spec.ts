import fc from 'fast-check';
import type { Codec, Decoder } from '../codec';
import { ProtocolError } from '../protocol-error';
import { assertSplitInvariant, byteByByte, chunksOf, comparable, cutAt, decodeChunks, encodeAll } from './index';

/** Yields each chunk's length: a decoder that, wrongly, depends on the split. */
const chunkLengths: Decoder<number> = { decode: (chunk) => [chunk.length] };

function throwing(error: Error): Decoder<number> {
  let calls = 0;
  return {
    decode: () => {
      calls += 1;
      if (calls === 2) throw error;
      return [calls];
    },
  };
}

describe('chunks', () => {
  it('cutAt keeps every byte in order, sorting offsets and copying each chunk', () => {
    const bytes = Buffer.from('abcdef');
    const chunks = cutAt(bytes, [4, 1, 1]);
    expect(chunks.map(String)).toEqual(['a', '', 'bcd', 'ef']);
    chunks[0][0] = 0x7a;
    expect(bytes.toString()).toBe('abcdef');
  });

  it('byteByByte gives one chunk per byte', () => {
    expect(byteByByte(Buffer.from('xyz')).map(String)).toEqual(['x', 'y', 'z']);
  });

  it('chunksOf always joins back to the input', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ maxLength: 40 }).chain((bytes) => fc.tuple(fc.constant(bytes), chunksOf(bytes))),
        ([bytes, chunks]) => {
          expect(Buffer.concat(chunks)).toEqual(Buffer.from(bytes));
        },
      ),
    );
  });
});

describe('decodeChunks', () => {
  it('collects items and stops at the first fatal ProtocolError', () => {
    const fatal = new ProtocolError('too long', 'FRAME_TOO_LONG');
    const run = decodeChunks(throwing(fatal), [Buffer.of(1), Buffer.of(2), Buffer.of(3)]);
    expect(run).toEqual({ items: [1], fatal });
    expect(comparable(run)).toEqual({ items: [1], fatal: 'FRAME_TOO_LONG' });
  });

  it('rethrows anything that is not a fatal ProtocolError', () => {
    expect(() => decodeChunks(throwing(new TypeError('bug')), [Buffer.of(1), Buffer.of(2)])).toThrow(TypeError);
    const nonFatal = new ProtocolError('bad', 'INVALID_JSON', false);
    expect(() => decodeChunks(throwing(nonFatal), [Buffer.of(1), Buffer.of(2)])).toThrow(/non-fatal/);
  });

  it('takes a fatal ProtocolError returned as the last item, keeping the items before it', () => {
    const fatal = new ProtocolError('x', 'FRAME_TOO_LONG');
    const decoder: Decoder<string> = { decode: () => ['a', fatal] };
    expect(decodeChunks(decoder, [Buffer.of(0), Buffer.of(1)])).toEqual({ items: ['a'], fatal });
  });

  it('refuses a fatal ProtocolError returned ahead of other items', () => {
    const decoder: Decoder<string> = { decode: () => [new ProtocolError('x', 'FRAME_TOO_LONG'), 'a'] };
    expect(() => decodeChunks(decoder, [Buffer.of(0)])).toThrow(/before other items/);
  });

  it('comparable reduces returned errors to code and fatality', () => {
    const decoder: Decoder<string> = { decode: () => ['a', new ProtocolError('x', 'INVALID_JSON', false)] };
    expect(comparable(decodeChunks(decoder, [Buffer.of(0)]))).toEqual({
      items: ['a', { protocolError: 'INVALID_JSON', fatal: false }],
    });
  });
});

describe('assertSplitInvariant', () => {
  it('passes a decoder whose items do not depend on the split', () => {
    const bytesSeen = (): Decoder<number> => ({ decode: (chunk) => Array.from(chunk) });
    expect(() => assertSplitInvariant(bytesSeen, [Buffer.of(1, 2), Buffer.of(3)])).not.toThrow();
  });

  it('catches a decoder whose items depend on the split', () => {
    expect(() => assertSplitInvariant(() => chunkLengths, [Buffer.of(1, 2), Buffer.of(3)])).toThrow();
  });

  // Yields each byte; 0xff is fatal. Items before it in the same chunk are lost with the throw.
  const fatalAtFf = (): Decoder<number> => ({
    decode: (chunk) => {
      if (chunk.includes(0xff)) throw new ProtocolError('ff', 'BAD_BYTE');
      return Array.from(chunk);
    },
  });

  it('accepts fewer items before a fatal error when the error came in a bigger chunk', () => {
    expect(() => assertSplitInvariant(fatalAtFf, [Buffer.of(1), Buffer.of(2, 0xff)])).not.toThrow();
  });

  it('catches a fatal error that only some splits raise', () => {
    const fatalOnBigChunks = (): Decoder<number> => ({
      decode: (chunk) => {
        if (chunk.length > 2) throw new ProtocolError('big', 'FRAME_TOO_LONG');
        return [];
      },
    });
    expect(() => assertSplitInvariant(fatalOnBigChunks, [Buffer.of(1, 2), Buffer.of(3)])).toThrow(/fatal/);
  });
});

describe('encodeAll', () => {
  it('joins encoded messages, writing strings as UTF-8', () => {
    const codec: Codec<string, string> = { name: 't', createDecoder: () => ({ decode: () => [] }), encode: (s) => `${s};` };
    expect(encodeAll(codec, ['€', 'a']).toString('hex')).toBe('e282ac3b613b');
  });
});
