/** The codecs a generated service can speak, by their `--codec` names. */
export const CODEC_NAMES = ['lines', 'json-lines', 'length-prefixed', 'raw', 'resp'] as const;

export type CodecName = (typeof CODEC_NAMES)[number];

/** What the generators need to know about a codec; the code itself lives in files/<generator>/<codec>/. */
export interface CodecProfile {
  readonly name: CodecName;
  /** The `@weir/codecs` factory a service calls; the plugin generator recognises a service's codec by it. */
  readonly factory: string;
  /** One line for the service's --help. */
  readonly summary: string;
  /** The route key of the example plugin a new service gets. */
  readonly exampleRoute: string;
  /** How to try the service by hand, shown after it is generated. */
  tryIt(port: number): string;
  /** Raw TCP has no message boundaries, so every chunk has this one route key. */
  readonly onlyRoute?: string;
  /** The route key for `--routes=<given>`: RESP routes on the upper-cased command name, as Redis does. */
  routeKey(given: string): string;
  /** The route key used when `--routes` is not given, from the plugin's kebab-case name. */
  defaultRoute(pluginName: string): string;
}

const asGiven = (route: string) => route;
const constantCase = (name: string) => name.replace(/-/g, '_').toUpperCase();

const PROFILES: Readonly<Record<CodecName, CodecProfile>> = {
  lines: {
    name: 'lines',
    factory: 'linesCodec',
    summary: 'a line protocol: one command a line, routed by its first word',
    exampleRoute: 'PING',
    tryIt: (port) => `nc 127.0.0.1 ${port} and type PING`,
    routeKey: asGiven,
    defaultRoute: constantCase,
  },
  'json-lines': {
    name: 'json-lines',
    factory: 'jsonLinesCodec',
    summary: 'JSON lines: one object a line, routed by its type field',
    exampleRoute: 'ping',
    tryIt: (port) => `nc 127.0.0.1 ${port} and type {"type":"ping"}`,
    routeKey: asGiven,
    defaultRoute: (name) => name,
  },
  'length-prefixed': {
    name: 'length-prefixed',
    factory: 'lengthPrefixedCodec',
    summary: 'length-prefixed frames, routed by the first word of each frame',
    exampleRoute: 'PING',
    tryIt: (port) => `send a frame holding PING (a 4-byte big-endian length, then the bytes) to 127.0.0.1:${port}`,
    routeKey: asGiven,
    defaultRoute: constantCase,
  },
  raw: {
    name: 'raw',
    factory: 'rawCodec',
    summary: 'raw bytes: every chunk goes to one handler',
    exampleRoute: 'message',
    tryIt: (port) => `nc 127.0.0.1 ${port} and type anything: it comes back`,
    onlyRoute: 'message',
    routeKey: asGiven,
    defaultRoute: () => 'message',
  },
  resp: {
    name: 'resp',
    factory: 'respServerCodec',
    summary: 'the Redis protocol (RESP): commands routed by name',
    exampleRoute: 'PING',
    tryIt: (port) => `redis-cli -p ${port} PING (or nc 127.0.0.1 ${port} and type PING)`,
    routeKey: (route) => route.toUpperCase(),
    defaultRoute: constantCase,
  },
};

export function isCodecName(value: unknown): value is CodecName {
  return typeof value === 'string' && (CODEC_NAMES as readonly string[]).includes(value);
}

export function codecProfile(name: CodecName): CodecProfile {
  return PROFILES[name];
}

/** The codec whose factory is `factory` (`linesCodec` → lines), if it is one of ours. */
export function codecByFactory(factory: string): CodecName | undefined {
  return CODEC_NAMES.find((name) => PROFILES[name].factory === factory);
}
