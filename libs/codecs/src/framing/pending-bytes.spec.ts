import fc from 'fast-check';
import { PendingBytes } from './pending-bytes';

/** How many views are held: the memory cost the merging bounds. */
function viewsHeld(pending: PendingBytes): number {
  return (pending as unknown as { pieces: Buffer[] }).pieces.length;
}

describe('PendingBytes', () => {
  it('returns the tail itself, uncopied, when nothing is held', () => {
    const tail = Buffer.from('abc');
    expect(new PendingBytes().takeWith(tail)).toBe(tail);
  });

  it('returns a lone held piece itself when the tail is empty', () => {
    const pending = new PendingBytes();
    const piece = Buffer.from('abc');
    pending.push(piece);
    expect(pending.takeWith(Buffer.alloc(0))).toBe(piece);
    expect(pending.length).toBe(0);
  });

  it('tracks length and last byte, ignoring empty pieces', () => {
    const pending = new PendingBytes();
    expect(pending.lastByte()).toBe(-1);
    pending.push(Buffer.from('ab'));
    pending.push(Buffer.alloc(0));
    expect(pending.length).toBe(2);
    expect(pending.lastByte()).toBe(0x62);
    pending.clear();
    expect(pending.length).toBe(0);
    expect(pending.lastByte()).toBe(-1);
  });

  it('merges tiny pieces so a trickled frame does not hold a view per byte', () => {
    const pending = new PendingBytes();
    for (let i = 0; i < 10_000; i++) pending.push(Buffer.of(i & 0xff));
    // At most one view per 64 bytes held (or 65 views), instead of 10 000.
    expect(viewsHeld(pending)).toBeLessThanOrEqual(10_000 / 64 + 1);
    expect(pending.lastByte()).toBe(9_999 & 0xff);
    expect(pending.takeWith(Buffer.alloc(0))).toEqual(Buffer.from(Array.from({ length: 10_000 }, (_, i) => i & 0xff)));
  });

  it('keeps large pieces as views without merging', () => {
    const pending = new PendingBytes();
    for (let i = 0; i < 100; i++) pending.push(Buffer.alloc(1024));
    expect(viewsHeld(pending)).toBe(100);
  });

  it('gives back exactly the bytes pushed, then the tail, whatever the pieces', () => {
    fc.assert(
      fc.property(fc.array(fc.uint8Array({ maxLength: 200 }), { maxLength: 300 }), fc.uint8Array(), (pieces, tail) => {
        const pending = new PendingBytes();
        for (const piece of pieces) pending.push(Buffer.from(piece));
        const expected = Buffer.concat([...pieces, tail]);
        expect(pending.length).toBe(expected.length - tail.length);
        expect(pending.takeWith(Buffer.from(tail))).toEqual(expected);
        expect(pending.length).toBe(0);
      }),
    );
  });
});
