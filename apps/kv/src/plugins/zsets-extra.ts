import { Buffer } from 'node:buffer';
import type { RespReply } from '@weir/codecs';
import { isMultiPopRequest, parseMultiPop } from '../args/multi-pop';
import { parseInteger } from '../args/numbers';
import type { Database } from '../keyspace/database';
import { NOT_INTEGER, SYNTAX } from '../reply/errors';
import { arr, bulk, emptyArray, int, nullArray, nullReply, type Protocol } from '../reply/replies';
import { clampRange } from '../types/index-range';
import { parseRandomCount, randomPicks } from '../types/random-picks';
import { afterRemoval, elementBytes, lookupValue, storeResult } from '../types/typed-access';
import { ZSetValue, type ScoredMember } from '../types/zset-value';
import { NOT_FLOAT_RANGE, NOT_LEX_RANGE, parseLexRange, parseRangeQuery, parseScoreRange, RANGE_VARIANTS, runRangeQuery } from './zsets-range';
import { scoreReply } from './zsets-score';

/**
 * ZREMRANGEBY*, ZRANDMEMBER, ZRANGESTORE, ZMPOP: each takes the database and
 * the raw arguments. ZMPOP's pop and reply serve BZMPOP too (zsets-blocking.ts).
 */

const latin1 = (arg: Buffer) => arg.toString('latin1');

/** Stores a computed sorted set at `destination`, or deletes it when the result is empty; answers the size. */
export function storeZSet(db: Database, destination: Buffer, members: readonly ScoredMember[]): RespReply {
  const zset = new ZSetValue();
  for (const { member, score } of members) zset.add(member, score);
  return storeResult(db, destination, zset);
}

export function zremrange(db: Database, args: readonly Buffer[], by: 'rank' | 'score' | 'lex'): RespReply {
  let select: (zset: ZSetValue) => ScoredMember[];
  if (by === 'rank') {
    const start = parseInteger(args[2]);
    const stop = parseInteger(args[3]);
    if (start === undefined || stop === undefined) return NOT_INTEGER;
    select = (zset) => {
      const range = clampRange(start, stop, zset.size);
      return range === undefined ? [] : zset.rangeByRank(range[0], range[1]);
    };
  } else if (by === 'score') {
    const range = parseScoreRange(args[2], args[3]);
    if (range === undefined) return NOT_FLOAT_RANGE;
    select = (zset) => zset.rangeByScore(range);
  } else {
    const range = parseLexRange(args[2], args[3]);
    if (range === undefined) return NOT_LEX_RANGE;
    select = (zset) => zset.rangeByLex(range);
  }
  const key = latin1(args[1]);
  const zset = lookupValue(db, key, ZSetValue);
  if (zset === undefined) return int(0);
  if (!(zset instanceof ZSetValue)) return zset;
  const doomed = select(zset);
  for (const { member } of doomed) zset.remove(member);
  if (doomed.length > 0) afterRemoval(db, key, zset);
  return int(doomed.length);
}

export function zrandmember(db: Database, args: readonly Buffer[], proto: Protocol): RespReply {
  const withScores = args.length === 4 && latin1(args[3]).toUpperCase() === 'WITHSCORES';
  if (args.length > 4 || (args.length === 4 && !withScores)) return SYNTAX;
  const count = args.length >= 3 ? parseRandomCount(args[2]) : undefined;
  if (count !== undefined && typeof count !== 'number') return count;
  const zset = lookupValue(db, latin1(args[1]), ZSetValue);
  if (zset !== undefined && !(zset instanceof ZSetValue)) return zset;
  if (count === undefined) {
    const member = zset?.randomKey();
    return member === undefined ? nullReply(proto) : bulk(elementBytes(member));
  }
  if (zset === undefined) return emptyArray;
  const items: RespReply[] = [];
  for (const member of randomPicks(zset, count)) {
    const name = bulk(elementBytes(member));
    if (!withScores) items.push(name);
    else if (proto === 3) items.push(arr([name, scoreReply(zset.score(member) as number, 3)]));
    else items.push(name, scoreReply(zset.score(member) as number, 2));
  }
  return arr(items);
}

/** ZRANGESTORE destination source min max [BYSCORE|BYLEX] [REV] [LIMIT offset count]. */
export function zrangestore(db: Database, args: readonly Buffer[]): RespReply {
  const query = parseRangeQuery(args.slice(1), RANGE_VARIANTS.ZRANGESTORE);
  if (!('by' in query)) return query;
  const source = lookupValue(db, latin1(args[2]), ZSetValue);
  if (source !== undefined && !(source instanceof ZSetValue)) return source;
  return storeZSet(db, args[1], source === undefined ? [] : runRangeQuery(source, query));
}

/** MIN or MAX (any case), the end ZMPOP and BZMPOP pop from; undefined otherwise. */
export function parseMinMax(arg: Buffer): 'min' | 'max' | undefined {
  const word = latin1(arg).toUpperCase();
  return word === 'MIN' ? 'min' : word === 'MAX' ? 'max' : undefined;
}

/** What a pop from the first non-empty sorted set took, and from which key. */
export interface ZSetPop {
  readonly key: Buffer;
  readonly popped: readonly ScoredMember[];
}

/**
 * Pops `count` members from the first non-empty sorted set of `keys` (deleting
 * it if emptied); WRONGTYPE's reply for another type first in line; undefined
 * when every set is empty.
 */
export function popFirstZSet(db: Database, keys: readonly Buffer[], fromMax: boolean, count: number): ZSetPop | RespReply | undefined {
  for (const keyArg of keys) {
    const key = latin1(keyArg);
    const zset = lookupValue(db, key, ZSetValue);
    if (zset === undefined) continue;
    if (!(zset instanceof ZSetValue)) return zset;
    const popped = zset.pop(count, fromMax);
    afterRemoval(db, key, zset);
    return { key: keyArg, popped };
  }
  return undefined;
}

/** ZMPOP's and BZMPOP's `[key, [[member, score], ...]]`: pairs in both protocols, nested even in RESP2. */
export function keyAndPairsReply({ key, popped }: ZSetPop, proto: Protocol): RespReply {
  return arr([bulk(key), arr(popped.map(({ member, score }) => arr([bulk(elementBytes(member)), scoreReply(score, proto)])))]);
}

/** ZMPOP numkeys key [key ...] MIN|MAX [COUNT count]: pops from the first non-empty sorted set. */
export function zmpop(db: Database, args: readonly Buffer[], proto: Protocol, arityError: RespReply): RespReply {
  const request = parseMultiPop(args, 1, parseMinMax, arityError);
  if (!isMultiPopRequest(request)) return request;
  const taken = popFirstZSet(db, request.keys, request.end === 'max', request.count);
  if (taken === undefined) return nullArray(proto);
  return 'popped' in taken ? keyAndPairsReply(taken, proto) : taken;
}
