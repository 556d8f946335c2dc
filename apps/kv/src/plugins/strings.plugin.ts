import { Buffer } from 'node:buffer';
import { inject } from 'tsyringe';
import { Handle, Plugin, type MessageContext } from '@weir/core';
import type { RespCommand, RespReply } from '@weir/codecs';
import { expireDeadline, isExpireUnit, type ExpireUnit } from '../args/expire-time';
import { parseInteger } from '../args/numbers';
import { Propagation } from '../aof/propagation';
import { clientState } from '../client-state';
import { Keyspace } from '../keyspace/keyspace';
import { ownBytes } from '../keyspace/own-bytes';
import { KvConfig } from '../kv-config';
import { NOT_INTEGER, OFFSET_OUT_OF_RANGE, STRING_TOO_LONG, SYNTAX, wrongArity } from '../reply/errors';
import { arr, bulk, bulkOrNull, int, nullReply, ok, one, zero } from '../reply/replies';
import { isReply, keyOf, readString } from './string-access';

type Ctx = MessageContext<RespCommand, RespReply>;

interface SetOptions {
  condition: 'NX' | 'XX' | undefined;
  get: boolean;
  keepTtl: boolean;
  unit: ExpireUnit | undefined;
  expireArg: Buffer | undefined;
}

/**
 * Strings: GET, SET and their variants, multi-key forms, ranges. Values are
 * Buffers, copied out of the socket's chunk before they are stored; a string
 * is never changed in place (APPEND and SETRANGE store a new Buffer), so a
 * reply or an AOF rewrite holding one never sees it change.
 */
@Plugin({ name: 'strings' })
export class StringsPlugin {
  constructor(
    @inject(Keyspace) private readonly keyspace: Keyspace,
    @inject(Propagation) private readonly propagation: Propagation,
    @inject(KvConfig) private readonly config: KvConfig,
  ) {}

  @Handle('GET')
  get(command: RespCommand, ctx: Ctx): RespReply {
    const client = clientState(ctx);
    const value = readString(client.database, keyOf(command[1]));
    if (isReply(value)) return value;
    if (value === undefined) this.keyspace.stats.keyspaceMisses++;
    else this.keyspace.stats.keyspaceHits++;
    return bulkOrNull(value, client.protocol);
  }

  @Handle('SET')
  set(command: RespCommand, ctx: Ctx): RespReply {
    if (command.length === 3) {
      // The plain form, by far the most common: no options to parse.
      clientState(ctx).database.set(keyOf(command[1]), ownBytes(command[2]));
      return ok;
    }
    const options = parseSetOptions(command);
    if ('type' in options) return options;
    let deadline: number | undefined;
    if (options.unit !== undefined) {
      const parsed = expireDeadline(options.expireArg as Buffer, options.unit, this.keyspace.now(), 'set');
      if (typeof parsed !== 'number') return parsed;
      deadline = parsed;
    }
    const client = clientState(ctx);
    return this.store(ctx, command[1], command[2], deadline, options) ?? bulkOrNull(undefined, client.protocol);
  }

  @Handle('SETNX')
  setnx(command: RespCommand, ctx: Ctx): RespReply {
    const db = clientState(ctx).database;
    const key = keyOf(command[1]);
    if (db.get(key) !== undefined) return zero;
    db.set(key, ownBytes(command[2]));
    return one;
  }

  @Handle('SETEX', 'PSETEX')
  setex(command: RespCommand, ctx: Ctx): RespReply {
    const name = ctx.route.toLowerCase();
    const deadline = expireDeadline(command[2], name === 'setex' ? 'EX' : 'PX', this.keyspace.now(), name);
    if (typeof deadline !== 'number') return deadline;
    const options: SetOptions = { condition: undefined, get: false, keepTtl: false, unit: 'PXAT', expireArg: undefined };
    return this.store(ctx, command[1], command[3], deadline, options) ?? ok;
  }

  @Handle('GETSET')
  getset(command: RespCommand, ctx: Ctx): RespReply {
    const options: SetOptions = { condition: undefined, get: true, keepTtl: false, unit: undefined, expireArg: undefined };
    return this.store(ctx, command[1], command[2], undefined, options) as RespReply;
  }

  @Handle('GETDEL')
  getdel(command: RespCommand, ctx: Ctx): RespReply {
    const client = clientState(ctx);
    const key = keyOf(command[1]);
    const value = readString(client.database, key);
    if (isReply(value)) return value;
    if (value === undefined) return nullReply(client.protocol);
    client.database.delete(key);
    return bulk(value);
  }

  @Handle('GETEX')
  getex(command: RespCommand, ctx: Ctx): RespReply {
    const client = clientState(ctx);
    let unit: ExpireUnit | 'PERSIST' | undefined;
    let expireArg: Buffer | undefined;
    for (let i = 2; i < command.length; i++) {
      const option = command[i].toString('latin1').toUpperCase();
      if (isExpireUnit(option) && unit === undefined && i + 1 < command.length) {
        unit = option;
        expireArg = command[++i];
      } else if (option === 'PERSIST' && unit === undefined) {
        unit = 'PERSIST';
      } else {
        return SYNTAX;
      }
    }
    let deadline: number | undefined;
    if (unit !== undefined && unit !== 'PERSIST') {
      const parsed = expireDeadline(expireArg as Buffer, unit, this.keyspace.now(), 'getex');
      if (typeof parsed !== 'number') return parsed;
      deadline = parsed;
    }
    const key = keyOf(command[1]);
    const db = client.database;
    const value = readString(db, key);
    if (isReply(value)) return value;
    if (value === undefined) return nullReply(client.protocol);
    if (deadline !== undefined) {
      if (deadline <= this.keyspace.now() && !this.keyspace.loading) {
        db.delete(key);
        this.propagation.replace(['DEL', key]);
      } else {
        db.setExpireAt(key, deadline);
        this.propagation.replace(['PEXPIREAT', key, String(deadline)]);
      }
    } else if (unit === 'PERSIST' && db.expireAt(key) !== undefined) {
      db.setExpireAt(key, undefined);
      this.propagation.replace(['PERSIST', key]);
    }
    return bulk(value);
  }

  @Handle('MGET')
  mget(command: RespCommand, ctx: Ctx): RespReply {
    const client = clientState(ctx);
    const db = client.database;
    const items: RespReply[] = [];
    for (let i = 1; i < command.length; i++) {
      const value = db.get(keyOf(command[i]));
      if (value === undefined) this.keyspace.stats.keyspaceMisses++;
      else this.keyspace.stats.keyspaceHits++;
      items.push(value === undefined || !Buffer.isBuffer(value) ? nullReply(client.protocol) : bulk(value));
    }
    return arr(items);
  }

  @Handle('MSET')
  mset(command: RespCommand, ctx: Ctx): RespReply {
    if (command.length % 2 === 0) return wrongArity('mset');
    const db = clientState(ctx).database;
    for (let i = 1; i < command.length; i += 2) db.set(keyOf(command[i]), ownBytes(command[i + 1]));
    return ok;
  }

  @Handle('MSETNX')
  msetnx(command: RespCommand, ctx: Ctx): RespReply {
    if (command.length % 2 === 0) return wrongArity('msetnx');
    const db = clientState(ctx).database;
    for (let i = 1; i < command.length; i += 2) if (db.get(keyOf(command[i])) !== undefined) return zero;
    for (let i = 1; i < command.length; i += 2) db.set(keyOf(command[i]), ownBytes(command[i + 1]));
    return one;
  }

  @Handle('APPEND')
  append(command: RespCommand, ctx: Ctx): RespReply {
    const db = clientState(ctx).database;
    const key = keyOf(command[1]);
    const value = readString(db, key);
    if (isReply(value)) return value;
    if (value === undefined) {
      db.set(key, ownBytes(command[2]));
      return int(command[2].length);
    }
    const length = value.length + command[2].length;
    if (length > this.config.protoMaxBulkLen) return STRING_TOO_LONG;
    db.set(key, Buffer.concat([value, command[2]], length), true);
    return int(length);
  }

  @Handle('STRLEN')
  strlen(command: RespCommand, ctx: Ctx): RespReply {
    const value = readString(clientState(ctx).database, keyOf(command[1]));
    if (isReply(value)) return value;
    return int(value?.length ?? 0);
  }

  @Handle('GETRANGE')
  getrange(command: RespCommand, ctx: Ctx): RespReply {
    let start = parseInteger(command[2]);
    let end = parseInteger(command[3]);
    if (start === undefined || end === undefined) return NOT_INTEGER;
    const value = readString(clientState(ctx).database, keyOf(command[1]));
    if (isReply(value)) return value;
    const length = value?.length ?? 0;
    // Redis's rules: both negative and start past end is empty; negatives count from the end, then clamp.
    if (length === 0 || (start < 0 && end < 0 && start > end)) return bulk('');
    if (start < 0) start = Math.max(length + start, 0);
    if (end < 0) end = Math.max(length + end, 0);
    if (end >= length) end = length - 1;
    if (start > end) return bulk('');
    return bulk((value as Buffer).subarray(start, end + 1));
  }

  @Handle('SETRANGE')
  setrange(command: RespCommand, ctx: Ctx): RespReply {
    const offset = parseInteger(command[2]);
    if (offset === undefined) return NOT_INTEGER;
    if (offset < 0) return OFFSET_OUT_OF_RANGE;
    const db = clientState(ctx).database;
    const key = keyOf(command[1]);
    const value = readString(db, key);
    if (isReply(value)) return value;
    const patch = command[3];
    if (patch.length === 0) return int(value?.length ?? 0);
    const length = Math.max(value?.length ?? 0, offset + patch.length);
    if (offset + patch.length > this.config.protoMaxBulkLen) return STRING_TOO_LONG;
    const updated = Buffer.alloc(length);
    value?.copy(updated);
    patch.copy(updated, offset);
    db.set(key, updated, true);
    return int(length);
  }

  /**
   * SET and its kin: stores `raw` at the key under the options; returns the
   * reply, or undefined for "not stored" (NX/XX failed, no GET).
   */
  private store(ctx: Ctx, keyArg: Buffer, raw: Buffer, deadline: number | undefined, options: SetOptions): RespReply | undefined {
    const client = clientState(ctx);
    const db = client.database;
    const key = keyOf(keyArg);
    let previous: Buffer | undefined;
    if (options.get) {
      const current = readString(db, key);
      if (isReply(current)) return current;
      previous = current;
    }
    const exists = options.get ? previous !== undefined : options.condition !== undefined && db.get(key) !== undefined;
    const answer = options.get ? bulkOrNull(previous, client.protocol) : ok;
    if ((options.condition === 'NX' && exists) || (options.condition === 'XX' && !exists)) return options.get ? answer : undefined;
    if (deadline !== undefined && deadline <= this.keyspace.now() && !this.keyspace.loading) {
      // Already expired: Redis stores nothing and deletes what was there.
      if (db.delete(key)) this.propagation.replace(['DEL', key]);
      return answer;
    }
    db.set(key, ownBytes(raw), options.keepTtl);
    if (deadline !== undefined) {
      db.setExpireAt(key, deadline);
      this.propagation.replace(['SET', key, raw, 'PXAT', String(deadline)]);
    }
    return answer;
  }
}

/** SET's options after the value, with Redis's rules on which go together. */
function parseSetOptions(command: RespCommand): SetOptions | RespReply {
  const options: SetOptions = { condition: undefined, get: false, keepTtl: false, unit: undefined, expireArg: undefined };
  for (let i = 3; i < command.length; i++) {
    const option = command[i].toString('latin1').toUpperCase();
    if ((option === 'NX' || option === 'XX') && options.condition === undefined) {
      options.condition = option;
    } else if (option === 'GET' && !options.get) {
      options.get = true;
    } else if (option === 'KEEPTTL' && options.unit === undefined && !options.keepTtl) {
      options.keepTtl = true;
    } else if (isExpireUnit(option) && options.unit === undefined && !options.keepTtl && i + 1 < command.length) {
      options.unit = option;
      options.expireArg = command[++i];
    } else {
      return SYNTAX;
    }
  }
  return options;
}
