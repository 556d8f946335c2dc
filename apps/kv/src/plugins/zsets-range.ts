import { Buffer } from 'node:buffer';
import type { RespReply } from '@weir/codecs';
import { parseInteger } from '../args/numbers';
import { NOT_INTEGER, SYNTAX } from '../reply/errors';
import { arr, bulk, err, type Protocol } from '../reply/replies';
import { clampRange } from '../types/index-range';
import { parseLexBound, type LexRange } from '../types/lex-range';
import { parseScoreBound, type ScoreRange } from '../types/score-range';
import { elementBytes } from '../types/typed-access';
import type { RangeLimit, ScoredMember, ZSetValue } from '../types/zset-value';
import { scoreReply } from './zsets-score';

export const NOT_FLOAT_RANGE = err('ERR min or max is not a float');
export const NOT_LEX_RANGE = err('ERR min or max not valid string range item');
const LIMIT_NEEDS_BY = err('ERR syntax error, LIMIT is only supported in combination with either BYSCORE or BYLEX');
const WITHSCORES_WITH_BYLEX = err('ERR syntax error, WITHSCORES not supported in combination with BYLEX');

/** One ZRANGE-family query, parsed and checked, ready to run against a sorted set. */
export type RangeQuery =
  | { readonly by: 'rank'; readonly start: number; readonly stop: number; readonly reverse: boolean; readonly withScores: boolean }
  | { readonly by: 'score'; readonly range: ScoreRange; readonly reverse: boolean; readonly withScores: boolean; readonly limit: RangeLimit | undefined }
  | { readonly by: 'lex'; readonly range: LexRange; readonly reverse: boolean; readonly withScores: false; readonly limit: RangeLimit | undefined };

interface Variant {
  readonly by: 'rank' | 'score' | 'lex' | 'auto';
  readonly reverse: boolean;
  /** ZRANGE (and ZRANGESTORE) alone take REV, BYSCORE and BYLEX. */
  readonly options: boolean;
  /** ZRANGESTORE takes no WITHSCORES. */
  readonly store?: boolean;
}

/** The ZRANGE family, by route key: each is ZRANGE with some options fixed. */
export const RANGE_VARIANTS: Readonly<Record<string, Variant>> = {
  ZRANGE: { by: 'auto', reverse: false, options: true },
  ZREVRANGE: { by: 'rank', reverse: true, options: false },
  ZRANGEBYSCORE: { by: 'score', reverse: false, options: false },
  ZREVRANGEBYSCORE: { by: 'score', reverse: true, options: false },
  ZRANGEBYLEX: { by: 'lex', reverse: false, options: false },
  ZREVRANGEBYLEX: { by: 'lex', reverse: true, options: false },
  /** Given ZRANGESTORE's arguments from the source key on (`args.slice(1)`). */
  ZRANGESTORE: { by: 'auto', reverse: false, options: true, store: true },
};

/**
 * Parses `key min max [BYSCORE|BYLEX] [REV] [LIMIT offset count] [WITHSCORES]`
 * in Redis's order: options first (REV and BY... at most once, LIMIT and
 * WITHSCORES as often as given, the last LIMIT winning), then the option
 * combinations, then the bounds (swapped for the reverse score and lex forms,
 * which name max before min). Returns the query or the error reply.
 */
export function parseRangeQuery(args: readonly Buffer[], variant: Variant): RangeQuery | RespReply {
  let by = variant.by;
  let reverse = variant.reverse;
  let withScores = false;
  let limit: RangeLimit | undefined;
  for (let i = 4; i < args.length; i++) {
    const option = args[i].toString('latin1').toLowerCase();
    const left = args.length - i - 1;
    if (option === 'withscores' && variant.store !== true) {
      withScores = true;
    } else if (option === 'limit' && left >= 2) {
      const offset = parseInteger(args[i + 1]);
      const count = parseInteger(args[i + 2]);
      if (offset === undefined || count === undefined) return NOT_INTEGER;
      limit = { offset, count };
      i += 2;
    } else if (variant.options && option === 'rev' && !reverse) {
      reverse = true;
    } else if (variant.options && option === 'byscore' && by === 'auto') {
      by = 'score';
    } else if (variant.options && option === 'bylex' && by === 'auto') {
      by = 'lex';
    } else {
      return SYNTAX;
    }
  }
  if (by === 'auto') by = 'rank';
  if (limit !== undefined && by === 'rank') return LIMIT_NEEDS_BY;
  if (withScores && by === 'lex') return WITHSCORES_WITH_BYLEX;
  const [first, second] = reverse && by !== 'rank' ? [args[3], args[2]] : [args[2], args[3]];
  if (by === 'rank') {
    const start = parseInteger(first);
    const stop = parseInteger(second);
    if (start === undefined || stop === undefined) return NOT_INTEGER;
    return { by, start, stop, reverse, withScores };
  }
  if (by === 'score') {
    const range = parseScoreRange(first, second);
    return range === undefined ? NOT_FLOAT_RANGE : { by, range, reverse, withScores, limit };
  }
  const range = parseLexRange(first, second);
  return range === undefined ? NOT_LEX_RANGE : { by, range, reverse, withScores: false, limit };
}

export function parseScoreRange(minArg: Buffer, maxArg: Buffer): ScoreRange | undefined {
  const min = parseScoreBound(minArg.toString('latin1'));
  const max = parseScoreBound(maxArg.toString('latin1'));
  if (min === null || max === null) return undefined;
  return { min: min.value, max: max.value, minExclusive: min.exclusive, maxExclusive: max.exclusive };
}

export function parseLexRange(minArg: Buffer, maxArg: Buffer): LexRange | undefined {
  const min = parseLexBound(minArg.toString('latin1'));
  const max = parseLexBound(maxArg.toString('latin1'));
  return min === null || max === null ? undefined : { min, max };
}

/** Runs a query: the members it selects, in reply order. */
export function runRangeQuery(zset: ZSetValue, query: RangeQuery): ScoredMember[] {
  if (query.by === 'rank') {
    const range = clampRange(query.start, query.stop, zset.size);
    return range === undefined ? [] : zset.rangeByRank(range[0], range[1], query.reverse);
  }
  // A negative LIMIT offset selects nothing, as in Redis.
  if (query.limit !== undefined && query.limit.offset < 0) return [];
  if (query.by === 'score') return zset.rangeByScore(query.range, query.reverse, query.limit);
  return zset.rangeByLex(query.range, query.reverse, query.limit);
}

/**
 * Members, with their scores when asked: flat `member, score, ...` in RESP2,
 * `[member, score]` pairs with double scores in RESP3, as Redis 7 answers.
 */
export function scoredMembersReply(members: readonly ScoredMember[], withScores: boolean, proto: Protocol): RespReply {
  const items: RespReply[] = [];
  for (const { member, score } of members) {
    const name = bulk(elementBytes(member));
    if (!withScores) items.push(name);
    else if (proto === 3) items.push(arr([name, scoreReply(score, 3)]));
    else items.push(name, scoreReply(score, 2));
  }
  return arr(items);
}
