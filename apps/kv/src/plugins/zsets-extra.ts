import type { RespReply } from '@weir/codecs';
import { parseInteger } from '../args/numbers';
import type { Database } from '../keyspace/database';
import { NOT_INTEGER, SYNTAX } from '../reply/errors';
import { arr, bulk, emptyArray, err, int, nullArray, nullReply, type Protocol } from '../reply/replies';
import { clampRange } from '../types/index-range';
import { parseRandomCount, randomPicks } from '../types/random-picks';
import { elementBytes, lookupValue } from '../types/typed-access';
import { ZSetValue, type ScoredMember } from '../types/zset-value';
import { NOT_FLOAT_RANGE, NOT_LEX_RANGE, parseLexRange, parseRangeQuery, parseScoreRange, RANGE_VARIANTS, runRangeQuery } from './zsets-range';
import { scoreReply } from './zsets-score';

/** ZREMRANGEBY*, ZRANDMEMBER, ZRANGESTORE, ZMPOP: each takes the database and the raw arguments. */

const NUMKEYS = err('ERR numkeys should be greater than 0');
const COUNT_POSITIVE = err('ERR count should be greater than 0');

const latin1 = (arg: Buffer) => arg.toString('latin1');

/** Stores a computed sorted set at `destination`, or deletes it when the result is empty; answers the size. */
export function storeZSet(db: Database, destination: Buffer, members: readonly ScoredMember[]): RespReply {
  const key = latin1(destination);
  if (members.length === 0) {
    db.delete(key);
    return int(0);
  }
  const zset = new ZSetValue();
  for (const { member, score } of members) zset.add(member, score);
  db.set(key, zset);
  return int(zset.size);
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
  if (doomed.length > 0) {
    if (zset.size === 0) db.delete(key);
    else db.touched(key);
  }
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

/** ZMPOP numkeys key [key ...] MIN|MAX [COUNT count]: pops from the first non-empty sorted set. */
export function zmpop(db: Database, args: readonly Buffer[], proto: Protocol, arityError: RespReply): RespReply {
  const numkeys = parseInteger(args[1]);
  if (numkeys === undefined || numkeys < 1) return NUMKEYS;
  if (numkeys > args.length - 3) return arityError;
  const end = latin1(args[2 + numkeys]).toUpperCase();
  if (end !== 'MIN' && end !== 'MAX') return SYNTAX;
  let count: number | undefined;
  for (let i = 3 + numkeys; i < args.length; i += 2) {
    if (latin1(args[i]).toUpperCase() !== 'COUNT' || i + 1 >= args.length || count !== undefined) return SYNTAX;
    const value = parseInteger(args[i + 1]);
    if (value === undefined || value < 1) return COUNT_POSITIVE;
    count = value;
  }
  for (let i = 2; i < 2 + numkeys; i++) {
    const key = latin1(args[i]);
    const zset = lookupValue(db, key, ZSetValue);
    if (zset === undefined) continue;
    if (!(zset instanceof ZSetValue)) return zset;
    const popped = zset.pop(count ?? 1, end === 'MAX');
    if (zset.size === 0) db.delete(key);
    else db.touched(key);
    // Pairs in both protocols: ZMPOP's reply nests them even in RESP2.
    return arr([bulk(args[i]), arr(popped.map(({ member, score }) => arr([bulk(elementBytes(member)), scoreReply(score, proto)])))]);
  }
  return nullArray(proto);
}
