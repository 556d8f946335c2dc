import fc from 'fast-check';
import { escapeTagValue, unescapeTagValue } from './tag-value-escaping';

const latin1Char = fc.integer({ min: 0, max: 255 }).map((code) => String.fromCharCode(code));

describe('unescapeTagValue', () => {
  it.each([
    ['a\\:b', 'a;b'],
    ['a\\sb', 'a b'],
    ['a\\\\b', 'a\\b'],
    ['a\\rb', 'a\rb'],
    ['a\\nb', 'a\nb'],
    ['\\:\\s\\\\\\r\\n', '; \\\r\n'],
  ])('turns %j into %j', (raw, value) => {
    expect(unescapeTagValue(raw)).toBe(value);
  });

  it('drops a lone trailing backslash', () => {
    expect(unescapeTagValue('abc\\')).toBe('abc');
    expect(unescapeTagValue('\\')).toBe('');
  });

  it('keeps the char of an unknown escape and drops its backslash', () => {
    expect(unescapeTagValue('a\\bc\\x')).toBe('abcx');
  });

  it('leaves a value without escapes as it is', () => {
    expect(unescapeTagValue('plain-value=1')).toBe('plain-value=1');
  });
});

describe('escapeTagValue', () => {
  it('escapes the chars a tag value cannot carry', () => {
    expect(escapeTagValue('a;b c\\d\re\nf')).toBe('a\\:b\\sc\\\\d\\re\\nf');
  });

  it('never leaves a separator or line ending in the escaped value', () => {
    fc.assert(
      fc.property(fc.string({ unit: latin1Char }), (value) => {
        expect(escapeTagValue(value)).not.toMatch(/[; \r\n]/);
      }),
    );
  });

  it('is undone by unescapeTagValue', () => {
    fc.assert(
      fc.property(fc.string({ unit: latin1Char }), (value) => {
        expect(unescapeTagValue(escapeTagValue(value))).toBe(value);
      }),
    );
  });
});
