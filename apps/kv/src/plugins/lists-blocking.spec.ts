import type Redis from 'ioredis';
import { writeThenReplay } from '../testing/aof-replay';
import { useKvSuite } from '../testing/kv-suite';
import { call, type RunningKv } from '../testing/start-kv';
import { errorOf } from '../testing/reply-shapes';

/** Gives the server a moment to take a command in (a blocked client answers nothing to wait on). */
async function settle(): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, 50));
}

describe('blocking pops', () => {
  let kv: RunningKv;
  let redis: Redis;
  useKvSuite((suite) => ({ kv, redis } = suite));

  it('BLPOP waits for a push on another connection, and serves waiters first come, first served', async () => {
    const first = kv.redis();
    const second = kv.redis();
    const firstPop = first.blpop('q1', 'q2', 0);
    await settle();
    const secondPop = second.brpop('q2', 0);
    await settle();
    expect(await redis.rpush('q2', 'a', 'b')).toBe(2);
    expect(await firstPop).toEqual(['q2', 'a']);
    expect(await secondPop).toEqual(['q2', 'b']);
    expect(await redis.exists('q2')).toBe(0);
  });

  it('answers null after the timeout, and at once when something is there', async () => {
    expect(await redis.blpop('empty', 0.05)).toBeNull();
    await redis.rpush('full', 'x');
    expect(await redis.blpop('empty', 'full', 0)).toEqual(['full', 'x']);
    const raw = await kv.raw();
    expect(await call(raw, 'BLPOP', 'k', '-1')).toEqual(errorOf('ERR timeout is negative'));
    expect(await call(raw, 'BLPOP', 'k', 'soon')).toEqual(errorOf('ERR timeout is not a float or out of range'));
    expect(await call(raw, 'BLMPOP', '0', '0', 'k', 'LEFT')).toEqual(errorOf('ERR numkeys should be greater than 0'));
  });

  it('does not block inside MULTI', async () => {
    expect(await redis.multi().blpop('none', 0).blmove('none', 'd', 'LEFT', 'LEFT', 0).bzpopmin('nz', 0).exec()).toEqual([
      [null, null],
      [null, null],
      [null, null],
    ]);
  });

  it('BLMOVE moves what arrives, and a client blocked on the destination gets it next', async () => {
    const mover = kv.redis();
    const tail = kv.redis();
    const moved = mover.blmove('src', 'dst', 'LEFT', 'RIGHT', 0);
    await settle();
    const popped = tail.blpop('dst', 0);
    await settle();
    await redis.lpush('src', 'item');
    expect(await moved).toBe('item');
    expect(await popped).toEqual(['dst', 'item']);
    expect(await redis.exists('src', 'dst')).toBe(0);
  });

  it('BLMPOP and BZPOPMIN wait too', async () => {
    const lists = kv.redis();
    const zsets = kv.redis();
    const many = lists.blmpop(0, 2, 'l1', 'l2', 'RIGHT', 'COUNT', 5);
    const lowest = zsets.bzpopmin('z', 0);
    await settle();
    await redis.rpush('l2', 'a', 'b');
    await redis.zadd('z', 2, 'two', 1, 'one');
    expect(await many).toEqual(['l2', ['b', 'a']]);
    expect(await lowest).toEqual(['z', 'one', '1']);
    expect(await redis.zrange('z', 0, -1)).toEqual(['two']);
  });

  it('forgets a client that disconnects while blocked: nothing is popped for it', async () => {
    const quitter = kv.redis();
    void quitter.blpop('q', 0).catch(() => undefined);
    await settle();
    quitter.disconnect();
    await settle();
    await redis.rpush('q', 'kept');
    expect(await redis.lrange('q', 0, -1)).toEqual(['kept']);
  });
});

describe('blocking pops in the append-only file', () => {
  it('logs a served BLPOP as the LPOP it was, after the push that fed it', async () => {
    const { log, replayed } = await writeThenReplay(async (first) => {
      const waiter = first.redis();
      const pusher = first.redis();
      const popped = waiter.blpop('q', 0);
      await settle();
      await pusher.rpush('q', 'a', 'b');
      expect(await popped).toEqual(['q', 'a']);
      await pusher.rpush('now', 'x');
      expect(await waiter.blpop('now', 0)).toEqual(['now', 'x']);
    });
    expect(log).not.toContain('BLPOP');
    expect(log.indexOf('RPUSH\r\n$1\r\nq')).toBeLessThan(log.indexOf('LPOP\r\n$1\r\nq'));
    const again = replayed.redis();
    expect(await again.lrange('q', 0, -1)).toEqual(['b']);
    expect(await again.exists('now')).toBe(0);
    await replayed.stop();
  });
});
