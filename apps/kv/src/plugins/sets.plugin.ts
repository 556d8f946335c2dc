import { Buffer } from 'node:buffer';
import { inject } from 'tsyringe';
import { Handle, Plugin, type MessageContext } from '@weir/core';
import type { RespCommand, RespReply } from '@weir/codecs';
import { parsePopCount } from '../args/pop-count';
import { Propagation } from '../aof/propagation';
import { clientState, database } from '../client-state';
import { arr, bulk, emptyArray, err, int, nullReply, one, set, zero } from '../reply/replies';
import { scanValue } from '../types/scan-request';
import { parseRandomCount, randomPicks } from '../types/random-picks';
import { SetValue } from '../types/set-value';
import { afterRemoval, elementBytes, lookupValue, removeEach, saveValue, sizeReply } from '../types/typed-access';
import { combine, readSets, sintercard, smove, storeSet, type SetOperation } from './sets-algebra';

type Ctx = MessageContext<RespCommand, RespReply>;

const OPERATIONS: Readonly<Record<string, SetOperation>> = { SINTER: 'inter', SUNION: 'union', SDIFF: 'diff' };

const latin1 = (arg: Buffer) => arg.toString('latin1');
const memberReply = (member: string) => bulk(elementBytes(member));

/** Set commands. Members are latin1 strings; an emptied set is deleted. */
@Plugin({ name: 'sets' })
export class SetsPlugin {
  constructor(@inject(Propagation) private readonly propagation: Propagation) {}

  @Handle('SADD')
  sadd(args: RespCommand, ctx: Ctx): RespReply {
    const db = database(ctx);
    const key = latin1(args[1]);
    const found = lookupValue(db, key, SetValue);
    if (found !== undefined && !(found instanceof SetValue)) return found;
    const members = found ?? new SetValue();
    let added = 0;
    for (let i = 2; i < args.length; i++) if (members.add(latin1(args[i]))) added++;
    if (added > 0) saveValue(db, key, members, found === undefined);
    return int(added);
  }

  @Handle('SREM')
  srem(args: RespCommand, ctx: Ctx): RespReply {
    return removeEach(database(ctx), args, SetValue, (members, member) => members.delete(member));
  }

  @Handle('SMEMBERS')
  smembers(args: RespCommand, ctx: Ctx): RespReply {
    const members = lookupValue(database(ctx), latin1(args[1]), SetValue);
    const proto = clientState(ctx).protocol;
    if (members === undefined) return set([], proto);
    if (!(members instanceof SetValue)) return members;
    const items: RespReply[] = [];
    for (const member of members.keys()) items.push(memberReply(member));
    return set(items, proto);
  }

  @Handle('SISMEMBER')
  sismember(args: RespCommand, ctx: Ctx): RespReply {
    const members = lookupValue(database(ctx), latin1(args[1]), SetValue);
    if (members === undefined) return zero;
    if (!(members instanceof SetValue)) return members;
    return members.has(latin1(args[2])) ? one : zero;
  }

  @Handle('SMISMEMBER')
  smismember(args: RespCommand, ctx: Ctx): RespReply {
    const members = lookupValue(database(ctx), latin1(args[1]), SetValue);
    if (members !== undefined && !(members instanceof SetValue)) return members;
    const answers: RespReply[] = [];
    for (let i = 2; i < args.length; i++) answers.push(members?.has(latin1(args[i])) ? one : zero);
    return arr(answers);
  }

  @Handle('SCARD')
  scard(args: RespCommand, ctx: Ctx): RespReply {
    return sizeReply(database(ctx), latin1(args[1]), SetValue);
  }

  /**
   * SPOP is random, so the AOF (and a replica) must not run it again: it is
   * logged as the SREM of the members it took.
   */
  @Handle('SPOP')
  spop(args: RespCommand, ctx: Ctx): RespReply {
    const proto = clientState(ctx).protocol;
    const count = parsePopCount(args, 'syntax');
    if (typeof count === 'object') return count;
    const db = database(ctx);
    const key = latin1(args[1]);
    const members = lookupValue(db, key, SetValue);
    if (members !== undefined && !(members instanceof SetValue)) return members;
    if (members === undefined) return count === undefined ? nullReply(proto) : set([], proto);
    if (count === undefined) {
      const member = members.randomKey() as string;
      members.delete(member);
      afterRemoval(db, key, members);
      this.propagation.replace(['SREM', key, member]);
      return memberReply(member);
    }
    if (count === 0) return set([], proto);
    const taken: string[] = [];
    if (count >= members.size) {
      taken.push(...members.keys());
      db.delete(key);
      this.propagation.replace(['DEL', key]);
    } else {
      while (taken.length < count) {
        const member = members.randomKey() as string;
        members.delete(member);
        taken.push(member);
      }
      db.touched(key);
      this.propagation.replace(['SREM', key, ...taken]);
    }
    return set(taken.map(memberReply), proto);
  }

  @Handle('SRANDMEMBER')
  srandmember(args: RespCommand, ctx: Ctx): RespReply {
    const proto = clientState(ctx).protocol;
    if (args.length > 3) return err('ERR syntax error');
    const count = args.length === 3 ? parseRandomCount(args[2]) : undefined;
    if (count !== undefined && typeof count !== 'number') return count;
    const members = lookupValue(database(ctx), latin1(args[1]), SetValue);
    if (members !== undefined && !(members instanceof SetValue)) return members;
    if (count === undefined) {
      const member = members?.randomKey();
      return member === undefined ? nullReply(proto) : memberReply(member);
    }
    if (members === undefined) return emptyArray;
    return arr(randomPicks(members, count).map(memberReply));
  }

  @Handle('SINTER', 'SUNION', 'SDIFF')
  algebra(args: RespCommand, ctx: Ctx): RespReply {
    const sets = readSets(database(ctx), args.slice(1));
    if (!Array.isArray(sets)) return sets;
    return set(combine(OPERATIONS[ctx.route], sets).map(memberReply), clientState(ctx).protocol);
  }

  @Handle('SINTERSTORE', 'SUNIONSTORE', 'SDIFFSTORE')
  algebraStore(args: RespCommand, ctx: Ctx): RespReply {
    const db = database(ctx);
    const sets = readSets(db, args.slice(2));
    if (!Array.isArray(sets)) return sets;
    return storeSet(db, args[1], combine(OPERATIONS[ctx.route.slice(0, -5)], sets));
  }

  @Handle('SINTERCARD')
  sintercard(args: RespCommand, ctx: Ctx): RespReply {
    return sintercard(database(ctx), args);
  }

  @Handle('SMOVE')
  smove(args: RespCommand, ctx: Ctx): RespReply {
    return smove(database(ctx), args);
  }

  @Handle('SSCAN')
  sscan(args: RespCommand, ctx: Ctx): RespReply {
    return scanValue(database(ctx), args, SetValue, (members, cursor, count, emit) =>
      members.scan(cursor, count, (member) => emit(member, memberReply(member))),
    );
  }
}
