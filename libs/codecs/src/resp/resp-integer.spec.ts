import fc from 'fast-check';
import { parseRespInteger, parseRespLength } from './resp-integer';

const parse = (text: string) => parseRespInteger(Buffer.from(text, 'latin1'), 0, text.length);

describe('parseRespInteger (string2ll rules)', () => {
  it('reads plain decimal integers', () => {
    expect(parse('0')).toBe(0);
    expect(parse('7')).toBe(7);
    expect(parse('-12')).toBe(-12);
    expect(parse('536870912')).toBe(536870912);
  });

  it('refuses what string2ll refuses: empty, signs alone, +, leading zeros, -0, spaces, other bytes', () => {
    for (const text of ['', '-', '+1', '01', '-01', '-0', ' 1', '1 ', '1a', '1.0', '0x1']) {
      expect(parse(text)).toBeUndefined();
    }
  });

  it('keeps int64 values past 2^53 exact as bigints, and refuses int64 overflow', () => {
    expect(parse('9007199254740991')).toBe(Number.MAX_SAFE_INTEGER);
    expect(parse('9007199254740993')).toBe(9007199254740993n);
    expect(parse('9223372036854775807')).toBe(9223372036854775807n);
    expect(parse('-9223372036854775808')).toBe(-9223372036854775808n);
    expect(parse('9223372036854775808')).toBeUndefined();
    expect(parse('-9223372036854775809')).toBeUndefined();
  });

  it('refuses more than 20 characters even when they are digits', () => {
    expect(parse('000000000000000000001')).toBeUndefined();
    expect(parse('1'.repeat(21))).toBeUndefined();
  });

  it('reads only the given range of the buffer', () => {
    expect(parseRespInteger(Buffer.from('*42\r\n'), 1, 3)).toBe(42);
  });

  it('round-trips every int64', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n }), (value) => {
        const parsed = parse(value.toString());
        expect(BigInt(parsed ?? 'x')).toBe(value);
        expect(typeof parsed).toBe(Number.isSafeInteger(Number(value)) && BigInt(Number(value)) === value ? 'number' : 'bigint');
      }),
    );
  });

  it('gives NaN as a length for anything that is not a number', () => {
    expect(parseRespLength(Buffer.from('abc'), 0, 3)).toBeNaN();
    expect(parseRespLength(Buffer.from('-1'), 0, 2)).toBe(-1);
  });
});
