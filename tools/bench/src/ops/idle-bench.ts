import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ClientProcess } from './client-process';
import type { IdleMode } from './idle-clients';
import type { IdleServer, OpsOptions } from './ops-options';
import { ServerProcess } from './server-process';

export interface IdleResult {
  readonly server: IdleServer;
  readonly connections: number;
  readonly baseRssKb: number;
  readonly loadedRssKb: number;
  readonly kibPerConnection: number;
  readonly connectSeconds: number;
}

/** Room for the connections plus what node and the app hold open themselves. */
const fdsFor = (count: number) => count + 256;
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * How each server is started: on 127.0.0.1 and an ephemeral port, with room
 * for the clients, logging at info (its "ready" line gives the port). `dir`
 * is a fresh temp folder for whatever a server would write.
 */
function serverCommand(server: IdleServer, options: OpsOptions, dir: string): [string, string[]] {
  const room = String(options.count + 1000);
  switch (server) {
    case 'node:net':
      return [join(__dirname, 'ops-main.js'), ['baseline-server', '--port', '0']];
    case 'echo':
      return [options.echoMain, ['--port', '0', '--log-level', 'info', '--max-connections', room]];
    case 'chat':
      // Registered clients stay silent for the whole run: no PING rounds, no per-address limit.
      return [options.chatMain, ['--port', '0', '--log-level', 'info', '--max-connections', room, '--max-per-ip', room, '--ping-interval', '3600']];
    case 'kv':
      // No AOF, and a directory of its own: an idle client writes nothing, and the repo gets nothing.
      return [options.kvMain, ['--port', '0', '--log-level', 'info', '--maxclients', room, '--appendonly', 'no', '--dir', dir]];
  }
}

/** What each idle client does once before falling silent, in the server's protocol. */
const MODES: Record<IdleServer, IdleMode> = { 'node:net': 'raw', echo: 'raw', chat: 'irc', kv: 'resp' };

/** Server RSS with no clients and with `count` idle ones; clients in their own process. */
export async function idleBench(server: IdleServer, options: OpsOptions, say: (line: string) => void): Promise<IdleResult> {
  const dir = mkdtempSync(join(tmpdir(), 'ops-idle-'));
  try {
    return await measure(server, options, dir, say);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function measure(server: IdleServer, options: OpsOptions, dir: string, say: (line: string) => void): Promise<IdleResult> {
  const [script, args] = serverCommand(server, options, dir);
  const running = await ServerProcess.start(server, script, args, fdsFor(options.count));
  try {
    await sleep(1000);
    const baseRssKb = await running.settledRssKb();
    const mode = MODES[server];
    say(`  ${server}: ${baseRssKb.toLocaleString('en-US')} KiB at rest; opening ${options.count.toLocaleString('en-US')} ${mode} clients...`);
    const clients = new ClientProcess('idle-clients', ['--port', String(running.port), '--count', String(options.count), '--mode', mode], fdsFor(options.count));
    try {
      const ready = await clients.next((r) => (r.type === 'ready' ? r : undefined), 300_000);
      // Let the server finish whatever the last clients started (logs, registration replies).
      await sleep(2000);
      const loadedRssKb = await running.settledRssKb();
      return {
        server,
        connections: ready.connected,
        baseRssKb,
        loadedRssKb,
        kibPerConnection: (loadedRssKb - baseRssKb) / ready.connected,
        connectSeconds: ready.elapsedMs / 1000,
      };
    } finally {
      await clients.stop();
    }
  } finally {
    await running.stop();
  }
}
