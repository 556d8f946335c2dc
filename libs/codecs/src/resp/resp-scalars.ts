import { Buffer } from 'node:buffer';
import { RespProtocolErrors as Errors } from './resp-protocol-errors';

/**
 * The text forms of the RESP3 scalars that are not plain integers:
 * booleans (`#t`), doubles (`,1.5`, `,inf`) and big numbers (`(123...`).
 */

const PLUS = 43;
const MINUS = 45;
const DOT = 46;
const ZERO = 48;
const NINE = 57;
const UPPER_E = 69;
const LOWER_E = 101;
const LOWER_F = 102;
const LOWER_T = 116;
// Longer than any double's shortest form: %.17g or fpconv gives at most ~24.
const MAX_DOUBLE_CHARS = 64;

export function parseRespBoolean(buf: Buffer, start: number, end: number): boolean {
  if (end - start === 1) {
    if (buf[start] === LOWER_T) return true;
    if (buf[start] === LOWER_F) return false;
  }
  throw Errors.invalidReplyValue('boolean');
}

/** `inf`, `-inf`, `nan` (any case, as strtod takes them) or a decimal number. */
export function parseRespDouble(buf: Buffer, start: number, end: number): number {
  const length = end - start;
  if (length === 0 || length > MAX_DOUBLE_CHARS) throw Errors.invalidReplyValue('double');
  const text = buf.toString('latin1', start, end);
  switch (text.toLowerCase()) {
    case 'inf':
    case '+inf':
      return Infinity;
    case '-inf':
      return -Infinity;
    case 'nan':
    case '-nan':
      return NaN;
  }
  // Number() alone would also take spaces, hex and "Infinity".
  for (let p = start; p < end; p++) {
    const byte = buf[p];
    const allowed =
      (byte >= ZERO && byte <= NINE) || byte === DOT || byte === MINUS || byte === PLUS || byte === LOWER_E || byte === UPPER_E;
    if (!allowed) throw Errors.invalidReplyValue('double');
  }
  const value = Number(text);
  if (Number.isNaN(value)) throw Errors.invalidReplyValue('double');
  return value;
}

export function parseRespBigNumber(buf: Buffer, start: number, end: number): bigint {
  let p = start;
  if (p < end && (buf[p] === MINUS || buf[p] === PLUS)) p++;
  if (p === end) throw Errors.invalidReplyValue('big number');
  for (; p < end; p++) {
    if (buf[p] < ZERO || buf[p] > NINE) throw Errors.invalidReplyValue('big number');
  }
  return BigInt(buf.toString('latin1', start, end));
}

/** The RESP3 text of a double: shortest round-trip digits, `inf`, `-inf`, `nan`, and `-0` kept. */
export function formatRespDouble(value: number): string {
  if (Number.isFinite(value)) return value === 0 && 1 / value < 0 ? '-0' : String(value);
  return Number.isNaN(value) ? 'nan' : value > 0 ? 'inf' : '-inf';
}
