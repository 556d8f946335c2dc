import { Buffer } from 'node:buffer';
import type { RespReply } from '@weir/codecs';
import { parseIntercardLimit } from '../args/intercard-limit';
import { parseInteger } from '../args/numbers';
import type { Database } from '../keyspace/database';
import { err, int } from '../reply/replies';
import { SetValue } from '../types/set-value';
import { afterRemoval, lookupValue, saveValue, storeResult } from '../types/typed-access';

/**
 * Set algebra for SINTER, SUNION, SDIFF, their STORE forms and SINTERCARD,
 * plus SMOVE. Missing keys count as empty sets; any key of another type makes
 * the whole command answer WRONGTYPE, as in Redis, which checks them all.
 */

const NUMKEYS = err('ERR numkeys should be greater than 0');
const TOO_MANY_KEYS = err("ERR Number of keys can't be greater than number of args");

const latin1 = (arg: Buffer) => arg.toString('latin1');

export type SetOperation = 'inter' | 'union' | 'diff';

/** The sets named by `keys` (undefined for missing ones), or WRONGTYPE's reply. */
export function readSets(db: Database, keys: readonly Buffer[]): Array<SetValue | undefined> | RespReply {
  const sets: Array<SetValue | undefined> = [];
  for (const key of keys) {
    const members = lookupValue(db, latin1(key), SetValue);
    if (members !== undefined && !(members instanceof SetValue)) return members;
    sets.push(members);
  }
  return sets;
}

/** The members of the intersection, union or difference (first minus the rest). */
export function combine(operation: SetOperation, sets: ReadonlyArray<SetValue | undefined>): string[] {
  if (operation === 'union') {
    const union = new Set<string>();
    for (const members of sets) if (members !== undefined) for (const member of members.keys()) union.add(member);
    return [...union];
  }
  if (operation === 'diff') {
    const [first, ...rest] = sets;
    const out: string[] = [];
    if (first !== undefined) for (const member of first.keys()) if (!rest.some((s) => s?.has(member))) out.push(member);
    return out;
  }
  return intersect(sets, Infinity);
}

/** Members in every set, at most `limit` of them; walks the smallest set. */
function intersect(sets: ReadonlyArray<SetValue | undefined>, limit: number): string[] {
  if (sets.some((s) => s === undefined)) return [];
  const [smallest, ...rest] = (sets as SetValue[]).slice().sort((a, b) => a.size - b.size);
  const out: string[] = [];
  for (const member of smallest.keys()) {
    if (out.length >= limit) break;
    if (rest.every((s) => s.has(member))) out.push(member);
  }
  return out;
}

/** S*STORE: the result replaces whatever `destination` held (an empty result deletes it). */
export function storeSet(db: Database, destination: Buffer, members: readonly string[]): RespReply {
  const result = new SetValue();
  for (const member of members) result.add(member);
  return storeResult(db, destination, result);
}

/** SINTERCARD numkeys key [key ...] [LIMIT limit]. */
export function sintercard(db: Database, args: readonly Buffer[]): RespReply {
  const numkeys = parseInteger(args[1]);
  if (numkeys === undefined || numkeys < 1) return NUMKEYS;
  if (numkeys > args.length - 2) return TOO_MANY_KEYS;
  const limit = parseIntercardLimit(args, 2 + numkeys);
  if (typeof limit !== 'number') return limit;
  const sets = readSets(db, args.slice(2, 2 + numkeys));
  if (!Array.isArray(sets)) return sets;
  return int(intersect(sets, limit === 0 ? Infinity : limit).length);
}

/** SMOVE source destination member. */
export function smove(db: Database, args: readonly Buffer[]): RespReply {
  const source = latin1(args[1]);
  const destination = latin1(args[2]);
  const member = latin1(args[3]);
  const from = lookupValue(db, source, SetValue);
  if (from === undefined) return int(0);
  if (!(from instanceof SetValue)) return from;
  const to = lookupValue(db, destination, SetValue);
  if (to !== undefined && !(to instanceof SetValue)) return to;
  if (source === destination) return int(from.has(member) ? 1 : 0);
  if (!from.delete(member)) return int(0);
  afterRemoval(db, source, from);
  const target = to ?? new SetValue();
  target.add(member);
  saveValue(db, destination, target, to === undefined);
  return int(1);
}
