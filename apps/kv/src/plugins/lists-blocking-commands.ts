import { Buffer } from 'node:buffer';
import type { AnyConnection } from '@weir/core';
import type { RespReply } from '@weir/codecs';
import { isMultiPopRequest, parseMultiPop } from '../args/multi-pop';
import type { CommandArgs } from '../aof/command-encoding';
import type { Database } from '../keyspace/database';
import { arr, bulk, nullArray, nullReply, type Protocol } from '../reply/replies';
import { ListValue } from '../types/list-value';
import { afterRemoval, lookupValue } from '../types/typed-access';
import { parseBlockingTimeout, type BlockedClients, type Served } from './lists-blocking';
import { lmove, multiPop, parseEnd, type End } from './lists-extra';

/** What a blocking command needs of the connection and server it runs in. */
export interface BlockingScope {
  readonly db: Database;
  readonly dbIndex: number;
  readonly connection: AnyConnection;
  readonly proto: Protocol;
  /** Inside EXEC nothing blocks: an empty pop answers at once, as after a timeout. */
  readonly inTransaction: boolean;
  readonly blocked: BlockedClients;
  /** Logs these commands in place of the one being handled (a served pop is logged as the pop it was). */
  readonly logInstead: (commands: CommandArgs[]) => void;
}

const latin1 = (arg: Buffer) => arg.toString('latin1');
const endWord = (end: End) => (end === 'head' ? 'LEFT' : 'RIGHT');

/** BLPOP / BRPOP key [key ...] timeout. */
export function blockingPop(scope: BlockingScope, args: readonly Buffer[], end: End): RespReply | Promise<RespReply> {
  const timeout = parseBlockingTimeout(args[args.length - 1]);
  if (typeof timeout !== 'number') return timeout;
  const keys = args.slice(1, -1);
  const attempt = (): Served | RespReply | undefined => {
    for (const keyArg of keys) {
      const key = latin1(keyArg);
      const list = lookupValue(scope.db, key, ListValue);
      if (list === undefined) continue;
      if (!(list instanceof ListValue)) return list;
      const item = (end === 'head' ? list.popFront() : list.popBack()) as Buffer;
      afterRemoval(scope.db, key, list);
      return { reply: arr([bulk(keyArg), bulk(item)]), log: [[end === 'head' ? 'LPOP' : 'RPOP', key]] };
    }
    return undefined;
  };
  return serveOrBlock(scope, keys.map(latin1), timeout, nullArray(scope.proto), attempt);
}

/** BLMOVE source destination LEFT|RIGHT LEFT|RIGHT timeout, and BRPOPLPUSH source destination timeout. */
export function blockingMove(scope: BlockingScope, args: readonly Buffer[], from: End | undefined, to: End | undefined): RespReply | Promise<RespReply> {
  const timeout = parseBlockingTimeout(args[args.length - 1]);
  if (typeof timeout !== 'number') return timeout;
  if (from === undefined || to === undefined) return { type: 'error', value: 'ERR syntax error' };
  const [source, destination] = [args[1], args[2]];
  const attempt = (): Served | RespReply | undefined => {
    const list = lookupValue(scope.db, latin1(source), ListValue);
    if (list === undefined) return undefined;
    if (!(list instanceof ListValue)) return list;
    const reply = lmove(scope.db, source, destination, from, to, scope.proto);
    if (reply.type === 'error') return reply;
    // The element landed on `destination`: clients blocked there may go on in turn.
    const chained = scope.blocked.wake(scope.dbIndex, latin1(destination));
    return { reply, log: [['LMOVE', latin1(source), latin1(destination), endWord(from), endWord(to)], ...chained] };
  };
  // Inside EXEC an empty source answers null, not the null array.
  const emptyReply = scope.inTransaction ? nullReply(scope.proto) : nullArray(scope.proto);
  return serveOrBlock(scope, [latin1(source)], timeout, emptyReply, attempt);
}

/** BLMPOP timeout numkeys key [key ...] LEFT|RIGHT [COUNT count]. */
export function blockingMultiPop(scope: BlockingScope, args: readonly Buffer[], arityError: RespReply): RespReply | Promise<RespReply> {
  const timeout = parseBlockingTimeout(args[1]);
  if (typeof timeout !== 'number') return timeout;
  const request = parseMultiPop(args, 2, parseEnd, arityError);
  if (!isMultiPopRequest(request)) return request;
  const attempt = (): Served | RespReply | undefined => {
    let log: CommandArgs | undefined;
    const reply = multiPop(scope.db, request, (key, count) => (log = [request.end === 'head' ? 'LPOP' : 'RPOP', key, String(count)]));
    if (reply === undefined || log === undefined) return reply;
    return { reply, log: [log] };
  };
  return serveOrBlock(scope, request.keys.map(latin1), timeout, nullArray(scope.proto), attempt);
}

/**
 * Tries at once (an error reply from the attempt, such as WRONGTYPE, is the
 * answer); inside EXEC answers `empty`; otherwise blocks until served or timed out.
 */
export function serveOrBlock(
  scope: BlockingScope,
  keys: readonly string[],
  timeoutMs: number,
  empty: RespReply,
  attempt: () => Served | RespReply | undefined,
): RespReply | Promise<RespReply> {
  const now = attempt();
  if (now !== undefined) {
    if (!('log' in now)) return now;
    scope.logInstead(now.log);
    return now.reply;
  }
  if (scope.inTransaction) return empty;
  return scope.blocked.block(scope.connection, scope.dbIndex, keys, timeoutMs, nullArray(scope.proto), () => {
    const served = attempt();
    // A key that changed type meanwhile is skipped: the client stays blocked, as in Redis.
    return served !== undefined && 'log' in served ? served : undefined;
  });
}
