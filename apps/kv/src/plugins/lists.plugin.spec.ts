import type Redis from 'ioredis';
import { useKvSuite } from '../testing/kv-suite';
import { call, type RawClient } from '../testing/start-kv';
import { errorOf, WRONGTYPE } from '../testing/reply-shapes';

describe('list commands', () => {
  let redis: Redis;
  let raw: RawClient;
  useKvSuite((suite) => ({ redis, raw } = suite));

  it('pushes and pops at both ends, with and without a count', async () => {
    expect(await redis.rpush('l', 'b', 'c')).toBe(2);
    expect(await redis.lpush('l', 'a', 'z')).toBe(4);
    expect(await redis.lrange('l', 0, -1)).toEqual(['z', 'a', 'b', 'c']);
    expect(await redis.lpushx('nolist', 'a')).toBe(0);
    expect(await redis.rpushx('l', 'd')).toBe(5);
    expect(await redis.lpop('l')).toBe('z');
    expect(await redis.rpop('l')).toBe('d');
    expect(await redis.lpop('l', 2)).toEqual(['a', 'b']);
    expect(await redis.lpop('l', 0)).toEqual([]);
    expect(await redis.rpop('l', 5)).toEqual(['c']);
    expect(await redis.exists('l')).toBe(0);
    expect(await redis.lpop('l')).toBeNull();
    expect(await call(raw, 'LPOP', 'l', '2')).toEqual({ type: 'array', value: null });
    expect(await call(raw, 'LPOP', 'l', '0')).toEqual({ type: 'array', value: null });
  });

  it('reads ranges and indexes the way Redis clamps them', async () => {
    await redis.rpush('l', 'a', 'b', 'c', 'd', 'e');
    expect(await redis.lrange('l', 1, 2)).toEqual(['b', 'c']);
    expect(await redis.lrange('l', -2, -1)).toEqual(['d', 'e']);
    expect(await redis.lrange('l', -100, 100)).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect(await redis.lrange('l', 3, 1)).toEqual([]);
    expect(await redis.lrange('l', 5, 10)).toEqual([]);
    expect(await redis.lrange('nolist', 0, -1)).toEqual([]);
    expect(await redis.lindex('l', 0)).toBe('a');
    expect(await redis.lindex('l', -1)).toBe('e');
    expect(await redis.lindex('l', 5)).toBeNull();
    expect(await redis.lindex('nolist', 0)).toBeNull();
    expect(await redis.llen('l')).toBe(5);
    expect(await redis.llen('nolist')).toBe(0);
  });

  it('sets, removes and trims', async () => {
    await redis.rpush('l', 'a', 'x', 'b', 'x', 'c', 'x');
    expect(await redis.lset('l', -1, 'y')).toBe('OK');
    expect(await redis.lrem('l', 1, 'x')).toBe(1);
    expect(await redis.lrange('l', 0, -1)).toEqual(['a', 'b', 'x', 'c', 'y']);
    await redis.rpush('l', 'x', 'x');
    expect(await redis.lrem('l', -2, 'x')).toBe(2);
    expect(await redis.lrange('l', 0, -1)).toEqual(['a', 'b', 'x', 'c', 'y']);
    expect(await redis.lrem('l', 0, 'x')).toBe(1);
    expect(await redis.lrem('nolist', 0, 'x')).toBe(0);
    expect(await redis.ltrim('l', 1, -2)).toBe('OK');
    expect(await redis.lrange('l', 0, -1)).toEqual(['b', 'c']);
    expect(await redis.ltrim('l', 5, 1)).toBe('OK');
    expect(await redis.exists('l')).toBe(0);
    expect(await redis.ltrim('nolist', 0, 1)).toBe('OK');
  });

  it('answers errors with Redis texts', async () => {
    await redis.set('s', 'v');
    await redis.rpush('l', 'a', 'b');
    const cases: Array<[string[], string]> = [
      [['LPUSH', 's', 'a'], WRONGTYPE],
      [['RPUSH', 's', 'a'], WRONGTYPE],
      [['LPOP', 's'], WRONGTYPE],
      [['RPOP', 's', '2'], WRONGTYPE],
      [['LRANGE', 's', '0', '1'], WRONGTYPE],
      [['LLEN', 's'], WRONGTYPE],
      [['LINDEX', 's', '0'], WRONGTYPE],
      [['LINDEX', 's', 'x'], WRONGTYPE],
      [['LSET', 's', '0', 'x'], WRONGTYPE],
      [['LREM', 's', '0', 'x'], WRONGTYPE],
      [['LTRIM', 's', '0', '1'], WRONGTYPE],
      [['LPOP', 'l', '-1'], 'ERR value is out of range, must be positive'],
      [['LPOP', 'l', 'x'], 'ERR value is out of range, must be positive'],
      [['LPOP', 's', 'x'], 'ERR value is out of range, must be positive'],
      [['LPOP', 'l', '1', '2'], "ERR wrong number of arguments for 'lpop' command"],
      [['RPOP', 'l', '1', '2'], "ERR wrong number of arguments for 'rpop' command"],
      [['LRANGE', 'l', 'a', '1'], 'ERR value is not an integer or out of range'],
      [['LRANGE', 'l', '99999999999999999999', '1'], 'ERR value is not an integer or out of range'],
      [['LRANGE', 's', 'a', '1'], 'ERR value is not an integer or out of range'],
      [['LINDEX', 'l', 'x'], 'ERR value is not an integer or out of range'],
      [['LSET', 'l', '10', 'x'], 'ERR index out of range'],
      [['LSET', 'nolist', '0', 'x'], 'ERR no such key'],
      [['LSET', 'nolist', 'x', 'x'], 'ERR no such key'],
      [['LSET', 'l', 'x', 'x'], 'ERR value is not an integer or out of range'],
      [['LREM', 'l', 'x', 'a'], 'ERR value is not an integer or out of range'],
      [['LTRIM', 'l', 'x', '1'], 'ERR value is not an integer or out of range'],
    ];
    for (const [args, text] of cases) expect([args, await call(raw, ...args)]).toEqual([args, errorOf(text)]);
    expect(await call(raw, 'LINDEX', 'nolist', 'x')).toEqual({ type: 'bulk', value: null });
  });

  it('answers missing values with RESP3 nulls', async () => {
    await call(raw, 'HELLO', '3');
    expect(await call(raw, 'LPOP', 'nolist')).toEqual({ type: 'null' });
    expect(await call(raw, 'LPOP', 'nolist', '3')).toEqual({ type: 'null' });
    expect(await call(raw, 'LINDEX', 'nolist', '0')).toEqual({ type: 'null' });
  });

  it('inserts, finds positions, moves between lists and pops from the first non-empty one', async () => {
    await redis.rpush('l', 'a', 'b', 'c', 'b');
    expect(await redis.linsert('l', 'BEFORE', 'b', 'x')).toBe(5);
    expect(await redis.linsert('l', 'AFTER', 'c', 'y')).toBe(6);
    expect(await redis.linsert('l', 'AFTER', 'zz', 'y')).toBe(-1);
    expect(await redis.linsert('nolist', 'AFTER', 'a', 'y')).toBe(0);
    expect(await redis.lrange('l', 0, -1)).toEqual(['a', 'x', 'b', 'c', 'y', 'b']);
    expect(await redis.lpos('l', 'b')).toBe(2);
    expect(await redis.lpos('l', 'b', 'RANK', -1)).toBe(5);
    expect(await redis.lpos('l', 'b', 'COUNT', 0)).toEqual([2, 5]);
    expect(await redis.lpos('l', 'b', 'RANK', 2, 'COUNT', 2, 'MAXLEN', 3)).toEqual([]);
    expect(await redis.lpos('l', 'zz')).toBeNull();
    expect(await redis.lmove('l', 'other', 'LEFT', 'RIGHT')).toBe('a');
    expect(await redis.rpoplpush('l', 'other')).toBe('b');
    expect(await redis.lrange('other', 0, -1)).toEqual(['b', 'a']);
    expect(await redis.rpoplpush('other', 'other')).toBe('a');
    expect(await redis.lrange('other', 0, -1)).toEqual(['a', 'b']);
    expect(await redis.lmove('nolist', 'other', 'LEFT', 'LEFT')).toBeNull();
    expect(await redis.lmpop(2, 'nolist', 'l', 'RIGHT', 'COUNT', 2)).toEqual(['l', ['y', 'c']]);
    expect(await redis.lmpop(1, 'nolist', 'LEFT')).toBeNull();
    const cases: Array<[string[], string]> = [
      [['LINSERT', 'l', 'MIDDLE', 'b', 'x'], 'ERR syntax error'],
      [['LPOS', 'l', 'b', 'RANK', '0'], "ERR RANK can't be zero: use 1 to start from the first match, 2 from the second ... or use negative to start from the end of the list"],
      [['LPOS', 'l', 'b', 'COUNT', '-1'], "ERR COUNT can't be negative"],
      [['LPOS', 'l', 'b', 'MAXLEN', '-1'], "ERR MAXLEN can't be negative"],
      [['LPOS', 'l', 'b', 'RANK'], 'ERR syntax error'],
      [['LMOVE', 'l', 'other', 'UP', 'LEFT'], 'ERR syntax error'],
      [['LMPOP', '0', 'l', 'LEFT'], 'ERR numkeys should be greater than 0'],
      [['LMPOP', '2', 'l'], "ERR wrong number of arguments for 'lmpop' command"],
      [['LMPOP', '1', 'l', 'LEFT', 'COUNT', '0'], 'ERR count should be greater than 0'],
      [['LMPOP', '1', 'l', 'LEFT', 'COUNT', '1', 'COUNT', '1'], 'ERR syntax error'],
    ];
    for (const [args, text] of cases) expect([args, await call(raw, ...args)]).toEqual([args, errorOf(text)]);
  });

  it('serves as a queue through many pushes and pops (the ring grows and shrinks)', async () => {
    const values = Array.from({ length: 1000 }, (_, i) => String(i));
    for (let i = 0; i < values.length; i += 100) await redis.rpush('q', ...values.slice(i, i + 100));
    expect(await redis.lrange('q', 0, -1)).toEqual(values);
    expect(await redis.lpop('q', 990)).toEqual(values.slice(0, 990));
    expect(await redis.lrange('q', 0, -1)).toEqual(values.slice(990));
  });
});
