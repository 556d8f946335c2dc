import { Buffer } from 'node:buffer';
import { inject } from 'tsyringe';
import { Handle, Plugin, type AnyConnection, type MessageContext, type OnDisconnect } from '@weir/core';
import type { RespCommand, RespReply } from '@weir/codecs';
import { parseInteger } from '../args/numbers';
import { parsePopCount } from '../args/pop-count';
import { Propagation } from '../aof/propagation';
import { clientState, database } from '../client-state';
import { NO_SUCH_KEY, NOT_INTEGER, SYNTAX, wrongArity } from '../reply/errors';
import { arr, bulk, emptyArray, err, int, nullArray, nullReply, ok, zero } from '../reply/replies';
import { clampRange } from '../types/index-range';
import { ListValue } from '../types/list-value';
import { afterRemoval, lookupValue, saveValue, sizeReply } from '../types/typed-access';
import { BlockingHost } from './blocking-host';
import { blockingMove, blockingMultiPop, blockingPop } from './lists-blocking-commands';
import { linsert, lmove, lmpop, lpos, parseEnd } from './lists-extra';

type Ctx = MessageContext<RespCommand, RespReply>;

const INDEX_OUT_OF_RANGE = err('ERR index out of range');

const latin1 = (arg: Buffer) => arg.toString('latin1');

/**
 * List commands over ListValue's ring buffer. Indexes follow Redis: negative
 * ones count from the tail (-1 is the last), ranges are clamped to the list.
 * An emptied list is deleted. LINSERT, LPOS, LMOVE and LMPOP live in lists-extra.ts.
 */
@Plugin({ name: 'lists' })
export class ListsPlugin implements OnDisconnect {
  private readonly blocking: BlockingHost;

  constructor(@inject(Propagation) propagation: Propagation) {
    this.blocking = new BlockingHost(propagation);
  }

  @Handle('LPUSH', 'RPUSH', 'LPUSHX', 'RPUSHX')
  push(args: RespCommand, ctx: Ctx): RespReply {
    const db = database(ctx);
    const key = latin1(args[1]);
    const found = lookupValue(db, key, ListValue);
    if (found !== undefined && !(found instanceof ListValue)) return found;
    const onlyIfExists = ctx.route.endsWith('X');
    if (found === undefined && onlyIfExists) return zero;
    const list = found ?? new ListValue();
    const atHead = ctx.route.startsWith('L');
    for (let i = 2; i < args.length; i++) {
      // The list copies the bytes in: the argument may be a view of the socket read.
      if (atHead) list.pushFront(args[i]);
      else list.pushBack(args[i]);
    }
    saveValue(db, key, list, found === undefined);
    const reply = int(list.size);
    this.blocking.wake(ctx, key, args);
    return reply;
  }

  @Handle('LPOP', 'RPOP')
  pop(args: RespCommand, ctx: Ctx): RespReply {
    const count = parsePopCount(args, 'arity');
    if (typeof count === 'object') return count;
    const db = database(ctx);
    const key = latin1(args[1]);
    const list = lookupValue(db, key, ListValue);
    const proto = clientState(ctx).protocol;
    if (list === undefined) return count === undefined ? nullReply(proto) : nullArray(proto);
    if (!(list instanceof ListValue)) return list;
    const fromHead = ctx.route === 'LPOP';
    if (count === undefined) {
      const item = (fromHead ? list.popFront() : list.popBack()) as Buffer;
      afterRemoval(db, key, list);
      return bulk(item);
    }
    if (count === 0) return emptyArray;
    const items: RespReply[] = [];
    for (let n = Math.min(count, list.size); n > 0; n--) items.push(bulk((fromHead ? list.popFront() : list.popBack()) as Buffer));
    afterRemoval(db, key, list);
    return arr(items);
  }

  @Handle('LLEN')
  llen(args: RespCommand, ctx: Ctx): RespReply {
    return sizeReply(database(ctx), latin1(args[1]), ListValue);
  }

  @Handle('LRANGE')
  lrange(args: RespCommand, ctx: Ctx): RespReply {
    const start = parseInteger(args[2]);
    const stop = parseInteger(args[3]);
    if (start === undefined || stop === undefined) return NOT_INTEGER;
    const list = lookupValue(database(ctx), latin1(args[1]), ListValue);
    if (list === undefined) return emptyArray;
    if (!(list instanceof ListValue)) return list;
    const range = clampRange(start, stop, list.size);
    if (range === undefined) return emptyArray;
    return arr(list.slice(range[0], range[1]).map(bulk));
  }

  @Handle('LINDEX')
  lindex(args: RespCommand, ctx: Ctx): RespReply {
    const list = lookupValue(database(ctx), latin1(args[1]), ListValue);
    const proto = clientState(ctx).protocol;
    // As in Redis, a missing key answers null before the index is read.
    if (list === undefined) return nullReply(proto);
    if (!(list instanceof ListValue)) return list;
    const index = parseInteger(args[2]);
    if (index === undefined) return NOT_INTEGER;
    const at = index < 0 ? list.size + index : index;
    return at < 0 || at >= list.size ? nullReply(proto) : bulk(list.at(at));
  }

  @Handle('LSET')
  lset(args: RespCommand, ctx: Ctx): RespReply {
    const db = database(ctx);
    const key = latin1(args[1]);
    const list = lookupValue(db, key, ListValue);
    if (list === undefined) return NO_SUCH_KEY;
    if (!(list instanceof ListValue)) return list;
    const index = parseInteger(args[2]);
    if (index === undefined) return NOT_INTEGER;
    const at = index < 0 ? list.size + index : index;
    if (at < 0 || at >= list.size) return INDEX_OUT_OF_RANGE;
    list.setAt(at, args[3]);
    db.touched(key);
    return ok;
  }

  @Handle('LREM')
  lrem(args: RespCommand, ctx: Ctx): RespReply {
    const count = parseInteger(args[2]);
    if (count === undefined) return NOT_INTEGER;
    const db = database(ctx);
    const key = latin1(args[1]);
    const list = lookupValue(db, key, ListValue);
    if (list === undefined) return zero;
    if (!(list instanceof ListValue)) return list;
    const removed = list.remove(args[3], count);
    if (removed > 0) afterRemoval(db, key, list);
    return int(removed);
  }

  @Handle('LTRIM')
  ltrim(args: RespCommand, ctx: Ctx): RespReply {
    const start = parseInteger(args[2]);
    const stop = parseInteger(args[3]);
    if (start === undefined || stop === undefined) return NOT_INTEGER;
    const db = database(ctx);
    const key = latin1(args[1]);
    const list = lookupValue(db, key, ListValue);
    if (list === undefined) return ok;
    if (!(list instanceof ListValue)) return list;
    const range = clampRange(start, stop, list.size);
    if (range === undefined) list.trim(1, 0);
    else if (range[0] === 0 && range[1] === list.size - 1) return ok;
    else list.trim(range[0], range[1]);
    afterRemoval(db, key, list);
    return ok;
  }

  @Handle('LINSERT')
  linsert(args: RespCommand, ctx: Ctx): RespReply {
    return linsert(database(ctx), args);
  }

  @Handle('LPOS')
  lpos(args: RespCommand, ctx: Ctx): RespReply {
    return lpos(database(ctx), args, clientState(ctx).protocol);
  }

  @Handle('LMOVE', 'RPOPLPUSH')
  lmove(args: RespCommand, ctx: Ctx): RespReply {
    const from = ctx.route === 'LMOVE' ? parseEnd(args[3]) : 'tail';
    const to = ctx.route === 'LMOVE' ? parseEnd(args[4]) : 'head';
    if (from === undefined || to === undefined) return SYNTAX;
    const reply = lmove(database(ctx), args[1], args[2], from, to, clientState(ctx).protocol);
    if (reply.type === 'bulk' && reply.value !== null) this.blocking.wake(ctx, latin1(args[2]), args);
    return reply;
  }

  @Handle('LMPOP')
  lmpop(args: RespCommand, ctx: Ctx): RespReply {
    return lmpop(database(ctx), args, clientState(ctx).protocol, wrongArity('lmpop'));
  }

  @Handle('BLPOP', 'BRPOP')
  blpop(args: RespCommand, ctx: Ctx): RespReply | Promise<RespReply> {
    return blockingPop(this.blocking.scope(ctx), args, ctx.route === 'BLPOP' ? 'head' : 'tail');
  }

  @Handle('BLMOVE', 'BRPOPLPUSH')
  blmove(args: RespCommand, ctx: Ctx): RespReply | Promise<RespReply> {
    if (ctx.route === 'BRPOPLPUSH') return blockingMove(this.blocking.scope(ctx), args, 'tail', 'head');
    return blockingMove(this.blocking.scope(ctx), args, parseEnd(args[3]), parseEnd(args[4]));
  }

  @Handle('BLMPOP')
  blmpop(args: RespCommand, ctx: Ctx): RespReply | Promise<RespReply> {
    return blockingMultiPop(this.blocking.scope(ctx), args, wrongArity('blmpop'));
  }

  onDisconnect(connection: AnyConnection): void {
    this.blocking.cancel(connection);
  }
}
