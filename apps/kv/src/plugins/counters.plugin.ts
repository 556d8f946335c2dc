import { Buffer } from 'node:buffer';
import { inject } from 'tsyringe';
import { Handle, Plugin, type MessageContext } from '@weir/core';
import type { RespCommand, RespReply } from '@weir/codecs';
import { addInt64, integerBytes, parseInt64 } from '../args/numbers';
import { Propagation } from '../aof/propagation';
import { clientState } from '../client-state';
import { DECR_OVERFLOW, INCR_NAN, INCR_OVERFLOW, NOT_FLOAT, NOT_INTEGER } from '../reply/errors';
import { bulk, int } from '../reply/replies';
import { incrementByFloat } from '../types/long-double';
import { isReply, keyOf, readString } from './string-access';

type Ctx = MessageContext<RespCommand, RespReply>;

const INT64_MIN = -(2n ** 63n);

/**
 * INCR, DECR, INCRBY, DECRBY, INCRBYFLOAT: strings that hold numbers. The
 * key's TTL is kept, as Redis keeps it; the value stays a string.
 */
@Plugin({ name: 'counters' })
export class CountersPlugin {
  constructor(@inject(Propagation) private readonly propagation: Propagation) {}

  @Handle('INCR')
  incr(command: RespCommand, ctx: Ctx): RespReply {
    return this.add(ctx, command[1], 1);
  }

  @Handle('DECR')
  decr(command: RespCommand, ctx: Ctx): RespReply {
    return this.add(ctx, command[1], -1);
  }

  @Handle('INCRBY')
  incrby(command: RespCommand, ctx: Ctx): RespReply {
    const by = parseInt64(command[2]);
    if (by === undefined) return NOT_INTEGER;
    return this.add(ctx, command[1], by);
  }

  @Handle('DECRBY')
  decrby(command: RespCommand, ctx: Ctx): RespReply {
    const by = parseInt64(command[2]);
    if (by === undefined) return NOT_INTEGER;
    // -(-2^63) is not a 64-bit integer.
    if (typeof by === 'bigint' && by === INT64_MIN) return DECR_OVERFLOW;
    return this.add(ctx, command[1], typeof by === 'bigint' ? -by : -by);
  }

  /** Computed in an emulated x87 long double, as redis-server computes it, so the digits match Redis's. */
  @Handle('INCRBYFLOAT')
  incrbyfloat(command: RespCommand, ctx: Ctx): RespReply {
    const db = clientState(ctx).database;
    const key = keyOf(command[1]);
    const current = readString(db, key);
    if (isReply(current)) return current;
    const result = incrementByFloat(current?.toString('latin1'), command[2].toString('latin1'));
    if (!result.ok) return result.reason === 'increment-not-float' || result.reason === 'value-not-float' ? NOT_FLOAT : INCR_NAN;
    const text = Buffer.from(result.text, 'latin1');
    db.set(key, text, true);
    // Replayed, the addition would give the same digits, but logging the result keeps replay free of float arithmetic.
    this.propagation.replace(['SET', key, text, 'KEEPTTL']);
    return bulk(text);
  }

  private add(ctx: Ctx, keyArg: Buffer, by: number | bigint): RespReply {
    const db = clientState(ctx).database;
    const key = keyOf(keyArg);
    const current = readString(db, key);
    if (isReply(current)) return current;
    const base = current === undefined ? 0 : parseInt64(current);
    if (base === undefined) return NOT_INTEGER;
    const sum = addInt64(base, by);
    if (sum === undefined) return INCR_OVERFLOW;
    db.set(key, integerBytes(sum), true);
    return int(sum);
  }
}
