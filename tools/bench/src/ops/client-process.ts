import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { withFdRoom } from './fd-limit';

/** Messages from a client process to the bench. */
export type ClientReport =
  | { readonly type: 'ready'; readonly connected: number; readonly elapsedMs: number }
  | { readonly type: 'phase'; readonly name: string }
  | { readonly type: 'result'; readonly result: unknown }
  | { readonly type: 'failed'; readonly message: string };

/** Messages from the bench to a client process. */
export type ClientOrder = { readonly type: 'close' };

const clients = new Set<ChildProcess>();

/** Kills every client process still running, by PID. */
export function killClients(): void {
  for (const child of clients) {
    if (child.pid !== undefined) {
      try {
        process.kill(child.pid, 'SIGKILL');
      } catch {
        // Already gone.
      }
    }
  }
  clients.clear();
}

/**
 * The client side of a benchmark, in its own process (ops-main.js <role>), so
 * the server's CPU and memory are its own. It talks to the bench over IPC;
 * the parent watch ends it if the bench goes away.
 */
export class ClientProcess {
  readonly exited: Promise<number | null>;
  private readonly child: ChildProcess;
  private readonly listeners = new Set<(report: ClientReport) => void>();

  constructor(role: string, args: readonly string[], fdsNeeded: number) {
    const script = join(__dirname, 'ops-main.js');
    const [command, argv] = withFdRoom(fdsNeeded, process.execPath, ['--require', join(__dirname, '..', 'process', 'parent-watch.js'), script, role, ...args]);
    this.child = spawn(command, argv, { stdio: ['pipe', 'inherit', 'inherit', 'ipc'] });
    clients.add(this.child);
    this.exited = new Promise((resolve) => this.child.once('exit', (code) => (clients.delete(this.child), resolve(code))));
    this.child.on('message', (report: ClientReport) => {
      for (const listener of this.listeners) listener(report);
    });
  }

  get pid(): number {
    return this.child.pid ?? -1;
  }

  /** Calls `onReport` for each report until it returns a value, which this resolves to; rejects on 'failed' or exit. */
  next<T>(onReport: (report: ClientReport) => T | undefined, timeoutMs: number): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const done = () => {
        clearTimeout(timer);
        this.listeners.delete(listener);
      };
      const fail = (error: Error) => {
        done();
        reject(error);
      };
      const timer = setTimeout(() => fail(new Error(`no answer from the client process in ${timeoutMs} ms`)), timeoutMs);
      const listener = (report: ClientReport) => {
        if (report.type === 'failed') return fail(new Error(`client process: ${report.message}`));
        const value = onReport(report);
        if (value === undefined) return;
        done();
        resolve(value);
      };
      this.listeners.add(listener);
      void this.exited.then((code) => fail(new Error(`the client process exited (${code})`)));
    });
  }

  send(order: ClientOrder): void {
    this.child.send(order);
  }

  async stop(): Promise<void> {
    if (!clients.has(this.child)) return;
    if (this.child.connected) this.send({ type: 'close' });
    const timer = setTimeout(() => this.child.kill('SIGKILL'), 10_000);
    await this.exited;
    clearTimeout(timer);
  }
}

/** In a client process: report to the bench. */
export function report(message: ClientReport): void {
  process.send?.(message);
}

/** In a client process: resolves when the bench says to close (or goes away). */
export function closeOrdered(): Promise<void> {
  return new Promise((resolve) => {
    process.on('message', (order: ClientOrder) => order.type === 'close' && resolve());
    process.on('disconnect', () => resolve());
  });
}
