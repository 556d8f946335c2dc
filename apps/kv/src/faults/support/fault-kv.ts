import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Redis from 'ioredis';
import type { Logger } from 'pino';
import type { IdlePolicy } from '@weir/core';
import { respClientCodec, type RespCommand, type RespReply, type RespRequest } from '@weir/codecs';
import { startService, type RunningService } from '@weir/testing';
import type { KvSettings } from '../../kv-config';
import { kvServerOptions } from '../../kv-server';

export interface FaultKv {
  readonly port: number;
  readonly service: RunningService<RespCommand, RespReply, RespReply, RespRequest>;
  /** An ioredis client that never retries, so a failure shows instead of waiting (closed by stop()). */
  redis(): Redis;
  stop(): Promise<void>;
}

export interface FaultKvOptions {
  readonly logger: Logger;
  readonly settings?: KvSettings;
  /** What `--idle-timeout MS` sets in the kv process (runService merges it under the app's options). */
  readonly idle?: IdlePolicy<RespCommand, RespReply>;
}

/**
 * kv in this process on 127.0.0.1 and an ephemeral port, logging into the
 * given logger, with the AOF off and its directory a fresh temp one.
 */
export async function startFaultKv(options: FaultKvOptions): Promise<FaultKv> {
  const dir = mkdtempSync(join(tmpdir(), 'kv-fault-'));
  const serverOptions = await kvServerOptions({ appendonly: false, ...options.settings, dir }, { logger: options.logger });
  const service = await startService({ ...serverOptions, idle: options.idle }, respClientCodec());
  const clients: Redis[] = [];
  return {
    port: service.port,
    service,
    redis() {
      const client = new Redis({ port: service.port, host: '127.0.0.1', maxRetriesPerRequest: 0, retryStrategy: () => null });
      client.on('error', () => undefined);
      clients.push(client);
      return client;
    },
    async stop() {
      for (const client of clients) if (client.status !== 'end') client.disconnect();
      await service.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
