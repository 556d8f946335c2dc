import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import type { ServerKind } from '../servers/server-kinds';
import { sampleProcess, type ProcSample } from './proc-stats';
import { BUILT, workspaceRoot } from './workspace';

const READY_TIMEOUT_MS = 15_000;
const STOP_GRACE_MS = 3000;
/** Every server listens on 127.0.0.1 and prints tcp://127.0.0.1:<port> when it does. */
const LISTENING = /tcp:\/\/127\.0\.0\.1:(\d+)/;

/** Servers started and not yet seen to exit, by PID: what the exit handler must kill. */
const running = new Map<number, ChildProcess>();

/** Kills every server still running, by PID; safe to call from a process 'exit' handler. */
export function killAllServers(): void {
  for (const [pid] of running) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // Already gone.
    }
  }
  running.clear();
}

export interface StartOptions {
  /** Extra node flags for the server process (e.g. --cpu-prof). */
  readonly nodeArgs?: readonly string[];
}

/** The program and arguments that run `kind` on an ephemeral port. */
export function serverCommand(kind: ServerKind, root: string): string[] {
  if (kind === 'weir-echo') return [join(root, BUILT.echoMain), '--port', '0', '--host', '127.0.0.1'];
  return [join(root, BUILT.benchMain), 'server', '--kind', kind, '--port', '0'];
}

/** A benchmark server in a child process, found on its port and sampled through /proc. */
export class ChildServer {
  /** The port it listens on, from its own startup line. */
  port = 0;
  private stderrTail = '';
  private readonly exited: Promise<void>;

  private constructor(
    readonly kind: ServerKind,
    private readonly child: ChildProcess,
    readonly pid: number,
  ) {
    this.exited = new Promise((resolve) => child.once('exit', () => (running.delete(pid), resolve())));
    child.stderr?.setEncoding('utf8');
    child.stderr?.on('data', (text: string) => (this.stderrTail = (this.stderrTail + text).slice(-4000)));
  }

  static async start(kind: ServerKind, options: StartOptions = {}): Promise<ChildServer> {
    const root = workspaceRoot();
    const watch = join(__dirname, 'parent-watch.js');
    const child = spawn(process.execPath, [...(options.nodeArgs ?? []), '--require', watch, ...serverCommand(kind, root)], {
      cwd: root,
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    if (child.pid === undefined) {
      const error = await new Promise<Error>((resolve) => child.once('error', resolve));
      throw new Error(`cannot start ${kind}: ${error.message}`);
    }
    running.set(child.pid, child);
    const server = new ChildServer(kind, child, child.pid);
    try {
      server.port = await server.waitForPort();
    } catch (error) {
      await server.stop();
      throw error;
    }
    return server;
  }

  sample(): ProcSample {
    return sampleProcess(this.pid);
  }

  /** SIGTERM (a graceful close, which also writes a --cpu-prof profile), then SIGKILL if it lingers. */
  async stop(): Promise<void> {
    if (!running.has(this.pid)) return;
    this.child.kill('SIGTERM');
    const timer = setTimeout(() => this.child.kill('SIGKILL'), STOP_GRACE_MS);
    await this.exited;
    clearTimeout(timer);
  }

  private waitForPort(): Promise<number> {
    const stdout = this.child.stdout;
    if (!stdout) return Promise.reject(new Error(`${this.kind}: no stdout`));
    stdout.setEncoding('utf8');
    return new Promise((resolve, reject) => {
      let seen = '';
      let found = false;
      const timer = setTimeout(() => reject(new Error(`${this.kind} did not report its port in ${READY_TIMEOUT_MS} ms`)), READY_TIMEOUT_MS);
      // Stdout is read to the end, not only until the port shows: a server
      // logging into a full pipe would block.
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
      void this.exited.then(() => {
        clearTimeout(timer);
        if (!found) reject(new Error(`${this.kind} exited before listening:\n${this.stderrTail || seen}`));
      });
    });
  }
}
