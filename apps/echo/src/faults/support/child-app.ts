import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { LogLine } from '@weir/testing';
import { until } from '@weir/testing';

/** The workspace root: the nearest folder above with nx.json. */
export function workspaceRoot(from = __dirname): string {
  for (let dir = from; dirname(dir) !== dir; dir = dirname(dir)) {
    if (existsSync(join(dir, 'nx.json'))) return dir;
  }
  throw new Error(`no nx.json above ${from}`);
}

/** Builds `apps/<app>` into dist/ unless it is there already (the build takes a while). */
export function ensureBuilt(app: string): string {
  const root = workspaceRoot();
  const main = join(root, 'dist', 'apps', app, 'main.js');
  if (!existsSync(main)) execFileSync(process.execPath, ['tools/scripts/build-app.mjs', `apps/${app}`], { cwd: root, stdio: 'inherit' });
  return main;
}

/**
 * A built app in a child process, as an operator runs it: its JSON log lines
 * are parsed as they come, and its port is read from its "ready" line.
 */
export class ChildApp {
  readonly lines: LogLine[] = [];
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  private constructor(readonly child: ChildProcess) {
    let partial = '';
    child.stdout?.setEncoding('utf8');
    child.stdout?.on('data', (text: string) => {
      const parts = (partial + text).split('\n');
      partial = parts.pop() ?? '';
      for (const part of parts) if (part.startsWith('{')) this.lines.push(JSON.parse(part) as LogLine);
    });
    child.stderr?.resume();
    this.exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  }

  static async start(main: string, args: readonly string[]): Promise<{ app: ChildApp; port: number }> {
    const child = spawn(process.execPath, [main, ...args], { cwd: workspaceRoot(), stdio: ['ignore', 'pipe', 'pipe'] });
    const app = new ChildApp(child);
    const ready = () => app.lines.find((line) => typeof line.url === 'string' && String(line.msg).endsWith(' ready'));
    await until(() => ready() !== undefined || child.exitCode !== null, 'the app to report it is ready');
    const url = ready()?.url;
    if (typeof url !== 'string') throw new Error(`the app exited before listening (status ${child.exitCode})`);
    return { app, port: Number(new URL(url).port) };
  }

  get running(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  /** For cleanup after a failed test: SIGKILL by PID, if still running. */
  kill(): void {
    if (this.running) this.child.kill('SIGKILL');
  }
}
