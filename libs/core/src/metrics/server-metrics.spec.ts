import { Registry } from 'prom-client';
import { range, map } from 'rxjs';
import { linesCodec } from '@weir/codecs';
import { Handle, Plugin } from '../plugin';
import type { ServerEvent } from '../server-events';
import type { ServerOptions } from '../server-options';
import { collectingClient, deferred, listen, nextEvent, RawPeer, until, type Listening } from '../testing/harness';
import { metricsMiddleware } from './metrics-middleware';
import { serveMetrics, type MetricsEndpoint } from './serve-metrics';
import { serverMetrics } from './server-metrics';
import { pluginRoutes } from './service-metrics';
import { scrape } from './testing/scrape';

let gate = deferred();

@Plugin()
class Sample {
  @Handle('echo')
  echo(line: string): string {
    return line.slice(5);
  }

  @Handle('later')
  async later(): Promise<string> {
    await new Promise((resolve) => setImmediate(resolve));
    return 'later';
  }

  @Handle('count')
  count(line: string) {
    return range(1, Number(line.split(' ')[1])).pipe(map(String));
  }

  @Handle('boom')
  boom(): string {
    throw new Error('boom');
  }

  @Handle('quiet')
  quiet(): void {}

  @Handle('hold')
  async hold(): Promise<string> {
    await gate.promise;
    return 'held';
  }
}

function options(extra: Partial<ServerOptions<string, string>> = {}): ServerOptions<string, string> {
  return {
    codec: linesCodec({ maxLineBytes: 128 }),
    plugins: [Sample],
    route: (line) => line.split(' ')[0] ?? '',
    middleware: [metricsMiddleware({ routes: pluginRoutes([Sample]) })],
    replies: {
      handlerError: () => 'ERR failed',
      unknownRoute: (line) => `ERR unknown ${line}`,
      protocolError: (error) => `ERR ${error.code}`,
      rejected: (reason) => `ERR ${reason}`,
    },
    ...extra,
  };
}

type CloseEvent = Extract<ServerEvent, { type: 'connection-close' }>;

describe('serverMetrics, scraped over HTTP', () => {
  let service: Listening<string, string>;
  let endpoint: MetricsEndpoint;
  const closes: CloseEvent[] = [];

  beforeEach(async () => {
    gate = deferred();
    closes.length = 0;
    service = await listen(options({ maxConnections: 2, backpressure: { maxInFlight: 2 } }));
    service.server.events$.subscribe((event) => event.type === 'connection-close' && closes.push(event));
    const registry = new Registry();
    serverMetrics(service.server, registry);
    endpoint = await serveMetrics(0, registry);
  });

  afterEach(async () => {
    await service.server.close(100);
    await endpoint.close();
  });

  it('counts messages, replies, errors and handler time by route', async () => {
    const client = await collectingClient(service.port, linesCodec());
    for (const line of ['echo a', 'echo b', 'echo c', 'later', 'later', 'count 3', 'boom', 'quiet', 'nope 1', 'nope 2']) {
      client.connection.send(line);
    }
    // 3 echoes, 2 laters, 3 counts, the error reply and 2 unknown-route replies.
    await client.waitFor(11);

    const metrics = await scrape(endpoint.url);
    expect(metrics.status).toBe(200);
    expect(metrics.contentType).toContain('text/plain');
    const byRoute = (name: string) => Object.fromEntries(metrics.all(name).map((s) => [s.labels.route, s.value]));
    expect(byRoute('weir_messages_total')).toEqual({ echo: 3, later: 2, count: 1, boom: 1, quiet: 1, '(other)': 2 });
    expect(byRoute('weir_replies_total')).toEqual({ echo: 3, later: 2, count: 3, boom: 0, quiet: 0, '(other)': 2 });
    expect(byRoute('weir_handler_errors_total')).toEqual({ echo: 0, later: 0, count: 0, boom: 1, quiet: 0, '(other)': 0 });

    // The histogram: one observation per message, cumulative buckets, +Inf equal to the count.
    expect(metrics.value('weir_handler_duration_seconds_count', { route: 'echo' })).toBe(3);
    expect(metrics.value('weir_handler_duration_seconds_count', { route: 'later' })).toBe(2);
    expect(metrics.value('weir_handler_duration_seconds_bucket', { route: 'echo', le: '+Inf' })).toBe(3);
    expect(metrics.value('weir_handler_duration_seconds_sum', { route: 'later' })).toBeGreaterThan(0);
    const buckets = metrics.all('weir_handler_duration_seconds_bucket').filter((s) => s.labels.route === 'count').map((s) => s.value);
    expect(buckets).toEqual([...buckets].sort((a, b) => a - b));

    expect(metrics.value('weir_connections')).toBe(1);
    expect(metrics.value('weir_connections_accepted_total')).toBe(1);
    // Its handlers never resolved a connection-scoped service, so it has no container.
    expect(metrics.value('weir_connection_containers')).toBe(0);
    await client.destroy();
  });

  it('counts rejections, protocol errors, pauses, close reasons and bytes, and falls back to 0 open', async () => {
    const client = await collectingClient(service.port, linesCodec());
    client.connection.send('echo one');
    await client.waitFor(1);

    // A line over the 128-byte limit: a fatal protocol error, then the close.
    const offender = await RawPeer.open(service.port);
    const protocolClose = nextEvent(service.server, 'connection-close', (e) => e.reason.kind === 'protocol-error');
    offender.write(`${'x'.repeat(300)}\n`);
    await protocolClose;

    // Two open (the limit): the third is refused.
    const second = await RawPeer.open(service.port);
    const rejected = nextEvent(service.server, 'connection-rejected');
    const third = await RawPeer.open(service.port);
    await rejected;

    // Four slow messages in one write, two allowed in flight: reading pauses.
    const paused = nextEvent(service.server, 'paused');
    for (let i = 0; i < 4; i++) client.connection.send('hold');
    await paused;
    gate.resolve();
    await client.waitFor(5);

    const during = await scrape(endpoint.url);
    expect(during.value('weir_connections')).toBe(2);
    expect(during.value('weir_connections_rejected_total', { reason: 'max number of clients reached' })).toBe(1);
    expect(during.value('weir_protocol_errors_total', { code: 'FRAME_TOO_LONG' })).toBe(1);
    expect(during.value('weir_backpressure_pauses_total', { cause: 'in-flight' })).toBeGreaterThanOrEqual(1);
    expect(during.value('weir_backpressure_pauses_total', { cause: 'output' })).toBe(0);
    expect(during.value('weir_connections_closed_total', { reason: 'protocol-error' })).toBe(1);
    expect(during.value('weir_connections_closed_total', { reason: 'idle' })).toBe(0);
    // Bytes count while connections are open, not only once they close.
    const closedIn = closes.reduce((sum, e) => sum + e.bytesIn, 0);
    expect(during.value('weir_received_bytes_total')).toBeGreaterThanOrEqual(closedIn + 'echo one\n'.length + 4 * 'hold\n'.length);
    expect(during.value('weir_sent_bytes_total')).toBeGreaterThanOrEqual('one\n'.length + 4 * 'held\n'.length);

    await Promise.all([client.destroy(), second.destroy(), third.destroy(), offender.destroy()]);
    await until(() => service.server.connectionCount === 0 && closes.length === 3, 'every connection closed');

    const after = await scrape(endpoint.url);
    expect(after.value('weir_connections')).toBe(0);
    expect(after.value('weir_connection_containers')).toBe(0);
    expect(after.value('weir_connections_paused')).toBe(0);
    expect(after.value('weir_pending_output_bytes')).toBe(0);
    expect(after.value('weir_connections_accepted_total')).toBe(3);
    const closedTotal = after.all('weir_connections_closed_total').reduce((sum, s) => sum + s.value, 0);
    expect(closedTotal).toBe(3);
    // With every peer gone, the totals are what the sockets counted, summed over closed connections.
    const bytesIn = closes.reduce((sum, e) => sum + e.bytesIn, 0);
    const bytesOut = closes.reduce((sum, e) => sum + e.bytesOut, 0);
    expect(bytesIn).toBeGreaterThanOrEqual('echo one\n'.length + 301 + 4 * 'hold\n'.length);
    expect(after.value('weir_received_bytes_total')).toBe(bytesIn);
    expect(after.value('weir_sent_bytes_total')).toBe(bytesOut);
    expect(bytesOut).toBeGreaterThanOrEqual('one\n'.length + 4 * 'held\n'.length);
  });
});

describe('metrics of several servers in one process', () => {
  it('keeps each server in its own registry, counting only its own traffic', async () => {
    const a = await listen(options());
    const b = await listen(options());
    const registries = [new Registry(), new Registry()];
    serverMetrics(a.server, registries[0]);
    serverMetrics(b.server, registries[1]);
    const endpoints = await Promise.all(registries.map((registry) => serveMetrics(0, registry)));
    try {
      const client = await collectingClient(a.port, linesCodec());
      client.connection.send('echo x');
      client.connection.send('echo y');
      await client.waitFor(2);
      const [ofA, ofB] = await Promise.all(endpoints.map((e) => scrape(e.url)));
      expect(ofA.value('weir_messages_total', { route: 'echo' })).toBe(2);
      expect(ofA.value('weir_connections')).toBe(1);
      expect(ofB.all('weir_messages_total')).toEqual([]);
      expect(ofB.value('weir_connections')).toBe(0);
      await client.destroy();
    } finally {
      await Promise.all([a.server.close(100), b.server.close(100), ...endpoints.map((e) => e.close())]);
    }
  });
});

describe('route labels', () => {
  it('gives the first routes seen a label each, and counts the rest under (other)', async () => {
    const service = await listen(options({ middleware: [metricsMiddleware({ maxRoutes: 3 })] }));
    const registry = new Registry();
    serverMetrics(service.server, registry);
    const endpoint = await serveMetrics(0, registry);
    try {
      const client = await collectingClient(service.port, linesCodec());
      for (let i = 0; i < 10; i++) client.connection.send(`route${i}`);
      await client.waitFor(10);
      const metrics = await scrape(endpoint.url);
      const routes = metrics.all('weir_messages_total').map((s) => [s.labels.route, s.value]);
      expect(routes).toEqual([
        ['route0', 1],
        ['route1', 1],
        ['route2', 1],
        ['(other)', 7],
      ]);
      await client.destroy();
    } finally {
      await service.server.close(100);
      await endpoint.close();
    }
  });
});
