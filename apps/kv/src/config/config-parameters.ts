import type { AppendFsync, KvConfig } from '../kv-config';

/** One CONFIG parameter: how to read it and how to change it (an error text, or undefined when done). */
export interface ConfigParameter {
  readonly name: string;
  get(config: KvConfig): string;
  /** Checks a value without applying it; an error text if it is not acceptable. */
  check(value: string): string | undefined;
  /** Applies a checked value; absent for parameters fixed at start. */
  apply?(config: KvConfig, value: string): void;
}

const INTEGER = /^-?\d+$/;
const MEMORY = /^(\d+)(k|kb|m|mb|g|gb)?$/i;
const MEMORY_UNITS: Record<string, number> = { k: 1e3, kb: 1024, m: 1e6, mb: 1024 ** 2, g: 1e9, gb: 1024 ** 3 };

const integer = (min: number) => (value: string) =>
  INTEGER.test(value) && Number(value) >= min ? undefined : "argument couldn't be parsed into an integer";
const memory = (value: string) => (MEMORY.test(value) ? undefined : 'argument must be a memory value');
const oneOf = (choices: readonly string[]) => (value: string) =>
  choices.includes(value.toLowerCase()) ? undefined : `argument(s) must be one of the following: ${choices.join(', ')}`;
const yesNo = (value: string) => (/^(yes|no)$/i.test(value) ? undefined : "argument must be 'yes' or 'no'");
const anything = () => undefined;

export function parseMemory(value: string): number {
  const match = MEMORY.exec(value) as RegExpExecArray;
  return Number(match[1]) * (match[2] ? MEMORY_UNITS[match[2].toLowerCase()] : 1);
}

function live(name: string, get: (c: KvConfig) => string | number, check: (v: string) => string | undefined, apply: (c: KvConfig, v: string) => void): ConfigParameter {
  return { name, get: (c) => String(get(c)), check, apply };
}

function fixed(name: string, get: (c: KvConfig) => string | number): ConfigParameter {
  return { name, get: (c) => String(get(c)), check: () => "can't set immutable config" };
}

/** Accepted and reported back, with no effect: encoding thresholds, save points and the like. */
function inert(name: string, initial: string, check: (v: string) => string | undefined, alias?: string): ConfigParameter {
  const key = alias ?? name;
  return {
    name,
    get: (c) => c.inert.get(key) ?? initial,
    check,
    apply: (c, v) => void c.inert.set(key, v),
  };
}

/** Every parameter CONFIG GET shows and CONFIG SET may change. */
export const CONFIG_PARAMETERS: readonly ConfigParameter[] = [
  live('requirepass', (c) => c.requirepass, anything, (c, v) => (c.requirepass = v)),
  live('maxclients', (c) => c.maxclients, integer(1), (c, v) => (c.maxclients = Number(v))),
  live('appendfsync', (c) => c.appendfsync, oneOf(['everysec', 'always', 'no']), (c, v) => (c.appendfsync = v.toLowerCase() as AppendFsync)),
  // The AOF plugin watches this one: turning it on starts a rewrite, off closes the file.
  live('appendonly', (c) => (c.appendonly ? 'yes' : 'no'), yesNo, (c, v) => (c.appendonly = v.toLowerCase() === 'yes')),
  live('proto-max-bulk-len', (c) => c.protoMaxBulkLen, memory, (c, v) => (c.protoMaxBulkLen = parseMemory(v))),
  live('auto-aof-rewrite-percentage', (c) => c.autoAofRewritePercentage, integer(0), (c, v) => (c.autoAofRewritePercentage = Number(v))),
  live('auto-aof-rewrite-min-size', (c) => c.autoAofRewriteMinSize, memory, (c, v) => (c.autoAofRewriteMinSize = parseMemory(v))),
  fixed('databases', (c) => c.databases),
  fixed('dir', (c) => c.dir),
  fixed('appendfilename', (c) => c.appendfilename),
  fixed('port', (c) => c.port),
  fixed('bind', (c) => c.bind),
  inert('save', '', anything),
  inert('hz', '10', integer(1)),
  inert('maxmemory', '0', memory),
  inert('maxmemory-policy', 'noeviction', oneOf(['volatile-lru', 'allkeys-lru', 'volatile-lfu', 'allkeys-lfu', 'volatile-random', 'allkeys-random', 'volatile-ttl', 'noeviction'])),
  inert('timeout', '0', integer(0)),
  inert('tcp-keepalive', '300', integer(0)),
  inert('loglevel', 'notice', oneOf(['debug', 'verbose', 'notice', 'warning', 'nothing'])),
  inert('notify-keyspace-events', '', anything),
  inert('slowlog-log-slower-than', '10000', integer(-1)),
  inert('slowlog-max-len', '128', integer(0)),
  inert('lazyfree-lazy-user-flush', 'no', yesNo),
  inert('activerehashing', 'yes', yesNo),
  inert('aof-use-rdb-preamble', 'no', yesNo),
  inert('aof-load-truncated', 'yes', yesNo),
  inert('client-output-buffer-limit', 'normal 0 0 0 slave 268435456 67108864 60 pubsub 33554432 8388608 60', anything),
  inert('hash-max-listpack-entries', '128', integer(0)),
  inert('hash-max-ziplist-entries', '128', integer(0), 'hash-max-listpack-entries'),
  inert('hash-max-listpack-value', '64', integer(0)),
  inert('hash-max-ziplist-value', '64', integer(0), 'hash-max-listpack-value'),
  inert('list-max-listpack-size', '-2', integer(-5)),
  inert('list-max-ziplist-size', '-2', integer(-5), 'list-max-listpack-size'),
  inert('list-compress-depth', '0', integer(0)),
  inert('set-max-intset-entries', '512', integer(0)),
  inert('set-max-listpack-entries', '128', integer(0)),
  inert('set-max-listpack-value', '64', integer(0)),
  inert('zset-max-listpack-entries', '128', integer(0)),
  inert('zset-max-ziplist-entries', '128', integer(0), 'zset-max-listpack-entries'),
  inert('zset-max-listpack-value', '64', integer(0)),
  inert('zset-max-ziplist-value', '64', integer(0), 'zset-max-listpack-value'),
  inert('stream-node-max-bytes', '4096', memory),
  inert('stream-node-max-entries', '100', integer(0)),
];

const BY_NAME = new Map(CONFIG_PARAMETERS.map((p) => [p.name, p]));

export function configParameter(name: string): ConfigParameter | undefined {
  return BY_NAME.get(name.toLowerCase());
}
