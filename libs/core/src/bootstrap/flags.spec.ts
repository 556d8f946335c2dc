import { commonFlags } from './common-flags';
import { ConfigError, envName, helpText, parseFlags, type FlagSpecs } from './flags';

const specs = {
  ...commonFlags(7000),
  greeting: { type: 'string', description: 'What to say first', default: 'hello' },
  verbose: { type: 'boolean', description: 'Say more' },
  'max-rooms': { type: 'number', description: 'Rooms at most', value: 'N' },
} satisfies FlagSpecs;

// commonFlags() is typed as FlagSpecs, which erases its keys from the parsed
// type; runService casts to CommonConfig for the same reason.
const parse = (argv: string[], env: NodeJS.ProcessEnv = {}) => parseFlags('chat', specs, argv, env) as Record<string, unknown>;

const configError = (act: () => unknown): ConfigError => {
  try {
    act();
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('expected a ConfigError');
};

describe('parseFlags', () => {
  it('takes defaults when nothing is given', () => {
    const config = parse([]);
    expect(config).toMatchObject({
      help: false,
      port: 7000,
      host: '127.0.0.1',
      logLevel: 'info',
      tls: false,
      maxConnections: 10000,
      idleTimeout: 0,
      shutdownGrace: 5000,
      workers: 1,
      greeting: 'hello',
    });
    expect(config.cert).toBeUndefined();
    expect(config.maxRooms).toBeUndefined();
  });

  it('reads argv, in camelCase, with numbers and booleans typed', () => {
    const config = parse(['--port', '7001', '--max-connections', '5', '--tls', '--greeting=hey', '--max-rooms', '3', '--verbose']);
    expect(config).toMatchObject({ port: 7001, maxConnections: 5, tls: true, greeting: 'hey', maxRooms: 3, verbose: true });
  });

  it('falls back to WEIR_<APP>_<FLAG> variables, and argv wins over them', () => {
    const env = { WEIR_CHAT_PORT: '7002', WEIR_CHAT_MAX_ROOMS: '9', WEIR_CHAT_TLS: 'yes', WEIR_CHAT_VERBOSE: 'off' };
    expect(parse([], env)).toMatchObject({ port: 7002, maxRooms: 9, tls: true, verbose: false });
    expect(parse(['--port', '7003'], env).port).toBe(7003);
    expect(envName('kv', 'max-connections')).toBe('WEIR_KV_MAX_CONNECTIONS');
  });

  it('sees --help', () => {
    expect(parse(['--help']).help).toBe(true);
  });

  it.each([
    [['--port', 'abc'], "--port: expected a number, got 'abc'"],
    [['--port', '70000'], '--port: expected a port from 0 to 65535 (0 = any free port), got 70000'],
    [['--max-connections', '0'], '--max-connections: expected a whole number above 0, got 0'],
    [['--idle-timeout', '1.5'], '--idle-timeout: expected a whole number, 0 or more, got 1.5'],
    [['--log-level', 'loud'], "--log-level: unknown log level 'loud'"],
    [['--cert', '/nonexistent/cert.pem'], "--cert: cannot read '/nonexistent/cert.pem': check the path and its permissions"],
  ])('refuses %j with an actionable ConfigError', (argv, message) => {
    expect(configError(() => parse(argv)).message).toBe(message);
  });

  it('refuses bad values from the environment too', () => {
    expect(configError(() => parse([], { WEIR_CHAT_VERBOSE: 'maybe' })).message).toBe("--verbose: expected true or false, got 'maybe'");
    expect(configError(() => parse([], { WEIR_CHAT_PORT: '' })).message).toBe("--port: expected a number, got ''");
  });

  it('refuses unknown flags and stray arguments, pointing at --help', () => {
    expect(configError(() => parse(['--prot', '1'])).message).toMatch(/--prot.*Run with --help to see the flags\.$/);
    expect(configError(() => parse(['stray'])).message).toMatch(/Run with --help/);
    expect(configError(() => parse(['--port'])).message).toMatch(/Run with --help/);
  });
});

describe('helpText', () => {
  const text = helpText('chat', 'An IRC server', specs);

  it('lists every flag with its default and environment variable', () => {
    for (const flag of Object.keys(specs)) {
      expect(text).toMatch(new RegExp(`^  --${flag}\\b.*\\[${envName('chat', flag)}\\]$`, 'm'));
    }
    expect(text).toMatch(/^ {2}--port <N>\s+TCP port to listen on \(0 = any free port\) \(default: 7000\)/m);
    expect(text).toMatch(/^ {2}--cert <PATH>\s+TLS certificate chain \(PEM\)\s+\[WEIR_CHAT_CERT\]$/m);
    expect(text).toMatch(/^ {2}--verbose\s+Say more\s+\[WEIR_CHAT_VERBOSE\]$/m);
    expect(text).toMatch(/^ {2}--help\s+Show this help and exit$/m);
  });

  it('starts with the app and its summary, then usage', () => {
    expect(text.split('\n').slice(0, 3)).toEqual(['chat: An IRC server', '', 'Usage: npm run chat -- [flags]']);
  });
});
