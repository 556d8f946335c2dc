import { ConfigError, type FlagSpecs, type ServiceDefinition } from '@weir/core';
import type { RespCommand, RespReply } from '@weir/codecs';
import { AofCorruptError } from './aof/aof-loader';
import type { AppendFsync } from './kv-config';
import { kvServerOptions } from './kv-server';

export const KV_DEFAULT_PORT = 6380;

const yesNo = (value: string) => (/^(yes|no)$/i.test(value) ? undefined : `expected yes or no, got '${value}'`);
const positive = (value: number) => (Number.isInteger(value) && value > 0 ? undefined : `expected a whole number above 0, got ${value}`);

export const kvFlags = {
  dir: { type: 'string', description: 'Directory of the append-only file', default: './data/kv', value: 'PATH' },
  appendonly: { type: 'string', description: 'Log every write to the append-only file: yes or no', default: 'yes', value: 'yes|no', validate: yesNo },
  appendfsync: {
    type: 'string',
    description: 'When the AOF reaches the disk: always (before the reply), everysec or no',
    default: 'everysec',
    value: 'POLICY',
    validate: (value: string) => (['always', 'everysec', 'no'].includes(value) ? undefined : `expected always, everysec or no, got '${value}'`),
  },
  requirepass: { type: 'string', description: 'Password clients must give with AUTH or HELLO (empty: none)', default: '', value: 'PASSWORD' },
  maxclients: { type: 'number', description: 'Refuse connections past this many', default: 10000, validate: positive },
  'proto-max-bulk-len': { type: 'number', description: 'Largest string a client may send, in bytes', default: 512 * 1024 * 1024, validate: positive },
  databases: { type: 'number', description: 'Number of databases (SELECT 0..N-1)', default: 16, validate: positive },
} as const satisfies FlagSpecs;

export const kvService: ServiceDefinition<typeof kvFlags, RespCommand, RespReply> = {
  name: 'kv',
  summary: 'a Redis-compatible key-value store (RESP2/RESP3, AOF persistence)',
  defaultPort: KV_DEFAULT_PORT,
  flags: kvFlags,
  async create(config, logger) {
    try {
      return await kvServerOptions(
        {
          dir: config.dir,
          appendonly: config.appendonly.toLowerCase() === 'yes',
          appendfsync: config.appendfsync as AppendFsync,
          requirepass: config.requirepass,
          maxclients: config.maxclients,
          protoMaxBulkLen: config.protoMaxBulkLen,
          databases: config.databases,
          port: config.port,
          bind: config.host,
        },
        { logger },
      );
    } catch (error) {
      if (error instanceof AofCorruptError) throw new ConfigError(error.message);
      throw error;
    }
  },
  started(server) {
    // SHUTDOWN closes the server from inside; the process ends with it.
    server.events$.subscribe((event) => {
      if (event.type === 'closed') process.exit(0);
    });
  },
};
