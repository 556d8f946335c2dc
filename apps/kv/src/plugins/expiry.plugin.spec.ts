import type Redis from 'ioredis';
import type { Clock } from '@weir/core';
import { useKvSuite } from '../testing/kv-suite';
import { call, type RawClient } from '../testing/start-kv';
import { errorOf } from '../testing/reply-shapes';

/** A clock the test moves by hand, so expiry is tested without waiting. */
class ManualClock implements Clock {
  constructor(public ms = 1_700_000_000_000) {}
  now(): number {
    return this.ms;
  }
}

describe('expiry', () => {
  const clock = new ManualClock();
  let redis: Redis;
  let raw: RawClient;
  useKvSuite((suite) => ({ redis, raw } = suite), {}, { clock });

  it('EXPIRE, PEXPIRE, EXPIREAT, PEXPIREAT, TTL, PTTL, EXPIRETIME, PEXPIRETIME, PERSIST', async () => {
    await redis.set('k', 'v');
    expect(await redis.ttl('k')).toBe(-1);
    expect(await redis.ttl('none')).toBe(-2);
    expect(await redis.pexpiretime('none')).toBe(-2);
    expect(await redis.expire('k', 100)).toBe(1);
    expect(await redis.ttl('k')).toBe(100);
    expect(await redis.pttl('k')).toBe(100_000);
    expect(await redis.expiretime('k')).toBe(Math.floor(clock.ms / 1000) + 100);
    expect(await redis.pexpire('k', 1500)).toBe(1);
    expect(await redis.ttl('k')).toBe(2);
    expect(await redis.pexpiretime('k')).toBe(clock.ms + 1500);
    expect(await redis.expireat('k', Math.floor(clock.ms / 1000) + 10)).toBe(1);
    expect(await redis.pexpireat('k', clock.ms + 7000)).toBe(1);
    expect(await redis.pttl('k')).toBe(7000);
    expect(await redis.persist('k')).toBe(1);
    expect(await redis.persist('k')).toBe(0);
    expect(await redis.ttl('k')).toBe(-1);
    expect(await redis.expire('none', 10)).toBe(0);
  });

  it('NX, XX, GT and LT conditions', async () => {
    await redis.set('k', 'v');
    expect(await redis.expire('k', 100, 'XX')).toBe(0);
    expect(await redis.expire('k', 100, 'GT')).toBe(0);
    expect(await redis.expire('k', 100, 'LT')).toBe(1);
    expect(await redis.expire('k', 200, 'NX')).toBe(0);
    expect(await redis.expire('k', 200, 'XX')).toBe(1);
    expect(await redis.expire('k', 100, 'GT')).toBe(0);
    expect(await redis.expire('k', 300, 'GT')).toBe(1);
    expect(await redis.expire('k', 400, 'LT')).toBe(0);
    expect(await redis.ttl('k')).toBe(300);
    expect(await call(raw, 'EXPIRE', 'k', '1', 'NX', 'XX')).toEqual(errorOf('ERR NX and XX, GT or LT options at the same time are not compatible'));
    expect(await call(raw, 'EXPIRE', 'k', '1', 'GT', 'LT')).toEqual(errorOf('ERR GT and LT options at the same time are not compatible'));
    expect(await call(raw, 'EXPIRE', 'k', '1', 'FOO')).toEqual(errorOf('ERR Unsupported option FOO'));
    expect(await call(raw, 'EXPIRE', 'k', 'x')).toEqual(errorOf('ERR value is not an integer or out of range'));
    expect(await call(raw, 'EXPIRE', 'k', '9223372036854775807')).toEqual(errorOf("ERR invalid expire time in 'expire' command"));
    expect(await call(raw, 'PEXPIRE', 'k', '9223372036854775807')).toEqual(errorOf("ERR invalid expire time in 'pexpire' command"));
  });

  it('a deadline in the past deletes the key', async () => {
    await redis.set('k', 'v');
    expect(await redis.expire('k', -1)).toBe(1);
    expect(await redis.exists('k')).toBe(0);
    await redis.set('k', 'v');
    expect(await redis.expireat('k', 1)).toBe(1);
    expect(await redis.get('k')).toBeNull();
  });

  it('expires lazily: a key past its deadline is gone when next touched', async () => {
    await redis.set('k', 'v', 'PX', 1000);
    clock.ms += 999;
    expect(await redis.get('k')).toBe('v');
    clock.ms += 1;
    expect(await redis.get('k')).toBeNull();
    expect(await redis.exists('k')).toBe(0);
  });

  it('expires actively: keys nobody touches are deleted by the background cycle', async () => {
    const pipeline = redis.pipeline();
    for (let i = 0; i < 300; i++) pipeline.set(`t${i}`, 'v', 'PX', 100);
    pipeline.set('forever', 'v');
    await pipeline.exec();
    expect(await redis.dbsize()).toBe(301);
    clock.ms += 200;
    // DBSIZE does not touch the keys: only the active cycle can bring it down.
    for (let i = 0; i < 100 && (await redis.dbsize()) > 1; i++) await new Promise((r) => setTimeout(r, 50));
    expect(await redis.dbsize()).toBe(1);
    const info = await redis.info('stats');
    expect(info).toMatch(/expired_keys:\d+/);
  });
});
