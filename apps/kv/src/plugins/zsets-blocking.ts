import type { RespReply } from '@weir/codecs';
import { parseInteger } from '../args/numbers';
import { SYNTAX } from '../reply/errors';
import { arr, bulk, err, nullArray } from '../reply/replies';
import { elementBytes, lookupValue } from '../types/typed-access';
import { ZSetValue } from '../types/zset-value';
import { parseBlockingTimeout, type Served } from './lists-blocking';
import { serveOrBlock, type BlockingScope } from './lists-blocking-commands';
import { scoreReply } from './zsets-score';

/** BZPOPMIN, BZPOPMAX and BZMPOP: the sorted set pops that wait for a member (see lists-blocking.ts). */

const NUMKEYS = err('ERR numkeys should be greater than 0');
const COUNT_POSITIVE = err('ERR count should be greater than 0');
const latin1 = (arg: Buffer) => arg.toString('latin1');

/** Pops `count` from the first non-empty sorted set of `keys`; WRONGTYPE's reply for another type first in line. */
function popFirst(
  scope: BlockingScope,
  keys: readonly Buffer[],
  fromMax: boolean,
  count: number,
  shape: (key: Buffer, popped: ReturnType<ZSetValue['pop']>) => RespReply,
): Served | RespReply | undefined {
  for (const keyArg of keys) {
    const key = latin1(keyArg);
    const zset = lookupValue(scope.db, key, ZSetValue);
    if (zset === undefined) continue;
    if (!(zset instanceof ZSetValue)) return zset;
    const popped = zset.pop(count, fromMax);
    if (zset.size === 0) scope.db.delete(key);
    else scope.db.touched(key);
    return { reply: shape(keyArg, popped), log: [[fromMax ? 'ZPOPMAX' : 'ZPOPMIN', key, String(popped.length)]] };
  }
  return undefined;
}

/** BZPOPMIN / BZPOPMAX key [key ...] timeout: `[key, member, score]`. */
export function blockingZPop(scope: BlockingScope, args: readonly Buffer[], fromMax: boolean): RespReply | Promise<RespReply> {
  const timeout = parseBlockingTimeout(args[args.length - 1]);
  if (typeof timeout !== 'number') return timeout;
  const keys = args.slice(1, -1);
  const attempt = () =>
    popFirst(scope, keys, fromMax, 1, (key, [{ member, score }]) => arr([bulk(key), bulk(elementBytes(member)), scoreReply(score, scope.proto)]));
  return serveOrBlock(scope, keys.map(latin1), timeout, nullArray(scope.proto), attempt);
}

/** BZMPOP timeout numkeys key [key ...] MIN|MAX [COUNT count]: `[key, [[member, score], ...]]`. */
export function blockingZMPop(scope: BlockingScope, args: readonly Buffer[], arityError: RespReply): RespReply | Promise<RespReply> {
  const timeout = parseBlockingTimeout(args[1]);
  if (typeof timeout !== 'number') return timeout;
  const numkeys = parseInteger(args[2]);
  if (numkeys === undefined || numkeys < 1) return NUMKEYS;
  if (numkeys > args.length - 4) return arityError;
  const end = latin1(args[3 + numkeys]).toUpperCase();
  if (end !== 'MIN' && end !== 'MAX') return SYNTAX;
  let count: number | undefined;
  for (let i = 4 + numkeys; i < args.length; i += 2) {
    if (latin1(args[i]).toUpperCase() !== 'COUNT' || i + 1 >= args.length || count !== undefined) return SYNTAX;
    const value = parseInteger(args[i + 1]);
    if (value === undefined || value < 1) return COUNT_POSITIVE;
    count = value;
  }
  const keys = args.slice(3, 3 + numkeys);
  const attempt = () =>
    popFirst(scope, keys, end === 'MAX', count ?? 1, (key, popped) =>
      arr([bulk(key), arr(popped.map(({ member, score }) => arr([bulk(elementBytes(member)), scoreReply(score, scope.proto)])))]),
    );
  return serveOrBlock(scope, keys.map(latin1), timeout, nullArray(scope.proto), attempt);
}
