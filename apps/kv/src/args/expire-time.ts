import { Buffer } from 'node:buffer';
import type { RespReply } from '@weir/codecs';
import { invalidExpireTime, NOT_INTEGER } from '../reply/errors';
import { parseInteger } from './numbers';

/** EX / PX / EXAT / PXAT: seconds or milliseconds, relative to now or absolute. */
export type ExpireUnit = 'EX' | 'PX' | 'EXAT' | 'PXAT';

// 2^63 - 1 rounds to 2^63 as a double; the checks it guards only need its magnitude.
const INT64_MAX = 2 ** 63;

/**
 * The absolute deadline (ms since the epoch) an expiry option names, or the
 * error Redis gives: not an integer, not above zero, or past 64 bits once in
 * milliseconds from now.
 */
export function expireDeadline(arg: Buffer, unit: ExpireUnit, now: number, command: string): number | RespReply {
  const value = parseInteger(arg);
  if (value === undefined) return NOT_INTEGER;
  const seconds = unit === 'EX' || unit === 'EXAT';
  if (value <= 0 || (seconds && value > INT64_MAX / 1000)) return invalidExpireTime(command);
  let ms = seconds ? value * 1000 : value;
  if (unit === 'EX' || unit === 'PX') {
    if (ms > INT64_MAX - now) return invalidExpireTime(command);
    ms += now;
  }
  return ms;
}

export function isExpireUnit(option: string): option is ExpireUnit {
  return option === 'EX' || option === 'PX' || option === 'EXAT' || option === 'PXAT';
}
