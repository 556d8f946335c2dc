/**
 * The x87 80-bit `long double` that redis-server (on x86-64 Linux) adds in
 * for HINCRBYFLOAT and INCRBYFLOAT, emulated exactly with BigInt, so kv prints
 * what Redis prints: `0.1 + 0.2` is `0.3` there (64 bits of mantissa, then
 * `%.17Lf` and the trailing zeros trimmed), where doubles would say
 * `0.30000000000000004`.
 *
 * A finite value is `±mant × 2^exp` with a 64-bit mantissa; both inputs and
 * every sum are rounded to 64 significant bits, half to even, as the FPU does.
 * Subnormals are not modelled (they start near 1e-4951).
 */
export interface LongDouble {
  readonly negative: boolean;
  readonly mant: bigint;
  readonly exp: number;
}

const MANT_BITS = 64;
const TWO_64 = 1n << 64n;
const TWO_63 = 1n << 63n;
/** Largest binary exponent of a finite value: below 2^16384. */
const MAX_EXP = 16384 - MANT_BITS;
/** Decimal exponents past these overflow or underflow whatever the digits (with margin; the exact test follows). */
const MAX_DECIMAL_EXP = 4940;
const MIN_DECIMAL_EXP = -4970;
/** Redis refuses float arguments of this many bytes or more (MAX_LONG_DOUBLE_CHARS). */
const MAX_CHARS = 5 * 1024;

const DECIMAL = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/;
const HEX = /^([+-]?)0[xX]([0-9a-fA-F]*)(?:\.([0-9a-fA-F]*))?(?:[pP]([+-]?\d+))?$/;
const SPECIAL = /^([+-]?)(inf|infinity|nan(\([0-9A-Za-z_]*\))?)$/i;

const ZERO: LongDouble = { negative: false, mant: 0n, exp: 0 };

function bitLength(n: bigint): number {
  return n === 0n ? 0 : n.toString(2).length;
}

/** Rounds a positive integer times 2^exp to 64 significant bits, half to even. */
function roundInteger(negative: boolean, n: bigint, exp: number): LongDouble | number {
  if (n === 0n) return { ...ZERO, negative };
  const excess = bitLength(n) - MANT_BITS;
  let mant = n;
  if (excess > 0) {
    const shift = BigInt(excess);
    mant = n >> shift;
    const rest = n - (mant << shift);
    const half = 1n << (shift - 1n);
    if (rest > half || (rest === half && (mant & 1n) === 1n)) mant++;
    exp += excess;
    if (mant === TWO_64) {
      mant = TWO_63;
      exp++;
    }
  }
  if (exp + bitLength(mant) > MAX_EXP + MANT_BITS) return negative ? -Infinity : Infinity;
  return { negative, mant, exp };
}

/** Rounds the positive rational p/q to 64 significant bits, half to even. */
function roundRational(negative: boolean, p: bigint, q: bigint): LongDouble | number {
  if (p === 0n) return { ...ZERO, negative };
  let shift = MANT_BITS - (bitLength(p) - bitLength(q));
  for (;;) {
    const n = shift >= 0 ? p << BigInt(shift) : p;
    const d = shift >= 0 ? q : q << BigInt(-shift);
    let mant = n / d;
    if (mant >= TWO_64) {
      shift--;
      continue;
    }
    if (mant < TWO_63) {
      shift++;
      continue;
    }
    const twiceRest = 2n * (n - mant * d);
    if (twiceRest > d || (twiceRest === d && (mant & 1n) === 1n)) mant++;
    let exp = -shift;
    if (mant === TWO_64) {
      mant = TWO_63;
      exp++;
    }
    return roundInteger(negative, mant, exp);
  }
}

/**
 * strtold on the whole text, as Redis's string2ld takes it: decimal or hex,
 * `inf`/`infinity` in any case; null for anything else, for NaN, for text
 * that starts with a space, and where strtold reports a range error.
 */
export function parseLongDouble(text: string): LongDouble | number | null {
  if (text.length === 0 || text.length >= MAX_CHARS) return null;
  const special = SPECIAL.exec(text);
  if (special !== null) {
    if (special[2].toLowerCase().startsWith('nan')) return null;
    return special[1] === '-' ? -Infinity : Infinity;
  }
  const decimal = DECIMAL.exec(text);
  if (decimal !== null) return parseDecimal(decimal);
  const hex = HEX.exec(text);
  if (hex !== null) return parseHex(hex);
  return null;
}

function parseDecimal([, sign, whole, fraction = '', exponentText = '0']: RegExpExecArray): LongDouble | null {
  if (whole.length === 0 && fraction.length === 0) return null;
  const negative = sign === '-';
  const digits = (whole + fraction).replace(/^0+/, '');
  if (digits.length === 0) return { ...ZERO, negative };
  const exponent = Number(exponentText) - fraction.length;
  // The value is about 10^(magnitude); far outside the range, strtold reports ERANGE.
  const magnitude = exponent + digits.length;
  if (magnitude > MAX_DECIMAL_EXP + 10 || magnitude < MIN_DECIMAL_EXP) return null;
  const d = BigInt(digits);
  const result = exponent >= 0 ? roundInteger(negative, d * 10n ** BigInt(exponent), 0) : roundRational(negative, d, 10n ** BigInt(-exponent));
  return typeof result === 'number' ? null : result;
}

function parseHex([, sign, whole, fraction = '', exponentText = '0']: RegExpExecArray): LongDouble | null {
  if (whole.length === 0 && fraction.length === 0) return null;
  const negative = sign === '-';
  const digits = whole + fraction;
  const n = BigInt(`0x${digits.length === 0 ? '0' : digits}`);
  if (n === 0n) return { ...ZERO, negative };
  const exponent = Number(exponentText) - 4 * fraction.length;
  if (exponent + bitLength(n) > MAX_EXP + MANT_BITS || exponent + bitLength(n) < -16500) return null;
  const result = exponent >= 0 ? roundInteger(negative, n << BigInt(exponent), 0) : roundRational(negative, n, 1n << BigInt(-exponent));
  return typeof result === 'number' ? null : result;
}

/** a + b, rounded to 64 bits; ±Infinity past the range. */
export function addLongDouble(a: LongDouble, b: LongDouble): LongDouble | number {
  const exp = Math.min(a.exp, b.exp);
  const x = (a.negative ? -a.mant : a.mant) << BigInt(a.exp - exp);
  const y = (b.negative ? -b.mant : b.mant) << BigInt(b.exp - exp);
  const sum = x + y;
  return roundInteger(sum < 0n, sum < 0n ? -sum : sum, exp);
}

/**
 * Redis's "human" long double text: C's `%.17Lf` (17 decimals, half to even
 * on exact ties), then trailing zeros and a bare point trimmed, and `-0` made `0`.
 */
export function formatLongDoubleHuman(value: LongDouble): string {
  // round(mant × 2^exp × 10^17), exactly.
  let scaled: bigint;
  const tens = 10n ** 17n;
  if (value.exp >= 0) {
    scaled = (value.mant << BigInt(value.exp)) * tens;
  } else {
    const divisor = 1n << BigInt(-value.exp);
    const n = value.mant * tens;
    scaled = n / divisor;
    const twiceRest = 2n * (n - scaled * divisor);
    if (twiceRest > divisor || (twiceRest === divisor && (scaled & 1n) === 1n)) scaled++;
  }
  const digits = scaled.toString().padStart(18, '0');
  const whole = digits.slice(0, -17);
  const fraction = digits.slice(-17).replace(/0+$/, '');
  const text = `${value.negative ? '-' : ''}${whole}${fraction.length > 0 ? `.${fraction}` : ''}`;
  // A negative value too small to show prints as "-0"; Redis answers "0" for it.
  return text === '-0' ? '0' : text;
}

/**
 * HINCRBYFLOAT's (and INCRBYFLOAT's) arithmetic: the stored text plus the
 * increment, as Redis computes and prints it. `current` undefined counts as 0.
 */
export type FloatIncrement =
  | { readonly ok: true; readonly text: string }
  | { readonly ok: false; readonly reason: 'increment-not-float' | 'increment-not-finite' | 'value-not-float' | 'result-not-finite' };

export function incrementByFloat(current: string | undefined, increment: string): FloatIncrement {
  const by = parseLongDouble(increment);
  if (by === null) return { ok: false, reason: 'increment-not-float' };
  if (typeof by === 'number') return { ok: false, reason: 'increment-not-finite' };
  const base = current === undefined ? ZERO : parseLongDouble(current);
  if (base === null) return { ok: false, reason: 'value-not-float' };
  if (typeof base === 'number') return { ok: false, reason: 'result-not-finite' };
  const sum = addLongDouble(base, by);
  if (typeof sum === 'number') return { ok: false, reason: 'result-not-finite' };
  return { ok: true, text: formatLongDoubleHuman(sum) };
}
