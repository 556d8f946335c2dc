import { Buffer } from 'node:buffer';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Redis, { type RedisOptions } from 'ioredis';
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

/** Starts kv on 127.0.0.1 and an ephemeral port, its AOF (off unless asked for) in a fresh temp directory. */
export async function startKv(settings: KvSettings = {}, setup: KvSetup = {}): Promise<RunningKv> {
  const dir = settings.dir ?? mkdtempSync(join(tmpdir(), 'kv-test-'));
  const service = await startService(await kvServerOptions({ appendonly: false, ...settings, dir }, setup), respClientCodec());
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
