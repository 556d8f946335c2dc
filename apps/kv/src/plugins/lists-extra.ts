import { Buffer } from 'node:buffer';
import type { RespReply } from '@weir/codecs';
import { isMultiPopRequest, parseMultiPop, type MultiPopRequest } from '../args/multi-pop';
import { parseInteger } from '../args/numbers';
import type { Database } from '../keyspace/database';
import { SYNTAX } from '../reply/errors';
import { arr, bulk, err, int, nullArray, nullReply, type Protocol } from '../reply/replies';
import { ListValue } from '../types/list-value';
import { afterRemoval, lookupValue, saveValue } from '../types/typed-access';

/**
 * The list commands beyond the basics: LINSERT, LPOS, LMOVE (RPOPLPUSH),
 * LMPOP. Each takes the database and the raw arguments and gives the reply.
 */

const RANK_ZERO = err(
  "ERR RANK can't be zero: use 1 to start from the first match, 2 from the second ... or use negative to start from the end of the list",
);
const COUNT_NEGATIVE = err("ERR COUNT can't be negative");
const MAXLEN_NEGATIVE = err("ERR MAXLEN can't be negative");
const NOT_INTEGER = err('ERR value is not an integer or out of range');

const latin1 = (arg: Buffer) => arg.toString('latin1');

/** Which end of a list: LEFT is the head, RIGHT the tail. */
export type End = 'head' | 'tail';

/** LEFT or RIGHT (any case), as a head/tail flag; undefined otherwise. */
export function parseEnd(arg: Buffer): End | undefined {
  const word = latin1(arg).toUpperCase();
  return word === 'LEFT' ? 'head' : word === 'RIGHT' ? 'tail' : undefined;
}

export function linsert(db: Database, args: readonly Buffer[]): RespReply {
  const where = latin1(args[2]).toUpperCase();
  if (where !== 'BEFORE' && where !== 'AFTER') return SYNTAX;
  const key = latin1(args[1]);
  const list = lookupValue(db, key, ListValue);
  if (list === undefined) return int(0);
  if (!(list instanceof ListValue)) return list;
  const at = list.indexOf(args[3]);
  if (at < 0) return int(-1);
  list.insertAt(where === 'BEFORE' ? at : at + 1, args[4]);
  db.touched(key);
  return int(list.size);
}

export function lpos(db: Database, args: readonly Buffer[], proto: Protocol): RespReply {
  let rank = 1;
  let count: number | undefined;
  let maxlen = 0;
  for (let i = 3; i < args.length; i += 2) {
    const option = latin1(args[i]).toUpperCase();
    if (i + 1 >= args.length) return SYNTAX;
    const value = parseInteger(args[i + 1]);
    if (option === 'RANK') {
      if (value === undefined) return NOT_INTEGER;
      if (value === 0) return RANK_ZERO;
      // Redis negates the rank in 64 bits: -2^63 stays negative and matches the first hit from the tail.
      rank = value <= -(2 ** 63) ? -1 : value;
    } else if (option === 'COUNT') {
      if (value === undefined || value < 0) return COUNT_NEGATIVE;
      count = value;
    } else if (option === 'MAXLEN') {
      if (value === undefined || value < 0) return MAXLEN_NEGATIVE;
      maxlen = value;
    } else {
      return SYNTAX;
    }
  }
  const list = lookupValue(db, latin1(args[1]), ListValue);
  if (list !== undefined && !(list instanceof ListValue)) return list;
  const found: number[] = [];
  if (list !== undefined) {
    const wanted = count === undefined ? 1 : count === 0 ? Infinity : count;
    const fromTail = rank < 0;
    let skip = Math.abs(rank) - 1;
    const limit = maxlen === 0 ? list.size : Math.min(maxlen, list.size);
    for (let n = 0; n < limit && found.length < wanted; n++) {
      const index = fromTail ? list.size - 1 - n : n;
      if (!list.at(index).equals(args[2])) continue;
      if (skip > 0) skip--;
      else found.push(index);
    }
  }
  if (count === undefined) return found.length === 0 ? nullReply(proto) : int(found[0]);
  return arr(found.map(int));
}

/** LMOVE source destination LEFT|RIGHT LEFT|RIGHT (RPOPLPUSH is RIGHT LEFT). */
export function lmove(db: Database, sourceArg: Buffer, destinationArg: Buffer, from: End, to: End, proto: Protocol): RespReply {
  const source = latin1(sourceArg);
  const destinationKey = latin1(destinationArg);
  const list = lookupValue(db, source, ListValue);
  if (list === undefined) return nullReply(proto);
  if (!(list instanceof ListValue)) return list;
  const target = lookupValue(db, destinationKey, ListValue);
  if (target !== undefined && !(target instanceof ListValue)) return target;
  const item = (from === 'head' ? list.popFront() : list.popBack()) as Buffer;
  const destination = target ?? (source === destinationKey ? list : new ListValue());
  if (to === 'head') destination.pushFront(item);
  else destination.pushBack(item);
  if (destination !== list) afterRemoval(db, source, list);
  saveValue(db, destinationKey, destination, target === undefined && destination !== list);
  return bulk(item);
}

/**
 * Pops from the first non-empty list of the request: `[key, [elements]]`, or
 * WRONGTYPE's reply, or undefined when every list is empty. `popped` learns
 * the key and how many were taken (for the AOF).
 */
export function multiPop(db: Database, request: MultiPopRequest<End>, popped?: (key: string, count: number) => void): RespReply | undefined {
  for (const keyArg of request.keys) {
    const key = latin1(keyArg);
    const list = lookupValue(db, key, ListValue);
    if (list === undefined) continue;
    if (!(list instanceof ListValue)) return list;
    const items: RespReply[] = [];
    for (let n = Math.min(request.count, list.size); n > 0; n--) items.push(bulk((request.end === 'head' ? list.popFront() : list.popBack()) as Buffer));
    afterRemoval(db, key, list);
    popped?.(key, items.length);
    return arr([bulk(keyArg), arr(items)]);
  }
  return undefined;
}

/** LMPOP numkeys key [key ...] LEFT|RIGHT [COUNT count]: pops from the first non-empty list. */
export function lmpop(db: Database, args: readonly Buffer[], proto: Protocol, arityError: RespReply): RespReply {
  const request = parseMultiPop(args, 1, parseEnd, arityError);
  if (!isMultiPopRequest(request)) return request;
  return multiPop(db, request) ?? nullArray(proto);
}
