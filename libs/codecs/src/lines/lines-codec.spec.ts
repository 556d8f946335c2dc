import fc from 'fast-check';
import { ProtocolError } from '../protocol-error';
import { assertSplitInvariant, byteByByte, chunked, chunksOf, decodeChunks, encodeAll } from '../testing-support';
import { DEFAULT_MAX_LINE_BYTES, linesCodec, type LinesCodecOptions } from './lines-codec';

function decodeAll(chunks: (string | Buffer)[], options?: LinesCodecOptions, maxFrameBytes?: number) {
  const decoder = linesCodec(options).createDecoder({ maxFrameBytes });
  return chunks.flatMap((chunk) => decoder.decode(Buffer.from(chunk)));
}

function tooLong(act: () => unknown): ProtocolError {
  try {
    act();
  } catch (error) {
    if (error instanceof ProtocolError) return error;
    throw error;
  }
  throw new Error('expected a ProtocolError');
}

describe('linesCodec', () => {
  describe('decoding', () => {
    it('yields each LF-terminated line and holds the unterminated rest', () => {
      const decoder = linesCodec().createDecoder();
      expect(decoder.decode(Buffer.from('one\ntwo\nthr'))).toEqual(['one', 'two']);
      expect(decoder.decode(Buffer.from('ee'))).toEqual([]);
      expect(decoder.decode(Buffer.from('\n'))).toEqual(['three']);
    });

    it('yields empty lines and nothing for empty chunks', () => {
      expect(decodeAll(['\n\na\n', '', '\n'])).toEqual(['', '', 'a', '']);
    });

    it('joins a line spread over many chunks', () => {
      expect(decodeAll(['ab', 'cd', 'ef', 'g\nh', '\n'])).toEqual(['abcdefg', 'h']);
    });

    it('joins a line trickled one byte per chunk, past the point where pieces are merged', () => {
      const line = 'x'.repeat(500) + 'y'.repeat(500);
      expect(decodeAll(byteByByte(Buffer.from(`${line}\nz\n`)))).toEqual([line, 'z']);
    });
  });

  describe('carriage returns', () => {
    it('accepts CRLF and LF alike by default', () => {
      expect(decodeAll(['a\r\nb\nc\r\n'])).toEqual(['a', 'b', 'c']);
    });

    it('strips a CR that arrived in the chunk before its LF', () => {
      expect(decodeAll(['abc\r', '\nd\r', '\r', '\n'])).toEqual(['abc', 'd\r']);
    });

    it('strips only the one CR right before the LF', () => {
      expect(decodeAll(['a\r\r\n\rb\n'])).toEqual(['a\r', '\rb']);
    });

    it('keeps the CR when stripCarriageReturn is false', () => {
      expect(decodeAll(['a\r\nb\n'], { stripCarriageReturn: false })).toEqual(['a\r', 'b']);
    });

    it("ends lines only at CRLF with delimiter '\\r\\n', keeping bare LFs", () => {
      expect(decodeAll(['a\nb\r\nc\r', '\n\n\r\n'], { delimiter: '\r\n' })).toEqual(['a\nb', 'c', '\n']);
    });
  });

  describe('character encoding', () => {
    it('keeps a multi-byte UTF-8 character that is split across chunks', () => {
      const bytes = Buffer.from('€uro 😀\n');
      expect(decodeAll([bytes.subarray(0, 1), bytes.subarray(1, 7), bytes.subarray(7)])).toEqual(['€uro 😀']);
      expect(decodeAll(byteByByte(bytes))).toEqual(['€uro 😀']);
    });

    it('decodes and encodes with another encoding', () => {
      const codec = linesCodec({ encoding: 'latin1' });
      expect(codec.createDecoder().decode(Buffer.of(0xe9, 0x0a))).toEqual(['é']);
      expect(codec.encode('é')).toEqual(Buffer.of(0xe9, 0x0a));
    });

    it('refuses UTF-16, whose characters can contain the LF byte, and byte-to-text encodings', () => {
      expect(() => linesCodec({ encoding: 'utf16le' })).toThrow(RangeError);
      expect(() => linesCodec({ encoding: 'hex' })).toThrow(RangeError);
      expect(() => linesCodec({ encoding: 'ascii' })).not.toThrow();
    });

    it('replaces invalid UTF-8 the same whether lines are decoded together or one by one', () => {
      // 0xe2 0x82 starts a three-byte character that the LF cuts short.
      const bytes = Buffer.from([0x61, 0xe2, 0x82, 0x0a, 0xff, 0x0a, 0x62, 0x0a]);
      const expected = ['a\ufffd', '\ufffd', 'b'];
      expect(decodeAll([bytes])).toEqual(expected);
      expect(decodeAll(byteByByte(bytes))).toEqual(expected);
    });
  });

  describe('encoding', () => {
    it('appends LF by default and CRLF when asked', () => {
      expect(linesCodec().encode('hi')).toBe('hi\n');
      expect(linesCodec({ delimiter: '\r\n' }).encode('hi')).toBe('hi\r\n');
    });
  });

  describe('limits', () => {
    it('defaults to 64 KiB', () => {
      const atLimit = 'a'.repeat(DEFAULT_MAX_LINE_BYTES);
      expect(DEFAULT_MAX_LINE_BYTES).toBe(65536);
      expect(decodeAll([`${atLimit}\n`])).toEqual([atLimit]);
      expect(() => decodeAll([`${atLimit}a\n`])).toThrow(ProtocolError);
    });

    it('counts bytes, not characters', () => {
      expect(decodeAll(['€€\n'], { maxLineBytes: 6 })).toEqual(['€€']);
      expect(() => decodeAll(['€€\n'], { maxLineBytes: 5 })).toThrow(/limit of 5 bytes/);
    });

    it('fails as soon as the held bytes pass the limit, before any LF arrives', () => {
      const decoder = linesCodec({ maxLineBytes: 4 }).createDecoder();
      expect(decoder.decode(Buffer.from('ok\nabcd'))).toEqual(['ok']);
      const error = tooLong(() => decoder.decode(Buffer.from('e')));
      expect(error).toMatchObject({ code: 'FRAME_TOO_LONG', fatal: true });
      expect(error.message).toContain('4 bytes');
    });

    it('fails on a complete over-long line inside one chunk', () => {
      expect(() => decodeAll(['abcde\nok\n'], { maxLineBytes: 4 })).toThrow(
        expect.objectContaining({ code: 'FRAME_TOO_LONG' }),
      );
    });

    it('gives the lines ahead of an over-long one in the same chunk, then the error', () => {
      const decoder = linesCodec({ maxLineBytes: 4 }).createDecoder();
      const items = decoder.decode(Buffer.from('ok\nfine\nabcde\nlost\n'));
      expect(items.slice(0, 2)).toEqual(['ok', 'fine']);
      expect(items[2]).toMatchObject({ code: 'FRAME_TOO_LONG', fatal: true });
      expect(items).toHaveLength(3);
      expect(() => decoder.decode(Buffer.from('more\n'))).toThrow(ProtocolError);
    });

    it('does not count a CR that may begin the delimiter', () => {
      const decoder = linesCodec({ maxLineBytes: 3 }).createDecoder();
      expect(decoder.decode(Buffer.from('abc\r'))).toEqual([]);
      expect(decoder.decode(Buffer.from('\n'))).toEqual(['abc']);
      expect(() => decodeAll(['abc\r', 'x'], { maxLineBytes: 3 })).toThrow(ProtocolError);
      expect(() => decodeAll(['abc\r'], { maxLineBytes: 3, stripCarriageReturn: false })).toThrow(ProtocolError);
    });

    it('takes maxFrameBytes from createDecoder over maxLineBytes', () => {
      expect(() => decodeAll(['abc'], { maxLineBytes: 10 }, 2)).toThrow(/limit of 2 bytes/);
      expect(decodeAll(['abcdefgh\n'], { maxLineBytes: 2 }, 10)).toEqual(['abcdefgh']);
    });

    it('stays failed after a fatal error', () => {
      const decoder = linesCodec({ maxLineBytes: 1 }).createDecoder();
      const first = tooLong(() => decoder.decode(Buffer.from('abc')));
      expect(tooLong(() => decoder.decode(Buffer.from('\n')))).toBe(first);
    });

    it('refuses limits that are not non-negative integers', () => {
      expect(() => linesCodec({ maxLineBytes: -1 })).toThrow(RangeError);
      expect(() => linesCodec().createDecoder({ maxFrameBytes: Number.NaN })).toThrow(RangeError);
    });
  });

  describe('properties', () => {
    const variants: [string, LinesCodecOptions][] = [
      ['LF, stripping CR', {}],
      ['LF, keeping CR', { stripCarriageReturn: false }],
      ['CRLF', { delimiter: '\r\n' }],
    ];
    // Bytes rich in what matters to lines: LF, CR, and pieces of multi-byte characters.
    const lineishBytes = fc.oneof(
      fc.uint8Array({ maxLength: 64 }),
      fc.array(fc.constantFrom(0x0a, 0x0d, 0x0d, 0x0a, 0x61, 0xe2, 0x82, 0xac), { maxLength: 64 }).map((b) => Uint8Array.from(b)),
    );
    // Small limits make over-long lines common; larger ones let whole inputs pass.
    const limit = fc.oneof(fc.integer({ min: 0, max: 4 }), fc.integer({ min: 5, max: 70 }));

    it.each(variants)('%s: any split decodes like the whole input, and only ProtocolErrors are thrown', (_, options) => {
      fc.assert(
        fc.property(chunked(lineishBytes), limit, (chunks, maxFrameBytes) => {
          assertSplitInvariant(() => linesCodec(options).createDecoder({ maxFrameBytes }), chunks);
        }),
        { numRuns: 300 },
      );
    });

    it.each(variants)('%s: encoded lines decode to themselves under any split', (_, options) => {
      const codec = linesCodec(options);
      // Lines as the codec can carry them: no delimiter inside, no CR at the end where one would be stripped.
      const carriable = (line: string): string => {
        if (options.delimiter === '\r\n') return line.replace(/\r+\n/g, '\n');
        const body = line.replaceAll('\n', '');
        return options.stripCarriageReturn === false ? body : body.replace(/\r+$/, '');
      };
      const unit = fc.oneof(fc.constantFrom('\r', '\n', 'a', 'é', '€', '😀'), fc.string({ unit: 'binary', maxLength: 1 }));
      const lines = fc.array(fc.string({ unit, maxLength: 20 }).map(carriable), { maxLength: 10 });
      fc.assert(
        fc.property(
          lines.chain((sent) => fc.tuple(fc.constant(sent), chunksOf(encodeAll(codec, sent)))),
          ([sent, chunks]) => {
            expect(decodeChunks(codec.createDecoder(), chunks)).toEqual({ items: sent });
          },
        ),
      );
    });
  });
});
