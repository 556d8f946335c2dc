import { Buffer } from 'node:buffer';
import type { RespReply } from '@weir/codecs';
import { parseInteger } from '../args/numbers';
import type { Database } from '../keyspace/database';
import { globMatch } from '../keyspace/glob';
import type { TypedValue } from '../keyspace/stored-value';
import { INVALID_CURSOR, NOT_INTEGER, SYNTAX } from '../reply/errors';
import { arr, bulk } from '../reply/replies';
import { isWrongType, lookupValue, type ValueClass } from './typed-access';

/** The SCAN family's options after the cursor: COUNT (default 10), MATCH, and SCAN's own TYPE. */
export interface ScanOptions {
  readonly count: number;
  /** Null when every element matches (no MATCH, or MATCH *). */
  readonly match: ((element: string) => boolean) | null;
  /** SCAN's TYPE, lower case; undefined when not asked for. */
  readonly type: string | undefined;
}

/** `[next-cursor, [elements...]]`, the SCAN family's reply. */
export function scanReply(next: number, items: readonly RespReply[]): RespReply {
  return arr([bulk(String(next)), arr(items)]);
}

const EMPTY_SCAN = scanReply(0, []);

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

/** Parses `[MATCH pattern] [COUNT n]`, and `[TYPE type]` if `withType`, from args[from]; an error reply if malformed. */
export function parseScanOptions(args: readonly Buffer[], from: number, withType = false): ScanOptions | RespReply {
  let count = 10;
  let match: ScanOptions['match'] = null;
  let type: string | undefined;
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
    } else if (option === 'type' && withType) {
      type = args[i + 1].toString('latin1').toLowerCase();
    } else {
      return SYNTAX;
    }
  }
  return { count, match, type };
}


export function isScanOptions(value: ScanOptions | RespReply): value is ScanOptions {
  return 'count' in value;
}

/**
 * HSCAN, SSCAN and ZSCAN (`key cursor [MATCH pattern] [COUNT count]`) over a
 * value of class `kind`: `walk` scans it from the cursor and calls `emit` with
 * each element's name and the replies it adds, which MATCH keeps or drops.
 */
export function scanValue<T extends TypedValue>(
  db: Database,
  args: readonly Buffer[],
  kind: ValueClass<T>,
  walk: (value: T, cursor: number, count: number, emit: (element: string, ...replies: RespReply[]) => void) => number,
): RespReply {
  const cursor = parseScanCursor(args[2]);
  if (typeof cursor !== 'number') return cursor;
  const value = lookupValue(db, args[1].toString('latin1'), kind);
  // As in Redis, a missing key answers an empty scan before the options are read.
  if (value === undefined) return EMPTY_SCAN;
  if (isWrongType(value, kind)) return value;
  const options = parseScanOptions(args, 3);
  if (!isScanOptions(options)) return options;
  const items: RespReply[] = [];
  const next = walk(value, cursor, options.count, (element, ...replies) => {
    if (options.match === null || options.match(element)) items.push(...replies);
  });
  return scanReply(next, items);
}
