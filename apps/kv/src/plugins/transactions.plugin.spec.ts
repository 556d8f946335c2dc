import type Redis from 'ioredis';
import { useKvSuite } from '../testing/kv-suite';
import { call, type RawClient, type RunningKv } from '../testing/start-kv';
import { errorOf } from '../testing/reply-shapes';

const QUEUED = { type: 'simple', value: 'QUEUED' };
const OK = { type: 'simple', value: 'OK' };

describe('MULTI / EXEC / DISCARD / WATCH', () => {
  let kv: RunningKv;
  let redis: Redis;
  let raw: RawClient;
  useKvSuite((suite) => ({ kv, redis, raw } = suite));

  it('queues commands and runs them at EXEC, runtime errors in place', async () => {
    await redis.set('s', 'text');
    expect(await call(raw, 'MULTI')).toEqual(OK);
    expect(await call(raw, 'INCR', 'n')).toEqual(QUEUED);
    expect(await call(raw, 'INCR', 's')).toEqual(QUEUED);
    expect(await call(raw, 'GET', 'n')).toEqual(QUEUED);
    expect(await call(raw, 'EXEC')).toEqual({
      type: 'array',
      value: [{ type: 'integer', value: 1 }, errorOf('ERR value is not an integer or out of range'), { type: 'bulk', value: Buffer.from('1') }],
    });
  });

  it('aborts EXEC after an unknown command or a wrong arity while queuing', async () => {
    await call(raw, 'MULTI');
    expect(await call(raw, 'SET', 'a', '1')).toEqual(QUEUED);
    expect(await call(raw, 'NOPE')).toEqual(errorOf("ERR unknown command 'NOPE', with args beginning with: "));
    expect(await call(raw, 'EXEC')).toEqual(errorOf('EXECABORT Transaction discarded because of previous errors.'));
    expect(await redis.exists('a')).toBe(0);
    await call(raw, 'MULTI');
    expect(await call(raw, 'GET')).toEqual(errorOf("ERR wrong number of arguments for 'get' command"));
    expect(await call(raw, 'EXEC')).toEqual(errorOf('EXECABORT Transaction discarded because of previous errors.'));
  });

  it('refuses nesting, WATCH inside MULTI, and EXEC or DISCARD without MULTI', async () => {
    expect(await call(raw, 'EXEC')).toEqual(errorOf('ERR EXEC without MULTI'));
    expect(await call(raw, 'DISCARD')).toEqual(errorOf('ERR DISCARD without MULTI'));
    await call(raw, 'MULTI');
    expect(await call(raw, 'MULTI')).toEqual(errorOf('ERR MULTI calls can not be nested'));
    expect(await call(raw, 'WATCH', 'a')).toEqual(errorOf('ERR WATCH inside MULTI is not allowed'));
    expect(await call(raw, 'DISCARD')).toEqual(OK);
  });

  it('DISCARD drops the queue', async () => {
    await call(raw, 'MULTI');
    await call(raw, 'SET', 'a', '1');
    expect(await call(raw, 'DISCARD')).toEqual(OK);
    expect(await redis.exists('a')).toBe(0);
  });

  it('EXEC answers null when a watched key changed, and runs when none did', async () => {
    await redis.set('w', '1');
    expect(await call(raw, 'WATCH', 'w')).toEqual(OK);
    await redis.set('w', '2');
    await call(raw, 'MULTI');
    await call(raw, 'SET', 'w', '3');
    expect(await call(raw, 'EXEC')).toEqual({ type: 'array', value: null });
    expect(await redis.get('w')).toBe('2');

    await call(raw, 'WATCH', 'w');
    await redis.get('w');
    await call(raw, 'MULTI');
    await call(raw, 'SET', 'w', '4');
    expect(await call(raw, 'EXEC')).toEqual({ type: 'array', value: [OK] });
    expect(await redis.get('w')).toBe('4');
  });

  it('WATCH sees deletes, expiry, FLUSHDB and changes in place; UNWATCH forgets', async () => {
    const watchThen = async (change: () => Promise<unknown>) => {
      await call(raw, 'WATCH', 'k');
      await change();
      await call(raw, 'MULTI');
      await call(raw, 'PING');
      return call(raw, 'EXEC');
    };
    await redis.set('k', 'v');
    expect(await watchThen(() => redis.del('k'))).toEqual({ type: 'array', value: null });
    await redis.rpush('k', 'a');
    expect(await watchThen(() => redis.rpush('k', 'b'))).toEqual({ type: 'array', value: null });
    expect(await watchThen(() => redis.flushdb())).toEqual({ type: 'array', value: null });
    await redis.set('k', 'v', 'PX', 20);
    expect(await watchThen(() => new Promise((r) => setTimeout(r, 40)).then(() => redis.get('k')))).toEqual({ type: 'array', value: null });
    await redis.set('k', 'v');
    await call(raw, 'WATCH', 'k');
    await call(raw, 'UNWATCH');
    await redis.set('k', 'changed');
    await call(raw, 'MULTI');
    await call(raw, 'GET', 'k');
    expect(await call(raw, 'EXEC')).toEqual({ type: 'array', value: [{ type: 'bulk', value: Buffer.from('changed') }] });
  });

  it('works through ioredis multi() with a watched key', async () => {
    await redis.set('balance', '10');
    const client = kv.redis();
    await client.watch('balance');
    const balance = Number(await client.get('balance'));
    const result = await client.multi().set('balance', String(balance - 3)).get('balance').exec();
    expect(result).toEqual([
      [null, 'OK'],
      [null, '7'],
    ]);
  });
});
