import { inject } from 'tsyringe';
import { Plugin, WeirServer, type AnyConnection, type OnConnect, type OnServerStart, type OnServerStop } from '@weir/core';
import type { RespCommand, RespReply } from '@weir/codecs';
import { AppendOnlyFile } from '../aof/append-only-file';
import { ActiveExpiry } from '../keyspace/active-expiry';
import { Keyspace } from '../keyspace/keyspace';
import { KvConfig } from '../kv-config';
import { MAX_CLIENTS } from '../reply/errors';
import { err } from '../reply/replies';
import { ServerStats } from '../server-stats';

/**
 * What runs beside the commands: the active expiry cycle, the ops/sec
 * sampler, maxclients (which CONFIG SET can lower below the server's fixed
 * limit), and on stop the AOF's last flush and fsync. Not part of the AOF
 * loader's server, which only replays commands.
 */
@Plugin({ name: 'lifecycle' })
export class LifecyclePlugin implements OnServerStart, OnServerStop, OnConnect {
  private readonly expiry: ActiveExpiry;
  private sampler: NodeJS.Timeout | undefined;

  constructor(
    @inject(Keyspace) keyspace: Keyspace,
    @inject(AppendOnlyFile) private readonly aof: AppendOnlyFile,
    @inject(KvConfig) private readonly config: KvConfig,
    @inject(ServerStats) private readonly stats: ServerStats,
    @inject(WeirServer) private readonly server: WeirServer<RespCommand, RespReply>,
  ) {
    this.expiry = new ActiveExpiry(keyspace);
  }

  onServerStart(): void {
    this.expiry.start();
    this.sampler = setInterval(() => this.stats.sample(), 100);
    this.sampler.unref();
  }

  onServerStop(): void {
    this.expiry.stop();
    if (this.sampler) clearInterval(this.sampler);
    this.aof.close();
  }

  onConnect(connection: AnyConnection): void {
    if (this.server.connectionCount > this.config.maxclients) {
      // After the server has finished opening it: closing from inside the open
      // (this hook) reaches the socket before the server holds the connection.
      queueMicrotask(() => connection.close({ kind: 'rejected', detail: 'maxclients' }, err(MAX_CLIENTS)));
    }
  }
}
