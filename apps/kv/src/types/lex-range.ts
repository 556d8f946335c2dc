/**
 * One end of a ZRANGEBYLEX interval: `[a` inclusive, `(a` exclusive, or the
 * ends of all strings, `-` (before every member) and `+` (after every member).
 */
export type LexBound =
  | { readonly kind: 'member'; readonly value: string; readonly exclusive: boolean }
  | { readonly kind: 'min' }
  | { readonly kind: 'max' };

export interface LexRange {
  readonly min: LexBound;
  readonly max: LexBound;
}

const LEX_MIN: LexBound = Object.freeze({ kind: 'min' });
const LEX_MAX: LexBound = Object.freeze({ kind: 'max' });

/** Parses `-`, `+`, `[member` or `(member` (member bytes as latin1); null otherwise. */
export function parseLexBound(text: string): LexBound | null {
  if (text === '-') return LEX_MIN;
  if (text === '+') return LEX_MAX;
  const mark = text.charAt(0);
  if (mark === '[' || mark === '(') return { kind: 'member', value: text.slice(1), exclusive: mark === '(' };
  return null;
}

export function lexGteMin(member: string, range: LexRange): boolean {
  const min = range.min;
  if (min.kind !== 'member') return min.kind === 'min';
  return min.exclusive ? member > min.value : member >= min.value;
}

export function lexLteMax(member: string, range: LexRange): boolean {
  const max = range.max;
  if (max.kind !== 'member') return max.kind === 'max';
  return max.exclusive ? member < max.value : member <= max.value;
}

/** True when no string can be inside: min after max, or equal with either end open (`-` and `+` count as open). */
export function lexRangeIsEmpty(range: LexRange): boolean {
  const order = compareBounds(range.min, range.max);
  const open = boundIsOpen(range.min) || boundIsOpen(range.max);
  return order > 0 || (order === 0 && open);
}

function boundIsOpen(bound: LexBound): boolean {
  return bound.kind !== 'member' || bound.exclusive;
}

function compareBounds(a: LexBound, b: LexBound): number {
  const rank = (bound: LexBound) => (bound.kind === 'min' ? 0 : bound.kind === 'member' ? 1 : 2);
  if (a.kind !== 'member' || b.kind !== 'member') return rank(a) - rank(b);
  return a.value < b.value ? -1 : a.value > b.value ? 1 : 0;
}
