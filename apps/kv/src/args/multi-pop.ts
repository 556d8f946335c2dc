import { Buffer } from 'node:buffer';
import type { RespReply } from '@weir/codecs';
import { SYNTAX } from '../reply/errors';
import { err } from '../reply/replies';
import { parseInteger } from './numbers';

const NUMKEYS = err('ERR numkeys should be greater than 0');
const COUNT_POSITIVE = err('ERR count should be greater than 0');

/** What LMPOP, BLMPOP, ZMPOP and BZMPOP ask for: the keys in order, which end to pop from, how many. */
export interface MultiPopRequest<End> {
  readonly keys: readonly Buffer[];
  readonly end: End;
  readonly count: number;
}

/**
 * Parses `numkeys key [key ...] END [COUNT count]` from args[at], where
 * `parseEnd` reads the END word (LEFT|RIGHT, MIN|MAX) and undefined is a
 * syntax error; too few arguments for numkeys keys answer `arityError`.
 */
export function parseMultiPop<End>(
  args: readonly Buffer[],
  at: number,
  parseEnd: (arg: Buffer) => End | undefined,
  arityError: RespReply,
): MultiPopRequest<End> | RespReply {
  const numkeys = parseInteger(args[at]);
  if (numkeys === undefined || numkeys < 1) return NUMKEYS;
  if (numkeys > args.length - at - 2) return arityError;
  const end = parseEnd(args[at + 1 + numkeys]);
  if (end === undefined) return SYNTAX;
  let count: number | undefined;
  for (let i = at + 2 + numkeys; i < args.length; i += 2) {
    if (args[i].toString('latin1').toUpperCase() !== 'COUNT' || i + 1 >= args.length || count !== undefined) return SYNTAX;
    const value = parseInteger(args[i + 1]);
    if (value === undefined || value < 1) return COUNT_POSITIVE;
    count = value;
  }
  return { keys: args.slice(at + 1, at + 1 + numkeys), end, count: count ?? 1 };
}

export function isMultiPopRequest<End>(parsed: MultiPopRequest<End> | RespReply): parsed is MultiPopRequest<End> {
  return 'keys' in parsed;
}
