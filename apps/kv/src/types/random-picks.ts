import { Buffer } from 'node:buffer';
import type { RespReply } from '@weir/codecs';
import { parseInt64 } from '../args/numbers';
import { NOT_INTEGER } from '../reply/errors';
import { err } from '../reply/replies';

/** What a random pick needs of a value: its size, a uniform random element, all elements. */
export interface RandomSource {
  readonly size: number;
  randomKey(): string | undefined;
  keys(): IterableIterator<string>;
}

export const RANDOM_COUNT_RANGE = err('ERR value is out of range, value must between -9223372036854775807 and 9223372036854775807');
/**
 * A negative count asks for that many picks with repeats: past this many the
 * reply alone would exhaust the process's memory (a redis-server 7.0 asked
 * for -2^63 picks is killed by the OOM killer), so it gets the range error.
 */
const MAX_RANDOM_PICKS = 16 * 1024 * 1024;

/**
 * The count argument of SRANDMEMBER, HRANDFIELD and ZRANDMEMBER: any 64-bit
 * integer but -2^63; an error reply otherwise.
 */
export function parseRandomCount(arg: Buffer): number | RespReply {
  const count = parseInt64(arg);
  if (count === undefined) return NOT_INTEGER;
  if (count === -(2n ** 63n) || Number(count) < -MAX_RANDOM_PICKS) return RANDOM_COUNT_RANGE;
  return Number(count);
}

/**
 * Redis's rule for random picks: a positive count gives that many distinct
 * elements (all of them if there are fewer), a negative one |count| picks
 * that may repeat.
 */
export function randomPicks(source: RandomSource, count: number): string[] {
  if (source.size === 0 || count === 0) return [];
  if (count < 0) {
    const picks = new Array<string>(-count);
    for (let i = 0; i < -count; i++) picks[i] = source.randomKey() as string;
    return picks;
  }
  if (count >= source.size) return [...source.keys()];
  // Few picks from a large value: draw until enough distinct ones; many: shuffle a copy.
  if (count * 3 < source.size) {
    const picked = new Set<string>();
    while (picked.size < count) picked.add(source.randomKey() as string);
    return [...picked];
  }
  const all = [...source.keys()];
  for (let i = 0; i < count; i++) {
    const j = i + Math.floor(Math.random() * (all.length - i));
    [all[i], all[j]] = [all[j], all[i]];
  }
  return all.slice(0, count);
}
