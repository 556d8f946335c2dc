import fc from 'fast-check';
import { decodeChunks } from '../testing-support';
import { rawCodec } from './raw-codec';

describe('rawCodec', () => {
  it('yields each chunk as the very same Buffer', () => {
    const chunk = Buffer.from('hello');
    const [message] = rawCodec().createDecoder().decode(chunk);
    expect(message).toBe(chunk);
  });

  it('yields nothing for an empty chunk', () => {
    expect(rawCodec().createDecoder().decode(Buffer.alloc(0))).toEqual([]);
  });

  it('encodes a Buffer as itself', () => {
    const bytes = Buffer.from('bye');
    expect(rawCodec().encode(bytes)).toBe(bytes);
  });

  it('ignores maxFrameBytes: a chunk is a frame whatever its size', () => {
    const chunk = Buffer.alloc(100);
    expect(rawCodec().createDecoder({ maxFrameBytes: 1 }).decode(chunk)).toEqual([chunk]);
  });

  it('yields every non-empty chunk, in order, never throwing', () => {
    fc.assert(
      fc.property(fc.array(fc.uint8Array({ maxLength: 16 }).map((b) => Buffer.from(b))), (chunks) => {
        const nonEmpty = chunks.filter((chunk) => chunk.length > 0);
        const run = decodeChunks(rawCodec().createDecoder(), chunks);
        expect(run.fatal).toBeUndefined();
        expect(run.items).toHaveLength(nonEmpty.length);
        run.items.forEach((item, i) => expect(item).toBe(nonEmpty[i]));
      }),
    );
  });
});
