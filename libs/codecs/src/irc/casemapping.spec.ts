import fc from 'fast-check';
import type { CaseMapping } from './casemapping';
import { foldCase } from './casemapping';

const mappings: CaseMapping[] = ['rfc1459', 'strict-rfc1459', 'ascii'];

/** A deliberately naive model to compare the lookup tables against. */
function modelFold(name: string, mapping: CaseMapping): string {
  const extra: Record<string, string> =
    mapping === 'ascii'
      ? {}
      : mapping === 'strict-rfc1459'
        ? { '[': '{', ']': '}', '\\': '|' }
        : { '[': '{', ']': '}', '\\': '|', '~': '^' };
  return Array.from(name, (char) => {
    if (char >= 'A' && char <= 'Z') return char.toLowerCase();
    return extra[char] ?? char;
  }).join('');
}

describe('foldCase', () => {
  it('folds letters and []\\~ under rfc1459', () => {
    expect(foldCase('Nick[]\\~', 'rfc1459')).toBe('nick{}|^');
  });

  it('leaves ~ alone under strict-rfc1459', () => {
    expect(foldCase('Nick[]\\~', 'strict-rfc1459')).toBe('nick{}|~');
  });

  it('folds only A-Z under ascii', () => {
    expect(foldCase('Nick[]\\~', 'ascii')).toBe('nick[]\\~');
  });

  it('never changes lower-case forms, digits or latin1 bytes above 0x7F', () => {
    for (const mapping of mappings) {
      expect(foldCase('{}|^az09-_\xc4\xe4\xff', mapping)).toBe('{}|^az09-_\xc4\xe4\xff');
    }
  });

  it('matches a char-by-char model for any latin1 string', () => {
    const latin1 = fc.string({ unit: fc.integer({ min: 0, max: 255 }).map((c) => String.fromCharCode(c)) });
    fc.assert(
      fc.property(latin1, fc.constantFrom(...mappings), (name, mapping) => {
        expect(foldCase(name, mapping)).toBe(modelFold(name, mapping));
      }),
    );
  });

  it('is idempotent', () => {
    fc.assert(
      fc.property(fc.string(), fc.constantFrom(...mappings), (name, mapping) => {
        const once = foldCase(name, mapping);
        expect(foldCase(once, mapping)).toBe(once);
      }),
    );
  });

  it('handles names longer than one batch of chars', () => {
    const long = 'AB['.repeat(5000);
    expect(foldCase(long, 'rfc1459')).toBe('ab{'.repeat(5000));
  });
});
