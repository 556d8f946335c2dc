import fc from 'fast-check';
import { splitInlineArgs } from './inline-args';

function split(line: string | Buffer): string[] | null {
  const args = splitInlineArgs(typeof line === 'string' ? Buffer.from(line, 'latin1') : line);
  return args === null ? null : args.map((arg) => arg.toString('latin1'));
}

describe('splitInlineArgs (sdssplitargs rules)', () => {
  it('splits on runs of spaces and tabs, ignoring leading and trailing blanks', () => {
    expect(split('SET  key\tvalue ')).toEqual(['SET', 'key', 'value']);
    expect(split('   PING')).toEqual(['PING']);
  });

  it('gives no arguments for an empty or blank line', () => {
    expect(split('')).toEqual([]);
    expect(split(' \t \x0b\x0c ')).toEqual([]);
  });

  it('skips \\v and \\f between arguments but keeps them inside one', () => {
    expect(split('\x0bA\x0cB C')).toEqual(['A\x0cB', 'C']);
  });

  it('decodes double-quoted escapes: \\n \\r \\t \\b \\a \\\\ \\" and \\xHH', () => {
    expect(split('"a\\nb\\rc\\td\\be\\af\\\\g\\"h"')).toEqual(['a\nb\rc\td\be\x07f\\g"h']);
    expect(split('"\\x41\\x7a\\xff\\x00"')).toEqual(['Az\xff\x00']);
  });

  it('keeps an unknown escape as the escaped character, and \\x without two hex digits as x', () => {
    expect(split('"\\q\\x4g"')).toEqual(['qx4g']);
  });

  it('keeps quoted spaces and empty quoted arguments', () => {
    expect(split('SET "hello world" ""')).toEqual(['SET', 'hello world', '']);
  });

  it("understands only \\' inside single quotes", () => {
    expect(split("'it\\'s' 'a\\nb'")).toEqual(["it's", 'a\\nb']);
  });

  it('opens a quote in the middle of an argument', () => {
    expect(split('ab"c d" e')).toEqual(['abc d', 'e']);
    expect(split("x'y z'")).toEqual(['xy z']);
  });

  it('refuses unbalanced quotes', () => {
    expect(split('SET "key')).toBeNull();
    expect(split("SET 'key")).toBeNull();
    expect(split('"abc\\"')).toBeNull();
    expect(split('"abc\\')).toBeNull();
  });

  it('refuses a closing quote followed by anything but whitespace', () => {
    expect(split('"foo"bar')).toBeNull();
    expect(split("'foo'bar")).toBeNull();
    expect(split('"foo" bar')).toEqual(['foo', 'bar']);
  });

  it('stops at a NUL byte, as sdssplitargs reading a C string does', () => {
    expect(split(Buffer.from('GET key\0ignored'))).toEqual(['GET', 'key']);
    expect(split(Buffer.from('GET\0'))).toEqual(['GET']);
    expect(split(Buffer.from('"a"\0x'))).toEqual(['a']);
    expect(split(Buffer.from('"a\0"'))).toBeNull();
  });

  it('slices unquoted arguments out of the line instead of copying them', () => {
    const line = Buffer.from('GET key');
    const [, key] = splitInlineArgs(line) ?? [];
    line[4] = 'K'.charCodeAt(0);
    expect(key.toString()).toBe('Key');
  });

  it('reads back what redis-cli style quoting writes, for any bytes', () => {
    fc.assert(
      fc.property(fc.array(fc.uint8Array({ maxLength: 20 }), { minLength: 1, maxLength: 6 }), (args) => {
        const line = args.map((arg) => `"${Array.from(arg, (byte) => `\\x${byte.toString(16).padStart(2, '0')}`).join('')}"`).join(' ');
        const parsed = splitInlineArgs(Buffer.from(line));
        expect(parsed?.map((arg) => Buffer.from(arg))).toEqual(args.map((arg) => Buffer.from(arg)));
      }),
    );
  });

  it('never throws, whatever the line', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), (bytes) => {
        const args = splitInlineArgs(Buffer.from(bytes));
        expect(args === null || Array.isArray(args)).toBe(true);
      }),
    );
  });
});
