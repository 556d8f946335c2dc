import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { workspaceRoot } from '../process/workspace';

export const IDLE_SERVERS = ['node:net', 'echo', 'chat', 'kv'] as const;
export type IdleServer = (typeof IDLE_SERVERS)[number];

export interface OpsOptions {
  readonly what: 'idle' | 'fanout' | 'all';
  /** Idle connections per server. */
  readonly count: number;
  readonly servers: readonly IdleServer[];
  readonly members: number;
  readonly rate: number;
  readonly seconds: number;
  readonly burst: number;
  readonly echoMain: string;
  readonly chatMain: string;
  readonly kvMain: string;
  readonly json: boolean;
  readonly help: boolean;
}

export const OPS_USAGE = `Usage: node dist/tools/bench/main.js ops <idle|fanout|all> [flags]

idle    N idle connections on each server (clients in a separate process):
        the server's RSS per connection, and Weir's overhead above node:net's.
fanout  chat: M members in one channel, one sender at R msg/s for S seconds:
        delivery latency p50/p99 and deliveries per second; then B messages
        back to back for the most it can deliver.

  --count N         idle connections per server (default 10000)
  --servers A,B     among ${IDLE_SERVERS.join(', ')} (default all)
  --members M       channel members for fanout (default 1000)
  --rate R          messages per second (default 100)
  --seconds S       paced phase length (default 10)
  --burst B         messages in the burst phase (default 1000)
  --echo PATH       the built echo app (default dist/apps/echo/main.js)
  --chat PATH       the built chat app (default dist/apps/chat/main.js)
  --kv PATH         the built kv app (default dist/apps/kv/main.js)
  --json            print the results as JSON after the tables
  --help            this text
`;

function whole(flag: string, text: string | undefined, fallback: number): number {
  if (text === undefined) return fallback;
  const value = Number(text);
  if (!Number.isInteger(value) || value < 1) throw new Error(`--${flag} expects a whole number >= 1, got '${text}'`);
  return value;
}

export function parseOpsOptions(argv: readonly string[]): OpsOptions {
  const { values, positionals } = parseArgs({
    args: [...argv],
    allowPositionals: true,
    options: {
      count: { type: 'string' },
      servers: { type: 'string' },
      members: { type: 'string' },
      rate: { type: 'string' },
      seconds: { type: 'string' },
      burst: { type: 'string' },
      echo: { type: 'string' },
      chat: { type: 'string' },
      kv: { type: 'string' },
      json: { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  });
  const what = positionals[0] ?? 'all';
  if (what !== 'idle' && what !== 'fanout' && what !== 'all') throw new Error(`unknown benchmark '${what}': idle, fanout or all`);
  const servers = values.servers === undefined ? [...IDLE_SERVERS] : values.servers.split(',');
  for (const server of servers) {
    if (!(IDLE_SERVERS as readonly string[]).includes(server)) throw new Error(`--servers: unknown '${server}' (${IDLE_SERVERS.join(', ')})`);
  }
  const root = workspaceRoot();
  return {
    what,
    count: whole('count', values.count, 10_000),
    servers: servers as IdleServer[],
    members: whole('members', values.members, 1000),
    rate: whole('rate', values.rate, 100),
    seconds: whole('seconds', values.seconds, 10),
    burst: whole('burst', values.burst, 1000),
    echoMain: values.echo ?? join(root, 'dist', 'apps', 'echo', 'main.js'),
    chatMain: values.chat ?? join(root, 'dist', 'apps', 'chat', 'main.js'),
    kvMain: values.kv ?? join(root, 'dist', 'apps', 'kv', 'main.js'),
    json: values.json,
    help: values.help,
  };
}
