import type Redis from 'ioredis';
import { useKvSuite } from '../testing/kv-suite';
import { call, type RawClient } from '../testing/start-kv';
import { errorOf } from '../testing/reply-shapes';

describe('string commands', () => {
  let redis: Redis;
  let raw: RawClient;
  useKvSuite((suite) => ({ redis, raw } = suite));

  it('GET and SET round-trip binary values', async () => {
    const value = Buffer.from([0, 255, 13, 10, 1, 2]);
    expect(await redis.set(Buffer.from([1, 0, 2]), value)).toBe('OK');
    expect(await redis.getBuffer(Buffer.from([1, 0, 2]))).toEqual(value);
    expect(await redis.get('missing')).toBeNull();
  });

  it('SET honours NX, XX, GET, KEEPTTL and the expiry options', async () => {
    expect(await redis.set('k', 'a', 'NX')).toBe('OK');
    expect(await redis.set('k', 'b', 'NX')).toBeNull();
    expect(await redis.set('other', 'b', 'XX')).toBeNull();
    expect(await redis.set('k', 'c', 'XX', 'GET')).toBe('a');
    expect(await redis.set('k', 'd', 'EX', 100)).toBe('OK');
    expect(await redis.ttl('k')).toBe(100);
    expect(await redis.set('k', 'e', 'KEEPTTL')).toBe('OK');
    expect(await redis.ttl('k')).toBe(100);
    expect(await redis.set('k', 'f')).toBe('OK');
    expect(await redis.ttl('k')).toBe(-1);
    expect(await redis.set('k', 'g', 'PX', 5000)).toBe('OK');
    expect(await redis.pttl('k')).toBeGreaterThan(4000);
    const at = Math.floor(Date.now() / 1000) + 1000;
    expect(await redis.set('k', 'h', 'EXAT', at)).toBe('OK');
    expect(await redis.expiretime('k')).toBe(at);
    expect(await redis.set('k', 'i', 'PXAT', at * 1000 + 5)).toBe('OK');
    expect(await redis.pexpiretime('k')).toBe(at * 1000 + 5);
    expect(await redis.set('k', 'j', 'PXAT', 1)).toBe('OK');
    expect(await redis.exists('k')).toBe(0);
  });

  it('answers SET errors with Redis texts', async () => {
    expect(await call(raw, 'SET', 'k', 'v', 'EX', '0')).toEqual(errorOf("ERR invalid expire time in 'set' command"));
    expect(await call(raw, 'SET', 'k', 'v', 'EX', '-1')).toEqual(errorOf("ERR invalid expire time in 'set' command"));
    expect(await call(raw, 'SET', 'k', 'v', 'EX', 'abc')).toEqual(errorOf('ERR value is not an integer or out of range'));
    expect(await call(raw, 'SET', 'k', 'v', 'NX', 'XX')).toEqual(errorOf('ERR syntax error'));
    expect(await call(raw, 'SET', 'k', 'v', 'EX', '1', 'PX', '1')).toEqual(errorOf('ERR syntax error'));
    expect(await call(raw, 'SET', 'k', 'v', 'KEEPTTL', 'EX', '1')).toEqual(errorOf('ERR syntax error'));
    expect(await call(raw, 'SET', 'k', 'v', 'EX')).toEqual(errorOf('ERR syntax error'));
    expect(await call(raw, 'SET', 'k')).toEqual(errorOf("ERR wrong number of arguments for 'set' command"));
    expect(await call(raw, 'SETEX', 'k', '0', 'v')).toEqual(errorOf("ERR invalid expire time in 'setex' command"));
    expect(await call(raw, 'PSETEX', 'k', '-5', 'v')).toEqual(errorOf("ERR invalid expire time in 'psetex' command"));
  });

  it('refuses string commands on other types with WRONGTYPE', async () => {
    await redis.lpush('list', 'x');
    const wrongType = errorOf('WRONGTYPE Operation against a key holding the wrong kind of value');
    for (const command of [
      ['GET', 'list'],
      ['SET', 'list', 'v', 'GET'],
      ['APPEND', 'list', 'x'],
      ['INCR', 'list'],
      ['STRLEN', 'list'],
      ['GETRANGE', 'list', '0', '1'],
      ['SETRANGE', 'list', '0', 'x'],
      ['GETDEL', 'list'],
      ['GETEX', 'list'],
      ['INCRBYFLOAT', 'list', '1'],
    ]) {
      expect(await call(raw, ...command)).toEqual(wrongType);
    }
    expect(await redis.mget('list', 'nothing')).toEqual([null, null]);
  });

  it('SETNX, SETEX, PSETEX, GETSET, GETDEL, GETEX', async () => {
    expect(await redis.setnx('a', '1')).toBe(1);
    expect(await redis.setnx('a', '2')).toBe(0);
    expect(await redis.setex('b', 50, 'x')).toBe('OK');
    expect(await redis.ttl('b')).toBe(50);
    expect(await redis.psetex('c', 50000, 'y')).toBe('OK');
    expect(await redis.ttl('c')).toBe(50);
    expect(await redis.getset('a', '3')).toBe('1');
    expect(await redis.getset('new', '1')).toBeNull();
    expect(await redis.getdel('a')).toBe('3');
    expect(await redis.getdel('a')).toBeNull();
    expect(await redis.getex('b', 'PERSIST')).toBe('x');
    expect(await redis.ttl('b')).toBe(-1);
    expect(await redis.getex('b', 'EX', 30)).toBe('x');
    expect(await redis.ttl('b')).toBe(30);
    expect(await call(raw, 'GETEX', 'b', 'PX', '0')).toEqual(errorOf("ERR invalid expire time in 'getex' command"));
    expect(await call(raw, 'GETEX', 'b', 'FOO')).toEqual(errorOf('ERR syntax error'));
    expect(await call(raw, 'GETEX', 'b', 'PERSIST', 'EX', '1')).toEqual(errorOf('ERR syntax error'));
  });

  it('MGET, MSET, MSETNX', async () => {
    expect(await redis.mset('a', '1', 'b', '2')).toBe('OK');
    expect(await redis.mget('a', 'b', 'c')).toEqual(['1', '2', null]);
    expect(await redis.msetnx('c', '3', 'a', '9')).toBe(0);
    expect(await redis.get('c')).toBeNull();
    expect(await redis.msetnx('c', '3', 'd', '4')).toBe(1);
    expect(await call(raw, 'MSET', 'a', '1', 'b')).toEqual(errorOf("ERR wrong number of arguments for 'mset' command"));
    expect(await call(raw, 'MSETNX', 'a')).toEqual(errorOf("ERR wrong number of arguments for 'msetnx' command"));
  });

  it('counts with INCR and kin, refusing non-integers and overflow', async () => {
    expect(await redis.incr('n')).toBe(1);
    expect(await redis.incrby('n', 10)).toBe(11);
    expect(await redis.decr('n')).toBe(10);
    expect(await redis.decrby('n', 20)).toBe(-10);
    await redis.set('n', '9223372036854775806');
    expect(await call(raw, 'INCR', 'n')).toEqual({ type: 'integer', value: 9223372036854775807n });
    expect(await call(raw, 'INCR', 'n')).toEqual(errorOf('ERR increment or decrement would overflow'));
    expect(await call(raw, 'DECRBY', 'n', '-9223372036854775808')).toEqual(errorOf('ERR decrement would overflow'));
    for (const bad of ['abc', ' 1', '1 ', '01', '+1', '1.5', '', '-0', '99999999999999999999']) {
      await redis.set('s', bad);
      expect(await call(raw, 'INCR', 's')).toEqual(errorOf('ERR value is not an integer or out of range'));
    }
    expect(await call(raw, 'INCRBY', 'n', 'x')).toEqual(errorOf('ERR value is not an integer or out of range'));
    await redis.set('t', '5', 'EX', 100);
    await redis.incr('t');
    expect(await redis.ttl('t')).toBe(100);
  });

  it('INCRBYFLOAT adds floats and prints them as Redis does', async () => {
    expect(await redis.incrbyfloat('f', '1.5')).toBe('1.5');
    expect(await redis.incrbyfloat('f', '0.1')).toBe('1.6');
    await redis.set('g', '5.0e3');
    expect(await redis.incrbyfloat('g', '0')).toBe('5000');
    expect(await redis.incrbyfloat('h', '-2')).toBe('-2');
    expect(await redis.incrbyfloat('big', '1e20')).toBe('100000000000000000000');
    expect(await call(raw, 'INCRBYFLOAT', 'f', 'x')).toEqual(errorOf('ERR value is not a valid float'));
    expect(await call(raw, 'INCRBYFLOAT', 'f', 'inf')).toEqual(errorOf('ERR increment would produce NaN or Infinity'));
    await redis.set('s', 'abc');
    expect(await call(raw, 'INCRBYFLOAT', 's', '1')).toEqual(errorOf('ERR value is not a valid float'));
  });

  it('APPEND, STRLEN, GETRANGE, SETRANGE', async () => {
    expect(await redis.append('s', 'Hello')).toBe(5);
    expect(await redis.append('s', ' World')).toBe(11);
    expect(await redis.strlen('s')).toBe(11);
    expect(await redis.strlen('none')).toBe(0);
    expect(await redis.getrange('s', 0, 4)).toBe('Hello');
    expect(await redis.getrange('s', -5, -1)).toBe('World');
    expect(await redis.getrange('s', 5, 1)).toBe('');
    expect(await redis.getrange('s', -1, -5)).toBe('');
    expect(await redis.getrange('s', 0, 100)).toBe('Hello World');
    expect(await redis.getrange('none', 0, 1)).toBe('');
    expect(await redis.setrange('s', 6, 'Redis')).toBe(11);
    expect(await redis.get('s')).toBe('Hello Redis');
    expect(await redis.setrange('pad', 3, 'x')).toBe(4);
    expect(await redis.getBuffer('pad')).toEqual(Buffer.from([0, 0, 0, 120]));
    expect(await redis.setrange('none2', 0, '')).toBe(0);
    expect(await redis.exists('none2')).toBe(0);
    expect(await call(raw, 'SETRANGE', 's', '-1', 'x')).toEqual(errorOf('ERR offset is out of range'));
    expect(await call(raw, 'SETRANGE', 's', '536870912', 'x')).toEqual(
      errorOf('ERR string exceeds maximum allowed size (proto-max-bulk-len)'),
    );
    expect(await call(raw, 'GETRANGE', 's', 'x', '1')).toEqual(errorOf('ERR value is not an integer or out of range'));
  });

  it('stores copies, not slices of the read buffer', async () => {
    // Many values in one pipelined write share one socket chunk; each must still read back intact.
    const pipeline = redis.pipeline();
    for (let i = 0; i < 200; i++) pipeline.set(`p${i}`, `value-${i}`);
    await pipeline.exec();
    const values = await redis.mget(...Array.from({ length: 200 }, (_, i) => `p${i}`));
    expect(values).toEqual(Array.from({ length: 200 }, (_, i) => `value-${i}`));
  });
});
