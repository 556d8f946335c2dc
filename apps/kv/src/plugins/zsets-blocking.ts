import { Buffer } from 'node:buffer';
import type { RespReply } from '@weir/codecs';
import { isMultiPopRequest, parseMultiPop } from '../args/multi-pop';
import { arr, bulk, nullArray } from '../reply/replies';
import { elementBytes } from '../types/typed-access';
import { parseBlockingTimeout, type Served } from './lists-blocking';
import { serveOrBlock, type BlockingScope } from './lists-blocking-commands';
import { keyAndPairsReply, parseMinMax, popFirstZSet, type ZSetPop } from './zsets-extra';
import { scoreReply } from './zsets-score';

/** BZPOPMIN, BZPOPMAX and BZMPOP: the sorted set pops that wait for a member (see lists-blocking.ts). */

const latin1 = (arg: Buffer) => arg.toString('latin1');

/** Pops from the first non-empty sorted set of `keys`, the reply shaped by `shape`, logged as the ZPOPMIN/ZPOPMAX it was. */
function popFirst(
  scope: BlockingScope,
  keys: readonly Buffer[],
  fromMax: boolean,
  count: number,
  shape: (taken: ZSetPop) => RespReply,
): Served | RespReply | undefined {
  const taken = popFirstZSet(scope.db, keys, fromMax, count);
  if (taken === undefined || !('popped' in taken)) return taken;
  return { reply: shape(taken), log: [[fromMax ? 'ZPOPMAX' : 'ZPOPMIN', latin1(taken.key), String(taken.popped.length)]] };
}

/** BZPOPMIN / BZPOPMAX key [key ...] timeout: `[key, member, score]`. */
export function blockingZPop(scope: BlockingScope, args: readonly Buffer[], fromMax: boolean): RespReply | Promise<RespReply> {
  const timeout = parseBlockingTimeout(args[args.length - 1]);
  if (typeof timeout !== 'number') return timeout;
  const keys = args.slice(1, -1);
  const attempt = () =>
    popFirst(scope, keys, fromMax, 1, ({ key, popped: [{ member, score }] }) => arr([bulk(key), bulk(elementBytes(member)), scoreReply(score, scope.proto)]));
  return serveOrBlock(scope, keys.map(latin1), timeout, nullArray(scope.proto), attempt);
}

/** BZMPOP timeout numkeys key [key ...] MIN|MAX [COUNT count]: `[key, [[member, score], ...]]`. */
export function blockingZMPop(scope: BlockingScope, args: readonly Buffer[], arityError: RespReply): RespReply | Promise<RespReply> {
  const timeout = parseBlockingTimeout(args[1]);
  if (typeof timeout !== 'number') return timeout;
  const request = parseMultiPop(args, 2, parseMinMax, arityError);
  if (!isMultiPopRequest(request)) return request;
  const attempt = () => popFirst(scope, request.keys, request.end === 'max', request.count, (taken) => keyAndPairsReply(taken, scope.proto));
  return serveOrBlock(scope, request.keys.map(latin1), timeout, nullArray(scope.proto), attempt);
}
