import { parseLexBound } from './lex-range';
import { isScanOptions, parseScanCursor, parseScanOptions } from './scan-request';
import { parseFloatStrict, parseScoreBound } from './score-range';

const args = (...words: string[]) => words.map((word) => Buffer.from(word));

describe('score arguments (strtod, as ZADD reads them)', () => {
  it.each([
    ['1.5', 1.5],
    ['-2', -2],
    ['+5', 5],
    ['.5', 0.5],
    ['5.', 5],
    ['1e3', 1000],
    ['inf', Infinity],
    ['-INF', -Infinity],
    ['+infinity', Infinity],
    ['0x10', 16],
    ['0x1p3', 8],
    ['-0', -0],
    ['1e-310', 1e-310],
  ])('%s reads as %p', (text, value) => {
    expect(parseFloatStrict(text)).toBe(value);
  });

  it.each(['', ' 1', '1 ', 'nan', '1e', '1,5', 'abc', '1e400', '1e-400', '0x', '(1'])('refuses %p', (text) => {
    expect(parseFloatStrict(text)).toBeNull();
  });

  it('reads exclusive bounds', () => {
    expect(parseScoreBound('(1.5')).toEqual({ value: 1.5, exclusive: true });
    expect(parseScoreBound('-inf')).toEqual({ value: -Infinity, exclusive: false });
    expect(parseScoreBound('((1')).toBeNull();
  });
});

describe('lex bounds', () => {
  it('reads -, +, [x and (x, and nothing else', () => {
    expect(parseLexBound('-')).toEqual({ kind: 'min' });
    expect(parseLexBound('+')).toEqual({ kind: 'max' });
    expect(parseLexBound('[a')).toEqual({ kind: 'member', value: 'a', exclusive: false });
    expect(parseLexBound('(')).toEqual({ kind: 'member', value: '', exclusive: true });
    expect(parseLexBound('a')).toBeNull();
    expect(parseLexBound('')).toBeNull();
  });
});

describe('SCAN family arguments', () => {
  it('reads cursors as strtoul does: signs wrap, past 2^64 - 1 is invalid', () => {
    expect(parseScanCursor(Buffer.from('0'))).toBe(0);
    expect(parseScanCursor(Buffer.from('+17'))).toBe(17);
    expect(parseScanCursor(Buffer.from('007'))).toBe(7);
    expect(parseScanCursor(Buffer.from('-1'))).toBe(Number.MAX_SAFE_INTEGER);
    expect(parseScanCursor(Buffer.from('18446744073709551615'))).toBe(Number.MAX_SAFE_INTEGER);
    for (const bad of ['18446744073709551616', 'x', ' 0', '1.5', '']) {
      expect(parseScanCursor(Buffer.from(bad))).toEqual({ type: 'error', value: 'ERR invalid cursor' });
    }
  });

  it('reads MATCH and COUNT in any order and case, and refuses the rest', () => {
    const options = parseScanOptions(args('S', 'k', '0', 'count', '5', 'MATCH', 'a*'), 3);
    expect(isScanOptions(options) && options.count).toBe(5);
    expect(isScanOptions(options) && options.match?.('abc')).toBe(true);
    expect(isScanOptions(options) && options.match?.('bc')).toBe(false);
    const all = parseScanOptions(args('S', 'k', '0', 'MATCH', '*'), 3);
    expect(isScanOptions(all) && all.match).toBeNull();
    expect(parseScanOptions(args('S', 'k', '0', 'COUNT', '0'), 3)).toEqual({ type: 'error', value: 'ERR syntax error' });
    expect(parseScanOptions(args('S', 'k', '0', 'COUNT', 'x'), 3)).toEqual({ type: 'error', value: 'ERR value is not an integer or out of range' });
    expect(parseScanOptions(args('S', 'k', '0', 'TYPE', 'string'), 3)).toEqual({ type: 'error', value: 'ERR syntax error' });
    expect(parseScanOptions(args('S', 'k', '0', 'MATCH'), 3)).toEqual({ type: 'error', value: 'ERR syntax error' });
  });
});
