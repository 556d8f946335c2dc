import type { ChildProcess } from 'node:child_process';

/** Every server listens on 127.0.0.1 and prints (or logs) tcp://127.0.0.1:<port> once it does. */
const LISTENING = /tcp:\/\/127\.0\.0\.1:(\d+)/;

/** Servers started and not yet seen to exit: what the exit handler must kill. */
const running = new Set<ChildProcess>();

/** Kills every server still running, by PID; safe to call from a process 'exit' handler. */
export function killAllServers(): void {
  for (const child of running) {
    if (child.pid === undefined) continue;
    try {
      process.kill(child.pid, 'SIGKILL');
    } catch {
      // Already gone.
    }
  }
  running.clear();
}

/**
 * A benchmark server's child process: registered for the exit handler, its
 * stderr tail kept for error messages, found on the port it reports.
 */
export class ServerChild {
  /** Resolves with the exit code once the process has exited. */
  readonly exited: Promise<number | null>;
  private stderrTail = '';

  constructor(
    readonly name: string,
    readonly child: ChildProcess,
  ) {
    running.add(child);
    this.exited = new Promise((resolve) => child.once('exit', (code) => (running.delete(child), resolve(code))));
    child.stderr?.setEncoding('utf8');
    child.stderr?.on('data', (text: string) => (this.stderrTail = (this.stderrTail + text).slice(-4000)));
  }

  get pid(): number {
    return this.child.pid ?? -1;
  }

  /** The port from the server's own startup line. */
  waitForPort(timeoutMs: number): Promise<number> {
    const stdout = this.child.stdout;
    if (!stdout) return Promise.reject(new Error(`${this.name}: no stdout`));
    stdout.setEncoding('utf8');
    return new Promise((resolve, reject) => {
      let seen = '';
      let found = false;
      const timer = setTimeout(() => reject(new Error(`${this.name} did not report its port in ${timeoutMs} ms`)), timeoutMs);
      // Read to the end, not only until the port shows: a server logging into a full pipe would block.
      stdout.on('data', (text: string) => {
        if (found) return;
        seen = (seen + text).slice(-4000);
        const match = LISTENING.exec(seen);
        if (match) {
          found = true;
          clearTimeout(timer);
          resolve(Number(match[1]));
        }
      });
      void this.exited.then((code) => {
        clearTimeout(timer);
        if (!found) reject(new Error(`${this.name} exited (${code}) before listening:\n${this.stderrTail || seen}`));
      });
    });
  }

  /** SIGTERM (a graceful close, which also writes a --cpu-prof profile), then SIGKILL if it lingers. */
  async stop(graceMs: number): Promise<void> {
    if (!running.has(this.child)) return;
    this.child.kill('SIGTERM');
    const timer = setTimeout(() => this.child.kill('SIGKILL'), graceMs);
    await this.exited;
    clearTimeout(timer);
  }
}
