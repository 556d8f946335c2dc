import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { sampleProcess } from '../process/proc-stats';
import { withFdRoom } from './fd-limit';

/** Every server listens on 127.0.0.1 and prints (or logs) tcp://127.0.0.1:<port> once it does. */
const LISTENING = /tcp:\/\/127\.0\.0\.1:(\d+)/;
const READY_TIMEOUT_MS = 20_000;
const STOP_GRACE_MS = 5000;

const running = new Set<ChildProcess>();

/** Kills every server still running, by PID; safe in a process 'exit' handler. */
export function killServers(): void {
  for (const child of running) {
    if (child.pid !== undefined) {
      try {
        process.kill(child.pid, 'SIGKILL');
      } catch {
        // Already gone.
      }
    }
  }
  running.clear();
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * A server under measurement, in a child process: found on its port, its RSS
 * read from /proc, and collected on demand (gc-on-signal.ts) before sampling.
 */
export class ServerProcess {
  port = 0;
  private readonly exited: Promise<number | null>;
  private stderrTail = '';

  private constructor(
    readonly name: string,
    private readonly child: ChildProcess,
  ) {
    running.add(child);
    this.exited = new Promise((resolve) => child.once('exit', (code) => (running.delete(child), resolve(code))));
    child.stderr?.setEncoding('utf8');
    child.stderr?.on('data', (text: string) => (this.stderrTail = (this.stderrTail + text).slice(-4000)));
  }

  /** Starts `node <script> <args>` with the GC hook and the parent watch preloaded. */
  static async start(name: string, script: string, args: readonly string[], fdsNeeded: number): Promise<ServerProcess> {
    const preload = ['--expose-gc', '--require', join(__dirname, 'gc-on-signal.js'), '--require', join(__dirname, '..', 'process', 'parent-watch.js')];
    const [command, argv] = withFdRoom(fdsNeeded, process.execPath, [...preload, script, ...args]);
    const child = spawn(command, argv, { stdio: ['pipe', 'pipe', 'pipe'] });
    const server = new ServerProcess(name, child);
    try {
      server.port = await server.waitForPort();
    } catch (error) {
      await server.stop();
      throw error;
    }
    return server;
  }

  get pid(): number {
    return this.child.pid ?? -1;
  }

  cpuMs(): number {
    return sampleProcess(this.pid).cpuMs;
  }

  /**
   * Live memory: a full collection, a pause for it to finish and for freed
   * pages to go back, then the median of three samples of VmRSS, in KiB.
   */
  async settledRssKb(): Promise<number> {
    this.child.kill('SIGUSR2');
    await sleep(500);
    const samples: number[] = [];
    for (let i = 0; i < 3; i++) {
      samples.push(sampleProcess(this.pid).rssKb);
      await sleep(200);
    }
    return samples.sort((a, b) => a - b)[1];
  }

  /** SIGTERM, then SIGKILL if it lingers. */
  async stop(): Promise<void> {
    if (!running.has(this.child)) return;
    this.child.kill('SIGTERM');
    const timer = setTimeout(() => this.child.kill('SIGKILL'), STOP_GRACE_MS);
    await this.exited;
    clearTimeout(timer);
  }

  private waitForPort(): Promise<number> {
    const stdout = this.child.stdout;
    if (!stdout) return Promise.reject(new Error(`${this.name}: no stdout`));
    stdout.setEncoding('utf8');
    return new Promise((resolve, reject) => {
      let seen = '';
      let found = false;
      const timer = setTimeout(() => reject(new Error(`${this.name} did not report its port in ${READY_TIMEOUT_MS} ms`)), READY_TIMEOUT_MS);
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
}
