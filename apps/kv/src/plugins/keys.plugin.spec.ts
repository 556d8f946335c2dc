import type Redis from 'ioredis';
import { useKvSuite } from '../testing/kv-suite';
import { call, type RawClient, type RunningKv } from '../testing/start-kv';
import { errorOf } from '../testing/reply-shapes';

describe('key commands', () => {
  let kv: RunningKv;
  let redis: Redis;
  let raw: RawClient;
  useKvSuite((suite) => ({ kv, redis, raw } = suite));

  it('DEL, UNLINK, EXISTS, TOUCH and TYPE', async () => {
    await redis.mset('a', '1', 'b', '2', 'c', '3');
    await redis.rpush('l', 'x');
    expect(await redis.exists('a', 'a', 'z')).toBe(2);
    expect(await redis.touch('a', 'z')).toBe(1);
    expect(await redis.del('a', 'z')).toBe(1);
    expect(await redis.unlink('b', 'c')).toBe(2);
    expect(await redis.type('l')).toBe('list');
    expect(await redis.type('a')).toBe('none');
    await redis.set('s', 'v');
    expect(await redis.type('s')).toBe('string');
  });

  it('KEYS matches Redis glob patterns', async () => {
    await redis.mset('hello', '1', 'hallo', '1', 'hxllo', '1', 'hllo', '1', 'heeeello', '1', 'a*b', '1');
    const sorted = async (pattern: string) => (await redis.keys(pattern)).sort();
    expect(await sorted('h?llo')).toEqual(['hallo', 'hello', 'hxllo']);
    expect(await sorted('h*llo')).toEqual(['hallo', 'heeeello', 'hello', 'hllo', 'hxllo']);
    expect(await sorted('h[ae]llo')).toEqual(['hallo', 'hello']);
    expect(await sorted('h[^e]llo')).toEqual(['hallo', 'hxllo']);
    expect(await sorted('h[a-b]llo')).toEqual(['hallo']);
    expect(await sorted('a\\*b')).toEqual(['a*b']);
    expect(await sorted('hello')).toEqual(['hello']);
    expect(await redis.keys('*')).toHaveLength(6);
  });

  it('SCAN returns every key present for the whole scan, with MATCH, COUNT and TYPE', async () => {
    const keys = Array.from({ length: 500 }, (_, i) => `key:${i}`);
    await redis.mset(...keys.flatMap((k) => [k, 'v']));
    await redis.rpush('list:1', 'x');
    const seen = new Set<string>();
    let cursor = '0';
    let round = 0;
    do {
      const [next, batch] = await redis.scan(cursor, 'COUNT', 20);
      batch.forEach((k) => seen.add(k));
      // Churn while scanning: delete and add keys that are not among the stable ones.
      await redis.set(`extra:${round}`, 'x');
      if (round > 0) await redis.del(`extra:${round - 1}`);
      cursor = next;
      round++;
    } while (cursor !== '0');
    for (const key of keys) expect(seen.has(key)).toBe(true);
    const [, lists] = await redis.scan('0', 'COUNT', 1000, 'TYPE', 'list');
    expect(lists).toEqual(['list:1']);
    const [, matched] = await redis.scan('0', 'MATCH', 'key:1?', 'COUNT', 1000);
    expect(matched.sort()).toEqual(Array.from({ length: 10 }, (_, i) => `key:1${i}`).sort());
    expect(await call(raw, 'SCAN', 'x')).toEqual(errorOf('ERR invalid cursor'));
    expect(await call(raw, 'SCAN', '0', 'COUNT', '0')).toEqual(errorOf('ERR syntax error'));
    expect(await call(raw, 'SCAN', '0', 'COUNT', 'x')).toEqual(errorOf('ERR value is not an integer or out of range'));
    expect(await call(raw, 'SCAN', '0', 'FOO', 'x')).toEqual(errorOf('ERR syntax error'));
    expect(await call(raw, 'SCAN', '0', 'MATCH')).toEqual(errorOf('ERR syntax error'));
  });

  it('RENAME and RENAMENX keep the value and its TTL', async () => {
    await redis.set('a', '1', 'EX', 100);
    expect(await redis.rename('a', 'b')).toBe('OK');
    expect(await redis.get('b')).toBe('1');
    expect(await redis.ttl('b')).toBe(100);
    expect(await redis.exists('a')).toBe(0);
    await redis.set('c', '2');
    expect(await redis.renamenx('b', 'c')).toBe(0);
    expect(await redis.renamenx('b', 'd')).toBe(1);
    expect(await redis.rename('d', 'd')).toBe('OK');
    expect(await redis.renamenx('d', 'd')).toBe(0);
    expect(await call(raw, 'RENAME', 'nokey', 'x')).toEqual(errorOf('ERR no such key'));
    expect(await call(raw, 'RENAMENX', 'nokey', 'x')).toEqual(errorOf('ERR no such key'));
  });

  it('RANDOMKEY picks an existing key, or nil', async () => {
    expect(await redis.randomkey()).toBeNull();
    await redis.mset('a', '1', 'b', '2');
    for (let i = 0; i < 10; i++) expect(['a', 'b']).toContain(await redis.randomkey());
  });

  it('COPY within and across databases, with REPLACE', async () => {
    await redis.set('src', 'v', 'EX', 100);
    await redis.rpush('list', 'a', 'b');
    expect(await redis.copy('src', 'dst')).toBe(1);
    expect(await redis.ttl('dst')).toBe(100);
    expect(await redis.copy('src', 'dst')).toBe(0);
    await redis.set('src', 'w');
    expect(await redis.copy('src', 'dst', 'REPLACE')).toBe(1);
    expect(await redis.get('dst')).toBe('w');
    expect(await redis.copy('list', 'list2', 'DB', 3)).toBe(1);
    await redis.rpush('list', 'c');
    const other = kv.redis({ db: 3 });
    expect(await other.lrange('list2', 0, -1)).toEqual(['a', 'b']);
    expect(await redis.copy('nosuch', 'x')).toBe(0);
    expect(await call(raw, 'COPY', 'src', 'src')).toEqual(errorOf('ERR source and destination objects are the same'));
    expect(await call(raw, 'COPY', 'src', 'x', 'DB', '99')).toEqual(errorOf('ERR DB index is out of range'));
    expect(await call(raw, 'COPY', 'src', 'x', 'DB', 'x')).toEqual(errorOf('ERR value is not an integer or out of range'));
    expect(await call(raw, 'COPY', 'src', 'x', 'FOO')).toEqual(errorOf('ERR syntax error'));
  });
});
