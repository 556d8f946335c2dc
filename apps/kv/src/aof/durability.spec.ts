import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Redis from 'ioredis';
import { spawn } from 'node:child_process';
import { ensureBuilt, spawnKv, WORKSPACE } from '../testing/kv-process';

jest.setTimeout(120_000);

/**
 * The real process, killed with SIGKILL under write load: with
 * --appendfsync always, every write it acknowledged must be there after the
 * restart. Then the graceful paths: SIGTERM exits 0 with everything on disk,
 * and a corrupt AOF stops start-up with exit status 2.
 */
describe('durability of the kv process', () => {
  let dir: string;

  beforeAll(() => {
    ensureBuilt();
    dir = mkdtempSync(join(tmpdir(), 'kv-durable-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('keeps every acknowledged write across kill -9, round after round', async () => {
    const acknowledged = new Map<string, string>();
    const counters = new Map<string, number>();
    for (let round = 0; round < 4; round++) {
      const kv = await spawnKv(['--dir', dir, '--appendfsync', 'always']);
      const clients = Array.from({ length: 8 }, () => new Redis({ port: kv.port, host: '127.0.0.1', maxRetriesPerRequest: 0, enableOfflineQueue: false }));
      clients.forEach((c) => c.on('error', () => undefined));
      await Promise.all(clients.map((c) => new Promise((r) => c.once('ready', r))));

      // Everything acknowledged before this round must still be there.
      const check = clients[0];
      for (const [key, value] of acknowledged) expect(await check.get(key)).toBe(value);
      for (const [key, count] of counters) expect(Number(await check.get(key))).toBeGreaterThanOrEqual(count);

      let stop = false;
      const load = clients.map(async (client, c) => {
        for (let i = 0; !stop; i++) {
          const key = `r${round}:c${c}:${i}`;
          const value = `${round}-${c}-${i}`;
          try {
            if ((await client.set(key, value)) === 'OK') acknowledged.set(key, value);
            const counter = `counter:${c}`;
            const count = await client.incr(counter);
            counters.set(counter, Math.max(counters.get(counter) ?? 0, count));
          } catch {
            return; // the connection died with the process
          }
        }
      });
      await new Promise((r) => setTimeout(r, 300 + round * 100));
      kv.child.kill('SIGKILL');
      stop = true;
      await kv.exited;
      await Promise.all(load);
      clients.forEach((c) => c.disconnect());
    }
    expect(acknowledged.size).toBeGreaterThan(100);
    const kv = await spawnKv(['--dir', dir]);
    const check = new Redis({ port: kv.port, host: '127.0.0.1' });
    for (const [key, value] of acknowledged) expect(await check.get(key)).toBe(value);
    for (const [key, count] of counters) expect(Number(await check.get(key))).toBeGreaterThanOrEqual(count);
    check.disconnect();
    kv.child.kill('SIGTERM');
    expect((await kv.exited).code).toBe(0);
  });

  it('on SIGTERM answers what is in flight, fsyncs and exits 0', async () => {
    const own = mkdtempSync(join(tmpdir(), 'kv-term-'));
    const kv = await spawnKv(['--dir', own, '--appendfsync', 'no']);
    const client = new Redis({ port: kv.port, host: '127.0.0.1', maxRetriesPerRequest: 0 });
    client.on('error', () => undefined);
    const pipeline = client.pipeline();
    for (let i = 0; i < 5000; i++) pipeline.set(`k${i}`, String(i));
    const replies = pipeline.exec();
    kv.child.kill('SIGTERM');
    const results = await replies;
    const answered = (results ?? []).filter(([error]) => error === null).length;
    expect((await kv.exited).code).toBe(0);
    client.disconnect();
    const again = await spawnKv(['--dir', own]);
    const check = new Redis({ port: again.port, host: '127.0.0.1' });
    expect(await check.dbsize()).toBeGreaterThanOrEqual(answered);
    check.disconnect();
    again.child.kill('SIGTERM');
    await again.exited;
    rmSync(own, { recursive: true, force: true });
  });

  it('refuses to start on a corrupt AOF: a clear message and exit status 2', async () => {
    const own = mkdtempSync(join(tmpdir(), 'kv-corrupt-'));
    writeFileSync(join(own, 'appendonly.aof'), '*1\r\n$4\r\nPING\r\nthis is not RESP\r\n*1\r\n$4\r\nPING\r\n');
    const child = spawn(process.execPath, ['dist/apps/kv/main.js', '--port', '0', '--dir', own], { cwd: WORKSPACE, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    expect(code).toBe(2);
    expect(stderr).toContain('cannot load the append-only file');
    expect(stderr).toContain("expected '*' starting a record, found 't' at byte 14");
    rmSync(own, { recursive: true, force: true });
  });
});
