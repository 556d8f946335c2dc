import { Buffer } from 'node:buffer';
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** The workspace root (apps/kv/src/testing → four levels up). */
export const WORKSPACE = resolve(__dirname, '../../../..');
const MAIN = join(WORKSPACE, 'dist/apps/kv/main.js');

function newestSource(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSource(path));
    else if (entry.name.endsWith('.ts')) newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
}

/** Builds dist/apps/kv unless it is there and newer than every source it is made of. */
export function ensureBuilt(): void {
  const sources = ['apps/kv/src', 'libs/core/src', 'libs/codecs/src'].map((dir) => newestSource(join(WORKSPACE, dir)));
  if (existsSync(MAIN) && statSync(MAIN).mtimeMs > Math.max(...sources)) return;
  execFileSync(process.execPath, ['tools/scripts/build-app.mjs', 'apps/kv'], { cwd: WORKSPACE, stdio: 'inherit' });
}

export interface KvProcess {
  readonly child: ChildProcess;
  readonly port: number;
  /** Everything the process wrote to stderr so far. */
  stderr(): string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** Runs `node dist/apps/kv/main.js` with the flags on an ephemeral port; resolves once it listens. */
export function spawnKv(flags: readonly string[]): Promise<KvProcess> {
  const child = spawn(process.execPath, [MAIN, '--port', '0', '--log-level', 'info', ...flags], {
    cwd: WORKSPACE,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((done) =>
    child.once('exit', (code, signal) => done({ code, signal })),
  );
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolveStart, reject) => {
    child.stdout?.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      const match = /"url":"tcp:\/\/127\.0\.0\.1:(\d+)"/.exec(stdout);
      if (match) resolveStart({ child, port: Number(match[1]), stderr: () => stderr, exited });
    });
    void exited.then(({ code }) => reject(new Error(`kv exited with ${code} before listening: ${stderr}`)));
  });
}
