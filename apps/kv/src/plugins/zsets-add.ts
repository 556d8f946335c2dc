import { Buffer } from 'node:buffer';
import type { RespReply } from '@weir/codecs';
import { SYNTAX } from '../reply/errors';
import { err } from '../reply/replies';
import { parseFloatStrict } from '../types/score-range';
import type { ZSetValue } from '../types/zset-value';

const XX_AND_NX = err('ERR XX and NX options at the same time are not compatible');
const GT_LT_NX = err('ERR GT, LT, and/or NX options at the same time are not compatible');
const INCR_SINGLE_PAIR = err('ERR INCR option supports a single increment-element pair');
export const NOT_A_FLOAT = err('ERR value is not a valid float');
export const SCORE_NAN = err('ERR resulting score is not a number (NaN)');

/** ZADD's flags and its score/member pairs, parsed and checked. */
export interface ZAddRequest {
  readonly nx: boolean;
  readonly xx: boolean;
  readonly gt: boolean;
  readonly lt: boolean;
  readonly ch: boolean;
  readonly incr: boolean;
  readonly scores: number[];
  readonly members: string[];
}

/**
 * Parses `ZADD key [NX|XX] [GT|LT] [CH] [INCR] score member ...` with Redis's
 * checks in Redis's order: the pair count, the incompatible flags, INCR's
 * single pair, then every score (nothing is added if one is bad).
 */
export function parseZAdd(args: readonly Buffer[]): ZAddRequest | RespReply {
  const flags = { nx: false, xx: false, gt: false, lt: false, ch: false, incr: false };
  let at = 2;
  for (; at < args.length; at++) {
    const flag = args[at].toString('latin1').toLowerCase();
    if (!(flag in flags)) break;
    flags[flag as keyof typeof flags] = true;
  }
  const elements = args.length - at;
  if (elements === 0 || elements % 2 !== 0) return SYNTAX;
  if (flags.nx && flags.xx) return XX_AND_NX;
  if ((flags.gt && flags.nx) || (flags.lt && flags.nx) || (flags.gt && flags.lt)) return GT_LT_NX;
  if (flags.incr && elements > 2) return INCR_SINGLE_PAIR;
  const scores: number[] = [];
  const members: string[] = [];
  for (let i = at; i < args.length; i += 2) {
    const score = parseFloatStrict(args[i].toString('latin1'));
    if (score === null) return NOT_A_FLOAT;
    scores.push(score);
    members.push(args[i + 1].toString('latin1'));
  }
  return { ...flags, scores, members };
}

/** What one ZADD element did: counts for the reply, and the score for INCR (undefined when skipped). */
export interface ZAddOutcome {
  added: number;
  updated: number;
  score: number | undefined;
  nan: boolean;
}

/** Applies one score/member pair under the request's flags, as Redis's zsetAdd. */
export function applyZAdd(zset: ZSetValue, request: ZAddRequest, score: number, member: string, outcome: ZAddOutcome): void {
  const current = zset.score(member);
  if (current === undefined) {
    if (request.xx) return;
    zset.add(member, score);
    outcome.added++;
    outcome.score = score;
    return;
  }
  if (request.nx) return;
  const next = request.incr ? current + score : score;
  if (Number.isNaN(next)) {
    outcome.nan = true;
    return;
  }
  if ((request.lt && next >= current) || (request.gt && next <= current)) return;
  outcome.score = next;
  if (zset.add(member, next) === 'updated') outcome.updated++;
}
