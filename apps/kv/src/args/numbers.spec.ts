import fc from 'fast-check';
import { integerBytes, parseInt64 } from './numbers';

describe('integerBytes', () => {
  it('writes the digits String() writes, for every 64-bit integer', () => {
    const int64 = fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n });
    const asStored = (n: bigint) => (Number.isSafeInteger(Number(n)) ? Number(n) : n);
    fc.assert(
      fc.property(fc.oneof(fc.integer({ min: -1_000_000, max: 1_000_000 }).map(BigInt), int64), (n) => {
        const bytes = integerBytes(asStored(n));
        expect(bytes.toString('latin1')).toBe(String(n));
        expect(parseInt64(bytes)).toEqual(asStored(n));
      }),
    );
    expect(integerBytes(0).toString()).toBe('0');
    expect(integerBytes(-9).toString()).toBe('-9');
    expect(integerBytes(Number.MAX_SAFE_INTEGER).toString()).toBe('9007199254740991');
  });
});
