import { inject } from 'tsyringe';
import { Handle, Plugin, type MessageContext } from '@weir/core';
import type { RespCommand, RespReply } from '@weir/codecs';
import { parseInteger } from '../args/numbers';
import { Propagation } from '../aof/propagation';
import { clientState } from '../client-state';
import { Keyspace } from '../keyspace/keyspace';
import { err, int, one, zero } from '../reply/replies';
import { GT_LT, invalidExpireTime, NOT_INTEGER, NX_XX_GT_LT } from '../reply/errors';
import { keyOf } from './string-access';

type Ctx = MessageContext<RespCommand, RespReply>;

// 2^63 - 1 rounds to 2^63 as a double; the checks it guards only need its magnitude.
const INT64_MAX = 2 ** 63;
const INT64_MIN = -(2 ** 63);

/** Time to live: EXPIRE and kin (with NX XX GT LT), TTL and kin, PERSIST. */
@Plugin({ name: 'expiry' })
export class ExpiryPlugin {
  constructor(
    @inject(Keyspace) private readonly keyspace: Keyspace,
    @inject(Propagation) private readonly propagation: Propagation,
  ) {}

  @Handle('EXPIRE', 'PEXPIRE', 'EXPIREAT', 'PEXPIREAT')
  expire(command: RespCommand, ctx: Ctx): RespReply {
    const name = ctx.route;
    let nx = false;
    let xx = false;
    let gt = false;
    let lt = false;
    for (let i = 3; i < command.length; i++) {
      const option = command[i].toString('latin1').toUpperCase();
      if (option === 'NX') nx = true;
      else if (option === 'XX') xx = true;
      else if (option === 'GT') gt = true;
      else if (option === 'LT') lt = true;
      else return err(`ERR Unsupported option ${command[i].toString('latin1')}`);
    }
    if (nx && (xx || gt || lt)) return NX_XX_GT_LT;
    if (gt && lt) return GT_LT;
    const value = parseInteger(command[2]);
    if (value === undefined) return NOT_INTEGER;
    const seconds = name === 'EXPIRE' || name === 'EXPIREAT';
    const relative = name === 'EXPIRE' || name === 'PEXPIRE';
    if (seconds && (value > INT64_MAX / 1000 || value < INT64_MIN / 1000)) return invalidExpireTime(name);
    let deadline = seconds ? value * 1000 : value;
    const now = this.keyspace.now();
    if (relative) {
      if (deadline > INT64_MAX - now) return invalidExpireTime(name);
      deadline += now;
    }
    const db = clientState(ctx).database;
    const key = keyOf(command[1]);
    if (!db.has(key)) return zero;
    const current = db.expireAt(key);
    if (nx && current !== undefined) return zero;
    if (xx && current === undefined) return zero;
    // No TTL counts as an infinite one.
    if (gt && (current === undefined || deadline <= current)) return zero;
    if (lt && current !== undefined && deadline >= current) return zero;
    if (deadline <= now && !this.keyspace.loading) {
      db.delete(key);
      this.propagation.replace(['DEL', key]);
    } else {
      db.setExpireAt(key, deadline);
      this.propagation.replace(['PEXPIREAT', key, String(deadline)]);
    }
    return one;
  }

  @Handle('TTL', 'PTTL', 'EXPIRETIME', 'PEXPIRETIME')
  ttl(command: RespCommand, ctx: Ctx): RespReply {
    const db = clientState(ctx).database;
    const key = keyOf(command[1]);
    if (!db.has(key)) return int(-2);
    const deadline = db.expireAt(key);
    if (deadline === undefined) return int(-1);
    switch (ctx.route) {
      case 'TTL':
        return int(Math.floor((Math.max(deadline - this.keyspace.now(), 0) + 500) / 1000));
      case 'PTTL':
        return int(Math.max(deadline - this.keyspace.now(), 0));
      case 'EXPIRETIME':
        return int(Math.floor(deadline / 1000));
      default:
        return int(deadline);
    }
  }

  @Handle('PERSIST')
  persist(command: RespCommand, ctx: Ctx): RespReply {
    const db = clientState(ctx).database;
    const key = keyOf(command[1]);
    if (!db.has(key) || db.expireAt(key) === undefined) return zero;
    db.setExpireAt(key, undefined);
    return one;
  }
}
