import * as net from 'node:net';
import { linesCodec } from '@weir/codecs';
import { Handle, Plugin } from '../plugin';
import { Requester } from '../requester';
import { connect } from '../client';
import { EXIT_CONFIG, runService, type ServiceDefinition } from './run-service';

const appFlags = { greeting: { type: 'string' as const, description: 'First words', default: 'hello' } };

@Plugin()
class Greeter {
  @Handle('message')
  greet(line: string): string {
    return `${greeting} ${line}`;
  }
}
let greeting = '';

const demo: ServiceDefinition<typeof appFlags, string, string> = {
  name: 'demo',
  summary: 'A service for the spec',
  defaultPort: 0,
  flags: appFlags,
  create: (config) => {
    greeting = config.greeting;
    return { codec: linesCodec(), plugins: [Greeter] };
  },
};

describe('runService', () => {
  let exitCode: typeof process.exitCode;
  let stdout: jest.SpyInstance;
  let stderr: jest.SpyInstance;
  const written = (spy: jest.SpyInstance) => spy.mock.calls.map((call: unknown[]) => String(call[0])).join('');

  beforeEach(() => {
    exitCode = process.exitCode;
    stdout = jest.spyOn(process.stdout, 'write').mockImplementation(() => true);
    stderr = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
  });
  afterEach(() => {
    process.exitCode = exitCode;
    stdout.mockRestore();
    stderr.mockRestore();
  });

  it('prints the help and starts nothing for --help', async () => {
    expect(await runService(demo, ['--help'], {})).toBeUndefined();
    expect(written(stdout)).toContain('demo: A service for the spec');
    expect(written(stdout)).toMatch(/--greeting <VALUE>\s+First words \(default: hello\)\s+\[WEIR_DEMO_GREETING\]/);
    expect(process.exitCode).toBe(exitCode);
  });

  it.each([
    [['--port', 'eighty'], "demo: --port: expected a number, got 'eighty'"],
    [['--port=-1'], 'demo: --port: expected a port from 0 to 65535'],
    [['--tls'], 'demo: --tls needs --cert <PATH> and --key <PATH> (PEM files)'],
    [['--workers', '4'], 'demo keeps its state in one process, so --workers 4 would split it'],
  ])('exits with status 2 and says why for %j', async (argv, message) => {
    expect(await runService(demo, argv, {})).toBeUndefined();
    expect(process.exitCode).toBe(EXIT_CONFIG);
    expect(process.exitCode).toBe(2);
    expect(written(stderr)).toContain(message);
  });

  it('exits with status 2 when the port is taken', async () => {
    const holder = net.createServer();
    await new Promise<void>((resolve) => holder.listen(0, '127.0.0.1', resolve));
    const { port } = holder.address() as net.AddressInfo;
    try {
      expect(await runService(demo, ['--port', String(port), '--log-level', 'silent'], {})).toBeUndefined();
      expect(process.exitCode).toBe(2);
      expect(written(stderr)).toContain(`port ${port} is in use: pick another with --port`);
    } finally {
      await new Promise((resolve) => holder.close(resolve));
    }
  });

  it('runs the service with its flags from argv and the environment, and stops it', async () => {
    const signals = [process.listenerCount('SIGTERM'), process.listenerCount('SIGINT')];
    const app = await runService(demo, ['--log-level', 'silent'], { WEIR_DEMO_GREETING: 'ahoy', WEIR_DEMO_PORT: '0' });
    if (!app) throw new Error('the service did not start');
    expect(app.address.port).toBeGreaterThan(0);
    const client = await connect({ port: app.address.port, codec: linesCodec() });
    expect(await new Requester(client).request('sailor')).toBe('ahoy sailor');
    await app.stop();
    expect(app.server.connectionCount).toBe(0);
    // The signal handlers go with the server, so a process may run services one after another.
    expect([process.listenerCount('SIGTERM'), process.listenerCount('SIGINT')]).toEqual(signals);
    expect(process.exitCode).toBe(exitCode);
  });
});
