import fc from 'fast-check';
import { isProtocolError, ProtocolError } from '../protocol-error';
import { assertSplitInvariant, byteByByte, chunked, chunksOf, decodeChunks, encodeAll } from '../testing-support';
import { jsonLinesCodec } from './json-lines-codec';

function decodeAll(text: string, maxFrameBytes?: number) {
  return jsonLinesCodec().createDecoder({ maxFrameBytes }).decode(Buffer.from(text));
}

/** JSON has no -0: it is written as 0. */
function withoutNegativeZero(value: unknown): unknown {
  if (Object.is(value, -0)) return 0;
  if (Array.isArray(value)) return value.map(withoutNegativeZero);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, withoutNegativeZero(inner)]));
  }
  return value;
}

describe('jsonLinesCodec', () => {
  describe('decoding', () => {
    it('yields one value per line, accepting CRLF', () => {
      expect(decodeAll('{"type":"ping"}\r\n[1,2]\n"s"\nnull\n')).toEqual([{ type: 'ping' }, [1, 2], 's', null]);
    });

    it('skips blank lines', () => {
      expect(decodeAll('\n  \n\t\r\n1\n\n')).toEqual([1]);
    });

    it('yields a non-fatal INVALID_JSON in place of a bad line and goes on', () => {
      const decoder = jsonLinesCodec().createDecoder();
      const items = decoder.decode(Buffer.from('1\n{oops\n2\n'));
      expect(items).toHaveLength(3);
      expect(items[0]).toBe(1);
      expect(items[1]).toBeInstanceOf(ProtocolError);
      expect(items[1]).toMatchObject({ code: 'INVALID_JSON', fatal: false });
      expect(items[2]).toBe(2);
      expect(decoder.decode(Buffer.from('{"after":true}\n'))).toEqual([{ after: true }]);
    });

    it('keeps a value whose line is split mid-character', () => {
      const values = decodeChunks(jsonLinesCodec().createDecoder(), byteByByte(Buffer.from('{"k":"€😀"}\n'))).items;
      expect(values).toEqual([{ k: '€😀' }]);
    });
  });

  describe('encoding', () => {
    it('writes compact JSON and an LF', () => {
      expect(jsonLinesCodec().encode({ a: [1, 'x\ny'] })).toBe('{"a":[1,"x\\ny"]}\n');
    });

    it('refuses values JSON cannot hold', () => {
      expect(() => jsonLinesCodec().encode(undefined)).toThrow(TypeError);
      expect(() => jsonLinesCodec().encode(() => 1)).toThrow(TypeError);
    });
  });

  describe('limits', () => {
    it('fails fatally on an over-long line before its LF arrives', () => {
      const decoder = jsonLinesCodec({ maxLineBytes: 8 }).createDecoder();
      expect(decoder.decode(Buffer.from('[1]\n"abcde'))).toEqual([[1]]);
      expect(() => decoder.decode(Buffer.from('fgh'))).toThrow(
        expect.objectContaining({ code: 'FRAME_TOO_LONG', fatal: true, message: expect.stringContaining('8 bytes') }),
      );
    });

    it('takes maxFrameBytes from createDecoder over maxLineBytes', () => {
      expect(() => decodeAll('12345\n', 4)).toThrow(ProtocolError);
      expect(jsonLinesCodec({ maxLineBytes: 2 }).createDecoder({ maxFrameBytes: 5 }).decode(Buffer.from('12345\n'))).toEqual([12345]);
    });
  });

  describe('properties', () => {
    const jsonishBytes = fc.oneof(
      fc.uint8Array({ maxLength: 64 }),
      fc
        .array(fc.constantFrom('\n', '\r\n', ' ', '1', '"a"', '{', '}', '[', ']', ',', ':', '"€"', 'null'), { maxLength: 24 })
        .map((parts) => Buffer.from(parts.join(''))),
    );
    const limit = fc.oneof(fc.integer({ min: 0, max: 6 }), fc.constant(64 * 1024));

    it('any split decodes like the whole input, and only ProtocolErrors are thrown', () => {
      fc.assert(
        fc.property(chunked(jsonishBytes), limit, (chunks, maxFrameBytes) => {
          assertSplitInvariant(() => jsonLinesCodec().createDecoder({ maxFrameBytes }), chunks);
        }),
        { numRuns: 300 },
      );
    });

    it('encoded JSON values decode to themselves under any split', () => {
      const codec = jsonLinesCodec();
      const values = fc.array(fc.jsonValue({ stringUnit: 'binary', maxDepth: 3 }), { maxLength: 6 });
      fc.assert(
        fc.property(
          values.chain((sent) => fc.tuple(fc.constant(sent), chunksOf(encodeAll(codec, sent)))),
          ([sent, chunks]) => {
            const run = decodeChunks(codec.createDecoder(), chunks);
            expect(run.items.some(isProtocolError)).toBe(false);
            expect(run).toEqual({ items: sent.map(withoutNegativeZero) });
          },
        ),
      );
    });
  });
});
