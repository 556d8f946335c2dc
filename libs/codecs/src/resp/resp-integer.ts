import { Buffer } from 'node:buffer';
const MINUS = 45;
const ZERO = 48;
const NINE = 57;
// Redis's LONG_STR_SIZE: a longer string is never a number, whatever it holds.
const MAX_INTEGER_CHARS = 20;
// Up to 15 digits a double holds the value exactly; past that we check with BigInt.
const EXACT_DIGITS = 15;
const INT64_MAX = 9223372036854775807n;
const INT64_MIN = -9223372036854775808n;
const SAFE_MAX = BigInt(Number.MAX_SAFE_INTEGER);
const SAFE_MIN = BigInt(Number.MIN_SAFE_INTEGER);

/**
 * Reads `buf[start, end)` as a signed 64-bit decimal integer with the rules of
 * Redis's string2ll: an optional `-`, no `+`, no leading zeros (`0` alone is
 * fine, `-0` is not), no spaces, at most 20 characters, within int64.
 *
 * Returns `undefined` when the text is not such a number, a bigint only when
 * the value is outside Number's safe integer range.
 */
export function parseRespInteger(buf: Buffer, start: number, end: number): number | bigint | undefined {
  const length = end - start;
  if (length <= 0 || length > MAX_INTEGER_CHARS) return undefined;
  let p = start;
  const negative = buf[p] === MINUS;
  if (negative && ++p === end) return undefined;
  const first = buf[p];
  if (first === ZERO) return length === 1 ? 0 : undefined;
  if (first < ZERO || first > NINE) return undefined;
  let value = 0;
  for (; p < end; p++) {
    const byte = buf[p];
    if (byte < ZERO || byte > NINE) return undefined;
    value = value * 10 + (byte - ZERO);
  }
  if (length - (negative ? 1 : 0) <= EXACT_DIGITS) return negative ? -value : value;
  const big = BigInt(buf.toString('latin1', start, end));
  if (big > INT64_MAX || big < INT64_MIN) return undefined;
  return big >= SAFE_MIN && big <= SAFE_MAX ? Number(big) : big;
}

/**
 * A length or count header: the integer as a Number (a bigint one is far past
 * any limit, and only its sign still matters), NaN when it is not a number.
 */
export function parseRespLength(buf: Buffer, start: number, end: number): number {
  const value = parseRespInteger(buf, start, end);
  return value === undefined ? NaN : Number(value);
}
