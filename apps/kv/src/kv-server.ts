import * as fs from 'node:fs';
import pino, { type Logger } from 'pino';
import { CLOCK, createServer, systemClock, type Clock, type PluginClass, type ServerOptions } from '@weir/core';
import { respServerCodec, type RespCommand, type RespReply } from '@weir/codecs';
import { AppendOnlyFile } from './aof/append-only-file';
import { aofMiddleware } from './aof/aof-middleware';
import { loadAof } from './aof/aof-loader';
import { MemoryLink } from './aof/memory-link';
import { Propagation } from './aof/propagation';
import { ClientState } from './client-state';
import { CommandExecutor, routeOf } from './commands/command-executor';
import { commandGate } from './commands/command-gate';
import { InfoReport } from './info/info-report';
import { Keyspace } from './keyspace/keyspace';
import { KvConfig, type KvSettings } from './kv-config';
import { ClientPlugin } from './plugins/client.plugin';
import { CommandPlugin } from './plugins/command.plugin';
import { ConfigPlugin } from './plugins/config.plugin';
import { ConnectionPlugin } from './plugins/connection.plugin';
import { CountersPlugin } from './plugins/counters.plugin';
import { ExpiryPlugin } from './plugins/expiry.plugin';
import { HashesPlugin } from './plugins/hashes.plugin';
import { KeysPlugin } from './plugins/keys.plugin';
import { LifecyclePlugin } from './plugins/lifecycle.plugin';
import { ListsPlugin } from './plugins/lists.plugin';
import { PubSub } from './plugins/pubsub-hub';
import { PubSubPlugin } from './plugins/pubsub.plugin';
import { ServerPlugin } from './plugins/server.plugin';
import { SetsPlugin } from './plugins/sets.plugin';
import { StringsPlugin } from './plugins/strings.plugin';
import { TransactionsPlugin } from './plugins/transactions.plugin';
import { ZSetsPlugin } from './plugins/zsets.plugin';
import { errorReply } from './reply/kv-error';
import { unknownCommand } from './reply/errors';
import { err } from './reply/replies';
import { ServerStats } from './server-stats';

/** The plugins that answer commands; the AOF loader's server runs these and nothing else. */
export const KV_COMMAND_PLUGINS: readonly PluginClass[] = [
  ConnectionPlugin,
  ClientPlugin,
  ServerPlugin,
  ConfigPlugin,
  CommandPlugin,
  TransactionsPlugin,
  StringsPlugin,
  CountersPlugin,
  KeysPlugin,
  ExpiryPlugin,
  HashesPlugin,
  ListsPlugin,
  SetsPlugin,
  ZSetsPlugin,
  PubSubPlugin,
];

export interface KvSetup {
  readonly logger?: Logger;
  /** A controllable clock for tests (expiry); the system clock otherwise. */
  readonly clock?: Clock;
}

/**
 * The kv server's options: the shared services (configuration, keyspace,
 * AOF), the command plugins behind the command gate and the AOF middleware.
 * With the AOF on, its file is replayed first, through the same plugins, so
 * the server starts with the data; a corrupt file rejects with AofCorruptError.
 */
export async function kvServerOptions(settings: KvSettings = {}, setup: KvSetup = {}): Promise<ServerOptions<RespCommand, RespReply>> {
  const config = new KvConfig(settings);
  const logger = setup.logger ?? pino({ level: 'silent' });
  const clock = setup.clock ?? systemClock;
  const keyspace = new Keyspace(config, clock);
  const aof = new AppendOnlyFile(config, keyspace, logger);
  const propagation = new Propagation(aof, keyspace);
  const options = (plugins: readonly PluginClass[]): ServerOptions<RespCommand, RespReply> => ({
    codec: respServerCodec({ maxBulkLength: config.protoMaxBulkLen }),
    route: routeOf,
    plugins,
    middleware: [commandGate(), aofMiddleware()],
    providers: [
      { provide: KvConfig, useValue: config },
      { provide: CLOCK, useValue: clock },
      { provide: Keyspace, useValue: keyspace },
      { provide: AppendOnlyFile, useValue: aof },
      { provide: Propagation, useValue: propagation },
      CommandExecutor,
      PubSub,
      ServerStats,
      InfoReport,
    ],
    connectionScoped: [ClientState],
    replies: {
      unknownRoute: (command) => unknownCommand(command),
      handlerError: (error) => errorReply(error),
      protocolError: (error) => err(`ERR ${error.message}`),
      rejected: (reason) => err(`ERR ${reason}`),
    },
    logger,
    maxConnections: config.maxclients,
    // A client that does not read its replies is cut off past this many bytes.
    // Normal clients rarely get near it: reading pauses at the high-water mark.
    backpressure: { maxPendingOutputBytes: config.clientOutputLimit },
  });
  if (config.appendonly) {
    removeStaleRewrites(config.dir);
    await replay(options(KV_COMMAND_PLUGINS), aof, keyspace, logger);
    aof.open();
  }
  return options([...KV_COMMAND_PLUGINS, LifecyclePlugin]);
}

/** Replays the AOF through a server of its own, as one client that is always authenticated. */
async function replay(options: ServerOptions<RespCommand, RespReply>, aof: AppendOnlyFile, keyspace: Keyspace, logger: Logger): Promise<void> {
  const server = createServer(options);
  await server.start();
  const link = new MemoryLink();
  const connection = server.open(link, { remoteAddress: 'aof', remotePort: 0 });
  link.onDestroy = () => connection.linkClosed();
  connection.get(ClientState).authenticated = true;
  keyspace.loading = true;
  const started = Date.now();
  try {
    const result = loadAof(aof.path, { run: (commands) => (connection.receive(commands), link.take()) }, logger);
    if (result.commands > 0) {
      logger.info({ path: aof.path, commands: result.commands, keys: keyspace.totalKeys, ms: Date.now() - started }, 'AOF loaded');
    }
  } finally {
    keyspace.loading = false;
    connection.destroy({ kind: 'closed', detail: 'AOF loaded' });
    await server.close(0);
  }
}

/** Temp files of rewrites a crash interrupted: the AOF itself was never touched, so they are garbage. */
function removeStaleRewrites(dir: string): void {
  if (!fs.existsSync(dir)) return;
  for (const name of fs.readdirSync(dir)) {
    if (name.startsWith('temp-rewriteaof-')) fs.rmSync(`${dir}/${name}`, { force: true });
  }
}
