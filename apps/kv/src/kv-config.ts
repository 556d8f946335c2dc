/** How the AOF reaches the disk: fsync after every write, once a second, or when the OS likes. */
export type AppendFsync = 'always' | 'everysec' | 'no';

/** The settings kv starts with (flags), all optional for tests. */
export interface KvSettings {
  readonly dir?: string;
  readonly appendonly?: boolean;
  readonly appendfsync?: AppendFsync;
  readonly appendfilename?: string;
  readonly requirepass?: string;
  readonly maxclients?: number;
  readonly protoMaxBulkLen?: number;
  readonly databases?: number;
  readonly autoAofRewritePercentage?: number;
  readonly autoAofRewriteMinSize?: number;
  readonly port?: number;
  readonly bind?: string;
  /** Unread reply bytes past which a client is disconnected (Redis's pub/sub hard limit, 32 MB). */
  readonly clientOutputLimit?: number;
}

/**
 * kv's live configuration: what the flags set and CONFIG SET may change. One
 * instance per server, on its root container; services read it on each use,
 * so a CONFIG SET takes effect at once.
 */
export class KvConfig {
  dir: string;
  appendonly: boolean;
  appendfsync: AppendFsync;
  readonly appendfilename: string;
  requirepass: string;
  maxclients: number;
  protoMaxBulkLen: number;
  readonly databases: number;
  autoAofRewritePercentage: number;
  autoAofRewriteMinSize: number;
  readonly port: number;
  readonly bind: string;
  readonly clientOutputLimit: number;
  /**
   * Settings Redis has that kv accepts and reports back but does not act on
   * (encoding thresholds, save points...): CONFIG GET/SET round-trips them.
   */
  readonly inert = new Map<string, string>();

  constructor(settings: KvSettings = {}) {
    this.dir = settings.dir ?? './data/kv';
    this.appendonly = settings.appendonly ?? true;
    this.appendfsync = settings.appendfsync ?? 'everysec';
    this.appendfilename = settings.appendfilename ?? 'appendonly.aof';
    this.requirepass = settings.requirepass ?? '';
    this.maxclients = settings.maxclients ?? 10000;
    this.protoMaxBulkLen = settings.protoMaxBulkLen ?? 512 * 1024 * 1024;
    this.databases = settings.databases ?? 16;
    this.autoAofRewritePercentage = settings.autoAofRewritePercentage ?? 100;
    this.autoAofRewriteMinSize = settings.autoAofRewriteMinSize ?? 64 * 1024 * 1024;
    this.port = settings.port ?? 0;
    this.bind = settings.bind ?? '127.0.0.1';
    this.clientOutputLimit = settings.clientOutputLimit ?? 32 * 1024 * 1024;
  }
}
