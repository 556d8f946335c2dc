import * as http from 'node:http';
import { Counter, Registry } from 'prom-client';
import { serveMetrics } from './serve-metrics';
import { get, parseExposition } from './testing/scrape';

describe('serveMetrics', () => {
  it('serves the registry at /metrics on 127.0.0.1, and nothing else', async () => {
    const registry = new Registry();
    new Counter({ name: 'demo_total', help: 'A demo', registers: [registry] }).inc(3);
    const endpoint = await serveMetrics(0, registry);
    try {
      expect(endpoint.url).toBe(`http://127.0.0.1:${endpoint.port}/metrics`);
      const ok = await get(endpoint.url);
      expect(ok.status).toBe(200);
      expect(ok.contentType).toBe(registry.contentType);
      expect(parseExposition(ok.text)).toEqual([{ name: 'demo_total', labels: {}, value: 3 }]);
      expect((await get(`http://127.0.0.1:${endpoint.port}/`)).status).toBe(404);
      expect((await get(endpoint.url, 'POST')).status).toBe(405);
      const head = await get(endpoint.url, 'HEAD');
      expect([head.status, head.text]).toEqual([200, '']);
    } finally {
      await endpoint.close();
    }
  });

  it('closes at once even with a scraper holding a keep-alive connection', async () => {
    const endpoint = await serveMetrics(0, new Registry());
    const agent = new http.Agent({ keepAlive: true });
    await new Promise<void>((resolve, reject) =>
      http.get(endpoint.url, { agent }, (response) => response.resume().on('end', resolve)).on('error', reject),
    );
    await endpoint.close();
    agent.destroy();
    await expect(get(endpoint.url)).rejects.toThrow(/ECONNREFUSED/);
  });

  it('refuses a port in use', async () => {
    const first = await serveMetrics(0, new Registry());
    try {
      await expect(serveMetrics(first.port, new Registry())).rejects.toThrow(/EADDRINUSE/);
    } finally {
      await first.close();
    }
  });
});
