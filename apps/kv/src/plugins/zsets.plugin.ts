import { Buffer } from 'node:buffer';
import { inject } from 'tsyringe';
import { Handle, Plugin, type AnyConnection, type MessageContext, type OnDisconnect } from '@weir/core';
import type { RespCommand, RespReply } from '@weir/codecs';
import { parsePopCount } from '../args/pop-count';
import { Propagation } from '../aof/propagation';
import { clientState, database } from '../client-state';
import { wrongArity } from '../reply/errors';
import { arr, bulk, emptyArray, int, nullReply, zero } from '../reply/replies';
import { scanValue } from '../types/scan-request';
import { parseFloatStrict } from '../types/score-range';
import { afterRemoval, elementBytes, lookupValue, removeEach, saveValue, sizeReply } from '../types/typed-access';
import { ZSetValue } from '../types/zset-value';
import { BlockingHost } from './blocking-host';
import { applyZAdd, NOT_A_FLOAT, parseZAdd, SCORE_NAN, type ZAddOutcome, type ZAddRequest } from './zsets-add';
import {
  NOT_FLOAT_RANGE,
  NOT_LEX_RANGE,
  parseLexRange,
  parseRangeQuery,
  parseScoreRange,
  RANGE_VARIANTS,
  runRangeQuery,
  scoredMembersReply,
} from './zsets-range';
import { formatScore, scoreReply } from './zsets-score';
import { computeAlgebra, parseAlgebra, zintercard, type ZSetOperation } from './zsets-algebra';
import { blockingZMPop, blockingZPop } from './zsets-blocking';
import { storeZSet, zmpop, zrandmember, zrangestore, zremrange } from './zsets-extra';

type Ctx = MessageContext<RespCommand, RespReply>;

const ALGEBRA: Readonly<Record<string, ZSetOperation>> = {
  ZUNION: 'union',
  ZUNIONSTORE: 'union',
  ZINTER: 'inter',
  ZINTERSTORE: 'inter',
  ZDIFF: 'diff',
  ZDIFFSTORE: 'diff',
};
const latin1 = (arg: Buffer) => arg.toString('latin1');

/**
 * Sorted set commands over ZSetValue (skip list + member table). Scores are
 * answered as Redis 7.0 prints them (zsets-score.ts); an emptied set is deleted.
 */
@Plugin({ name: 'zsets' })
export class ZSetsPlugin implements OnDisconnect {
  private readonly blocking: BlockingHost;

  constructor(@inject(Propagation) propagation: Propagation) {
    this.blocking = new BlockingHost(propagation);
  }

  @Handle('ZADD')
  zadd(args: RespCommand, ctx: Ctx): RespReply {
    const request = parseZAdd(args);
    if (!('members' in request)) return request;
    return this.add(ctx, args, request);
  }

  @Handle('ZINCRBY')
  zincrby(args: RespCommand, ctx: Ctx): RespReply {
    const increment = parseFloatStrict(latin1(args[2]));
    if (increment === null) return NOT_A_FLOAT;
    return this.add(ctx, args, {
      nx: false, xx: false, gt: false, lt: false, ch: false, incr: true,
      scores: [increment],
      members: [latin1(args[3])],
    });
  }

  @Handle('ZREM')
  zrem(args: RespCommand, ctx: Ctx): RespReply {
    return removeEach(database(ctx), args, ZSetValue, (zset, member) => zset.remove(member));
  }

  @Handle('ZSCORE')
  zscore(args: RespCommand, ctx: Ctx): RespReply {
    const zset = lookupValue(database(ctx), latin1(args[1]), ZSetValue);
    const proto = clientState(ctx).protocol;
    if (zset !== undefined && !(zset instanceof ZSetValue)) return zset;
    const score = zset?.score(latin1(args[2]));
    return score === undefined ? nullReply(proto) : scoreReply(score, proto);
  }

  @Handle('ZMSCORE')
  zmscore(args: RespCommand, ctx: Ctx): RespReply {
    const zset = lookupValue(database(ctx), latin1(args[1]), ZSetValue);
    const proto = clientState(ctx).protocol;
    if (zset !== undefined && !(zset instanceof ZSetValue)) return zset;
    const scores: RespReply[] = [];
    for (let i = 2; i < args.length; i++) {
      const score = zset?.score(latin1(args[i]));
      scores.push(score === undefined ? nullReply(proto) : scoreReply(score, proto));
    }
    return arr(scores);
  }

  @Handle('ZCARD')
  zcard(args: RespCommand, ctx: Ctx): RespReply {
    return sizeReply(database(ctx), latin1(args[1]), ZSetValue);
  }

  @Handle('ZRANK', 'ZREVRANK')
  zrank(args: RespCommand, ctx: Ctx): RespReply {
    const zset = lookupValue(database(ctx), latin1(args[1]), ZSetValue);
    const proto = clientState(ctx).protocol;
    if (zset !== undefined && !(zset instanceof ZSetValue)) return zset;
    const rank = zset?.rank(latin1(args[2]), ctx.route === 'ZREVRANK');
    return rank === undefined ? nullReply(proto) : int(rank);
  }

  @Handle('ZCOUNT')
  zcount(args: RespCommand, ctx: Ctx): RespReply {
    const range = parseScoreRange(args[2], args[3]);
    if (range === undefined) return NOT_FLOAT_RANGE;
    const zset = lookupValue(database(ctx), latin1(args[1]), ZSetValue);
    if (zset === undefined) return zero;
    return zset instanceof ZSetValue ? int(zset.countInScoreRange(range)) : zset;
  }

  @Handle('ZLEXCOUNT')
  zlexcount(args: RespCommand, ctx: Ctx): RespReply {
    const range = parseLexRange(args[2], args[3]);
    if (range === undefined) return NOT_LEX_RANGE;
    const zset = lookupValue(database(ctx), latin1(args[1]), ZSetValue);
    if (zset === undefined) return zero;
    return zset instanceof ZSetValue ? int(zset.rangeByLex(range).length) : zset;
  }

  @Handle('ZRANGE', 'ZREVRANGE', 'ZRANGEBYSCORE', 'ZREVRANGEBYSCORE', 'ZRANGEBYLEX', 'ZREVRANGEBYLEX')
  zrange(args: RespCommand, ctx: Ctx): RespReply {
    const query = parseRangeQuery(args, RANGE_VARIANTS[ctx.route]);
    if (!('by' in query)) return query;
    const zset = lookupValue(database(ctx), latin1(args[1]), ZSetValue);
    if (zset === undefined) return emptyArray;
    if (!(zset instanceof ZSetValue)) return zset;
    return scoredMembersReply(runRangeQuery(zset, query), query.withScores, clientState(ctx).protocol);
  }

  /** ZPOPMIN / ZPOPMAX: without a count, one flat member-score pair; with one, RESP3 gets pairs. */
  @Handle('ZPOPMIN', 'ZPOPMAX')
  zpop(args: RespCommand, ctx: Ctx): RespReply {
    const count = parsePopCount(args, 'syntax');
    if (typeof count === 'object') return count;
    const db = database(ctx);
    const key = latin1(args[1]);
    const zset = lookupValue(db, key, ZSetValue);
    if (zset === undefined) return emptyArray;
    if (!(zset instanceof ZSetValue)) return zset;
    const popped = zset.pop(count ?? 1, ctx.route === 'ZPOPMAX');
    if (popped.length > 0) afterRemoval(db, key, zset);
    const proto = clientState(ctx).protocol;
    if (args.length === 3) return scoredMembersReply(popped, true, proto);
    const [{ member, score }] = popped;
    return arr([bulk(elementBytes(member)), scoreReply(score, proto)]);
  }

  @Handle('ZSCAN')
  zscan(args: RespCommand, ctx: Ctx): RespReply {
    return scanValue(database(ctx), args, ZSetValue, (zset, cursor, count, emit) =>
      // Scores go as text even in RESP3, as Redis's ZSCAN sends them.
      zset.scan(cursor, count, (member, score) => emit(member, bulk(elementBytes(member)), bulk(formatScore(score)))),
    );
  }

  @Handle('ZREMRANGEBYRANK', 'ZREMRANGEBYSCORE', 'ZREMRANGEBYLEX')
  zremrange(args: RespCommand, ctx: Ctx): RespReply {
    const by = ctx.route === 'ZREMRANGEBYRANK' ? 'rank' : ctx.route === 'ZREMRANGEBYSCORE' ? 'score' : 'lex';
    return zremrange(database(ctx), args, by);
  }

  @Handle('ZRANDMEMBER')
  zrandmember(args: RespCommand, ctx: Ctx): RespReply {
    return zrandmember(database(ctx), args, clientState(ctx).protocol);
  }

  @Handle('ZRANGESTORE')
  zrangestore(args: RespCommand, ctx: Ctx): RespReply {
    const reply = zrangestore(database(ctx), args);
    this.blocking.wake(ctx, latin1(args[1]), args);
    return reply;
  }

  @Handle('ZMPOP')
  zmpop(args: RespCommand, ctx: Ctx): RespReply {
    return zmpop(database(ctx), args, clientState(ctx).protocol, wrongArity('zmpop'));
  }

  @Handle('ZUNION', 'ZINTER', 'ZDIFF', 'ZUNIONSTORE', 'ZINTERSTORE', 'ZDIFFSTORE')
  algebra(args: RespCommand, ctx: Ctx): RespReply {
    const store = ctx.route.endsWith('STORE');
    const operation = ALGEBRA[ctx.route];
    const db = database(ctx);
    const request = parseAlgebra(db, args, store ? 2 : 1, operation, store, ctx.route.toLowerCase());
    if (!('inputs' in request)) return request;
    const result = computeAlgebra(operation, request);
    if (store) {
      const reply = storeZSet(db, args[1], result);
      this.blocking.wake(ctx, latin1(args[1]), args);
      return reply;
    }
    return scoredMembersReply(result, request.withScores, clientState(ctx).protocol);
  }

  @Handle('ZINTERCARD')
  zintercard(args: RespCommand, ctx: Ctx): RespReply {
    return zintercard(database(ctx), args);
  }

  @Handle('BZPOPMIN', 'BZPOPMAX')
  bzpop(args: RespCommand, ctx: Ctx): RespReply | Promise<RespReply> {
    return blockingZPop(this.blocking.scope(ctx), args, ctx.route === 'BZPOPMAX');
  }

  @Handle('BZMPOP')
  bzmpop(args: RespCommand, ctx: Ctx): RespReply | Promise<RespReply> {
    return blockingZMPop(this.blocking.scope(ctx), args, wrongArity('bzmpop'));
  }

  onDisconnect(connection: AnyConnection): void {
    this.blocking.cancel(connection);
  }

  /** ZADD and ZINCRBY: applies the pairs, creating the set if something is added. */
  private add(ctx: Ctx, args: RespCommand, request: ZAddRequest): RespReply {
    const keyArg = args[1];
    const db = database(ctx);
    const key = latin1(keyArg);
    const found = lookupValue(db, key, ZSetValue);
    if (found !== undefined && !(found instanceof ZSetValue)) return found;
    const proto = clientState(ctx).protocol;
    const zset = found ?? new ZSetValue();
    const outcome: ZAddOutcome = { added: 0, updated: 0, score: undefined, nan: false };
    for (let i = 0; i < request.members.length && !outcome.nan; i++) {
      applyZAdd(zset, request, request.scores[i], request.members[i], outcome);
    }
    if (outcome.added + outcome.updated > 0) saveValue(db, key, zset, found === undefined);
    if (outcome.added > 0) this.blocking.wake(ctx, key, args);
    if (outcome.nan) return SCORE_NAN;
    if (request.incr) return outcome.score === undefined ? nullReply(proto) : scoreReply(outcome.score, proto);
    return int(request.ch ? outcome.added + outcome.updated : outcome.added);
  }
}
