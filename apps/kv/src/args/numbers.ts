import { Buffer } from 'node:buffer';
import { freshBytes } from '../keyspace/own-bytes';
/**
 * Numbers in arguments and in stored strings, read as strictly as Redis reads
 * them: an integer is an optional `-` and digits with no leading zero, no `+`,
 * no spaces, within a signed 64-bit range. (Floats: see types/long-double.ts,
 * which reads and adds them as redis-server's long double does.)
 */

const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;
const ZERO = 48;
const NINE = 57;
const MINUS = 45;
// 15 digits always fit a double exactly; longer ones take the BigInt path.
const SAFE_DIGITS = 15;

/**
 * A signed 64-bit integer, or undefined if the bytes are not one. Values past
 * 2^53 come back as bigint so nothing is rounded.
 */
export function parseInt64(buf: Buffer): number | bigint | undefined {
  const length = buf.length;
  if (length === 0 || length > 20) return undefined;
  if (length === 1 && buf[0] === ZERO) return 0;
  let p = 0;
  const negative = buf[0] === MINUS;
  if (negative) {
    p = 1;
    if (length === 1) return undefined;
  }
  if (buf[p] === ZERO) return undefined;
  if (length - p <= SAFE_DIGITS) {
    let value = 0;
    for (; p < length; p++) {
      const digit = buf[p] - ZERO;
      if (digit < 0 || digit > 9) return undefined;
      value = value * 10 + digit;
    }
    return negative ? -value : value;
  }
  for (let q = p; q < length; q++) if (buf[q] < ZERO || buf[q] > NINE) return undefined;
  const big = BigInt(buf.toString('latin1'));
  if (big < INT64_MIN || big > INT64_MAX) return undefined;
  return Number.isSafeInteger(Number(big)) ? Number(big) : big;
}

/** A 64-bit integer as a JS number (rounded past 2^53), for counts, indexes and times. */
export function parseInteger(buf: Buffer): number | undefined {
  const value = parseInt64(buf);
  return typeof value === 'bigint' ? Number(value) : value;
}

export function isInt64(value: bigint): boolean {
  return value >= INT64_MIN && value <= INT64_MAX;
}

/** Adds two 64-bit integers; undefined on overflow, as Redis refuses it. */
export function addInt64(a: number | bigint, b: number | bigint): number | bigint | undefined {
  if (typeof a === 'number' && typeof b === 'number') {
    const sum = a + b;
    if (Number.isSafeInteger(sum)) return sum;
  }
  const sum = BigInt(a) + BigInt(b);
  if (!isInt64(sum)) return undefined;
  return Number.isSafeInteger(Number(sum)) ? Number(sum) : sum;
}

/**
 * An integer's decimal digits as a stored string, as Redis writes them. Digits
 * are written straight into fresh bytes: going through String(n) and
 * Buffer.from cost INCR about a tenth of its time.
 */
export function integerBytes(value: number | bigint): Buffer {
  // A number here is a safe integer: parseInt64 and addInt64 give bigints past 2^53.
  if (typeof value === 'bigint') return Buffer.from(String(value), 'latin1');
  const negative = value < 0;
  let rest = negative ? -value : value;
  let length = negative ? 2 : 1;
  for (let left = rest; left >= 10; left = Math.floor(left / 10)) length++;
  const bytes = freshBytes(length);
  for (let at = length - 1; at >= (negative ? 1 : 0); at--) {
    bytes[at] = ZERO + (rest % 10);
    rest = Math.floor(rest / 10);
  }
  if (negative) bytes[0] = MINUS;
  return bytes;
}
