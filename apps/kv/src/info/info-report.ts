import { randomBytes } from 'node:crypto';
import * as os from 'node:os';
import { inject, injectable } from 'tsyringe';
import { WeirServer } from '@weir/core';
import type { RespCommand, RespReply } from '@weir/codecs';
import { AppendOnlyFile } from '../aof/append-only-file';
import { ClientState } from '../client-state';
import { COMMAND_TABLE } from '../commands/command-table';
import { Keyspace } from '../keyspace/keyspace';
import { KvConfig } from '../kv-config';
import { ServerStats } from '../server-stats';
import { SERVER_VERSION } from '../server-version';

type Fields = ReadonlyArray<readonly [string, string | number]>;

/** Sections INFO gives with no argument (and with `default`), in Redis's order. */
const DEFAULT_SECTIONS = ['server', 'clients', 'memory', 'persistence', 'stats', 'replication', 'cpu', 'keyspace'];
const ALL_SECTIONS = DEFAULT_SECTIONS;
const SECTION_TITLES: Record<string, string> = {
  server: 'Server',
  clients: 'Clients',
  memory: 'Memory',
  persistence: 'Persistence',
  stats: 'Stats',
  replication: 'Replication',
  cpu: 'CPU',
  keyspace: 'Keyspace',
};

/**
 * INFO's text: `# Section` headers and `field:value` lines, CRLF-separated,
 * with Redis's field names so tools that parse INFO (ioredis's ready check,
 * redis-cli, dashboards) find what they look for.
 */
@injectable()
export class InfoReport {
  private readonly runId = randomBytes(20).toString('hex');
  private readonly replId = randomBytes(20).toString('hex');
  private peakMemory = 0;

  constructor(
    @inject(WeirServer) private readonly server: WeirServer<RespCommand, RespReply>,
    @inject(Keyspace) private readonly keyspace: Keyspace,
    @inject(KvConfig) private readonly config: KvConfig,
    @inject(AppendOnlyFile) private readonly aof: AppendOnlyFile,
    @inject(ServerStats) private readonly stats: ServerStats,
  ) {}

  /** The report for the requested section names (none: the default ones). */
  render(requested: readonly string[]): string {
    let names = requested.map((name) => name.toLowerCase());
    if (names.length === 0 || names.includes('default')) names = DEFAULT_SECTIONS;
    else if (names.includes('all') || names.includes('everything')) names = ALL_SECTIONS;
    const sections: string[] = [];
    for (const name of DEFAULT_SECTIONS) {
      if (!names.includes(name)) continue;
      const fields = this.section(name);
      sections.push(`# ${SECTION_TITLES[name]}\r\n${fields.map(([k, v]) => `${k}:${v}\r\n`).join('')}`);
    }
    return sections.join('\r\n');
  }

  private section(name: string): Fields {
    switch (name) {
      case 'server':
        return this.serverFields();
      case 'clients':
        return this.clientFields();
      case 'memory':
        return this.memoryFields();
      case 'persistence':
        return this.persistenceFields();
      case 'stats':
        return this.statsFields();
      case 'replication':
        return [['role', 'master'], ['connected_slaves', 0], ['master_replid', this.replId], ['master_repl_offset', 0]];
      case 'cpu': {
        const cpu = process.cpuUsage();
        return [['used_cpu_sys', (cpu.system / 1e6).toFixed(6)], ['used_cpu_user', (cpu.user / 1e6).toFixed(6)]];
      }
      default:
        return this.keyspaceFields();
    }
  }

  private serverFields(): Fields {
    const uptime = Math.floor((Date.now() - this.stats.startedAt) / 1000);
    return [
      ['redis_version', SERVER_VERSION],
      ['redis_git_sha1', '00000000'],
      ['redis_git_dirty', 0],
      ['redis_mode', 'standalone'],
      ['os', `${os.type()} ${os.release()} ${os.arch()}`],
      ['arch_bits', 64],
      ['multiplexing_api', 'libuv'],
      ['process_id', process.pid],
      ['process_supervised', 'no'],
      ['run_id', this.runId],
      ['tcp_port', this.server.address()?.port ?? this.config.port],
      ['server_time_usec', Math.round((performance.timeOrigin + performance.now()) * 1000)],
      ['uptime_in_seconds', uptime],
      ['uptime_in_days', Math.floor(uptime / 86400)],
      ['hz', 10],
      ['configured_hz', 10],
      ['executable', process.execPath],
      ['config_file', ''],
      ['kv_runtime', `node ${process.version}`],
    ];
  }

  private clientFields(): Fields {
    let blocked = 0;
    let pubsub = 0;
    for (const connection of this.server.connections()) {
      const state = connection.get(ClientState);
      if (state.subscriptionCount > 0) pubsub++;
      // Waiting on a reply to a blocking command (BLPOP...) is what Redis counts as blocked.
      if (connection.replies.size > 0 && COMMAND_TABLE.get(state.lastCommand.toUpperCase())?.flags.has('blocking')) blocked++;
    }
    return [
      ['connected_clients', this.server.connectionCount],
      ['cluster_connections', 0],
      ['maxclients', this.config.maxclients],
      ['client_recent_max_input_buffer', 0],
      ['client_recent_max_output_buffer', 0],
      ['blocked_clients', blocked],
      ['tracking_clients', 0],
      ['pubsub_clients', pubsub],
      ['clients_in_timeout_table', 0],
    ];
  }

  private memoryFields(): Fields {
    const memory = process.memoryUsage();
    const used = memory.heapUsed + memory.external;
    this.peakMemory = Math.max(this.peakMemory, used);
    return [
      ['used_memory', used],
      ['used_memory_human', human(used)],
      ['used_memory_rss', memory.rss],
      ['used_memory_rss_human', human(memory.rss)],
      ['used_memory_peak', this.peakMemory],
      ['used_memory_peak_human', human(this.peakMemory)],
      ['total_system_memory', os.totalmem()],
      ['total_system_memory_human', human(os.totalmem())],
      ['maxmemory', 0],
      ['maxmemory_human', '0B'],
      ['maxmemory_policy', 'noeviction'],
      ['mem_fragmentation_ratio', (memory.rss / Math.max(used, 1)).toFixed(2)],
      ['mem_allocator', 'v8'],
    ];
  }

  private persistenceFields(): Fields {
    const aof = this.aof;
    const fields: Array<readonly [string, string | number]> = [
      ['loading', this.keyspace.loading ? 1 : 0],
      ['async_loading', 0],
      ['current_cow_peak', 0],
      ['rdb_changes_since_last_save', this.keyspace.dirty],
      ['rdb_bgsave_in_progress', 0],
      ['rdb_last_save_time', Math.floor(this.stats.startedAt / 1000)],
      ['rdb_last_bgsave_status', 'ok'],
      ['aof_enabled', aof.enabled ? 1 : 0],
      ['aof_rewrite_in_progress', aof.rewriting ? 1 : 0],
      ['aof_rewrite_scheduled', 0],
      ['aof_last_rewrite_time_sec', aof.stats.lastRewriteMs < 0 ? -1 : Math.round(aof.stats.lastRewriteMs / 1000)],
      ['aof_last_bgrewrite_status', aof.stats.lastRewriteStatus],
      ['aof_rewrites', aof.stats.rewrites],
      ['aof_last_write_status', aof.stats.lastWriteStatus],
    ];
    if (aof.enabled) {
      fields.push(['aof_current_size', aof.size], ['aof_base_size', aof.baseSize], ['aof_fsync_policy', this.config.appendfsync]);
    }
    return fields;
  }

  private statsFields(): Fields {
    const server = this.server.stats();
    const channels = new Set<string>();
    const patterns = new Set<string>();
    for (const connection of this.server.connections()) {
      const state = connection.get(ClientState);
      for (const channel of state.channels) channels.add(channel);
      for (const pattern of state.patterns) patterns.add(pattern);
    }
    return [
      ['total_connections_received', server.accepted],
      ['total_commands_processed', this.stats.commandsProcessed],
      ['instantaneous_ops_per_sec', this.stats.opsPerSecond],
      ['total_net_input_bytes', server.bytesIn - this.stats.netInputAtReset],
      ['total_net_output_bytes', server.bytesOut - this.stats.netOutputAtReset],
      ['rejected_connections', server.rejected],
      ['expired_keys', this.keyspace.stats.expiredKeys],
      ['evicted_keys', 0],
      ['keyspace_hits', this.keyspace.stats.keyspaceHits],
      ['keyspace_misses', this.keyspace.stats.keyspaceMisses],
      ['pubsub_channels', channels.size],
      ['pubsub_patterns', patterns.size],
      ['total_auth_failures', this.stats.authFailures],
      ['paused_connections', server.paused],
      ['pending_output_bytes', server.pendingOutputBytes],
    ];
  }

  private keyspaceFields(): Fields {
    const fields: Array<readonly [string, string]> = [];
    for (let db = 0; db < this.keyspace.databases; db++) {
      const table = this.keyspace.table(db);
      if (table.size === 0) continue;
      fields.push([`db${db}`, `keys=${table.size},expires=${table.volatileCount},avg_ttl=0`]);
    }
    return fields;
  }
}

function human(bytes: number): string {
  const units = ['B', 'K', 'M', 'G', 'T'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return unit === 0 ? `${bytes}B` : `${value.toFixed(2)}${units[unit]}`;
}
