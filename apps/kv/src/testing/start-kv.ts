import { Buffer } from 'node:buffer';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Redis, { type RedisOptions } from 'ioredis';
import type { IdlePolicy } from '@weir/core';
import { startService, type RunningService, type TestClient } from '@weir/testing';
import { respClientCodec, type RespCommand, type RespReply, type RespRequest } from '@weir/codecs';
import type { KvSettings } from '../kv-config';
import { kvServerOptions, type KvSetup } from '../kv-server';

/** A raw RESP client: replies as typed values, for byte-exact checks. */
export type RawClient = TestClient<RespReply, RespRequest>;

export interface RunningKv {
  readonly port: number;
  readonly dir: string;
  readonly service: RunningService<RespCommand, RespReply, RespReply, RespRequest>;
  /** An ioredis client (closed by stop()). */
  redis(options?: RedisOptions): Redis;
  /** A raw RESP client on the server. */
  raw(): Promise<RawClient>;
  /** Stops the server; the directory stays unless `removeDir`. */
  stop(removeDir?: boolean): Promise<void>;
}

/** For `redis()`: a client that never reconnects, so a server's close shows instead of being retried. */
export const NO_RETRY: RedisOptions = { retryStrategy: () => null };

/** What the running app's flags add to the server (`--idle-timeout MS` sets `idle`). */
export interface KvServing {
  readonly idle?: IdlePolicy<RespCommand, RespReply>;
}

/** Starts kv on 127.0.0.1 and an ephemeral port, its AOF (off unless asked for) in a fresh temp directory. */
export async function startKv(settings: KvSettings = {}, setup: KvSetup = {}, serving: KvServing = {}): Promise<RunningKv> {
  const dir = settings.dir ?? mkdtempSync(join(tmpdir(), 'kv-test-'));
  const options = await kvServerOptions({ appendonly: false, ...settings, dir }, setup);
  const service = await startService({ ...options, ...serving }, respClientCodec());
  const clients: Redis[] = [];
  return {
    port: service.port,
    dir,
    service,
    redis(options = {}) {
      const client = new Redis({ port: service.port, host: '127.0.0.1', maxRetriesPerRequest: 0, ...options });
      client.on('error', () => undefined);
      clients.push(client);
      return client;
    },
    raw: () => service.client(),
    async stop(removeDir = true) {
      for (const client of clients) client.disconnect();
      await service.close();
      if (removeDir) rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Sends one command on a raw client and gives its reply. */
export async function call(client: RawClient, ...args: Array<string | Buffer | number>): Promise<RespReply> {
  return client.request(args);
}
