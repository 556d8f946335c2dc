import type Redis from 'ioredis';
import { writeThenReplay } from '../testing/aof-replay';
import { useKvSuite } from '../testing/kv-suite';
import { call, type RawClient } from '../testing/start-kv';
import { bulk, errorOf, int, WRONGTYPE } from '../testing/reply-shapes';

describe('hash commands', () => {
  let redis: Redis;
  let raw: RawClient;
  useKvSuite((suite) => ({ redis, raw } = suite));

  it('sets, gets and deletes fields, deleting the emptied hash', async () => {
    expect(await redis.hset('h', 'a', '1', 'b', '2')).toBe(2);
    expect(await redis.hset('h', 'a', '9', 'c', '3')).toBe(1);
    expect(await redis.hmset('h', 'd', '4')).toBe('OK');
    expect(await redis.hget('h', 'a')).toBe('9');
    expect(await redis.hget('h', 'zz')).toBeNull();
    expect(await redis.hget('nohash', 'a')).toBeNull();
    expect(await redis.hmget('h', 'a', 'zz', 'c')).toEqual(['9', null, '3']);
    expect(await redis.hmget('nohash', 'a')).toEqual([null]);
    expect(await redis.hlen('h')).toBe(4);
    expect(await redis.hexists('h', 'b')).toBe(1);
    expect(await redis.hexists('h', 'zz')).toBe(0);
    expect(await redis.hstrlen('h', 'a')).toBe(1);
    expect(await redis.hstrlen('h', 'zz')).toBe(0);
    expect(await redis.hsetnx('h', 'a', 'x')).toBe(0);
    expect(await redis.hsetnx('h', 'e', '5')).toBe(1);
    expect((await redis.hkeys('h')).sort()).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect((await redis.hvals('h')).sort()).toEqual(['2', '3', '4', '5', '9']);
    expect(await redis.hgetall('h')).toEqual({ a: '9', b: '2', c: '3', d: '4', e: '5' });
    expect(await redis.hdel('h', 'a', 'zz', 'b')).toBe(2);
    expect(await redis.hdel('h', 'c', 'd', 'e')).toBe(3);
    expect(await redis.exists('h')).toBe(0);
    expect(await redis.hgetall('h')).toEqual({});
    expect(await redis.hkeys('h')).toEqual([]);
    expect(await redis.hlen('h')).toBe(0);
  });

  it('keeps fields and values binary-safe', async () => {
    const field = Buffer.from([0, 255, 13, 10]);
    const value = Buffer.from([1, 0, 254]);
    await redis.hset('h', field, value);
    expect(await redis.hgetBuffer('h', field)).toEqual(value);
    expect(await redis.hkeysBuffer('h')).toEqual([field]);
    expect(await call(raw, 'HGETALL', 'h')).toEqual({ type: 'array', value: [bulk(field), bulk(value)] });
  });

  it('increments integers and floats as Redis formats them', async () => {
    expect(await redis.hincrby('h', 'n', 5)).toBe(5);
    expect(await redis.hincrby('h', 'n', -7)).toBe(-2);
    await redis.hset('h', 'max', '9223372036854775807');
    expect(await call(raw, 'HINCRBY', 'h', 'max', '0')).toEqual({ type: 'integer', value: 9223372036854775807n });
    expect(await call(raw, 'HINCRBY', 'h', 'max', '1')).toEqual(errorOf('ERR increment or decrement would overflow'));
    expect(await redis.hincrbyfloat('h', 'f', '1.5')).toBe('1.5');
    expect(await redis.hincrbyfloat('h', 'f', '1.5')).toBe('3');
    expect(await redis.hincrbyfloat('h', 'g', '1e20')).toBe('100000000000000000000');
    expect(await redis.hincrbyfloat('h', 'g', '-1e20')).toBe('0');
    expect(await redis.hincrbyfloat('h', 'k', '2.5e-3')).toBe('0.0025');
    expect(await redis.hincrbyfloat('h', 'n', '0.5')).toBe('-1.5');
    // redis-server adds in 80-bit long double: 0.1 + 0.2 prints as 0.3.
    expect(await redis.hincrbyfloat('h', 'p', '0.1')).toBe('0.1');
    expect(await redis.hincrbyfloat('h', 'p', '0.2')).toBe('0.3');
    expect(await redis.hincrbyfloat('h', 'big', '1e308')).toMatch(/^99999999999999999996685879655845645660560099847415567207797047994921734868838061872100126921888539320446747225054013223152134749593960583597420814430196418767959100019603190778663109604507106667939153395788938914560543563061268364901618630217086589253444881623791300855757318142424510452728255046343928578048$/);
  });

  it('picks random fields, with values and repeats as asked', async () => {
    await redis.hset('h', 'a', '1', 'b', '2', 'c', '3');
    expect(['a', 'b', 'c']).toContain(await redis.hrandfield('h'));
    expect(((await redis.hrandfield('h', 10)) as string[]).sort()).toEqual(['a', 'b', 'c']);
    expect(await redis.hrandfield('h', -5)).toHaveLength(5);
    const withValues = (await redis.hrandfield('h', 2, 'WITHVALUES')) as string[];
    expect(withValues).toHaveLength(4);
    expect(withValues[1]).toBe({ a: '1', b: '2', c: '3' }[withValues[0]]);
    expect(await redis.hrandfield('none')).toBeNull();
    expect(await redis.hrandfield('none', 3)).toEqual([]);
    expect(await call(raw, 'HRANDFIELD', 'h', '1', 'FOO')).toEqual(errorOf('ERR syntax error'));
    expect(await call(raw, 'HRANDFIELD', 'h', '-9223372036854775808')).toEqual(
      errorOf('ERR value is out of range, value must between -9223372036854775807 and 9223372036854775807'),
    );
    await call(raw, 'HELLO', '3');
    expect(await call(raw, 'HRANDFIELD', 'h', '-1', 'WITHVALUES')).toMatchObject({ type: 'array', value: [{ type: 'array' }] });
  });

  it('answers errors with Redis texts', async () => {
    await redis.set('s', 'v');
    await redis.hset('h', 'str', 'abc', 'sp', ' 1');
    const cases: Array<[string[], string]> = [
      [['HSET', 'h', 'a', '1', 'b'], "ERR wrong number of arguments for 'hset' command"],
      [['HMSET', 'h', 'a'], "ERR wrong number of arguments for 'hmset' command"],
      [['HSET', 's', 'a', '1'], WRONGTYPE],
      [['HGET', 's', 'a'], WRONGTYPE],
      [['HMGET', 's', 'a'], WRONGTYPE],
      [['HDEL', 's', 'a'], WRONGTYPE],
      [['HLEN', 's'], WRONGTYPE],
      [['HEXISTS', 's', 'a'], WRONGTYPE],
      [['HSTRLEN', 's', 'a'], WRONGTYPE],
      [['HKEYS', 's'], WRONGTYPE],
      [['HVALS', 's'], WRONGTYPE],
      [['HGETALL', 's'], WRONGTYPE],
      [['HSETNX', 's', 'a', '1'], WRONGTYPE],
      [['HINCRBY', 's', 'a', '1'], WRONGTYPE],
      [['HINCRBYFLOAT', 's', 'a', '1'], WRONGTYPE],
      [['HSCAN', 's', '0'], WRONGTYPE],
      [['HINCRBY', 'h', 'n', 'x'], 'ERR value is not an integer or out of range'],
      [['HINCRBY', 'h', 'str', '1'], 'ERR hash value is not an integer'],
      [['HINCRBY', 'h', 'sp', '1'], 'ERR hash value is not an integer'],
      [['HINCRBYFLOAT', 'h', 'str', '1'], 'ERR hash value is not a float'],
      [['HINCRBYFLOAT', 'h', 'n', 'x'], 'ERR value is not a valid float'],
      [['HINCRBYFLOAT', 'h', 'n', 'inf'], 'ERR value is NaN or Infinity'],
      [['HSCAN', 'h', 'x'], 'ERR invalid cursor'],
      [['HSCAN', 'h', '18446744073709551616'], 'ERR invalid cursor'],
      [['HSCAN', 'h', '0', 'COUNT', '0'], 'ERR syntax error'],
      [['HSCAN', 'h', '0', 'COUNT', 'x'], 'ERR value is not an integer or out of range'],
      [['HSCAN', 'h', '0', 'FOO', 'x'], 'ERR syntax error'],
      [['HSCAN', 'h', '0', 'COUNT'], 'ERR syntax error'],
      // TYPE is SCAN's own option.
      [['HSCAN', 'h', '0', 'TYPE', 'string'], 'ERR syntax error'],
    ];
    for (const [args, text] of cases) expect([args, await call(raw, ...args)]).toEqual([args, errorOf(text)]);
    expect(await redis.exists('n')).toBe(0);
  });

  it('answers HGETALL as a map and missing fields as null in RESP3', async () => {
    await redis.hset('h', 'a', '1');
    await call(raw, 'HELLO', '3');
    expect(await call(raw, 'HGETALL', 'h')).toEqual({ type: 'map', value: [[bulk('a'), bulk('1')]] });
    expect(await call(raw, 'HGETALL', 'none')).toEqual({ type: 'map', value: [] });
    expect(await call(raw, 'HGET', 'h', 'zz')).toEqual({ type: 'null' });
    expect(await call(raw, 'HMGET', 'h', 'a', 'zz')).toEqual({ type: 'array', value: [bulk('1'), { type: 'null' }] });
    expect(await call(raw, 'HLEN', 'h')).toEqual(int(1));
  });

  it('HSCAN walks every field once, with MATCH and COUNT; a missing key scans empty', async () => {
    const fields: Record<string, string> = {};
    for (let i = 0; i < 300; i++) fields[`f${i}`] = String(i);
    await redis.hset('h', fields);
    const seen = new Map<string, string>();
    let cursor = '0';
    do {
      const [next, items] = await redis.hscan('h', cursor, 'COUNT', 17);
      for (let i = 0; i < items.length; i += 2) {
        expect(seen.has(items[i])).toBe(false);
        seen.set(items[i], items[i + 1]);
      }
      cursor = next;
    } while (cursor !== '0');
    expect(Object.fromEntries(seen)).toEqual(fields);
    const [, matched] = await redis.hscan('h', '0', 'MATCH', 'f1?', 'COUNT', 1000);
    expect(matched.filter((_, i) => i % 2 === 0).sort()).toEqual(['f10', 'f11', 'f12', 'f13', 'f14', 'f15', 'f16', 'f17', 'f18', 'f19']);
    expect(await redis.hscan('none', '0', 'COUNT', '0')).toEqual(['0', []]);
  });

  it('HSCAN never misses a field that stays while others come and go', async () => {
    for (let i = 0; i < 200; i++) await redis.hset('h', `keep${i}`, 'x', `churn${i}`, 'y');
    const seen = new Set<string>();
    let cursor = '0';
    let round = 0;
    do {
      const [next, items] = await redis.hscan('h', cursor, 'COUNT', 10);
      for (let i = 0; i < items.length; i += 2) seen.add(items[i]);
      // Delete churn fields (compacting the table) and add new ones while the scan runs.
      await redis.hdel('h', ...Array.from({ length: 20 }, (_, j) => `churn${round * 20 + j}`));
      await redis.hset('h', `new${round}`, 'z');
      round++;
      cursor = next;
    } while (cursor !== '0');
    for (let i = 0; i < 200; i++) expect(seen.has(`keep${i}`)).toBe(true);
  });
});

describe('hashes in the append-only file', () => {
  it('logs HINCRBYFLOAT as the HSET of its result', async () => {
    const { log, replayed } = await writeThenReplay(async (first) => {
      const redis = first.redis();
      await redis.hincrbyfloat('h', 'f', '0.1');
      await redis.hincrbyfloat('h', 'f', '0.2');
      await redis.hincrby('h', 'n', 3);
    });
    expect(log).not.toContain('HINCRBYFLOAT');
    expect(log).toContain('$4\r\nHSET\r\n$1\r\nh\r\n$1\r\nf\r\n$3\r\n0.3\r\n');
    expect(await replayed.redis().hgetall('h')).toEqual({ f: '0.3', n: '3' });
    await replayed.stop();
  });
});
