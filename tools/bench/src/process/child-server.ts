import { spawn } from 'node:child_process';
import { join } from 'node:path';
import type { ServerKind } from '../servers/server-kinds';
import { sampleProcess, type ProcSample } from './proc-stats';
import { killAllServers, ServerChild } from './server-child';
import { BUILT, workspaceRoot } from './workspace';

const READY_TIMEOUT_MS = 15_000;
const STOP_GRACE_MS = 3000;

export { killAllServers };

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

  private constructor(
    readonly kind: ServerKind,
    private readonly proc: ServerChild,
  ) {}

  get pid(): number {
    return this.proc.pid;
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
    const server = new ChildServer(kind, new ServerChild(kind, child));
    try {
      server.port = await server.proc.waitForPort(READY_TIMEOUT_MS);
    } catch (error) {
      await server.stop();
      throw error;
    }
    return server;
  }

  sample(): ProcSample {
    return sampleProcess(this.pid);
  }

  async stop(): Promise<void> {
    await this.proc.stop(STOP_GRACE_MS);
  }
}
