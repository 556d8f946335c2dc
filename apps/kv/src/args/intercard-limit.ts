import { Buffer } from 'node:buffer';
import type { RespReply } from '@weir/codecs';
import { SYNTAX } from '../reply/errors';
import { err } from '../reply/replies';
import { parseInteger } from './numbers';

const LIMIT_NEGATIVE = err("ERR LIMIT can't be negative");

/**
 * SINTERCARD's and ZINTERCARD's `[LIMIT limit]`, after the keys at args[from]:
 * the limit (0, no limit, when absent) or the error reply. A repeated LIMIT
 * counts the last, as in Redis.
 */
export function parseIntercardLimit(args: readonly Buffer[], from: number): number | RespReply {
  let limit = 0;
  for (let i = from; i < args.length; i += 2) {
    if (args[i].toString('latin1').toUpperCase() !== 'LIMIT' || i + 1 >= args.length) return SYNTAX;
    const value = parseInteger(args[i + 1]);
    if (value === undefined || value < 0) return LIMIT_NEGATIVE;
    limit = value;
  }
  return limit;
}
