import { Buffer } from 'node:buffer';
import type { StoredValue } from '../keyspace/stored-value';
import { HashValue } from '../types/hash-value';
import { ListValue } from '../types/list-value';
import { SetValue } from '../types/set-value';
import { ZSetValue } from '../types/zset-value';
import { formatDouble } from '../reply/replies';
import type { CommandArgs } from './command-encoding';

/** Elements per command in a rewritten file, as Redis's AOF_REWRITE_ITEMS_PER_CMD. */
const ITEMS_PER_COMMAND = 64;

/**
 * The commands that rebuild a key's value (and its expiry) from nothing: what
 * an AOF rewrite writes for each key.
 */
export function valueCommands(key: string, value: StoredValue, expireAt: number | undefined): CommandArgs[] {
  const commands = Buffer.isBuffer(value) ? [['SET', key, value] as CommandArgs] : typedValueCommands(key, value);
  if (expireAt !== undefined) commands.push(['PEXPIREAT', key, String(expireAt)]);
  return commands;
}

function typedValueCommands(key: string, value: StoredValue): CommandArgs[] {
  if (value instanceof HashValue) {
    return batched('HSET', key, function* () {
      for (const [field, item] of value.entries()) yield [field, item];
    });
  }
  if (value instanceof ListValue) {
    return batched('RPUSH', key, function* () {
      for (const item of value) yield [item];
    });
  }
  if (value instanceof SetValue) {
    return batched('SADD', key, function* () {
      for (const member of value.keys()) yield [member];
    });
  }
  if (value instanceof ZSetValue) {
    return batched('ZADD', key, function* () {
      for (const { member, score } of value.rangeByRank(0, value.size - 1)) yield [formatDouble(score), member];
    });
  }
  throw new Error(`no AOF rewrite for values of type ${(value as { type: string }).type}`);
}

function batched(name: string, key: string, items: () => Iterable<Array<Buffer | string>>): CommandArgs[] {
  const commands: CommandArgs[] = [];
  let current: Array<Buffer | string> = [name, key];
  let count = 0;
  for (const item of items()) {
    current.push(...item);
    if (++count === ITEMS_PER_COMMAND) {
      commands.push(current);
      current = [name, key];
      count = 0;
    }
  }
  if (count > 0) commands.push(current);
  return commands;
}
