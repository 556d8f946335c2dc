/**
 * Redis's glob patterns (KEYS, SCAN MATCH, CONFIG GET, PSUBSCRIBE): `*` any
 * run, `?` any one character, `[abc]`, `[^abc]`, `[a-z]` classes and `\x` for
 * a literal x. Both sides are latin1 strings (one char per byte).
 *
 * Matching backtracks only to the last `*`, so it is O(pattern × subject),
 * never exponential whatever the pattern.
 */
export function globMatch(pattern: string, subject: string, noCase = false): boolean {
  if (noCase) {
    pattern = pattern.toLowerCase();
    subject = subject.toLowerCase();
  }
  let p = 0;
  let s = 0;
  let starP = -1;
  let starS = 0;
  while (s < subject.length) {
    if (p < pattern.length) {
      const c = pattern[p];
      if (c === '*') {
        while (p < pattern.length && pattern[p] === '*') p++;
        if (p === pattern.length) return true;
        starP = p;
        starS = s;
        continue;
      }
      const step = matchOne(pattern, p, subject[s]);
      if (step > 0) {
        p += step;
        s++;
        continue;
      }
    }
    if (starP < 0) return false;
    p = starP;
    s = ++starS;
  }
  while (p < pattern.length && pattern[p] === '*') p++;
  return p === pattern.length;
}

/** Whether the pattern has no special characters (then it names one key). */
export function isLiteralPattern(pattern: string): boolean {
  return !/[*?[\\]/.test(pattern);
}

/**
 * Matches one pattern element at `p` against `ch`: returns the element's
 * length in the pattern, or 0 for no match.
 */
function matchOne(pattern: string, p: number, ch: string): number {
  const c = pattern[p];
  if (c === '?') return 1;
  if (c === '\\' && p + 1 < pattern.length) return pattern[p + 1] === ch ? 2 : 0;
  if (c !== '[') return c === ch ? 1 : 0;
  return matchClass(pattern, p, ch);
}

function matchClass(pattern: string, start: number, ch: string): number {
  let p = start + 1;
  const negate = pattern[p] === '^';
  if (negate) p++;
  let matched = false;
  // As in Redis, an unterminated class runs to the end of the pattern.
  while (p < pattern.length && pattern[p] !== ']') {
    if (pattern[p] === '\\' && p + 1 < pattern.length) {
      if (pattern[p + 1] === ch) matched = true;
      p += 2;
    } else if (p + 2 < pattern.length && pattern[p + 1] === '-' && pattern[p + 2] !== ']') {
      let low = pattern[p];
      let high = pattern[p + 2];
      if (low > high) [low, high] = [high, low];
      if (ch >= low && ch <= high) matched = true;
      p += 3;
    } else {
      if (pattern[p] === ch) matched = true;
      p++;
    }
  }
  const length = Math.min(p + 1, pattern.length) - start;
  return matched !== negate ? Math.max(length, 1) : 0;
}
