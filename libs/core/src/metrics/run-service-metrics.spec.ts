import * as net from 'node:net';
import { linesCodec } from '@weir/codecs';
import { EXIT_CONFIG, runService, type RunningApp, type ServiceDefinition } from '../bootstrap/run-service';
import { Handle, Plugin } from '../plugin';
import { collectingClient } from '../testing/harness';
import { get, scrape } from './testing/scrape';

@Plugin()
class Shout {
  @Handle('message')
  shout(line: string): string {
    return line.toUpperCase();
  }
}

const demo: ServiceDefinition<Record<string, never>, string, string> = {
  name: 'demo',
  summary: 'A service for the metrics spec',
  defaultPort: 0,
  stateless: true,
  create: () => ({ codec: linesCodec(), plugins: [Shout] }),
};

describe('--metrics-port', () => {
  let app: RunningApp<string, string> | undefined;
  let exitCode: typeof process.exitCode;
  let stderr: jest.SpyInstance;
  const written = () => stderr.mock.calls.map((call: unknown[]) => String(call[0])).join('');

  beforeEach(() => {
    exitCode = process.exitCode;
    stderr = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
  });

  afterEach(async () => {
    await app?.stop();
    app = undefined;
    stderr.mockRestore();
    process.exitCode = exitCode;
  });

  it('is off unless given', async () => {
    app = await runService(demo, ['--log-level', 'silent'], {});
    expect(app?.metrics).toBeUndefined();
  });

  it('serves the app and process metrics, counting by the routes its plugins handle, until the app stops', async () => {
    app = await runService(demo, ['--log-level', 'silent', '--metrics-port', '0'], {});
    if (!app?.metrics) throw new Error('no metrics endpoint');
    const client = await collectingClient(app.address.port, linesCodec());
    for (const word of ['one', 'two', 'three']) client.connection.send(word);
    expect(await client.waitFor(3)).toEqual(['ONE', 'TWO', 'THREE']);

    const metrics = await scrape(app.metrics.url);
    expect(metrics.value('weir_connections')).toBe(1);
    expect(metrics.value('weir_messages_total', { route: 'message' })).toBe(3);
    expect(metrics.value('weir_replies_total', { route: 'message' })).toBe(3);
    expect(metrics.value('weir_handler_duration_seconds_count', { route: 'message' })).toBe(3);
    expect(metrics.value('process_resident_memory_bytes')).toBeGreaterThan(0);

    await client.destroy();
    const url = app.metrics.url;
    await app.stop();
    app = undefined;
    await expect(get(url)).rejects.toThrow(/ECONNREFUSED/);
  });

  it('takes the port from WEIR_<APP>_METRICS_PORT', async () => {
    app = await runService(demo, [], { WEIR_DEMO_METRICS_PORT: '0', WEIR_DEMO_LOG_LEVEL: 'silent' });
    expect(app?.metrics?.port).toBeGreaterThan(0);
    expect((await scrape(app?.metrics?.url ?? '')).value('weir_connections')).toBe(0);
  });

  it('exits with status 2 when the metrics port is taken', async () => {
    const holder = net.createServer();
    await new Promise<void>((resolve) => holder.listen(0, '127.0.0.1', resolve));
    const { port } = holder.address() as net.AddressInfo;
    try {
      app = await runService(demo, ['--log-level', 'silent', '--metrics-port', String(port)], {});
      expect(app).toBeUndefined();
      expect(process.exitCode).toBe(EXIT_CONFIG);
      expect(written()).toContain(`cannot serve metrics on 127.0.0.1:${port}: port ${port} is in use: pick another with --metrics-port`);
    } finally {
      await new Promise((resolve) => holder.close(resolve));
    }
  });

  it('refuses --workers with it, since each scrape would reach one worker', async () => {
    app = await runService(demo, ['--metrics-port', '0', '--workers', '2'], {});
    expect(app).toBeUndefined();
    expect(process.exitCode).toBe(EXIT_CONFIG);
    expect(written()).toContain('--metrics-port serves one process');
  });
});
