import { Buffer } from 'node:buffer';
const NUL = 0;
const TAB = 9;
const LF = 10;
const CR = 13;
const SPACE = 32;
const DOUBLE_QUOTE = 34;
const SINGLE_QUOTE = 39;
const BACKSLASH = 92;
const LOWER_X = 120;

/**
 * Splits an inline command line (`SET key "hello world"`) into arguments the
 * way redis-server does (sds.c, sdssplitargs):
 *
 * - arguments are separated by whitespace;
 * - `"..."` understands `\n \r \t \b \a`, `\xHH`, and `\<c>` for any other c;
 * - `'...'` understands only `\'`;
 * - a quote may open in the middle of an argument (`a"b c"` is `ab c`), but a
 *   closing quote must be followed by whitespace or the end of the line;
 * - a NUL byte ends the line (sdssplitargs reads a C string).
 *
 * Returns `null` for unbalanced quotes. Unquoted arguments are slices of `line`.
 */
export function splitInlineArgs(line: Buffer, start = 0, end = line.length): Buffer[] | null {
  const args: Buffer[] = [];
  let p = start;
  for (;;) {
    while (p < end && isBlank(line[p])) p++;
    if (p === end || line[p] === NUL) return args;
    const tokenStart = p;
    while (p < end && !endsPlainRun(line[p])) p++;
    const stop = p < end ? line[p] : NUL;
    if (stop !== DOUBLE_QUOTE && stop !== SINGLE_QUOTE) {
      args.push(line.subarray(tokenStart, p));
      if (stop === NUL) return args;
      p++;
      continue;
    }
    const quoted = readQuotedToken(line, tokenStart, p, end);
    if (quoted === null) return null;
    args.push(quoted.token);
    p = quoted.next;
  }
}

interface QuotedToken {
  readonly token: Buffer;
  /** Where to go on: just after the closing quote. */
  readonly next: number;
}

interface QuotedBody {
  /** Index of the closing quote. */
  readonly close: number;
  /** Bytes of `out` filled so far. */
  readonly length: number;
}

/** The slow path: a token with a quote in it (at `quoteAt`), decoded into fresh bytes. */
function readQuotedToken(line: Buffer, tokenStart: number, quoteAt: number, end: number): QuotedToken | null {
  // Decoding only ever shrinks the text, so the token fits in its source's length.
  const out = Buffer.allocUnsafe(end - tokenStart);
  const prefix = line.copy(out, 0, tokenStart, quoteAt);
  const body =
    line[quoteAt] === DOUBLE_QUOTE
      ? readDoubleQuoted(line, quoteAt + 1, end, out, prefix)
      : readSingleQuoted(line, quoteAt + 1, end, out, prefix);
  if (body === null) return null;
  const next = body.close + 1;
  if (next < end && line[next] !== NUL && !isBlank(line[next])) return null;
  return { token: out.subarray(0, body.length), next };
}

/** Decodes a "..." body that starts at `p`, appending to `out` from `n`. */
function readDoubleQuoted(line: Buffer, p: number, end: number, out: Buffer, n: number): QuotedBody | null {
  while (p < end && line[p] !== NUL) {
    const byte = line[p];
    if (byte === DOUBLE_QUOTE) return { close: p, length: n };
    if (byte === BACKSLASH && p + 3 < end && line[p + 1] === LOWER_X && isHex(line[p + 2]) && isHex(line[p + 3])) {
      out[n++] = (hexValue(line[p + 2]) << 4) | hexValue(line[p + 3]);
      p += 4;
    } else if (byte === BACKSLASH && p + 1 < end && line[p + 1] !== NUL) {
      out[n++] = unescape(line[p + 1]);
      p += 2;
    } else {
      out[n++] = byte;
      p++;
    }
  }
  return null;
}

/** Decodes a '...' body that starts at `p`, appending to `out` from `n`. */
function readSingleQuoted(line: Buffer, p: number, end: number, out: Buffer, n: number): QuotedBody | null {
  while (p < end && line[p] !== NUL) {
    const byte = line[p];
    if (byte === BACKSLASH && p + 1 < end && line[p + 1] === SINGLE_QUOTE) {
      out[n++] = SINGLE_QUOTE;
      p += 2;
    } else if (byte === SINGLE_QUOTE) {
      return { close: p, length: n };
    } else {
      out[n++] = byte;
      p++;
    }
  }
  return null;
}

function unescape(byte: number): number {
  switch (byte) {
    case 110: // n
      return LF;
    case 114: // r
      return CR;
    case 116: // t
      return TAB;
    case 98: // b
      return 8;
    case 97: // a
      return 7;
    default:
      return byte;
  }
}

/** C's isspace in the C locale: space, \t, \n, \v, \f, \r. */
function isBlank(byte: number): boolean {
  return byte === SPACE || (byte >= TAB && byte <= CR);
}

// Outside quotes only these end an argument or open a quote; \v and \f do not
// (they are skipped between arguments but kept inside one), as in sdssplitargs.
function endsPlainRun(byte: number): boolean {
  return (
    byte === SPACE ||
    byte === TAB ||
    byte === LF ||
    byte === CR ||
    byte === NUL ||
    byte === DOUBLE_QUOTE ||
    byte === SINGLE_QUOTE
  );
}

function isHex(byte: number): boolean {
  return (byte >= 48 && byte <= 57) || (byte >= 97 && byte <= 102) || (byte >= 65 && byte <= 70);
}

function hexValue(byte: number): number {
  return byte <= 57 ? byte - 48 : (byte | 0x20) - 87;
}
