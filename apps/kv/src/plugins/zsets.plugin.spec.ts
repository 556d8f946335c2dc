import type Redis from 'ioredis';
import { useKvSuite } from '../testing/kv-suite';
import { call, type RawClient } from '../testing/start-kv';
import { bulk, double, errorOf, WRONGTYPE } from '../testing/reply-shapes';

describe('sorted set commands', () => {
  let redis: Redis;
  let raw: RawClient;
  useKvSuite((suite) => ({ redis, raw } = suite));

  it('adds with NX, XX, GT, LT, CH and INCR as Redis does', async () => {
    expect(await redis.zadd('z', 1, 'a', 2, 'b')).toBe(2);
    expect(await redis.zadd('z', 'NX', 5, 'a', 3, 'c')).toBe(1);
    expect(await redis.zadd('z', 'XX', 'CH', 5, 'a', 9, 'nope')).toBe(1);
    expect(await redis.zadd('z', 'GT', 'CH', 1, 'a', 4, 'b')).toBe(1);
    expect(await redis.zadd('z', 'LT', 'CH', 0, 'a', 9, 'b', 7, 'd')).toBe(2);
    expect(await redis.zadd('z', 'INCR', 1.5, 'a')).toBe('1.5');
    expect(await redis.zadd('z', 'XX', 'INCR', 1, 'nope')).toBeNull();
    expect(await redis.zadd('z', 'GT', 'INCR', -1, 'a')).toBeNull();
    expect(await redis.zincrby('z', 2, 'a')).toBe('3.5');
    expect(await redis.zincrby('new', 2.5, 'm')).toBe('2.5');
    expect(await redis.zrange('z', 0, -1, 'WITHSCORES')).toEqual(['c', '3', 'a', '3.5', 'b', '4', 'd', '7']);
    expect(await redis.zadd('xx', 'XX', 1, 'a')).toBe(0);
    expect(await redis.exists('xx')).toBe(0);
  });

  it('formats scores as redis-server 7.0 does', async () => {
    await redis.zadd('z', 1.5, 'a', 3, 'b', 1e20, 'c', 'inf', 'd', '-inf', 'e', 0.1, 'f', '-0', 'g', '0x10', 'h');
    expect(await redis.zscore('z', 'a')).toBe('1.5');
    expect(await redis.zscore('z', 'b')).toBe('3');
    expect(await redis.zscore('z', 'c')).toBe('1e+20');
    expect(await redis.zscore('z', 'd')).toBe('inf');
    expect(await redis.zscore('z', 'e')).toBe('-inf');
    expect(await redis.zscore('z', 'f')).toBe('0.10000000000000001');
    expect(await redis.zscore('z', 'g')).toBe('0');
    expect(await redis.zscore('z', 'h')).toBe('16');
    expect(await redis.zincrby('z', 0.2, 'f')).toBe('0.30000000000000004');
  });

  it('ranks, counts, scores and removes', async () => {
    await redis.zadd('z', 1, 'a', 2, 'b', 3, 'c', 4, 'd', 5, 'e');
    expect(await redis.zcard('z')).toBe(5);
    expect(await redis.zcard('none')).toBe(0);
    expect(await redis.zrank('z', 'b')).toBe(1);
    expect(await redis.zrevrank('z', 'b')).toBe(3);
    expect(await redis.zrank('z', 'zz')).toBeNull();
    expect(await redis.zrank('none', 'zz')).toBeNull();
    expect(await redis.zscore('z', 'zz')).toBeNull();
    expect(await redis.zmscore('z', 'a', 'zz', 'e')).toEqual(['1', null, '5']);
    expect(await redis.zcount('z', '(1', 3)).toBe(2);
    expect(await redis.zcount('z', '-inf', '+inf')).toBe(5);
    expect(await redis.zcount('none', 0, 1)).toBe(0);
    expect(await redis.zrem('z', 'a', 'zz')).toBe(1);
    expect(await redis.zrem('z', 'b', 'c', 'd', 'e')).toBe(4);
    expect(await redis.exists('z')).toBe(0);
  });

  it('ranges by rank, score and lex, reversed and limited', async () => {
    await redis.zadd('z', 1, 'a', 2, 'b', 3, 'c', 4, 'd', 5, 'e');
    expect(await redis.zrange('z', 1, 2)).toEqual(['b', 'c']);
    expect(await redis.zrange('z', -2, -1, 'WITHSCORES')).toEqual(['d', '4', 'e', '5']);
    expect(await redis.zrange('z', 0, 1, 'REV')).toEqual(['e', 'd']);
    expect(await redis.zrange('z', '(1', 3, 'BYSCORE')).toEqual(['b', 'c']);
    expect(await redis.zrange('z', 3, '(1', 'BYSCORE', 'REV')).toEqual(['c', 'b']);
    expect(await redis.zrange('z', '-inf', '+inf', 'BYSCORE', 'LIMIT', 1, 2, 'WITHSCORES')).toEqual(['b', '2', 'c', '3']);
    expect(await redis.zrange('z', 0, 10, 'BYSCORE', 'LIMIT', -1, 2)).toEqual([]);
    expect(await redis.zrange('z', 0, 10, 'BYSCORE', 'LIMIT', 3, -1)).toEqual(['d', 'e']);
    expect(await redis.zrangebyscore('z', 2, 4, 'WITHSCORES', 'LIMIT', 0, 2)).toEqual(['b', '2', 'c', '3']);
    expect(await redis.zrevrangebyscore('z', 4, '(2')).toEqual(['d', 'c']);
    expect(await redis.zrevrange('z', 0, 0, 'WITHSCORES')).toEqual(['e', '5']);
    expect(await redis.zrange('none', 0, -1)).toEqual([]);
    await redis.zadd('lex', 0, 'a', 0, 'b', 0, 'c', 0, 'd');
    expect(await redis.zrange('lex', '[b', '(d', 'BYLEX')).toEqual(['b', 'c']);
    expect(await redis.zrange('lex', '+', '[b', 'BYLEX', 'REV', 'LIMIT', 1, 5)).toEqual(['c', 'b']);
    expect(await redis.zrangebylex('lex', '-', '+')).toEqual(['a', 'b', 'c', 'd']);
    expect(await redis.zrevrangebylex('lex', '(c', '-')).toEqual(['b', 'a']);
    expect(await redis.zlexcount('lex', '[b', '+')).toBe(3);
  });

  it('pops the lowest and highest members, deleting the emptied set', async () => {
    await redis.zadd('z', 1, 'a', 2, 'b', 3, 'c', 4, 'd');
    expect(await redis.zpopmin('z')).toEqual(['a', '1']);
    expect(await redis.zpopmax('z', 2)).toEqual(['d', '4', 'c', '3']);
    expect(await redis.zpopmin('z', 0)).toEqual([]);
    expect(await redis.zpopmin('z', 10)).toEqual(['b', '2']);
    expect(await redis.exists('z')).toBe(0);
    expect(await redis.zpopmin('z')).toEqual([]);
  });

  it('removes ranges, stores ranges, picks and pops across keys', async () => {
    await redis.zadd('z', 1, 'a', 2, 'b', 3, 'c', 4, 'd', 5, 'e');
    expect(await redis.zrangestore('copy', 'z', '(1', '4', 'BYSCORE', 'LIMIT', 1, 2)).toBe(2);
    expect(await redis.zrange('copy', 0, -1, 'WITHSCORES')).toEqual(['c', '3', 'd', '4']);
    expect(await redis.zrangestore('copy', 'none', 0, -1)).toBe(0);
    expect(await redis.exists('copy')).toBe(0);
    expect(await redis.zremrangebyrank('z', 0, 0)).toBe(1);
    expect(await redis.zremrangebyscore('z', '(2', 3)).toBe(1);
    expect(await redis.zremrangebylex('none', '-', '+')).toBe(0);
    expect(await redis.zrange('z', 0, -1)).toEqual(['b', 'd', 'e']);
    expect(['b', 'd', 'e']).toContain(await redis.zrandmember('z'));
    expect(await redis.zrandmember('z', -4)).toHaveLength(4);
    expect(await redis.zrandmember('z', 1, 'WITHSCORES')).toHaveLength(2);
    expect(await redis.zmpop(2, ['none', 'z'], 'MAX', 'COUNT', 2)).toEqual(['z', [['e', '5'], ['d', '4']]]);
    expect(await redis.zmpop(1, ['none'], 'MIN')).toBeNull();
    expect(await call(raw, 'ZMPOP', '1', 'z', 'MIN', 'COUNT', '0')).toEqual(errorOf('ERR count should be greater than 0'));
  });

  it('combines sorted sets (and plain sets, at score 1) with weights and aggregates', async () => {
    await redis.zadd('z1', 1, 'a', 2, 'b');
    await redis.zadd('z2', 3, 'b', 4, 'c');
    await redis.sadd('plain', 'b', 'c');
    expect(await redis.zunion(2, 'z1', 'z2', 'WITHSCORES')).toEqual(['a', '1', 'c', '4', 'b', '5']);
    expect(await redis.zinter(2, 'z1', 'z2', 'WITHSCORES')).toEqual(['b', '5']);
    expect(await redis.zdiff(2, 'z1', 'z2', 'WITHSCORES')).toEqual(['a', '1']);
    expect(await redis.zunion(2, 'z1', 'z2', 'WEIGHTS', 2, 3, 'AGGREGATE', 'MAX', 'WITHSCORES')).toEqual(['a', '2', 'b', '9', 'c', '12']);
    expect(await redis.zunion(2, 'z1', 'plain', 'WITHSCORES')).toEqual(['a', '1', 'c', '1', 'b', '3']);
    expect(await redis.zunion(2, 'z1', 'z2', 'WEIGHTS', 'inf', '-inf', 'WITHSCORES')).toEqual(['c', '-inf', 'b', '0', 'a', 'inf']);
    expect(await redis.zunionstore('dest', 2, 'z1', 'z2')).toBe(3);
    expect(await redis.zinterstore('dest', 2, 'z1', 'none')).toBe(0);
    expect(await redis.exists('dest')).toBe(0);
    expect(await redis.zdiffstore('dest', 1, 'z1')).toBe(2);
    expect(await redis.zintercard(2, 'z1', 'z2')).toBe(1);
    const cases: Array<[string[], string]> = [
      [['ZUNION', '0', 'z1'], "ERR at least 1 input key is needed for 'zunion' command"],
      [['ZUNIONSTORE', 'd', '0', 'z1'], "ERR at least 1 input key is needed for 'zunionstore' command"],
      [['ZUNION', '3', 'z1'], 'ERR syntax error'],
      [['ZUNION', '2', 'z1', 'z2', 'WEIGHTS', '1'], 'ERR syntax error'],
      [['ZUNION', '2', 'z1', 'z2', 'WEIGHTS', '1', 'x'], 'ERR weight value is not a float'],
      [['ZUNION', '2', 'z1', 'z2', 'AGGREGATE', 'AVG'], 'ERR syntax error'],
      [['ZDIFF', '2', 'z1', 'z2', 'WEIGHTS', '1', '1'], 'ERR syntax error'],
      [['ZUNIONSTORE', 'd', '1', 'z1', 'WITHSCORES'], 'ERR syntax error'],
      [['ZINTERCARD', '2', 'z1', 'z2', 'LIMIT', '-1'], "ERR LIMIT can't be negative"],
    ];
    for (const [args, text] of cases) expect([args, await call(raw, ...args)]).toEqual([args, errorOf(text)]);
  });

  it('answers errors with Redis texts', async () => {
    await redis.set('s', 'v');
    await redis.zadd('z', 1, 'a', 'inf', 'i');
    const cases: Array<[string[], string]> = [
      [['ZADD', 's', '1', 'a'], WRONGTYPE],
      [['ZSCORE', 's', 'a'], WRONGTYPE],
      [['ZRANGE', 's', '0', '-1'], WRONGTYPE],
      [['ZCOUNT', 's', '0', '1'], WRONGTYPE],
      [['ZPOPMIN', 's'], WRONGTYPE],
      [['ZRANK', 's', 'a'], WRONGTYPE],
      [['ZREM', 's', 'a'], WRONGTYPE],
      [['ZCARD', 's'], WRONGTYPE],
      [['ZINCRBY', 's', '1', 'a'], WRONGTYPE],
      [['ZSCAN', 's', '0'], WRONGTYPE],
      [['ZADD', 'z', '1', 'a', '2'], 'ERR syntax error'],
      [['ZADD', 'z', 'FOO', '1', 'a'], 'ERR syntax error'],
      [['ZADD', 'z', 'x', 'a'], 'ERR value is not a valid float'],
      [['ZADD', 'z', 'nan', 'a'], 'ERR value is not a valid float'],
      [['ZADD', 'z', '1e400', 'a'], 'ERR value is not a valid float'],
      [['ZADD', 's', 'x', 'a'], 'ERR value is not a valid float'],
      [['ZADD', 'z', 'NX', 'XX', '1', 'a'], 'ERR XX and NX options at the same time are not compatible'],
      [['ZADD', 'z', 'GT', 'LT', '1', 'a'], 'ERR GT, LT, and/or NX options at the same time are not compatible'],
      [['ZADD', 'z', 'NX', 'GT', '1', 'a'], 'ERR GT, LT, and/or NX options at the same time are not compatible'],
      [['ZADD', 'z', 'INCR', '1', 'a', '2', 'b'], 'ERR INCR option supports a single increment-element pair'],
      [['ZADD', 'z', 'INCR', '-inf', 'i'], 'ERR resulting score is not a number (NaN)'],
      [['ZINCRBY', 'z', '-inf', 'i'], 'ERR resulting score is not a number (NaN)'],
      [['ZINCRBY', 'z', 'x', 'a'], 'ERR value is not a valid float'],
      [['ZCOUNT', 'z', 'x', '1'], 'ERR min or max is not a float'],
      [['ZCOUNT', 's', 'x', '1'], 'ERR min or max is not a float'],
      [['ZRANGE', 'z', 'x', '1'], 'ERR value is not an integer or out of range'],
      [['ZRANGE', 'z', 'x', '1', 'BYSCORE'], 'ERR min or max is not a float'],
      [['ZRANGE', 'z', 'a', 'b', 'BYLEX'], 'ERR min or max not valid string range item'],
      [['ZRANGE', 'z', '0', '1', 'LIMIT', '0', '1'], 'ERR syntax error, LIMIT is only supported in combination with either BYSCORE or BYLEX'],
      [['ZRANGE', 'z', '-', '+', 'BYLEX', 'WITHSCORES'], 'ERR syntax error, WITHSCORES not supported in combination with BYLEX'],
      [['ZRANGE', 'z', '0', '1', 'BYSCORE', 'BYLEX'], 'ERR syntax error'],
      [['ZRANGE', 'z', '0', '1', 'REV', 'REV'], 'ERR syntax error'],
      [['ZRANGE', 'z', '0', '1', 'BYSCORE', 'LIMIT', 'x', '1'], 'ERR value is not an integer or out of range'],
      [['ZRANGEBYSCORE', 'z', '0', '1', 'REV'], 'ERR syntax error'],
      [['ZREVRANGE', 'z', '0', '1', 'BYSCORE'], 'ERR syntax error'],
      [['ZPOPMIN', 'z', '-1'], 'ERR value is out of range, must be positive'],
      [['ZPOPMIN', 'z', '1', '2'], 'ERR syntax error'],
      [['ZSCAN', 'z', 'x'], 'ERR invalid cursor'],
    ];
    for (const [args, text] of cases) expect([args, await call(raw, ...args)]).toEqual([args, errorOf(text)]);
    expect(await redis.zscore('z', 'a')).toBe('1');
  });

  it('answers RESP3 doubles and member-score pairs as Redis 7 does', async () => {
    await redis.zadd('z', 1, 'a', 2.5, 'b');
    await call(raw, 'HELLO', '3');
    expect(await call(raw, 'ZSCORE', 'z', 'b')).toEqual(double(2.5));
    expect(await call(raw, 'ZSCORE', 'z', 'zz')).toEqual({ type: 'null' });
    expect(await call(raw, 'ZINCRBY', 'z', '1', 'a')).toEqual(double(2));
    expect(await call(raw, 'ZADD', 'z', 'INCR', '1', 'a')).toEqual(double(3));
    expect(await call(raw, 'ZRANGE', 'z', '0', '-1', 'WITHSCORES')).toEqual({
      type: 'array',
      value: [
        { type: 'array', value: [bulk('b'), double(2.5)] },
        { type: 'array', value: [bulk('a'), double(3)] },
      ],
    });
    expect(await call(raw, 'ZRANGE', 'z', '0', '0')).toEqual({ type: 'array', value: [bulk('b')] });
    expect(await call(raw, 'ZPOPMIN', 'z')).toEqual({ type: 'array', value: [bulk('b'), double(2.5)] });
    expect(await call(raw, 'ZPOPMAX', 'z', '1')).toEqual({ type: 'array', value: [{ type: 'array', value: [bulk('a'), double(3)] }] });
    expect(await call(raw, 'ZRANK', 'z', 'a')).toEqual({ type: 'null' });
  });

  it('ZSCAN returns each member with its score, and every member that stays for the whole scan', async () => {
    await redis.zadd('z', ...Array.from({ length: 400 }, (_, i) => [i / 2, `m${i}`]).flat());
    const seen = new Map<string, string>();
    let cursor = '0';
    let round = 0;
    do {
      const [next, items] = await redis.zscan('z', cursor, 'COUNT', 20);
      for (let i = 0; i < items.length; i += 2) seen.set(items[i], items[i + 1]);
      await redis.zrem('z', ...Array.from({ length: 10 }, (_, j) => `m${2 * (round * 10 + j) + 1}`));
      await redis.zadd('z', 1000 + round, `late${round++}`);
      cursor = next;
    } while (cursor !== '0');
    for (let i = 0; i < 400; i += 2) expect(seen.get(`m${i}`)).toBe(String(i / 2));
  });
});
