import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { sampleProcess } from '../process/proc-stats';
import { killAllServers, ServerChild } from '../process/server-child';
import { withFdRoom } from './fd-limit';

const READY_TIMEOUT_MS = 20_000;
const STOP_GRACE_MS = 5000;

/** Kills every server still running, by PID; safe in a process 'exit' handler. */
export const killServers = killAllServers;

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * A server under measurement, in a child process: found on its port, its RSS
 * read from /proc, and collected on demand (gc-on-signal.ts) before sampling.
 */
export class ServerProcess {
  port = 0;

  private constructor(private readonly proc: ServerChild) {}

  /** Starts `node <script> <args>` with the GC hook and the parent watch preloaded. */
  static async start(name: string, script: string, args: readonly string[], fdsNeeded: number): Promise<ServerProcess> {
    const preload = ['--expose-gc', '--require', join(__dirname, 'gc-on-signal.js'), '--require', join(__dirname, '..', 'process', 'parent-watch.js')];
    const [command, argv] = withFdRoom(fdsNeeded, process.execPath, [...preload, script, ...args]);
    const server = new ServerProcess(new ServerChild(name, spawn(command, argv, { stdio: ['pipe', 'pipe', 'pipe'] })));
    try {
      server.port = await server.proc.waitForPort(READY_TIMEOUT_MS);
    } catch (error) {
      await server.stop();
      throw error;
    }
    return server;
  }

  get name(): string {
    return this.proc.name;
  }

  get pid(): number {
    return this.proc.pid;
  }

  cpuMs(): number {
    return sampleProcess(this.pid).cpuMs;
  }

  /**
   * Live memory: a full collection, a pause for it to finish and for freed
   * pages to go back, then the median of three samples of VmRSS, in KiB.
   */
  async settledRssKb(): Promise<number> {
    this.proc.child.kill('SIGUSR2');
    await sleep(500);
    const samples: number[] = [];
    for (let i = 0; i < 3; i++) {
      samples.push(sampleProcess(this.pid).rssKb);
      await sleep(200);
    }
    return samples.sort((a, b) => a - b)[1];
  }

  async stop(): Promise<void> {
    await this.proc.stop(STOP_GRACE_MS);
  }
}
