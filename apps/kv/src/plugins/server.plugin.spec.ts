import type Redis from 'ioredis';
import { useKvSuite } from '../testing/kv-suite';
import { call, type RawClient, type RunningKv } from '../testing/start-kv';
import { errorOf } from '../testing/reply-shapes';

describe('server commands', () => {
  let kv: RunningKv;
  let redis: Redis;
  let raw: RawClient;
  useKvSuite((suite) => ({ kv, redis, raw } = suite));

  it('DBSIZE, FLUSHDB, FLUSHALL [ASYNC|SYNC] and SWAPDB', async () => {
    await redis.mset('a', '1', 'b', '2');
    const other = kv.redis({ db: 1 });
    await other.set('c', '3');
    expect(await redis.dbsize()).toBe(2);
    expect(await redis.swapdb(0, 1)).toBe('OK');
    expect(await redis.dbsize()).toBe(1);
    expect(await redis.get('c')).toBe('3');
    expect(await other.mget('a', 'b')).toEqual(['1', '2']);
    expect(await other.flushdb('ASYNC')).toBe('OK');
    expect(await redis.dbsize()).toBe(1);
    expect(await redis.flushall('SYNC')).toBe('OK');
    expect(await redis.dbsize()).toBe(0);
  });

  it('INFO has the sections and fields clients look for', async () => {
    await redis.set('x', '1', 'EX', 100);
    const info = await redis.info();
    for (const header of ['# Server', '# Clients', '# Memory', '# Persistence', '# Stats', '# Replication', '# CPU', '# Keyspace']) {
      expect(info).toContain(header);
    }
    expect(info).toMatch(/\r\nredis_version:7\.\d+\.\d+\r\n/);
    expect(info).toContain('loading:0\r\n');
    expect(info).toMatch(/connected_clients:\d+/);
    expect(info).toContain('db0:keys=1,expires=1,avg_ttl=0');
    const one = await redis.info('keyspace');
    expect(one.startsWith('# Keyspace\r\n')).toBe(true);
    expect(one).not.toContain('# Server');
    const two = await redis.call('INFO', 'server', 'clients');
    expect(String(two)).toContain('# Clients');
  });

  it('INFO counts network bytes of open connections, from the last RESETSTAT', async () => {
    const netBytes = async () => {
      const stats = await redis.info('stats');
      const field = (name: string) => Number(new RegExp(`${name}:(\\d+)`).exec(stats)?.[1]);
      return { input: field('total_net_input_bytes'), output: field('total_net_output_bytes') };
    };
    const before = await netBytes();
    await redis.set('big', 'v'.repeat(100_000));
    expect((await redis.get('big'))?.length).toBe(100_000);
    // This connection is still open: its bytes count already.
    const after = await netBytes();
    expect(after.input - before.input).toBeGreaterThanOrEqual(100_000);
    expect(after.output - before.output).toBeGreaterThanOrEqual(100_000);
    expect(await redis.config('RESETSTAT')).toBe('OK');
    const reset = await netBytes();
    expect(reset.input).toBeLessThan(1_000);
    expect(reset.output).toBeLessThan(1_000);
  });

  it('CONFIG GET with glob patterns, SET (atomic), RESETSTAT', async () => {
    expect(await redis.config('GET', 'maxmemory*')).toEqual(['maxmemory', '0', 'maxmemory-policy', 'noeviction']);
    expect(await redis.config('SET', 'hash-max-ziplist-entries', '256', 'zset-max-listpack-value', '32')).toBe('OK');
    expect(await redis.config('GET', 'hash-max-listpack-entries')).toEqual(['hash-max-listpack-entries', '256']);
    expect(await redis.config('GET', 'zset-max-listpack-value')).toEqual(['zset-max-listpack-value', '32']);
    expect(await call(raw, 'CONFIG', 'SET', 'hz', '20', 'maxclients', 'x')).toEqual(
      errorOf("ERR CONFIG SET failed (possibly related to argument 'maxclients') - argument couldn't be parsed into an integer"),
    );
    expect(await redis.config('GET', 'hz')).toEqual(['hz', '10']);
    expect(await call(raw, 'CONFIG', 'SET', 'databases', '3')).toEqual(
      errorOf("ERR CONFIG SET failed (possibly related to argument 'databases') - can't set immutable config"),
    );
    expect(await call(raw, 'CONFIG', 'SET', 'nope', '1')).toEqual(errorOf("ERR Unknown option or number of arguments for CONFIG SET - 'nope'"));
    expect(await call(raw, 'CONFIG', 'SET', 'hz', '1', 'hz', '2')).toEqual(
      errorOf("ERR CONFIG SET failed (possibly related to argument 'hz') - duplicate parameter"),
    );
    expect(await redis.config('RESETSTAT')).toBe('OK');
    expect(await redis.config('GET', 'save')).toEqual(['save', '']);
    expect(await redis.config('GET', 'appendonly')).toEqual(['appendonly', 'no']);
  });

  it('COMMAND COUNT / INFO / DOCS / LIST describe the command table', async () => {
    const count = (await redis.command('COUNT')) as unknown as number;
    expect(count).toBeGreaterThan(100);
    const [get] = (await redis.command('INFO', 'get')) as unknown as Array<[string, number, string[], number, number, number]>;
    expect(get.slice(0, 6)).toEqual(['get', 2, ['readonly', 'fast'], 1, 1, 1]);
    const [missing] = (await redis.command('INFO', 'nosuch')) as unknown[];
    expect(missing).toBeNull();
    const docs = (await redis.call('COMMAND', 'DOCS', 'set')) as unknown[];
    expect(docs[0]).toBe('set');
    expect(docs[1]).toEqual(expect.arrayContaining(['summary', 'since', '1.0.0', 'group', 'string']));
    const list = (await redis.command('LIST')) as unknown as string[];
    expect(list).toEqual(expect.arrayContaining(['get', 'set', 'hset', 'zadd', 'subscribe']));
    const all = (await redis.call('COMMAND')) as unknown[];
    expect(all).toHaveLength(count);
  });

  it('CLIENT ID, SETNAME, GETNAME, SETINFO, LIST, INFO and KILL', async () => {
    const id = (await call(raw, 'CLIENT', 'ID')) as { value: number };
    expect(await call(raw, 'CLIENT', 'SETNAME', 'worker-1')).toEqual({ type: 'simple', value: 'OK' });
    expect(await call(raw, 'CLIENT', 'SETINFO', 'LIB-NAME', 'mylib')).toEqual({ type: 'simple', value: 'OK' });
    expect(await call(raw, 'CLIENT', 'SETINFO', 'lib-ver', '1.2.3')).toEqual({ type: 'simple', value: 'OK' });
    expect(await call(raw, 'CLIENT', 'SETINFO', 'lib-ver', 'a b')).toEqual(errorOf('ERR lib-ver cannot contain spaces, newlines or special characters.'));
    expect(await call(raw, 'CLIENT', 'SETINFO', 'color', 'red')).toEqual(errorOf("ERR Unrecognized option 'color'"));
    const list = String(await redis.client('LIST'));
    expect(list).toContain(`id=${id.value} `);
    expect(list).toContain('name=worker-1 ');
    expect(list).toContain('lib-name=mylib lib-ver=1.2.3');
    const info = (await call(raw, 'CLIENT', 'INFO')) as { value: Buffer };
    expect(info.value.toString()).toContain(`id=${id.value} `);
    const victim = await kv.raw();
    const victimId = (await call(victim, 'CLIENT', 'ID')) as { value: number };
    expect(await redis.client('KILL', 'ID', String(victimId.value))).toBe(1);
    await victim.closed;
    expect(await call(raw, 'CLIENT', 'KILL', '9.9.9.9:1')).toEqual(errorOf('ERR No such client'));
  });

  it('TIME and MEMORY USAGE', async () => {
    const [seconds, micros] = (await redis.time()) as unknown as [string, string];
    expect(Math.abs(Number(seconds) - Date.now() / 1000)).toBeLessThan(5);
    expect(Number(micros)).toBeLessThan(1_000_000);
    await redis.set('m', 'x'.repeat(1000));
    expect(Number(await redis.memory('USAGE', 'm'))).toBeGreaterThan(1000);
    expect(await redis.memory('USAGE', 'nokey')).toBeNull();
  });

  it('BGREWRITEAOF answers that it started', async () => {
    expect(await redis.bgrewriteaof()).toBe('Background append only file rewriting started');
  });
});
