import type Redis from 'ioredis';
import { writeThenReplay } from '../testing/aof-replay';
import { useKvSuite } from '../testing/kv-suite';
import { call, type RawClient } from '../testing/start-kv';
import { errorOf, WRONGTYPE } from '../testing/reply-shapes';

const sorted = (items: string[]) => [...items].sort();

describe('set commands', () => {
  let redis: Redis;
  let raw: RawClient;
  useKvSuite((suite) => ({ redis, raw } = suite));

  it('adds, tests, counts and removes members, deleting the emptied set', async () => {
    expect(await redis.sadd('s', 'a', 'b', 'a')).toBe(2);
    expect(await redis.sadd('s', 'b', 'c')).toBe(1);
    expect(sorted(await redis.smembers('s'))).toEqual(['a', 'b', 'c']);
    expect(await redis.sismember('s', 'a')).toBe(1);
    expect(await redis.sismember('s', 'z')).toBe(0);
    expect(await redis.sismember('none', 'z')).toBe(0);
    expect(await redis.smismember('s', 'a', 'z', 'c')).toEqual([1, 0, 1]);
    expect(await redis.smismember('none', 'a')).toEqual([0]);
    expect(await redis.scard('s')).toBe(3);
    expect(await redis.scard('none')).toBe(0);
    expect(await redis.srem('s', 'a', 'z')).toBe(1);
    expect(await redis.srem('s', 'b', 'c')).toBe(2);
    expect(await redis.exists('s')).toBe(0);
    expect(await redis.smembers('s')).toEqual([]);
  });

  it('pops and picks random members', async () => {
    await redis.sadd('s', 'a', 'b', 'c', 'd');
    const one = await redis.spop('s');
    expect(['a', 'b', 'c', 'd']).toContain(one);
    const two = await redis.spop('s', 2);
    expect(two).toHaveLength(2);
    expect(new Set([one, ...two]).size).toBe(3);
    expect(await redis.scard('s')).toBe(1);
    expect(await redis.spop('s', 0)).toEqual([]);
    expect(await redis.spop('s', 10)).toHaveLength(1);
    expect(await redis.exists('s')).toBe(0);
    expect(await redis.spop('s')).toBeNull();
    expect(await redis.spop('s', 3)).toEqual([]);

    await redis.sadd('s', 'a', 'b', 'c');
    expect(['a', 'b', 'c']).toContain(await redis.srandmember('s'));
    expect(sorted(await redis.srandmember('s', 2))).toHaveLength(2);
    expect(new Set(await redis.srandmember('s', 2)).size).toBe(2);
    expect(sorted(await redis.srandmember('s', 10))).toEqual(['a', 'b', 'c']);
    const repeats = await redis.srandmember('s', -20);
    expect(repeats).toHaveLength(20);
    for (const member of repeats) expect(['a', 'b', 'c']).toContain(member);
    expect(await redis.srandmember('s', 0)).toEqual([]);
    expect(await redis.srandmember('none')).toBeNull();
    expect(await redis.srandmember('none', -3)).toEqual([]);
    expect(await redis.scard('s')).toBe(3);
  });

  it('intersects, unites and subtracts', async () => {
    await redis.sadd('a', '1', '2', '3', '4');
    await redis.sadd('b', '2', '3', '5');
    await redis.sadd('c', '3', '4', '5');
    expect(sorted(await redis.sinter('a', 'b'))).toEqual(['2', '3']);
    expect(sorted(await redis.sinter('a', 'b', 'c'))).toEqual(['3']);
    expect(await redis.sinter('a', 'none')).toEqual([]);
    expect(sorted(await redis.sunion('a', 'b', 'none'))).toEqual(['1', '2', '3', '4', '5']);
    expect(sorted(await redis.sdiff('a', 'b'))).toEqual(['1', '4']);
    expect(sorted(await redis.sdiff('a', 'b', 'c'))).toEqual(['1']);
    expect(await redis.sdiff('none', 'a')).toEqual([]);
  });

  it('stores intersections, unions and differences, moves members and counts intersections', async () => {
    await redis.sadd('a', '1', '2', '3', '4');
    await redis.sadd('b', '2', '3', '5');
    await redis.set('dest', 'a string, replaced');
    expect(await redis.sinterstore('dest', 'a', 'b')).toBe(2);
    expect(sorted(await redis.smembers('dest'))).toEqual(['2', '3']);
    expect(await redis.sunionstore('dest', 'a', 'b')).toBe(5);
    expect(await redis.sdiffstore('dest', 'a', 'b')).toBe(2);
    expect(await redis.sinterstore('dest', 'a', 'none')).toBe(0);
    expect(await redis.exists('dest')).toBe(0);
    expect(await redis.sintercard(2, 'a', 'b')).toBe(2);
    expect(await redis.sintercard(2, 'a', 'b', 'LIMIT', 1)).toBe(1);
    expect(await redis.smove('a', 'c', '1')).toBe(1);
    expect(await redis.smove('a', 'c', '1')).toBe(0);
    expect(await redis.smove('a', 'a', '2')).toBe(1);
    expect(await redis.smembers('c')).toEqual(['1']);
    expect(await call(raw, 'SINTERCARD', '0', 'a')).toEqual(errorOf('ERR numkeys should be greater than 0'));
    expect(await call(raw, 'SINTERCARD', '2', 'a')).toEqual(errorOf("ERR Number of keys can't be greater than number of args"));
    expect(await call(raw, 'SINTERCARD', '1', 'a', 'LIMIT', '-1')).toEqual(errorOf("ERR LIMIT can't be negative"));
    await redis.set('str', 'v');
    expect(await call(raw, 'SMOVE', 'a', 'str', '2')).toEqual(errorOf(WRONGTYPE));
    expect(await call(raw, 'SDIFFSTORE', 'dest', 'a', 'str')).toEqual(errorOf(WRONGTYPE));
  });

  it('answers errors with Redis texts', async () => {
    await redis.set('str', 'v');
    await redis.sadd('s', 'a');
    const cases: Array<[string[], string]> = [
      [['SADD', 'str', 'a'], WRONGTYPE],
      [['SREM', 'str', 'a'], WRONGTYPE],
      [['SMEMBERS', 'str'], WRONGTYPE],
      [['SISMEMBER', 'str', 'a'], WRONGTYPE],
      [['SMISMEMBER', 'str', 'a'], WRONGTYPE],
      [['SCARD', 'str'], WRONGTYPE],
      [['SPOP', 'str'], WRONGTYPE],
      [['SRANDMEMBER', 'str', '-1'], WRONGTYPE],
      [['SINTER', 'none', 'str'], WRONGTYPE],
      [['SUNION', 'none', 'str'], WRONGTYPE],
      [['SDIFF', 'none', 'str'], WRONGTYPE],
      [['SSCAN', 'str', '0'], WRONGTYPE],
      [['SPOP', 's', '-1'], 'ERR value is out of range, must be positive'],
      [['SPOP', 'str', 'x'], 'ERR value is out of range, must be positive'],
      [['SPOP', 's', '1', '2'], 'ERR syntax error'],
      [['SRANDMEMBER', 's', '1', '2'], 'ERR syntax error'],
      [['SRANDMEMBER', 's', 'x'], 'ERR value is not an integer or out of range'],
      [['SRANDMEMBER', 's', '-9223372036854775808'], 'ERR value is out of range, value must between -9223372036854775807 and 9223372036854775807'],
      [['SSCAN', 's', 'x'], 'ERR invalid cursor'],
      [['SSCAN', 's', '0', 'COUNT', '0'], 'ERR syntax error'],
    ];
    for (const [args, text] of cases) expect([args, await call(raw, ...args)]).toEqual([args, errorOf(text)]);
  });

  it('answers sets as RESP3 sets where Redis does', async () => {
    await redis.sadd('s', 'a');
    await call(raw, 'HELLO', '3');
    const set = { type: 'set', value: [{ type: 'bulk', value: Buffer.from('a') }] };
    expect(await call(raw, 'SMEMBERS', 's')).toEqual(set);
    expect(await call(raw, 'SINTER', 's')).toEqual(set);
    expect(await call(raw, 'SUNION', 's', 'none')).toEqual(set);
    expect(await call(raw, 'SDIFF', 's')).toEqual(set);
    expect(await call(raw, 'SMEMBERS', 'none')).toEqual({ type: 'set', value: [] });
    expect(await call(raw, 'SPOP', 'none', '2')).toEqual({ type: 'set', value: [] });
    expect(await call(raw, 'SPOP', 'none')).toEqual({ type: 'null' });
    expect(await call(raw, 'SRANDMEMBER', 's', '1')).toEqual({ type: 'array', value: [{ type: 'bulk', value: Buffer.from('a') }] });
    expect(await call(raw, 'SPOP', 's', '1')).toEqual(set);
  });

  it('SSCAN returns every member that stays for the whole scan', async () => {
    await redis.sadd('s', ...Array.from({ length: 500 }, (_, i) => `m${i}`));
    const seen = new Set<string>();
    let cursor = '0';
    let round = 0;
    do {
      const [next, members] = await redis.sscan('s', cursor, 'COUNT', 25);
      members.forEach((m) => seen.add(m));
      // Remove odd members not yet seen and add new ones as the scan goes.
      await redis.srem('s', ...Array.from({ length: 10 }, (_, j) => `m${2 * (round * 10 + j) + 1}`));
      await redis.sadd('s', `late${round++}`);
      cursor = next;
    } while (cursor !== '0');
    for (let i = 0; i < 500; i += 2) expect(seen.has(`m${i}`)).toBe(true);
    const [, matching] = await redis.sscan('s', '0', 'MATCH', 'late*', 'COUNT', 10000);
    expect(matching.length).toBe(round);
  });
});

describe('sets in the append-only file', () => {
  it('logs SPOP as the SREM of what it took, so a replay keeps the same members', async () => {
    let left: string[] = [];
    const { log, replayed } = await writeThenReplay(async (first) => {
      const redis = first.redis();
      await redis.sadd('s', ...Array.from({ length: 50 }, (_, i) => `m${i}`));
      await redis.spop('s');
      await redis.spop('s', 5);
      await redis.sadd('all', 'a', 'b');
      await redis.spop('all', 10);
      left = sorted(await redis.smembers('s'));
    });
    expect(log).not.toContain('SPOP');
    const again = replayed.redis();
    expect(sorted(await again.smembers('s'))).toEqual(left);
    expect(await again.exists('all')).toBe(0);
    await replayed.stop();
  });
});
