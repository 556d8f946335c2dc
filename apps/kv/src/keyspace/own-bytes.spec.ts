import { freshBytes, ownBytes } from './own-bytes';

describe('freshBytes / ownBytes', () => {
  it('never hands out memory that another value holds', () => {
    const values = Array.from({ length: 3000 }, (_, i) => ownBytes(Buffer.from(`value-${i}-${'x'.repeat(i % 40)}`)));
    values.forEach((value, i) => expect(value.toString()).toBe(`value-${i}-${'x'.repeat(i % 40)}`));
    const big = freshBytes(64 * 1024);
    expect(big.length).toBe(64 * 1024);
    expect(Buffer.isBuffer(freshBytes(5))).toBe(true);
  });
});
