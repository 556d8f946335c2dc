import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Redis from 'ioredis';
import type { LogLine } from '@weir/testing';
import { until } from '@weir/testing';
import { ensureBuilt, spawnKv, type KvProcess } from '../testing/kv-process';
import { PipeliningClient } from './support/pipelining-client';

// SIGTERM to the kv process while clients pipeline commands into it. A
// graceful close stops reading, answers every command it has read, ends each
// connection and exits 0 within the grace period: so each client gets whole,
// correct replies, exactly as many as the server says it read commands, and
// then a FIN, never a reset. (durability.spec.ts checks the data on disk
// after SIGTERM; this checks the wire.)

const CLIENTS = 20;
const DEPTH = 64;
const GRACE_MS = 5000;
const WARM_REPLIES = 300;
/** A value big enough that its reply spans several TCP segments, so a cut one would show. */
const BIG = Buffer.alloc(24 * 1024, 'b');

describe('kv process on SIGTERM under pipelined load', () => {
  let dir: string;
  let kv: KvProcess | undefined;
  const clients: PipeliningClient[] = [];

  beforeAll(() => {
    ensureBuilt();
    dir = mkdtempSync(join(tmpdir(), 'kv-shutdown-'));
  }, 120_000);

  afterAll(() => {
    for (const client of clients) client.socket.destroy();
    if (kv && kv.child.exitCode === null && kv.child.signalCode === null) kv.child.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  });

  it('answers every command it read, ends each connection, and exits 0 within the grace period', async () => {
    kv = await spawnKv(['--log-level', 'debug', '--appendonly', 'no', '--dir', dir, '--shutdown-grace', String(GRACE_MS)]);
    const lines: LogLine[] = [];
    let partial = '';
    kv.child.stdout?.setEncoding('utf8');
    kv.child.stdout?.on('data', (text: string) => {
      const parts = (partial + text).split('\n');
      partial = parts.pop() ?? '';
      for (const part of parts) if (part.startsWith('{')) lines.push(JSON.parse(part) as LogLine);
    });

    const setup = new Redis({ port: kv.port, host: '127.0.0.1', maxRetriesPerRequest: 0 });
    expect(await setup.set('term:big', BIG)).toBe('OK');
    await setup.quit();
    for (let id = 0; id < CLIENTS; id++) clients.push(await PipeliningClient.open(kv.port, id, DEPTH, { type: 'bulk', value: BIG }));
    await until(() => clients.every((c) => c.answered >= WARM_REPLIES), 'every client to be pipelining');

    const signalledAt = Date.now();
    kv.child.kill('SIGTERM');
    const exit = await kv.exited;
    const tookMs = Date.now() - signalledAt;
    await Promise.all(clients.map((c) => c.closed));

    expect(exit).toEqual({ code: 0, signal: null });
    // Not a speed check: past the grace period the server destroys what is left, cutting replies.
    expect(tookMs).toBeLessThan(GRACE_MS);
    expect(lines.filter((line) => line.level >= 50)).toEqual([]);
    expect(kv.stderr()).toBe('');

    // What the server says it did, per connection: open lines name the peer's port, close lines count commands.
    const connOf = new Map<number, number>();
    for (const line of lines) {
      if (line.msg === 'connection open' && typeof line.remote === 'string') connOf.set(Number(line.remote.split(':').pop()), Number(line.conn));
    }
    const closeOf = new Map(lines.filter((l) => l.msg === 'connection closed').map((l) => [Number(l.conn), l]));
    for (const client of clients) {
      const record = closeOf.get(connOf.get(client.localPort) ?? -1);
      const summary = { id: client.id, answered: client.answered, sent: client.sent };
      expect({
        ...summary,
        wrong: client.wrong,
        parseError: client.parseError?.message,
        whole: client.endsBetweenReplies(),
        end: client.gotEnd,
        error: client.error?.message,
        reason: record?.reason,
        // Every command the server read got its reply.
        read: record?.messages,
      }).toEqual({ ...summary, wrong: undefined, parseError: undefined, whole: true, end: true, error: undefined, reason: 'server-close', read: client.answered });
    }
  }, 30_000);
});
