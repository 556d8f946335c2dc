import type { RespReply } from '@weir/codecs';
import { parseInteger } from '../args/numbers';
import { globMatch } from '../keyspace/glob';
import { INVALID_CURSOR, NOT_INTEGER, SYNTAX } from '../reply/errors';
import { arr, bulk } from '../reply/replies';

/** HSCAN / SSCAN / ZSCAN options after the cursor: COUNT (default 10) and MATCH. */
export interface ScanOptions {
  readonly count: number;
  /** Null when every element matches (no MATCH, or MATCH *). */
  readonly match: ((element: string) => boolean) | null;
}

const CURSOR = /^([+-]?)(\d+)$/;
const UINT64_SPAN = 2n ** 64n;

/**
 * A cursor as Redis reads one (strtoul on the whole text): digits with an
 * optional sign, a `-` wrapping around as unsigned arithmetic does, nothing
 * past 2^64 - 1. Cursors beyond what the tables hand out just end the scan.
 * Returns INVALID_CURSOR's reply otherwise.
 */
export function parseScanCursor(arg: Buffer): number | RespReply {
  const parts = CURSOR.exec(arg.toString('latin1'));
  if (parts === null) return INVALID_CURSOR;
  const magnitude = BigInt(parts[2]);
  if (magnitude >= UINT64_SPAN) return INVALID_CURSOR;
  const value = parts[1] === '-' ? (UINT64_SPAN - magnitude) % UINT64_SPAN : magnitude;
  return value > BigInt(Number.MAX_SAFE_INTEGER) ? Number.MAX_SAFE_INTEGER : Number(value);
}

/** Parses `[MATCH pattern] [COUNT n]` from args[from]; an error reply if malformed. */
export function parseScanOptions(args: readonly Buffer[], from: number): ScanOptions | RespReply {
  let count = 10;
  let match: ScanOptions['match'] = null;
  for (let i = from; i < args.length; i += 2) {
    const option = args[i].toString('latin1').toLowerCase();
    if (i + 1 >= args.length) return SYNTAX;
    if (option === 'count') {
      const n = parseInteger(args[i + 1]);
      if (n === undefined) return NOT_INTEGER;
      if (n < 1) return SYNTAX;
      count = n;
    } else if (option === 'match') {
      const pattern = args[i + 1].toString('latin1');
      match = pattern === '*' ? null : (element) => globMatch(pattern, element);
    } else {
      return SYNTAX;
    }
  }
  return { count, match };
}

/** `[next-cursor, [elements...]]`, the SCAN family's reply. */
export function scanReply(next: number, items: readonly RespReply[]): RespReply {
  return arr([bulk(String(next)), arr(items)]);
}

export function isScanOptions(value: ScanOptions | RespReply): value is ScanOptions {
  return 'count' in value;
}
