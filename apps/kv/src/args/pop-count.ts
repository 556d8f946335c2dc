import { Buffer } from 'node:buffer';
import type { RespReply } from '@weir/codecs';
import { SYNTAX, wrongArity } from '../reply/errors';
import { err } from '../reply/replies';
import { parseInt64 } from './numbers';

const MUST_BE_POSITIVE = err('ERR value is out of range, must be positive');

/**
 * The optional count of LPOP, RPOP, SPOP, ZPOPMIN and ZPOPMAX (`key [count]`):
 * a non-negative integer, undefined when there is none, or the error reply.
 * An argument more is refused as `tooMany` says: Redis answers the list pops
 * with an arity error, SPOP and ZPOPMIN with a syntax error.
 */
export function parsePopCount(args: readonly Buffer[], tooMany: 'arity' | 'syntax'): number | undefined | RespReply {
  if (args.length > 3) return tooMany === 'arity' ? wrongArity(args[0].toString('latin1')) : SYNTAX;
  if (args.length < 3) return undefined;
  const parsed = parseInt64(args[2]);
  if (parsed === undefined || parsed < 0) return MUST_BE_POSITIVE;
  return Number(parsed);
}
