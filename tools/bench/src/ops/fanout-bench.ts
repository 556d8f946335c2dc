import { join } from 'node:path';
import { ClientProcess } from './client-process';
import type { FanoutResult } from './fanout-clients';
import type { OpsOptions } from './ops-options';
import { ServerProcess } from './server-process';

export type FanoutServer = 'node:net' | 'chat';

export interface FanoutBenchResult extends FanoutResult {
  readonly server: FanoutServer;
  /** Server CPU over the paced phase, as a share of one core. */
  readonly serverCpuSharePaced: number;
  /** Server CPU per delivered line in the burst, µs. */
  readonly serverCpuUsPerDelivery: number;
}

function serverCommand(server: FanoutServer, options: OpsOptions): [string, string[]] {
  if (server === 'node:net') return [join(__dirname, 'ops-main.js'), ['baseline-fanout-server', '--port', '0']];
  const room = String(options.members + 1000);
  // No flood control (the sender says 100 lines a second); no PING rounds during the run.
  return [options.chatMain, ['--port', '0', '--log-level', 'info', '--max-connections', room, '--max-per-ip', room, '--flood-burst', '0', '--ping-interval', '3600']];
}

/** `members` in one channel on `server`; the members and the sender in one client process. */
export async function fanoutBench(server: FanoutServer, options: OpsOptions, say: (line: string) => void): Promise<FanoutBenchResult> {
  const [script, args] = serverCommand(server, options);
  const running = await ServerProcess.start(server, script, args, options.members + 256);
  try {
    say(`  ${server}: ${options.members} members join; then ${options.rate} msg/s for ${options.seconds} s, then a burst of ${options.burst}...`);
    const clientArgs = ['--port', String(running.port), '--members', String(options.members), '--rate', String(options.rate)];
    const clients = new ClientProcess('fanout-clients', [...clientArgs, '--seconds', String(options.seconds), '--burst', String(options.burst)], options.members + 256);
    try {
      const cpu: Record<string, { cpuMs: number; at: number }> = {};
      const result = await clients.next<FanoutResult>((r) => {
        if (r.type === 'phase') cpu[r.name] = { cpuMs: running.cpuMs(), at: Date.now() };
        return r.type === 'result' ? (r.result as FanoutResult) : undefined;
      }, 600_000);
      const share = (from: string, to: string) => (cpu[to].cpuMs - cpu[from].cpuMs) / (cpu[to].at - cpu[from].at);
      return {
        ...result,
        server,
        serverCpuSharePaced: share('paced', 'paced-done'),
        serverCpuUsPerDelivery: ((cpu['burst-done'].cpuMs - cpu['burst'].cpuMs) * 1000) / Math.max(1, result.burst.delivered),
      };
    } finally {
      await clients.stop();
    }
  } finally {
    await running.stop();
  }
}
