/** A ZRANGEBYSCORE interval: `(1` is exclusive, `-inf` and `+inf` are the ends. */
export interface ScoreRange {
  readonly min: number;
  readonly max: number;
  readonly minExclusive: boolean;
  readonly maxExclusive: boolean;
}

export function scoreGteMin(score: number, range: ScoreRange): boolean {
  return range.minExclusive ? score > range.min : score >= range.min;
}

export function scoreLteMax(score: number, range: ScoreRange): boolean {
  return range.maxExclusive ? score < range.max : score <= range.max;
}

export function scoreRangeIsEmpty(range: ScoreRange): boolean {
  return range.min > range.max || (range.min === range.max && (range.minExclusive || range.maxExclusive));
}

/**
 * Parses one end of a score range as Redis does: an optional `(` for
 * exclusive, then a float (`inf`, `-inf`, `+inf` included). Null if not a
 * float or NaN.
 */
export function parseScoreBound(text: string): { value: number; exclusive: boolean } | null {
  const exclusive = text.startsWith('(');
  const value = parseFloatStrict(exclusive ? text.slice(1) : text);
  return value === null ? null : { value, exclusive };
}

const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
const HEX = /^([+-]?)0[xX]([0-9a-fA-F]*)(?:\.([0-9a-fA-F]*))?(?:[pP]([+-]?\d+))?$/;
const INFINITY = /^([+-]?)inf(inity)?$/i;
const NONZERO_DIGIT = /[1-9]/;

/**
 * A float argument as Redis reads one (string2d, i.e. strtod on the whole
 * text): decimal or C99 hex (`0x1p3`), `inf`/`infinity` in any case, no
 * surrounding spaces. Null for anything else, for NaN, and where strtod would
 * report a range error: a finite text that overflows to ±inf or underflows to 0.
 */
export function parseFloatStrict(text: string): number | null {
  if (DECIMAL.test(text)) {
    const value = Number(text);
    if (!Number.isFinite(value)) return null;
    if (value === 0 && NONZERO_DIGIT.test(text.split(/[eE]/)[0])) return null;
    return value;
  }
  const inf = INFINITY.exec(text);
  if (inf !== null) return inf[1] === '-' ? -Infinity : Infinity;
  const hex = HEX.exec(text);
  if (hex !== null && (hex[2].length > 0 || (hex[3] ?? '').length > 0)) {
    const digits = hex[2] + (hex[3] ?? '');
    const mantissa = digits.length === 0 ? 0 : Number.parseInt(digits, 16);
    const exponent = Number(hex[4] ?? '0') - 4 * (hex[3] ?? '').length;
    const value = mantissa * 2 ** exponent;
    if (!Number.isFinite(value)) return null;
    return hex[1] === '-' ? -value : value;
  }
  return null;
}
