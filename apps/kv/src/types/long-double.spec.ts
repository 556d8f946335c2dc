import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { incrementByFloat, parseLongDouble } from './long-double';

/** Each row: stored value, increment, what redis-server 7.0.15 on x86-64 answered. */
const FROM_REDIS: Array<[string, string, string]> = [
  ['0.1', '0.2', '0.3'],
  ['1.5', '1.5', '3'],
  ['1e20', '1.5', '100000000000000000000'],
  ['123.456', '0', '123.456'],
  ['3.0000000000000000001', '0', '3'],
  ['-1', '0.9', '-0.1'],
  ['1', '-1', '0'],
  ['5', '-5.0000000000000000001', '0'],
  ['0x1p-3', '0', '0.125'],
  ['2.5e-3', '0', '0.0025'],
  ['1e-20', '0', '0'],
  ['1e-17', '0', '0.00000000000000001'],
  ['5e-18', '0', '0'],
  ['1.5e-17', '0', '0.00000000000000002'],
  ['2.5e-17', '0', '0.00000000000000002'],
  ['0.00000000000000001', '1', '1.00000000000000001'],
  ['18446744073709551615', '1', '18446744073709551616'],
  ['9007199254740993', '0', '9007199254740993'],
  ['.5', '5.', '5.5'],
  ['-0', '0', '0'],
  ['-1e-30', '0', '0'],
  ['100', '-0.1', '99.9'],
];

describe('long double arithmetic (HINCRBYFLOAT, INCRBYFLOAT)', () => {
  it.each(FROM_REDIS)('%s + %s = %s, as redis-server prints it', (current, increment, expected) => {
    expect(incrementByFloat(current, increment)).toEqual({ ok: true, text: expected });
  });

  it('prints the exact digits of large sums, as %.17Lf does', () => {
    const big = incrementByFloat('1e308', '1e308');
    expect(big.ok && big.text.startsWith('199999999999999999993371759311691291321120199694831134415594095989843469737676123744200253843777078640893494450108026446')).toBe(true);
    const huge = incrementByFloat('1e4000', '1');
    expect(huge.ok && huge.text.startsWith('999999999999999999996546387309962378493249258350695763130150833304326194330634235548182164186550927986276445207312367354')).toBe(true);
    expect(huge.ok && huge.text.length).toBe(4000);
    // The next increment's 4000 digits, hashed: redis-server's answer had this digest.
    const next = incrementByFloat(huge.ok ? huge.text : '', '1');
    expect(createHash('md5').update(`${next.ok ? next.text : ''}\n`).digest('hex')).toBe('d7a45742609d9c30e9400b6120834795');
  });

  it('refuses what Redis refuses', () => {
    expect(incrementByFloat('1e5000', '1')).toEqual({ ok: false, reason: 'value-not-float' });
    expect(incrementByFloat('1e-5000', '1')).toEqual({ ok: false, reason: 'value-not-float' });
    expect(incrementByFloat('abc', '1')).toEqual({ ok: false, reason: 'value-not-float' });
    expect(incrementByFloat('1', 'x')).toEqual({ ok: false, reason: 'increment-not-float' });
    expect(incrementByFloat('1', ' 1')).toEqual({ ok: false, reason: 'increment-not-float' });
    expect(incrementByFloat('1', 'nan')).toEqual({ ok: false, reason: 'increment-not-float' });
    expect(incrementByFloat('1', 'inf')).toEqual({ ok: false, reason: 'increment-not-finite' });
    expect(incrementByFloat('inf', '1')).toEqual({ ok: false, reason: 'result-not-finite' });
    expect(incrementByFloat('1.1e4932', '1.1e4932')).toEqual({ ok: false, reason: 'result-not-finite' });
    expect(incrementByFloat(undefined, '2')).toEqual({ ok: true, text: '2' });
  });

  it('agrees with doubles wherever a double holds the operands and the sum exactly', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e9, max: 1e9 }), fc.integer({ min: -1e9, max: 1e9 }), fc.integer({ min: 0, max: 6 }), (a, b, shift) => {
        const scale = 2 ** shift;
        const result = incrementByFloat(String(a / scale), String(b / scale));
        expect(result).toEqual({ ok: true, text: String((a + b) / scale) });
      }),
    );
    expect(parseLongDouble('Infinity')).toBe(Infinity);
    expect(parseLongDouble('-INF')).toBe(-Infinity);
  });
});
