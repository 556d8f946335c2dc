import { appendFileSync, statSync, writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { Writable } from 'node:stream';
import { writeThenReplay } from '../testing/aof-replay';
import { dumpAll } from '../testing/dump';
import { startKv } from '../testing/start-kv';
import { kvServerOptions } from '../kv-server';
import { AofCorruptError } from './aof-loader';
import { encodeCommand } from './command-encoding';

function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'kv-aof-'));
}

function records(...commands: string[][]): Buffer {
  return Buffer.concat(commands.map((c) => encodeCommand(c)));
}

/** A pino logger whose lines land in an array. */
function capturingLogger() {
  const lines: Array<Record<string, unknown>> = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(JSON.parse(chunk.toString()) as Record<string, unknown>);
      done();
    },
  });
  return { logger: pino({ level: 'info' }, stream), lines };
}

async function waitForRewrite(redis: import('ioredis').default): Promise<void> {
  for (let i = 0; i < 400; i++) {
    if ((await redis.info('persistence')).includes('aof_rewrite_in_progress:0')) return;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error('rewrite did not finish');
}

describe('append-only file', () => {
  it('logs writes (relative expiries as absolute ones) and replays them on start', async () => {
    let before: Record<string, unknown> = {};
    const { log: text, replayed } = await writeThenReplay(async (first) => {
      const redis = first.redis();
      await redis.set('a', '1');
      await redis.set('ttl', 'v', 'EX', 1000);
      await redis.expire('a', 500);
      await redis.incrbyfloat('f', '1.5');
      await redis.incr('n');
      await redis.get('a');
      await redis.set('never', 'x', 'NX');
      await redis.set('never', 'y', 'NX');
      await redis.select(3);
      await redis.rpush('list', 'a', 'b', 'c');
      await redis.multi().incr('n3').incr('n3').exec();
      await redis.hset('h', 'f', 'v');
      await redis.sadd('s', 'x', 'y');
      await redis.select(0);
      await redis.del('gone-before-it-was-there');
      before = await dumpAll(redis);
    });
    expect(text).toContain('PXAT');
    expect(text).toContain('PEXPIREAT');
    expect(text).not.toMatch(/\$6\r\nEXPIRE\r\n/);
    expect(text).toContain('$5\r\nMULTI\r\n');
    expect(text).not.toContain('gone-before');
    // One SET for 'never': the failed NX changed nothing and was not logged.
    expect(text.split('$5\r\nnever\r\n').length - 1).toBe(1);
    expect(await dumpAll(replayed.redis())).toEqual(before);
    await replayed.stop();
  });

  it('logs keys found expired as DELs, so replay does not resurrect them', async () => {
    const { replayed } = await writeThenReplay(async (first) => {
      const redis = first.redis();
      await redis.set('k', 'old', 'PX', 30);
      await new Promise((r) => setTimeout(r, 60));
      // The lazy expiry of 'k' here is logged before the SET that recreates it.
      expect(await redis.set('k', 'new', 'NX')).toBe('OK');
    });
    expect(await replayed.redis().get('k')).toBe('new');
    await replayed.stop();
  });

  it('drops a truncated last record with a warning and truncates the file', async () => {
    const dir = tempDir();
    const good = records(['SET', 'a', '1'], ['SET', 'b', '2']);
    writeFileSync(join(dir, 'appendonly.aof'), Buffer.concat([good, Buffer.from('*3\r\n$3\r\nSET\r\n$1\r\nc\r\n$5\r\nhel')]));
    const { logger, lines } = capturingLogger();
    const kv = await startKv({ dir, appendonly: true }, { logger });
    const redis = kv.redis();
    expect(await redis.mget('a', 'b', 'c')).toEqual(['1', '2', null]);
    expect(lines.some((line) => String(line['msg']).includes('incomplete record'))).toBe(true);
    await redis.set('d', '4');
    await kv.stop(false);
    // The cut record is gone from the file, and what came after it is whole.
    const again = await startKv({ dir, appendonly: true });
    expect(await again.redis().mget('a', 'b', 'c', 'd')).toEqual(['1', '2', null, '4']);
    await again.stop();
  });

  it('drops a MULTI block that never reached its EXEC', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'appendonly.aof'), records(['SET', 'a', '1'], ['MULTI'], ['SET', 'b', '2'], ['INCR', 'a']));
    const kv = await startKv({ dir, appendonly: true });
    expect(await kv.redis().mget('a', 'b')).toEqual(['1', null]);
    await kv.stop(false);
    expect(statSync(join(dir, 'appendonly.aof')).size).toBe(records(['SET', 'a', '1']).length);
    rmSync(dir, { recursive: true, force: true });
  });

  it('refuses to start on corruption anywhere but the end', async () => {
    const dir = tempDir();
    const path = join(dir, 'appendonly.aof');
    writeFileSync(path, Buffer.concat([records(['SET', 'a', '1']), Buffer.from('garbage\r\n'), records(['SET', 'b', '2'])]));
    await expect(kvServerOptions({ dir, appendonly: true })).rejects.toThrow(AofCorruptError);
    await expect(kvServerOptions({ dir, appendonly: true })).rejects.toThrow(/at byte 27/);
    writeFileSync(path, records(['SET', 'a', '1'], ['NOSUCHCOMMAND', 'x'], ['SET', 'b', '2']));
    await expect(kvServerOptions({ dir, appendonly: true })).rejects.toThrow(/unknown command 'NOSUCHCOMMAND'/);
    writeFileSync(path, Buffer.concat([records(['SET', 'a', '1']), Buffer.from('*2\r\n$3\r\nGET\r\n$1\r\nabc\r\n')]));
    await expect(kvServerOptions({ dir, appendonly: true })).rejects.toThrow(/CRLF/);
    rmSync(dir, { recursive: true, force: true });
  });

  it('BGREWRITEAOF compacts the file while clients keep writing, losing nothing', async () => {
    const dir = tempDir();
    const kv = await startKv({ dir, appendonly: true });
    const redis = kv.redis();
    const pipeline = redis.pipeline();
    for (let i = 0; i < 20_000; i++) {
      pipeline.set(`s:${i % 5000}`, `v${i}`);
      if (i % 10 === 0) pipeline.rpush(`l:${i % 50}`, String(i));
      if (i % 7 === 0) pipeline.hset(`h:${i % 30}`, `f${i}`, String(i));
      if (i % 13 === 0) pipeline.sadd(`set:${i % 20}`, String(i));
      if (i % 100 === 0) pipeline.expire(`s:${i % 5000}`, 10_000);
    }
    pipeline.select(2).set('in-db-2', 'x').select(0);
    await pipeline.exec();
    const sizeBefore = statSync(join(dir, 'appendonly.aof')).size;

    expect(await redis.bgrewriteaof()).toBe('Background append only file rewriting started');
    // Writes racing the rewrite: changes to keys it has and has not written yet, deletes, new keys, SWAPDB.
    const writer = kv.redis();
    const racing = (async () => {
      for (let round = 0; round < 40; round++) {
        const p = writer.pipeline();
        for (let i = 0; i < 50; i++) {
          const k = (round * 97 + i * 31) % 5000;
          p.append(`s:${k}`, '+');
          p.incr(`counter:${i}`);
          p.lpush(`l:${i % 50}`, `r${round}`);
          if (i % 5 === 0) p.del(`s:${(k + 1) % 5000}`);
          if (i % 9 === 0) p.hincrby(`h:${i % 30}`, 'n', 1);
        }
        if (round === 20) p.swapdb(2, 3);
        await p.exec();
      }
    })();
    await racing;
    await waitForRewrite(redis);
    const before = await dumpAll(redis);
    const sizeAfter = statSync(join(dir, 'appendonly.aof')).size;
    expect(sizeAfter).toBeLessThan(sizeBefore);
    await redis.set('after-rewrite', '1');
    await kv.stop(false);

    const again = await startKv({ dir, appendonly: true });
    const restored = await dumpAll(again.redis());
    expect(restored['0/after-rewrite']).toEqual({ type: 'string', value: '1', ttl: -1 });
    delete restored['0/after-rewrite'];
    expect(restored).toEqual(before);
    await again.stop();
  });

  it('rewrites on its own once the file grows past the ratio', async () => {
    const dir = tempDir();
    const kv = await startKv({ dir, appendonly: true, autoAofRewriteMinSize: 64 * 1024, autoAofRewritePercentage: 100 });
    const redis = kv.redis();
    for (let round = 0; round < 20; round++) {
      const p = redis.pipeline();
      for (let i = 0; i < 500; i++) p.set('same-key', `value-${round}-${i}`);
      await p.exec();
    }
    await waitForRewrite(redis);
    expect(await redis.info('persistence')).toMatch(/aof_rewrites:[1-9]/);
    expect(statSync(join(dir, 'appendonly.aof')).size).toBeLessThan(64 * 1024);
    await kv.stop(false);
    const again = await startKv({ dir, appendonly: true });
    expect(await again.redis().get('same-key')).toBe('value-19-499');
    await again.stop();
  });

  it('appends after whatever the file already holds', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'appendonly.aof'), records(['SET', 'x', '1']));
    const kv = await startKv({ dir, appendonly: true });
    await kv.redis().set('y', '2');
    await kv.stop(false);
    appendFileSync(join(dir, 'appendonly.aof'), records(['SET', 'z', '3']));
    const again = await startKv({ dir, appendonly: true });
    expect(await again.redis().mget('x', 'y', 'z')).toEqual(['1', '2', '3']);
    await again.stop();
  });

  it('CONFIG SET appendonly yes writes the file from the data, then logs; no stops logging', async () => {
    const dir = tempDir();
    const kv = await startKv({ dir, appendonly: false });
    const redis = kv.redis();
    await redis.mset('a', '1', 'b', '2');
    expect(await redis.config('SET', 'appendonly', 'yes')).toBe('OK');
    await redis.set('c', '3');
    await waitForRewrite(redis);
    await redis.set('d', '4');
    expect(await redis.config('SET', 'appendonly', 'no')).toBe('OK');
    await redis.set('e', '5');
    await kv.stop(false);
    const again = await startKv({ dir, appendonly: true });
    expect(await again.redis().mget('a', 'b', 'c', 'd', 'e')).toEqual(['1', '2', '3', '4', null]);
    await again.stop();
  });
});
