import { Buffer } from 'node:buffer';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A real redis-server for differential tests, if one is installed. */
export interface ReferenceRedis {
  readonly port: number;
  stop(): Promise<void>;
}

export function redisServerInstalled(): boolean {
  return spawnSync('redis-server', ['--version']).status === 0;
}

/**
 * `describe` for suites that compare with a real redis-server. `npm test`
 * installs one when it can (tools/scripts/ensure-redis.mjs); where it could
 * not, the suite fails with what to do, rather than passing by skipping.
 */
export function describeWithRedis(name: string, body: () => void): void {
  if (redisServerInstalled()) {
    describe(name, body);
    return;
  }
  describe(name, () => {
    it('needs redis-server to compare with', () => {
      throw new Error('redis-server is not installed: run `apt-get install redis-server` (npm test does it when run as root)');
    });
  });
}

/** A free port on 127.0.0.1 (asked of the OS, then released for redis-server to take). */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** Starts redis-server with no persistence on an ephemeral port, in a temp directory. */
export async function startReferenceRedis(extraArgs: readonly string[] = []): Promise<ReferenceRedis> {
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'kv-ref-'));
  const child: ChildProcess = spawn(
    'redis-server',
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir, ...extraArgs],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  await new Promise<void>((resolve, reject) => {
    let output = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('Ready to accept connections')) resolve();
    });
    child.once('exit', (code) => reject(new Error(`redis-server exited (${code}): ${output}`)));
  });
  return {
    port,
    async stop() {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGKILL');
      await exited;
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
