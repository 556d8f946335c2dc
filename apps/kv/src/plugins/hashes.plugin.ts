import { Buffer } from 'node:buffer';
import { inject } from 'tsyringe';
import { Handle, Plugin, type MessageContext } from '@weir/core';
import type { RespCommand, RespReply } from '@weir/codecs';
import { addInt64, integerBytes, parseInt64 } from '../args/numbers';
import { Propagation } from '../aof/propagation';
import { clientState, database } from '../client-state';
import { ownBytes } from '../keyspace/own-bytes';
import { INCR_NAN, INCR_OVERFLOW, NOT_FLOAT, NOT_INTEGER, SYNTAX, wrongArity } from '../reply/errors';
import { arr, bulk, bulkOrNull, emptyArray, err, int, map, nullReply, ok, one, zero } from '../reply/replies';
import { HashValue } from '../types/hash-value';
import { incrementByFloat, parseLongDouble } from '../types/long-double';
import { parseRandomCount, randomPicks } from '../types/random-picks';
import { elementBytes, lookupValue, removeEach, saveValue, sizeReply } from '../types/typed-access';
import { scanValue } from '../types/scan-request';

type Ctx = MessageContext<RespCommand, RespReply>;

const HASH_NOT_INTEGER = err('ERR hash value is not an integer');
const HASH_NOT_FLOAT = err('ERR hash value is not a float');
const INCREMENT_NOT_FINITE = err('ERR value is NaN or Infinity');

const latin1 = (arg: Buffer) => arg.toString('latin1');
const fieldReply = (field: string) => bulk(elementBytes(field));

/**
 * Hash commands. Fields are latin1 strings (binary-safe), values Buffers
 * copied out of the read buffer. A hash emptied by HDEL is deleted.
 */
@Plugin({ name: 'hashes' })
export class HashesPlugin {
  constructor(@inject(Propagation) private readonly propagation: Propagation) {}

  @Handle('HSET', 'HMSET')
  hset(args: RespCommand, ctx: Ctx): RespReply {
    if (args.length % 2 !== 0) return wrongArity(latin1(args[0]));
    const found = this.hash(ctx, args[1]);
    if (found !== undefined && !(found instanceof HashValue)) return found;
    const hash = found ?? new HashValue();
    let added = 0;
    for (let i = 2; i < args.length; i += 2) if (hash.set(latin1(args[i]), ownBytes(args[i + 1]))) added++;
    this.saved(ctx, args[1], hash, found === undefined);
    return ctx.route === 'HMSET' ? ok : int(added);
  }

  @Handle('HSETNX')
  hsetnx(args: RespCommand, ctx: Ctx): RespReply {
    const found = this.hash(ctx, args[1]);
    if (found !== undefined && !(found instanceof HashValue)) return found;
    const hash = found ?? new HashValue();
    const field = latin1(args[2]);
    if (hash.has(field)) return zero;
    hash.set(field, ownBytes(args[3]));
    this.saved(ctx, args[1], hash, found === undefined);
    return one;
  }

  @Handle('HGET')
  hget(args: RespCommand, ctx: Ctx): RespReply {
    const hash = this.hash(ctx, args[1]);
    if (hash === undefined) return nullReply(clientState(ctx).protocol);
    if (!(hash instanceof HashValue)) return hash;
    return bulkOrNull(hash.get(latin1(args[2])), clientState(ctx).protocol);
  }

  @Handle('HMGET')
  hmget(args: RespCommand, ctx: Ctx): RespReply {
    const hash = this.hash(ctx, args[1]);
    if (hash !== undefined && !(hash instanceof HashValue)) return hash;
    const proto = clientState(ctx).protocol;
    const values: RespReply[] = [];
    for (let i = 2; i < args.length; i++) values.push(bulkOrNull(hash?.get(latin1(args[i])), proto));
    return arr(values);
  }

  @Handle('HDEL')
  hdel(args: RespCommand, ctx: Ctx): RespReply {
    return removeEach(database(ctx), args, HashValue, (hash, field) => hash.delete(field));
  }

  @Handle('HLEN')
  hlen(args: RespCommand, ctx: Ctx): RespReply {
    return sizeReply(database(ctx), latin1(args[1]), HashValue);
  }

  @Handle('HEXISTS')
  hexists(args: RespCommand, ctx: Ctx): RespReply {
    const hash = this.hash(ctx, args[1]);
    if (hash === undefined) return zero;
    if (!(hash instanceof HashValue)) return hash;
    return hash.has(latin1(args[2])) ? one : zero;
  }

  @Handle('HSTRLEN')
  hstrlen(args: RespCommand, ctx: Ctx): RespReply {
    const hash = this.hash(ctx, args[1]);
    if (hash === undefined) return zero;
    if (!(hash instanceof HashValue)) return hash;
    return int(hash.get(latin1(args[2]))?.length ?? 0);
  }

  @Handle('HINCRBY')
  hincrby(args: RespCommand, ctx: Ctx): RespReply {
    const increment = parseInt64(args[3]);
    if (increment === undefined) return NOT_INTEGER;
    const found = this.hash(ctx, args[1]);
    if (found !== undefined && !(found instanceof HashValue)) return found;
    const hash = found ?? new HashValue();
    const field = latin1(args[2]);
    const current = hash.get(field);
    const value = current === undefined ? 0 : parseInt64(current);
    if (value === undefined) return HASH_NOT_INTEGER;
    const sum = addInt64(value, increment);
    if (sum === undefined) return INCR_OVERFLOW;
    hash.set(field, integerBytes(sum));
    this.saved(ctx, args[1], hash, found === undefined);
    return int(sum);
  }

  /**
   * Adds in 80-bit long double and prints with `%.17Lf` as redis-server does
   * (types/long-double.ts); logged to the AOF as the HSET of the result, so a
   * replay never redoes float arithmetic.
   */
  @Handle('HINCRBYFLOAT')
  hincrbyfloat(args: RespCommand, ctx: Ctx): RespReply {
    const increment = latin1(args[3]);
    const by = parseLongDouble(increment);
    if (by === null) return NOT_FLOAT;
    if (typeof by === 'number') return INCREMENT_NOT_FINITE;
    const found = this.hash(ctx, args[1]);
    if (found !== undefined && !(found instanceof HashValue)) return found;
    const hash = found ?? new HashValue();
    const field = latin1(args[2]);
    const current = hash.get(field);
    const result = incrementByFloat(current?.toString('latin1'), increment);
    if (!result.ok) return result.reason === 'value-not-float' ? HASH_NOT_FLOAT : INCR_NAN;
    const text = Buffer.from(result.text, 'latin1');
    hash.set(field, text);
    this.saved(ctx, args[1], hash, found === undefined);
    this.propagation.replace(['HSET', latin1(args[1]), field, text]);
    return bulk(text);
  }

  @Handle('HKEYS')
  hkeys(args: RespCommand, ctx: Ctx): RespReply {
    const hash = this.hash(ctx, args[1]);
    if (hash === undefined) return emptyArray;
    if (!(hash instanceof HashValue)) return hash;
    const fields: RespReply[] = [];
    for (const field of hash.keys()) fields.push(fieldReply(field));
    return arr(fields);
  }

  @Handle('HVALS')
  hvals(args: RespCommand, ctx: Ctx): RespReply {
    const hash = this.hash(ctx, args[1]);
    if (hash === undefined) return emptyArray;
    if (!(hash instanceof HashValue)) return hash;
    const values: RespReply[] = [];
    for (const [, value] of hash.entries()) values.push(bulk(value));
    return arr(values);
  }

  @Handle('HGETALL')
  hgetall(args: RespCommand, ctx: Ctx): RespReply {
    const hash = this.hash(ctx, args[1]);
    const proto = clientState(ctx).protocol;
    if (hash === undefined) return map([], proto);
    if (!(hash instanceof HashValue)) return hash;
    const pairs: Array<[RespReply, RespReply]> = [];
    for (const [field, value] of hash.entries()) pairs.push([fieldReply(field), bulk(value)]);
    return map(pairs, proto);
  }

  @Handle('HRANDFIELD')
  hrandfield(args: RespCommand, ctx: Ctx): RespReply {
    const proto = clientState(ctx).protocol;
    const withValues = args.length === 4 && latin1(args[3]).toUpperCase() === 'WITHVALUES';
    if (args.length > 4 || (args.length === 4 && !withValues)) return SYNTAX;
    const count = args.length >= 3 ? parseRandomCount(args[2]) : undefined;
    if (count !== undefined && typeof count !== 'number') return count;
    const hash = this.hash(ctx, args[1]);
    if (hash !== undefined && !(hash instanceof HashValue)) return hash;
    if (count === undefined) {
      const field = hash?.randomKey();
      return field === undefined ? nullReply(proto) : fieldReply(field);
    }
    if (hash === undefined) return emptyArray;
    const items: RespReply[] = [];
    for (const field of randomPicks(hash, count)) {
      if (!withValues) items.push(fieldReply(field));
      else if (proto === 3) items.push(arr([fieldReply(field), bulk(hash.get(field) as Buffer)]));
      else items.push(fieldReply(field), bulk(hash.get(field) as Buffer));
    }
    return arr(items);
  }

  @Handle('HSCAN')
  hscan(args: RespCommand, ctx: Ctx): RespReply {
    return scanValue(database(ctx), args, HashValue, (hash, cursor, count, emit) =>
      hash.scan(cursor, count, (field, value) => emit(field, fieldReply(field), bulk(value))),
    );
  }

  private hash(ctx: Ctx, key: Buffer): HashValue | RespReply | undefined {
    return lookupValue(database(ctx), latin1(key), HashValue);
  }

  private saved(ctx: Ctx, key: Buffer, hash: HashValue, created: boolean): void {
    saveValue(database(ctx), latin1(key), hash, created);
  }
}
