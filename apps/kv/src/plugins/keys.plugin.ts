import { Buffer } from 'node:buffer';
import { inject } from 'tsyringe';
import { Handle, Plugin, type MessageContext } from '@weir/core';
import type { RespCommand, RespReply } from '@weir/codecs';
import { parseInteger } from '../args/numbers';
import { clientState } from '../client-state';
import { globMatch, isLiteralPattern } from '../keyspace/glob';
import { Keyspace } from '../keyspace/keyspace';
import { typeName, type StoredValue } from '../keyspace/stored-value';
import { DB_INDEX_OUT_OF_RANGE, NO_SUCH_KEY, NOT_INTEGER, SAME_OBJECT, SYNTAX } from '../reply/errors';
import { arr, bulk, int, nullReply, ok, one, simple, zero } from '../reply/replies';
import { isScanOptions, parseScanCursor, parseScanOptions, scanReply } from '../types/scan-request';
import { keyOf } from './string-access';

type Ctx = MessageContext<RespCommand, RespReply>;

/** Commands on keys whatever they hold: DEL, EXISTS, TYPE, KEYS, SCAN, RENAME, RANDOMKEY, COPY. */
@Plugin({ name: 'keys' })
export class KeysPlugin {
  constructor(@inject(Keyspace) private readonly keyspace: Keyspace) {}

  /** UNLINK frees memory in the background in Redis; here a delete is already cheap. */
  @Handle('DEL', 'UNLINK')
  del(command: RespCommand, ctx: Ctx): RespReply {
    const db = clientState(ctx).database;
    let deleted = 0;
    for (let i = 1; i < command.length; i++) if (db.delete(keyOf(command[i]))) deleted++;
    return int(deleted);
  }

  @Handle('EXISTS', 'TOUCH')
  exists(command: RespCommand, ctx: Ctx): RespReply {
    const db = clientState(ctx).database;
    let found = 0;
    for (let i = 1; i < command.length; i++) if (db.has(keyOf(command[i]))) found++;
    return int(found);
  }

  @Handle('TYPE')
  type(command: RespCommand, ctx: Ctx): RespReply {
    const value = clientState(ctx).database.get(keyOf(command[1]));
    return simple(value === undefined ? 'none' : typeName(value));
  }

  @Handle('KEYS')
  keys(command: RespCommand, ctx: Ctx): RespReply {
    const client = clientState(ctx);
    const pattern = keyOf(command[1]);
    if (isLiteralPattern(pattern)) return arr(client.database.has(pattern) ? [bulk(command[1])] : []);
    const table = this.keyspace.table(client.db);
    const all = pattern === '*';
    const found: RespReply[] = [];
    for (const key of table.keys()) if (all || globMatch(pattern, key)) found.push(bulk(Buffer.from(key, 'latin1')));
    return arr(found);
  }

  @Handle('SCAN')
  scan(command: RespCommand, ctx: Ctx): RespReply {
    const cursor = parseScanCursor(command[1]);
    if (typeof cursor !== 'number') return cursor;
    const options = parseScanOptions(command, 2, true);
    if (!isScanOptions(options)) return options;
    const { match, type } = options;
    const table = this.keyspace.table(clientState(ctx).db);
    const found: RespReply[] = [];
    const next = table.scan(cursor, options.count, (key: string, value: StoredValue) => {
      if (match !== null && !match(key)) return;
      if (type !== undefined && typeName(value) !== type) return;
      found.push(bulk(Buffer.from(key, 'latin1')));
    });
    return scanReply(next, found);
  }

  @Handle('RENAME', 'RENAMENX')
  rename(command: RespCommand, ctx: Ctx): RespReply {
    const onlyIfFree = ctx.route === 'RENAMENX';
    const db = clientState(ctx).database;
    const from = keyOf(command[1]);
    const to = keyOf(command[2]);
    const value = db.get(from);
    if (value === undefined) return NO_SUCH_KEY;
    if (from === to) return onlyIfFree ? zero : ok;
    if (onlyIfFree && db.has(to)) return zero;
    const deadline = db.expireAt(from);
    db.delete(from);
    db.set(to, value);
    if (deadline !== undefined) db.setExpireAt(to, deadline);
    return onlyIfFree ? one : ok;
  }

  @Handle('RANDOMKEY')
  randomkey(_command: RespCommand, ctx: Ctx): RespReply {
    const client = clientState(ctx);
    const key = this.keyspace.table(client.db).randomKey();
    return key === undefined ? nullReply(client.protocol) : bulk(Buffer.from(key, 'latin1'));
  }

  @Handle('COPY')
  copy(command: RespCommand, ctx: Ctx): RespReply {
    const client = clientState(ctx);
    let target = client.db;
    let replace = false;
    for (let i = 3; i < command.length; i++) {
      const option = command[i].toString('latin1').toUpperCase();
      if (option === 'REPLACE') {
        replace = true;
      } else if (option === 'DB' && i + 1 < command.length) {
        const index = parseInteger(command[++i]);
        if (index === undefined) return NOT_INTEGER;
        if (index < 0 || index >= this.keyspace.databases) return DB_INDEX_OUT_OF_RANGE;
        target = index;
      } else {
        return SYNTAX;
      }
    }
    const from = keyOf(command[1]);
    const to = keyOf(command[2]);
    if (target === client.db && from === to) return SAME_OBJECT;
    const source = client.database;
    const value = source.get(from);
    if (value === undefined) return zero;
    const destination = this.keyspace.db(target);
    if (destination.has(to)) {
      if (!replace) return zero;
      destination.delete(to);
    }
    // Strings are never changed in place, so sharing the Buffer is a copy.
    destination.set(to, Buffer.isBuffer(value) ? value : value.clone());
    const deadline = source.expireAt(from);
    if (deadline !== undefined) destination.setExpireAt(to, deadline);
    return one;
  }
}
