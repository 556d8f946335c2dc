import fc from 'fast-check';
import { globMatch, isLiteralPattern } from './glob';

describe('globMatch', () => {
  it.each([
    ['*', '', true],
    ['*', 'anything', true],
    ['h?llo', 'hello', true],
    ['h?llo', 'hllo', false],
    ['h*llo', 'hllo', true],
    ['h*llo', 'heeeello', true],
    ['h[ae]llo', 'hallo', true],
    ['h[ae]llo', 'hillo', false],
    ['h[^e]llo', 'hallo', true],
    ['h[^e]llo', 'hello', false],
    ['h[a-b]llo', 'hbllo', true],
    ['h[b-a]llo', 'hallo', true],
    ['h[a-b]llo', 'hcllo', false],
    ['a\\*b', 'a*b', true],
    ['a\\*b', 'axb', false],
    ['[\\]]', ']', true],
    ['*a*b*c*', 'xaxbxcx', true],
    ['*a*b*c*', 'xaxcxbx', false],
    ['user:*:name', 'user:42:name', true],
    ['user:*:name', 'user:42:age', false],
  ])('%s against %s is %s', (pattern, subject, expected) => {
    expect(globMatch(pattern, subject)).toBe(expected);
  });

  it('can ignore case (CONFIG GET)', () => {
    expect(globMatch('MAXMEMORY*', 'maxmemory-policy', true)).toBe(true);
  });

  it('agrees with a regular expression for patterns of literals, ? and *', () => {
    const char = fc.constantFrom('a', 'b', 'c');
    fc.assert(
      fc.property(fc.array(fc.oneof(char, fc.constant('?'), fc.constant('*'))), fc.array(char), (pattern, subject) => {
        const regex = new RegExp(`^${pattern.map((c) => (c === '*' ? '.*' : c === '?' ? '.' : c)).join('')}$`, 's');
        expect(globMatch(pattern.join(''), subject.join(''))).toBe(regex.test(subject.join('')));
      }),
    );
  });

  it('stays linear on patterns that make naive matchers exponential', () => {
    expect(globMatch(`${'a*'.repeat(30)}b`, 'a'.repeat(5000))).toBe(false);
  });

  it('knows literal patterns', () => {
    expect(isLiteralPattern('user:1')).toBe(true);
    expect(isLiteralPattern('user:*')).toBe(false);
    expect(isLiteralPattern('a[b]')).toBe(false);
  });
});
